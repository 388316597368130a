// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.actuator;

import java.io.IOException;

/**
 * A vibration motor that plays an intensity envelope over time: the caller sets the intensity
 * at the envelope's update rate (the breath pacer does so with every few sensor samples).
 * Implementations: the simulated actuator, and on the Pi the DRV2605L driver and a coin motor on
 * hardware PWM.
 */
public interface HapticActuator extends AutoCloseable {

    /**
     * Sets the vibration strength from {@code 0} (off) to {@code 1} (full), holding it until the
     * next call. {@code timeSeconds} is the session time of the change, used for recording.
     */
    void setIntensity(double timeSeconds, double intensityFraction) throws IOException;

    /** Stops vibrating and releases the motor. */
    @Override
    void close() throws IOException;
}
