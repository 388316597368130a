// SPDX-License-Identifier: Apache-2.0 AND MIT
// Java port of VQF (https://github.com/dlaidig/vqf), Copyright (c) 2021 Daniel Laidig, MIT; see NOTICE.

package dev.backbeat.core.math;

/**
 * Arithmetic on 3×3 matrices stored row-major in a {@code double[9]}, for hot paths that must not
 * allocate (the orientation filter's bias Kalman filter and magnetic offset fit).
 */
public final class Matrix3 {

    private Matrix3() {
    }

    /** {@code out = a · b}; {@code out} must be distinct from both. */
    public static void multiply(double[] a, double[] b, double[] out) {
        for (int row = 0; row < 3; row++) {
            double a0 = a[3 * row], a1 = a[3 * row + 1], a2 = a[3 * row + 2];
            out[3 * row] = a0 * b[0] + a1 * b[3] + a2 * b[6];
            out[3 * row + 1] = a0 * b[1] + a1 * b[4] + a2 * b[7];
            out[3 * row + 2] = a0 * b[2] + a1 * b[5] + a2 * b[8];
        }
    }

    /** {@code out = a · bᵀ}; {@code out} must be distinct from both. */
    public static void multiplyByTransposed(double[] a, double[] b, double[] out) {
        for (int row = 0; row < 3; row++) {
            double a0 = a[3 * row], a1 = a[3 * row + 1], a2 = a[3 * row + 2];
            out[3 * row] = a0 * b[0] + a1 * b[1] + a2 * b[2];
            out[3 * row + 1] = a0 * b[3] + a1 * b[4] + a2 * b[5];
            out[3 * row + 2] = a0 * b[6] + a1 * b[7] + a2 * b[8];
        }
    }

    /** Inverts {@code m} in place via its adjugate (no check for singularity). */
    public static void invertInPlace(double[] m) {
        double m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7], m8 = m[8];
        double c0 = m4 * m8 - m5 * m7;
        double c3 = m5 * m6 - m3 * m8;
        double c6 = m3 * m7 - m4 * m6;
        double inverseDeterminant = 1.0 / (m0 * c0 + m1 * c3 + m2 * c6);
        m[0] = c0 * inverseDeterminant;
        m[1] = (m2 * m7 - m1 * m8) * inverseDeterminant;
        m[2] = (m1 * m5 - m2 * m4) * inverseDeterminant;
        m[3] = c3 * inverseDeterminant;
        m[4] = (m0 * m8 - m2 * m6) * inverseDeterminant;
        m[5] = (m2 * m3 - m0 * m5) * inverseDeterminant;
        m[6] = c6 * inverseDeterminant;
        m[7] = (m1 * m6 - m0 * m7) * inverseDeterminant;
        m[8] = (m0 * m4 - m1 * m3) * inverseDeterminant;
    }

    public static void setIdentity(double[] m) {
        m[0] = 1; m[1] = 0; m[2] = 0;
        m[3] = 0; m[4] = 1; m[5] = 0;
        m[6] = 0; m[7] = 0; m[8] = 1;
    }

    /** {@code out = m · (x, y, z)}; {@code out} may be any array of at least three elements. */
    public static void multiply(double[] m, double x, double y, double z, double[] out) {
        out[0] = m[0] * x + m[1] * y + m[2] * z;
        out[1] = m[3] * x + m[4] * y + m[5] * z;
        out[2] = m[6] * x + m[7] * y + m[8] * z;
    }
}
