// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim.chip;

import dev.backbeat.core.imu.ImuSample;

/**
 * What a simulated IMU chip senses: angular rate (rad/s) and specific force (m/s²) in its own
 * frame at a session time. {@code SimulatedImuSignal::sampleAt} is one; tests use simpler ones.
 * Chips query it at their output-data-rate ticks, in increasing time order.
 */
@FunctionalInterface
public interface InertialSource {

    /** The ideal (or noisy) reading at {@code timeSeconds}; only its vectors are used. */
    ImuSample sampleAt(double timeSeconds);
}
