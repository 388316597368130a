// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.haptic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoinMotorActuatorTest {

    private final RecordingPwm pwm = new RecordingPwm();
    private final CoinMotorActuator actuator = new CoinMotorActuator(pwm, CoinMotorActuator.Settings.DEFAULTS);

    @Test
    void intensity_mapsOntoRunningDutyRange_zeroSwitchesOff() throws Exception {
        actuator.setIntensity(0, 0.0);
        actuator.setIntensity(1, 1.0);
        actuator.setIntensity(2, 0.5);
        actuator.setIntensity(3, 0.5);

        assertEquals(List.of(0.0, 0.6, 0.425), pwm.duties);
    }

    @Test
    void close_switchesOffAndReleases() throws Exception {
        actuator.setIntensity(0, 1.0);

        actuator.close();

        assertEquals(0.0, pwm.duties.get(pwm.duties.size() - 1));
        assertTrue(pwm.closed);
    }

    @Test
    void settings_minimumAboveMaximum_throws() {
        assertThrows(IllegalArgumentException.class, () -> new CoinMotorActuator.Settings(0.7, 0.6));
    }

    private static final class RecordingPwm implements PwmOutput {
        final List<Double> duties = new ArrayList<>();
        boolean closed;

        @Override
        public double frequencyHz() {
            return 20_000;
        }

        @Override
        public void setDutyCycle(double fraction) {
            duties.add(fraction);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
