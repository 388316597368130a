// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.math;

/** Small dense linear systems: the normal equations of the analysis' least-squares fits. */
public final class LinearSystem {

    /** A pivot smaller than this in magnitude makes the system singular. */
    static final double SINGULAR_PIVOT = 1e-12;

    private LinearSystem() {
    }

    /**
     * Solves {@code matrix · x = right} by Gaussian elimination with partial pivoting; the inputs are
     * left unchanged.
     *
     * @param matrix n × n, row by row
     * @param right n values
     * @return x, or null when the system is singular
     */
    public static double[] solve(double[] matrix, double[] right) {
        int n = right.length;
        if (matrix.length != n * n) {
            throw new IllegalArgumentException("matrix has " + matrix.length + " entries, not " + n + " × " + n);
        }
        double[] a = matrix.clone();
        double[] b = right.clone();
        for (int column = 0; column < n; column++) {
            int pivot = column;
            for (int row = column + 1; row < n; row++) {
                if (Math.abs(a[n * row + column]) > Math.abs(a[n * pivot + column])) {
                    pivot = row;
                }
            }
            if (Math.abs(a[n * pivot + column]) < SINGULAR_PIVOT) {
                return null;
            }
            for (int k = 0; k < n; k++) {
                double swap = a[n * column + k];
                a[n * column + k] = a[n * pivot + k];
                a[n * pivot + k] = swap;
            }
            double swap = b[column];
            b[column] = b[pivot];
            b[pivot] = swap;
            for (int row = column + 1; row < n; row++) {
                double factor = a[n * row + column] / a[n * column + column];
                for (int k = column; k < n; k++) {
                    a[n * row + k] -= factor * a[n * column + k];
                }
                b[row] -= factor * b[column];
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = b[row];
            for (int k = row + 1; k < n; k++) {
                sum -= a[n * row + k] * x[k];
            }
            x[row] = sum / a[n * row + row];
        }
        return x;
    }
}
