// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.strap;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;

/** Receives what a strap read, per sensor, in time order. */
public interface StrapSampleSink {

    void accept(SensorPosition sensor, ImuSample sample);

    /**
     * Samples from {@code sensor} between the two times (seconds) were lost, e.g. a FIFO overflow.
     * The default ignores gaps.
     */
    default void gap(SensorPosition sensor, double fromSeconds, double toSeconds) {
    }
}
