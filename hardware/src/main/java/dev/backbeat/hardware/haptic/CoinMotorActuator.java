// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.haptic;

import dev.backbeat.hardware.actuator.HapticActuator;
import java.io.IOException;
import java.util.Objects;

/**
 * A plain coin vibration motor switched by an NPN transistor from a hardware PWM pin (GPIO 18),
 * with a flyback diode across the motor (see hardware/wiring.md).
 *
 * <p>Intensity 0 switches the motor off; any other intensity maps linearly onto
 * [{@code minimumRunningDutyFraction}, {@code maximumDutyFraction}]: below the minimum a coin motor
 * stalls, and the maximum keeps the average voltage at the motor's rating when the supply is higher.
 */
public final class CoinMotorActuator implements HapticActuator {

    /**
     * @param minimumRunningDutyFraction lowest duty at which the motor keeps spinning, 0..1 (default
     *     0.25); raise it if weak intensities do not vibrate
     * @param maximumDutyFraction duty at full intensity, 0..1: rated voltage / supply voltage
     *     (default 0.6 for a 3 V motor on 5 V)
     */
    public record Settings(double minimumRunningDutyFraction, double maximumDutyFraction) {

        public static final Settings DEFAULTS = new Settings(0.25, 0.6);

        public Settings {
            if (!(minimumRunningDutyFraction >= 0 && minimumRunningDutyFraction <= maximumDutyFraction
                    && maximumDutyFraction <= 1)) {
                throw new IllegalArgumentException("need 0 <= minimumRunningDutyFraction <= maximumDutyFraction <= 1, was "
                        + minimumRunningDutyFraction + " and " + maximumDutyFraction);
            }
        }
    }

    private final PwmOutput pwm;
    private final Settings settings;
    private double lastDuty = -1;

    public CoinMotorActuator(PwmOutput pwm, Settings settings) {
        this.pwm = Objects.requireNonNull(pwm, "pwm");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The duty cycle for an intensity, 0..1. */
    public double dutyFor(double intensityFraction) {
        if (!(intensityFraction >= 0 && intensityFraction <= 1)) {
            throw new IllegalArgumentException("intensityFraction must be 0..1, was " + intensityFraction);
        }
        if (intensityFraction == 0) {
            return 0;
        }
        return settings.minimumRunningDutyFraction()
                + (settings.maximumDutyFraction() - settings.minimumRunningDutyFraction()) * intensityFraction;
    }

    @Override
    public void setIntensity(double timeSeconds, double intensityFraction) throws IOException {
        double duty = dutyFor(intensityFraction);
        if (duty != lastDuty) {
            pwm.setDutyCycle(duty);
            lastDuty = duty;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            pwm.setDutyCycle(0);
        } finally {
            pwm.close();
        }
    }
}
