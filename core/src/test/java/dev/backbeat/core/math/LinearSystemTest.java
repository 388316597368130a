// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LinearSystemTest {

    @Test
    void solve_systemNeedingAPivot_givesTheSolution() {
        // the first pivot is zero: only row swapping solves it
        double[] matrix = {0, 2, 1, 1, 1, 1, 2, 1, 3};
        double[] x = {1, -2, 3};
        double[] right = new double[3];
        for (int row = 0; row < 3; row++) {
            for (int column = 0; column < 3; column++) {
                right[row] += matrix[3 * row + column] * x[column];
            }
        }
        assertArrayEquals(x, LinearSystem.solve(matrix, right), 1e-12);
    }

    @Test
    void solve_singularSystem_isNull() {
        assertNull(LinearSystem.solve(new double[] {1, 2, 2, 4}, new double[] {1, 2}));
    }

    @Test
    void solve_inputs_areLeftUnchanged() {
        double[] matrix = {4, 1, 1, 3};
        double[] right = {1, 2};
        LinearSystem.solve(matrix, right);
        assertArrayEquals(new double[] {4, 1, 1, 3}, matrix);
        assertArrayEquals(new double[] {1, 2}, right);
    }

    @Test
    void solve_matrixOfTheWrongSize_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> LinearSystem.solve(new double[3], new double[2]));
    }
}
