// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.strap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeOrderedMergeTest {

    private static final List<SensorPosition> SENSORS = List.of(SensorPosition.UPPER, SensorPosition.LOWER);
    private static final double PERIOD = 0.01;

    private final List<String> out = new ArrayList<>();
    private final StrapSampleSink sink = (sensor, sample) -> out.add(sensor.label() + " " + Math.round(sample.timeSeconds() * 1000));

    @Test
    void oneSensorReadBeforeTheOther_isInterleavedByTime_upperFirstOnEqualTimes() {
        TimeOrderedMerge merge = merge(1.0);
        for (int tick = 1; tick <= 3; tick++) {
            merge.add(0, sample(tick * PERIOD), sink);
        }
        for (int tick = 1; tick <= 3; tick++) {
            merge.add(1, sample(tick * PERIOD - 0.005 * (tick % 2)), sink);
        }
        merge.releaseTo(sink);
        assertEquals(List.of("lower 5", "upper 10", "upper 20", "lower 20", "lower 25"), out); // upper 30 waits
    }

    @Test
    void sampleAheadOfTheOtherSensor_waitsForItsNextDrain() {
        TimeOrderedMerge merge = merge(1.0);
        merge.add(0, sample(0.010), sink);
        merge.add(0, sample(0.020), sink);
        merge.add(1, sample(0.005), sink);
        merge.releaseTo(sink);
        assertEquals(List.of("lower 5"), out); // lower may still send anything before 5 + 4.5 ms
        merge.add(1, sample(0.015), sink);
        merge.releaseTo(sink);
        assertEquals(List.of("lower 5", "upper 10", "lower 15"), out);
        merge.releaseAllTo(sink);
        assertEquals(List.of("lower 5", "upper 10", "lower 15", "upper 20"), out);
    }

    @Test
    void sensorThatStopped_holdsTheOtherOnlyForTheBound() {
        TimeOrderedMerge merge = merge(0.095);
        merge.add(1, sample(0.001), sink);
        for (int tick = 1; tick <= 20; tick++) {
            merge.add(0, sample(tick * PERIOD), sink);
            merge.releaseTo(sink);
        }
        // released when the newest upper sample is 0.095 s later than it
        assertEquals(11, out.size());
        assertEquals("upper 100", out.get(out.size() - 1));
        assertEquals(10, merge.releasedByBound());
    }

    @Test
    void gap_releasesTheOtherSensorUpToItsEnd() {
        TimeOrderedMerge merge = merge(10);
        merge.add(0, sample(0.010), sink);
        merge.add(0, sample(0.500), sink);
        merge.gap(1, 0.2);
        merge.releaseTo(sink);
        assertEquals(List.of("upper 10"), out);
    }

    private static TimeOrderedMerge merge(double maximumHoldSeconds) {
        return new TimeOrderedMerge(SENSORS, new double[] {0.45 * PERIOD, 0.45 * PERIOD}, 64, maximumHoldSeconds);
    }

    private static ImuSample sample(double timeSeconds) {
        return new ImuSample(timeSeconds, Vector3.ZERO, new Vector3(0, 0, 9.81));
    }
}
