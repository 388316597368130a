// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.SampleGap;
import dev.backbeat.core.session.SensorTrack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleGapsTest {

    /** A track with one sample at each of {@code timesSeconds}. */
    private static SensorTrack track(SensorPosition sensor, double... timesSeconds) {
        SensorTrack.Builder builder = new SensorTrack.Builder(sensor);
        for (double time : timesSeconds) {
            builder.add(new double[] {time, 0, 0, 0, 9.81, 0, 0});
        }
        return builder.build();
    }

    private static double[] ticks(double fromSeconds, double periodSeconds, int count) {
        double[] times = new double[count];
        for (int index = 0; index < count; index++) {
            times[index] = fromSeconds + index * periodSeconds;
        }
        return times;
    }

    @Test
    void of_continuousSensorsStartingWithinAPeriod_isEmpty() {
        assertEquals(List.of(), SampleGaps.of(List.of(track(SensorPosition.UPPER, ticks(0, 0.01, 100)),
                track(SensorPosition.LOWER, ticks(0.004, 0.01, 100)))));
    }

    @Test
    void of_sensorsThatNeverOverlap_giveEachTheOthersWholeSpan() {
        assertEquals(List.of(new SampleGap(SensorPosition.LOWER, 0, 0.99), new SampleGap(SensorPosition.UPPER, 5, 5.99)),
                SampleGaps.of(List.of(track(SensorPosition.UPPER, ticks(0, 0.01, 100)),
                        track(SensorPosition.LOWER, ticks(5, 0.01, 100)))));
    }

    @Test
    void of_lossShorterThanATenthOfASecondAt200Hz_isNotAGap() {
        // 5 samples lost at 200 Hz: 30 ms, six periods; at 50 Hz the same six periods are 120 ms
        double[] times = ticks(0, 0.005, 400);
        double[] lost = new double[395];
        System.arraycopy(times, 0, lost, 0, 100);
        System.arraycopy(times, 105, lost, 100, 295);
        assertEquals(List.of(), SampleGaps.of(List.of(track(SensorPosition.UPPER, lost))));
        double[] slow = ticks(0, 0.02, 100);
        double[] slowLost = new double[95];
        System.arraycopy(slow, 0, slowLost, 0, 50);
        System.arraycopy(slow, 55, slowLost, 50, 45);
        assertEquals(List.of(new SampleGap(SensorPosition.UPPER, slow[49], slow[55])),
                SampleGaps.of(List.of(track(SensorPosition.UPPER, slowLost))));
    }

    @Test
    void of_oneSampleTrack_hasNoPeriodAndNoGaps() {
        assertEquals(List.of(), SampleGaps.of(List.of(track(SensorPosition.UPPER, 3.0))));
    }

    @Test
    void rawRecording_builtWithTheFourArgumentConstructor_findsItsGaps() {
        double[] times = {0, 0.01, 0.02, 0.03, 0.5, 0.51};
        RawRecording recording = new RawRecording(List.of(track(SensorPosition.UPPER, times)), Map.of(), false, List.of());
        assertEquals(List.of(new SampleGap(SensorPosition.UPPER, 0.03, 0.5)), recording.gaps());
    }
}
