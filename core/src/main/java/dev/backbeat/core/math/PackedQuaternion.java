// SPDX-License-Identifier: Apache-2.0 AND MIT
// Java port of VQF (https://github.com/dlaidig/vqf), Copyright (c) 2021 Daniel Laidig, MIT; see NOTICE.

package dev.backbeat.core.math;

/**
 * {@link Quaternion} arithmetic on quaternions packed as (w, x, y, z) into a {@code double[]} at an
 * offset, for hot paths that must not allocate (the orientation filter, whole-recording estimates
 * stored as interleaved arrays). Same conventions as {@link Quaternion}: scalar first, {@code q}
 * rotates frame-S vectors into frame E, composition {@code q_AC = q_AB ⊗ q_BC}.
 */
public final class PackedQuaternion {

    /** Below this half step angle the sine and cosine of a rotation step use their Taylor series. */
    private static final double SMALL_HALF_ANGLE_RADIANS = 0.05;

    private PackedQuaternion() {
    }

    /** Writes the identity at {@code q[i..i+3]}. */
    public static void setIdentity(double[] q, int i) {
        q[i] = 1;
        q[i + 1] = 0;
        q[i + 2] = 0;
        q[i + 3] = 0;
    }

    /** {@code out[o..o+3] = a[ai..] ⊗ b[bi..]}; {@code out} must not overlap either input. */
    public static void multiply(double[] a, int ai, double[] b, int bi, double[] out, int o) {
        double aw = a[ai], ax = a[ai + 1], ay = a[ai + 2], az = a[ai + 3];
        double bw = b[bi], bx = b[bi + 1], by = b[bi + 2], bz = b[bi + 3];
        out[o] = aw * bw - ax * bx - ay * by - az * bz;
        out[o + 1] = aw * bx + ax * bw + ay * bz - az * by;
        out[o + 2] = aw * by - ax * bz + ay * bw + az * bx;
        out[o + 3] = aw * bz + ax * by - ay * bx + az * bw;
    }

    /** {@code out = q ⊗ v ⊗ q*}; {@code out} may be the array the components of {@code v} came from. */
    public static void rotate(double w, double x, double y, double z, double vx, double vy, double vz, double[] out) {
        double tx = 2 * (y * vz - z * vy);
        double ty = 2 * (z * vx - x * vz);
        double tz = 2 * (x * vy - y * vx);
        out[0] = vx + w * tx + (y * tz - z * ty);
        out[1] = vy + w * ty + (z * tx - x * tz);
        out[2] = vz + w * tz + (x * ty - y * tx);
    }

    /** As {@link #rotate(double, double, double, double, double, double, double, double[])} for {@code q[i..i+3]}. */
    public static void rotate(double[] q, int i, double vx, double vy, double vz, double[] out) {
        rotate(q[i], q[i + 1], q[i + 2], q[i + 3], vx, vy, vz, out);
    }

    /** Scales {@code q[i..i+3]} to unit norm. */
    public static void normalize(double[] q, int i) {
        double w = q[i], x = q[i + 1], y = q[i + 2], z = q[i + 3];
        double inverseNorm = 1.0 / Math.sqrt(w * w + x * x + y * y + z * z);
        q[i] = w * inverseNorm;
        q[i + 1] = x * inverseNorm;
        q[i + 2] = y * inverseNorm;
        q[i + 3] = z * inverseNorm;
    }

    /**
     * Strapdown integration of one angular rate sample (rad/s, in the frame {@code q} rotates from)
     * over {@code periodSeconds}: {@code q ← q ⊗ exp(ω T / 2)}, renormalised; no change for a zero
     * rate. Small steps use the Taylor series of sine and cosine.
     */
    public static void integrate(double[] q, int i, double rateX, double rateY, double rateZ, double periodSeconds) {
        double rateSquared = rateX * rateX + rateY * rateY + rateZ * rateZ;
        if (rateSquared == 0) {
            return;
        }
        double halfPeriod = 0.5 * periodSeconds;
        double halfAngleSquared = rateSquared * halfPeriod * halfPeriod;
        double cosine;
        double sineOverRate; // sin(|ω| T/2) / |ω|
        if (halfAngleSquared < SMALL_HALF_ANGLE_RADIANS * SMALL_HALF_ANGLE_RADIANS) {
            double h2 = halfAngleSquared;
            cosine = 1 - h2 / 2 * (1 - h2 / 12 * (1 - h2 / 30 * (1 - h2 / 56)));
            sineOverRate = halfPeriod * (1 - h2 / 6 * (1 - h2 / 20 * (1 - h2 / 42 * (1 - h2 / 72))));
        } else {
            double rate = Math.sqrt(rateSquared);
            double halfAngle = rate * halfPeriod;
            cosine = Math.cos(halfAngle);
            sineOverRate = Math.sin(halfAngle) / rate;
        }
        double sw = cosine;
        double sx = sineOverRate * rateX;
        double sy = sineOverRate * rateY;
        double sz = sineOverRate * rateZ;
        double qw = q[i], qx = q[i + 1], qy = q[i + 2], qz = q[i + 3];
        q[i] = qw * sw - qx * sx - qy * sy - qz * sz;
        q[i + 1] = qw * sx + qx * sw + qy * sz - qz * sy;
        q[i + 2] = qw * sy - qx * sz + qy * sw + qz * sx;
        q[i + 3] = qw * sz + qx * sy - qy * sx + qz * sw;
        normalize(q, i);
    }

    /**
     * {@code out[o..o+3]} = the rotation about the earth z axis by {@code angleRadians}, applied
     * after {@code q[i..i+3]} (heading offset δ: {@code δ ⊗ q}); {@code out} may be {@code q}.
     */
    public static void rotateAboutVertical(double[] q, int i, double angleRadians, double[] out, int o) {
        double half = 0.5 * angleRadians;
        double c = Math.cos(half);
        double s = Math.sin(half);
        double w = q[i], x = q[i + 1], y = q[i + 2], z = q[i + 3];
        out[o] = c * w - s * z;
        out[o + 1] = c * x - s * y;
        out[o + 2] = c * y + s * x;
        out[o + 3] = c * z + s * w;
    }

    /** Row-major rotation matrix of the unit quaternion {@code q[i..i+3]}. */
    public static void toRotationMatrix(double[] q, int i, double[] r) {
        double w = q[i], x = q[i + 1], y = q[i + 2], z = q[i + 3];
        r[0] = 1 - 2 * (y * y + z * z);
        r[1] = 2 * (x * y - w * z);
        r[2] = 2 * (x * z + w * y);
        r[3] = 2 * (x * y + w * z);
        r[4] = 1 - 2 * (x * x + z * z);
        r[5] = 2 * (y * z - w * x);
        r[6] = 2 * (x * z - w * y);
        r[7] = 2 * (y * z + w * x);
        r[8] = 1 - 2 * (x * x + y * y);
    }
}
