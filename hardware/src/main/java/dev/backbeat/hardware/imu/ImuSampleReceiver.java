// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

import dev.backbeat.core.imu.ImuSample;

/** Receives what one IMU driver read from its chip's FIFO, in time order. */
public interface ImuSampleReceiver {

    void sample(ImuSample sample);

    /**
     * Samples between the two session times (seconds, inclusive) were lost, e.g. to a FIFO
     * overflow; {@code toSeconds - fromSeconds + period} is the length of the loss.
     */
    void gap(double fromSeconds, double toSeconds);
}
