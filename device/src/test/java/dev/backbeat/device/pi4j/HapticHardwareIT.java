// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.pi4j;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backbeat.hardware.diagnostics.StartupDiagnostics.Haptics;
import dev.backbeat.hardware.haptic.CalibrationResult;
import dev.backbeat.hardware.haptic.CoinMotorActuator;
import dev.backbeat.hardware.haptic.Drv2605l;
import dev.backbeat.hardware.haptic.Drv2605lActuator;
import dev.backbeat.hardware.haptic.Drv2605lSettings;
import dev.backbeat.hardware.haptic.LibraryEffect;
import dev.backbeat.hardware.time.Sleeper;
import org.junit.jupiter.api.Test;

/**
 * A short buzz on the strap's motor (you should feel it): {@code ./build -pl device -am verify -Phardware}.
 * {@code -Dbackbeat.motor=LRA} for an LRA on the DRV2605L (then auto-calibration runs too).
 */
class HapticHardwareIT {

    private static final Drv2605lSettings MOTOR = "LRA".equals(System.getProperty("backbeat.motor"))
            ? Drv2605lSettings.LRA_175_HZ : Drv2605lSettings.ERM_COIN;

    @Test
    void drv2605l_calibratesPlaysAnEffectAndARamp() throws Exception {
        assumeTrue(StrapHardwareIT.HAPTICS == Haptics.DRV2605L, "strap has no DRV2605L");
        try (Pi4jHardware pi = Pi4jHardware.open(StrapHardwareIT.PWM_CHIP)) {
            Drv2605l driver = new Drv2605l(pi.open(StrapHardwareIT.I2C_BUS, Drv2605l.ADDRESS), MOTOR, Sleeper.REAL);
            driver.start();
            if (MOTOR.actuator() == Drv2605lSettings.Actuator.LRA) {
                CalibrationResult calibration = driver.calibrate();
                System.out.println("DRV2605L calibration: " + calibration);
                assertTrue(calibration.succeeded(), calibration.toString());
            }
            try (Drv2605lActuator actuator = new Drv2605lActuator(driver)) {
                actuator.alert(LibraryEffect.BUZZ);
                Thread.sleep(400);
                for (int step = 0; step <= 20; step++) {
                    actuator.setIntensity(step * 0.025, step / 20.0);
                    Thread.sleep(25);
                }
                actuator.setIntensity(0.6, 0);
            }
        }
    }

    @Test
    void coinMotorOnPwm_buzzesHalfASecond() throws Exception {
        assumeTrue(StrapHardwareIT.HAPTICS == Haptics.COIN_MOTOR_PWM, "strap has no PWM coin motor");
        try (Pi4jHardware pi = Pi4jHardware.open(StrapHardwareIT.PWM_CHIP);
             CoinMotorActuator motor = new CoinMotorActuator(pi.pwm(StrapHardwareIT.PWM_CHANNEL, 20_000),
                     CoinMotorActuator.Settings.DEFAULTS)) {
            motor.setIntensity(0, 0.8);
            Thread.sleep(500);
            motor.setIntensity(0.5, 0);
        }
    }
}
