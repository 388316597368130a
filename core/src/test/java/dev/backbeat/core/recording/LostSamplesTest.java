// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.SensorTrack;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LostSamplesTest {

    private static final double RATE_HZ = 100;

    /** A track with a sample at each of {@code times}: gyroscope x = 10 × time, accelerometer z = 9.81 + time. */
    private static SensorTrack track(double[] times) {
        SensorTrack.Builder builder = new SensorTrack.Builder(SensorPosition.UPPER);
        for (double time : times) {
            builder.add(new double[] {time, 10 * time, 0, 0, 0, 0, 9.81 + time});
        }
        return builder.build();
    }

    private static double[] ticks(int count, double periodSeconds) {
        double[] times = new double[count];
        for (int index = 0; index < count; index++) {
            times[index] = index * periodSeconds;
        }
        return times;
    }

    /** {@code times} without the samples at {@code lost}. */
    private static double[] without(double[] times, int... lost) {
        double[] kept = new double[times.length - lost.length];
        int next = 0;
        for (int index = 0, skip = 0; index < times.length; index++) {
            if (skip < lost.length && lost[skip] == index) {
                skip++;
            } else {
                kept[next++] = times[index];
            }
        }
        return kept;
    }

    @Test
    void fill_samplesLostOneAndThreeAtATime_putsInterpolatedSamplesInTheirSlots() {
        double[] complete = ticks(50, 1 / RATE_HZ);
        LostSamples grid = LostSamples.fill(track(without(complete, 10, 30, 31, 32)), RATE_HZ);
        assertEquals(4, grid.filledCount());
        assertEquals(50, grid.gridSampleCount());
        assertEquals(9, grid.gridIndex(9));
        assertEquals(11, grid.gridIndex(10));
        assertEquals(33, grid.gridIndex(29));
        assertEquals(49, grid.gridIndex(45));
        // the signals are linear in time, so the filled samples are what the lost ones were
        for (int slot = 0; slot < 50; slot++) {
            assertEquals(10 * complete[slot], grid.gyroscopeInterleaved()[3 * slot], 1e-4, "gyroscope at " + slot);
            assertEquals(9.81 + complete[slot], grid.accelerometerInterleaved()[3 * slot + 2], 1e-4, "accelerometer at " + slot);
        }
    }

    @Test
    void fill_timestampsJitteredByAThirdOfAPeriod_fillsNothing() {
        Random random = new Random(7);
        double[] times = ticks(6000, 1 / RATE_HZ);
        for (int index = 1; index < times.length; index++) {
            times[index] += (random.nextDouble() - 0.5) * 0.66 / RATE_HZ;
        }
        assertEquals(0, LostSamples.fill(track(times), RATE_HZ).filledCount());
    }

    @Test
    void fill_clockSlowOrFastBy200PartsPerMillionOverTenMinutes_fillsNothing() {
        // ten minutes at 100 Hz drift by 12 periods from a grid that would not follow the clock
        for (double error : new double[] {200e-6, -200e-6}) {
            double[] times = ticks(60_000, 1 / RATE_HZ * (1 + error));
            assertEquals(0, LostSamples.fill(track(times), RATE_HZ).filledCount(), "clock error " + error);
        }
    }

    @Test
    void fill_gap_staysAGapAndTheGridStartsAgainAfterIt() {
        double[] times = ticks(200, 1 / RATE_HZ);
        for (int index = 100; index < times.length; index++) {
            times[index] += 2.0037; // two seconds lost, and the clock a third of a period off after them
        }
        LostSamples grid = LostSamples.fill(track(without(times, 150)), RATE_HZ);
        assertEquals(1, grid.filledCount());
        assertEquals(200, grid.gridSampleCount());
        assertEquals(100, grid.gridIndex(100));
        assertEquals(151, grid.gridIndex(150));
    }
}
