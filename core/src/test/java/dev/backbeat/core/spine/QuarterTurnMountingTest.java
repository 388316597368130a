// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuarterTurnMountingTest {

    /** A second at 100 Hz of a still sensor measuring up as {@code (x, y, z)}. */
    private static double[] still(double x, double y, double z) {
        double[] accelerometer = new double[300];
        for (int index = 0; index < 100; index++) {
            accelerometer[3 * index] = x;
            accelerometer[3 * index + 1] = y;
            accelerometer[3 * index + 2] = z;
        }
        return accelerometer;
    }

    @Test
    void quarterTurns_upWithin45DegreesOfX_isZeroSoNothingChanges() {
        // a strap sitting 20° off in the back's plane, tilted 30° (high on the back)
        double tilt = Math.toRadians(30);
        double inPlane = Math.toRadians(20);
        assertEquals(0, QuarterTurnMounting.quarterTurns(still(9.81 * Math.cos(tilt) * Math.cos(inPlane),
                9.81 * Math.cos(tilt) * Math.sin(inPlane), 9.81 * Math.sin(tilt)), 100));
        assertEquals(0, QuarterTurnMounting.quarterTurns(still(9.81 * Math.cos(inPlane), -9.81 * Math.sin(inPlane), 0), 100));
    }

    @Test
    void turn_byTheQuarterTurnsFound_bringsUpToX() {
        double[][] ups = {{-9.6, 1.5, 2.0}, {1.5, 9.6, 2.0}, {-1.5, -9.6, 2.0}};
        for (double[] up : ups) {
            double[] accelerometer = still(up[0], up[1], up[2]);
            QuarterTurnMounting.turn(accelerometer, QuarterTurnMounting.quarterTurns(accelerometer, 100));
            assertEquals(9.6, accelerometer[0], 1e-9, "up " + up[0] + ", " + up[1]);
            assertEquals(-1.5, accelerometer[1], 1e-9, "a turn keeps the rest of the vector: y");
            assertEquals(2.0, accelerometer[2], 1e-9);
        }
    }

    @Test
    void turn_fourQuarterTurns_isTheIdentity() {
        double[] vectors = {1, 2, 3, -4, 5, -6};
        double[] turned = vectors.clone();
        for (int turn = 0; turn < 4; turn++) {
            QuarterTurnMounting.turn(turned, 1);
        }
        assertArrayEquals(vectors, turned);
        QuarterTurnMounting.turn(turned, 1);
        assertArrayEquals(new double[] {-2, 1, 3, -5, -4, -6}, turned);
    }
}
