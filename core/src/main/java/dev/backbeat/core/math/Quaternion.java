// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.math;

/**
 * An immutable rotation quaternion, scalar first: {@code w + xi + yj + zk}.
 *
 * <p>Convention throughout Backbeat: a quaternion {@code q} describing the orientation of a frame
 * S relative to a frame E rotates coordinates from S into E, {@code v_E = q ⊗ v_S ⊗ q*}
 * ({@link #rotate(Vector3)}); composition {@code q_AC = q_AB ⊗ q_BC} ({@link #times(Quaternion)}).
 * Hot paths (the orientation filter) work on primitive doubles instead of this class.
 */
public record Quaternion(double w, double x, double y, double z) {

    public static final Quaternion IDENTITY = new Quaternion(1, 0, 0, 0);

    /** The rotation by {@code angleRadians} about {@code axis} (need not be unit length; zero axis gives identity). */
    public static Quaternion fromAxisAngle(Vector3 axis, double angleRadians) {
        double norm = axis.norm();
        if (norm == 0 || angleRadians == 0) {
            return IDENTITY;
        }
        double half = 0.5 * angleRadians;
        double scale = Math.sin(half) / norm;
        return new Quaternion(Math.cos(half), axis.x() * scale, axis.y() * scale, axis.z() * scale);
    }

    /** The rotation whose axis is the direction of {@code rotationVector} and whose angle (radians) is its length. */
    public static Quaternion fromRotationVector(Vector3 rotationVector) {
        return fromAxisAngle(rotationVector, rotationVector.norm());
    }

    /** Hamilton product {@code this ⊗ other}. */
    public Quaternion times(Quaternion o) {
        return new Quaternion(
                w * o.w - x * o.x - y * o.y - z * o.z,
                w * o.x + x * o.w + y * o.z - z * o.y,
                w * o.y - x * o.z + y * o.w + z * o.x,
                w * o.z + x * o.y - y * o.x + z * o.w);
    }

    public Quaternion conjugate() {
        return new Quaternion(w, -x, -y, -z);
    }

    public double norm() {
        return Math.sqrt(w * w + x * x + y * y + z * z);
    }

    public Quaternion normalized() {
        double norm = norm();
        return new Quaternion(w / norm, x / norm, y / norm, z / norm);
    }

    /** Rotates {@code v} by this (unit) quaternion: {@code q ⊗ v ⊗ q*}. */
    public Vector3 rotate(Vector3 v) {
        // t = 2 (q_vec × v); v' = v + w t + q_vec × t
        double tx = 2 * (y * v.z() - z * v.y());
        double ty = 2 * (z * v.x() - x * v.z());
        double tz = 2 * (x * v.y() - y * v.x());
        return new Vector3(
                v.x() + w * tx + (y * tz - z * ty),
                v.y() + w * ty + (z * tx - x * tz),
                v.z() + w * tz + (x * ty - y * tx));
    }

    /** Rotates {@code v} by the inverse of this (unit) quaternion: {@code q* ⊗ v ⊗ q}. */
    public Vector3 inverseRotate(Vector3 v) {
        return conjugate().rotate(v);
    }

    /** The rotation vector (axis × angle in radians, angle in [0, π]) of this unit quaternion. */
    public Vector3 toRotationVector() {
        double sign = w < 0 ? -1 : 1;
        double vectorNorm = Math.sqrt(x * x + y * y + z * z);
        if (vectorNorm < 1e-12) {
            return new Vector3(2 * sign * x, 2 * sign * y, 2 * sign * z);
        }
        double angle = 2 * Math.atan2(vectorNorm, sign * w);
        double scale = sign * angle / vectorNorm;
        return new Vector3(x * scale, y * scale, z * scale);
    }

    /** The rotation angle in radians, in [0, π]. */
    public double angleRadians() {
        double vectorNorm = Math.sqrt(x * x + y * y + z * z);
        return 2 * Math.atan2(vectorNorm, Math.abs(w));
    }

    /**
     * Spherical linear interpolation from this (unit) quaternion ({@code fraction} 0) to {@code other}
     * ({@code fraction} 1), along the shorter arc.
     */
    public Quaternion slerp(Quaternion other, double fraction) {
        double dot = w * other.w + x * other.x + y * other.y + z * other.z;
        double sign = dot < 0 ? -1 : 1;
        dot *= sign;
        double from;
        double to;
        if (dot > 0.9995) {
            from = 1 - fraction;
            to = fraction * sign;
        } else {
            double angle = Math.acos(dot);
            double sine = Math.sin(angle);
            from = Math.sin((1 - fraction) * angle) / sine;
            to = Math.sin(fraction * angle) / sine * sign;
        }
        return new Quaternion(from * w + to * other.w, from * x + to * other.x, from * y + to * other.y,
                from * z + to * other.z).normalized();
    }

    public boolean isFinite() {
        return Double.isFinite(w) && Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z);
    }
}
