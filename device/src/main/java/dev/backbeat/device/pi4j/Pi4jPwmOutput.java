// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.pi4j;

import com.pi4j.io.pwm.Pwm;
import dev.backbeat.hardware.haptic.PwmOutput;
import java.io.IOException;

/**
 * A {@link PwmOutput} on a Pi4J 3 hardware PWM channel (linuxfs-pwm, {@code /sys/class/pwm}).
 * Pi4J takes the duty cycle in whole percent, so levels are quantised to 1 %. Closing switches the
 * output off; the channel is released when the {@link Pi4jHardware} context closes.
 */
final class Pi4jPwmOutput implements PwmOutput {

    private final Pwm pwm;
    private final int frequencyHz;

    Pi4jPwmOutput(Pwm pwm, int frequencyHz) {
        this.pwm = pwm;
        this.frequencyHz = frequencyHz;
    }

    @Override
    public double frequencyHz() {
        return frequencyHz;
    }

    @Override
    public void setDutyCycle(double fraction) throws IOException {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("duty cycle must be 0..1, was " + fraction);
        }
        int percent = (int) Math.round(fraction * 100);
        try {
            if (percent == 0) {
                pwm.off();
            } else {
                pwm.on(percent, frequencyHz);
            }
        } catch (RuntimeException failure) {
            throw Pi4jFailures.translate("PWM channel " + pwm.address(), failure);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            pwm.off();
        } catch (RuntimeException failure) {
            throw Pi4jFailures.translate("PWM channel " + pwm.address(), failure);
        }
    }
}
