// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StandingGyroscopeOffsetTest {

    private static final double RATE_HZ = 100;

    /** {@code seconds} of samples: gyroscope offset + noise + {@code rate(t)} about y; gravity turning with it. */
    private static double[][] recording(double seconds, double[] offset, java.util.function.DoubleUnaryOperator rateAboutY) {
        int n = (int) (seconds * RATE_HZ);
        double[] gyroscope = new double[3 * n];
        double[] accelerometer = new double[3 * n];
        Random random = new Random(9);
        double angle = 0;
        for (int index = 0; index < n; index++) {
            double rate = rateAboutY.applyAsDouble(index / RATE_HZ);
            angle += rate / RATE_HZ;
            gyroscope[3 * index] = offset[0] + 0.0005 * random.nextGaussian();
            gyroscope[3 * index + 1] = offset[1] + rate + 0.0005 * random.nextGaussian();
            gyroscope[3 * index + 2] = offset[2] + 0.0005 * random.nextGaussian();
            accelerometer[3 * index] = 9.81 * Math.cos(angle) + 0.03 * random.nextGaussian();
            accelerometer[3 * index + 1] = 0.03 * random.nextGaussian();
            accelerometer[3 * index + 2] = 9.81 * Math.sin(angle) + 0.03 * random.nextGaussian();
        }
        return new double[][] {gyroscope, accelerometer};
    }

    @Test
    void measure_stillStandWithBreathing_findsTheOffsetFarBeyondTheFiltersClip() {
        double[] offset = {Math.toRadians(12), Math.toRadians(-7), Math.toRadians(3)};
        // breathing rocks the chest by about 0.2 °/s
        double[][] data = recording(5, offset, time -> Math.toRadians(0.2) * Math.sin(2 * Math.PI * time / 5));
        double[] measured = StandingGyroscopeOffset.measure(data[0], data[1], RATE_HZ);
        assertNotNull(measured);
        for (int axis = 0; axis < 3; axis++) {
            assertEquals(Math.toDegrees(offset[axis]), Math.toDegrees(measured[axis]), 0.1, "axis " + axis);
        }
    }

    @Test
    void measure_slowSteadyRotation_isNotMistakenForAnOffset() {
        // 3 °/s the whole time: the rate barely varies, but gravity turns by 1.5° per window
        double[][] data = recording(10, new double[3], time -> Math.toRadians(3));
        assertNull(StandingGyroscopeOffset.measure(data[0], data[1], RATE_HZ));
    }

    @Test
    void measure_noStillStretch_returnsNull() {
        double[][] data = recording(10, new double[3], time -> Math.toRadians(20) * Math.sin(2 * Math.PI * time / 4));
        assertNull(StandingGyroscopeOffset.measure(data[0], data[1], RATE_HZ));
    }

    @Test
    void subtract_null_changesNothing() {
        double[] gyroscope = {1, 2, 3, 4, 5, 6};
        StandingGyroscopeOffset.subtract(gyroscope, null);
        assertEquals(6, gyroscope[5]);
        StandingGyroscopeOffset.subtract(gyroscope, new double[] {1, 1, 1});
        assertEquals(5, gyroscope[5]);
        assertEquals(0, gyroscope[0]);
    }
}
