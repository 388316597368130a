// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.haptic;

import dev.backbeat.hardware.actuator.HapticActuator;
import java.io.IOException;
import java.util.Objects;

/**
 * A {@link HapticActuator} on a DRV2605L: intensity envelopes through real-time playback, alerts
 * through library effects. Construct with a started {@link Drv2605l}.
 */
public final class Drv2605lActuator implements HapticActuator {

    private final Drv2605l driver;

    public Drv2605lActuator(Drv2605l driver) {
        this.driver = Objects.requireNonNull(driver, "driver");
    }

    @Override
    public void setIntensity(double timeSeconds, double intensityFraction) throws IOException {
        driver.playRealTime(intensityFraction);
    }

    /** Plays a library effect (interrupting the envelope; the next {@link #setIntensity} resumes it). */
    public void alert(LibraryEffect effect) throws IOException {
        driver.playEffect(effect);
    }

    @Override
    public void close() throws IOException {
        driver.close();
    }
}
