// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.session;

import dev.backbeat.core.imu.SensorPosition;
import java.util.Objects;

/**
 * A stretch in which a sensor's samples were lost (a FIFO overflow after a long pause of the
 * reader), recorded so a report can say so instead of pretending the data is continuous.
 *
 * @param sensor whose samples are missing
 * @param fromSeconds time of the last sample before the gap, session seconds
 * @param toSeconds time of the first sample after it, session seconds
 */
public record SampleGap(SensorPosition sensor, double fromSeconds, double toSeconds) {

    public SampleGap {
        Objects.requireNonNull(sensor, "sensor");
        if (!(toSeconds >= fromSeconds)) {
            throw new IllegalArgumentException("a gap must end after it starts: " + fromSeconds + ".." + toSeconds + " s");
        }
    }

    public double durationSeconds() {
        return toSeconds - fromSeconds;
    }
}
