// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.config;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.routine.SessionPlan;
import dev.backbeat.hardware.haptic.Drv2605lSettings;
import dev.backbeat.hardware.imu.ImuChip;
import java.nio.file.Path;

/**
 * The device service's configuration, read from one file ({@link DeviceConfigurationFile}) and
 * overridable on the command line. Every key, its unit and its default are listed in
 * {@link DeviceConfigurationFile#KEYS} and in the device README section.
 *
 * @param deviceId this strap's id, used in MQTT topics ({@code device.id}, default strap-01)
 * @param dataDirectory where sessions are recorded ({@code data.directory})
 * @param brokerUri the MQTT broker ({@code broker.uri}, default tcp://127.0.0.1:1883)
 * @param hardware {@code sim} (simulated chips on a laptop) or {@code pi} ({@code hardware})
 * @param chip the IMU part ({@code imu.chip}, default mpu6050)
 * @param i2cBus the Linux I2C bus number ({@code imu.i2c_bus}, default 1)
 * @param upperAddress the upper sensor's 7-bit I2C address ({@code imu.upper_address}, default the chip's primary)
 * @param lowerAddress the lower sensor's address ({@code imu.lower_address}, default the chip's alternate)
 * @param sampleRateHz output data rate, Hz, 100..200 ({@code imu.sample_rate_hz}, default 100)
 * @param gyroscopeRangeDegreesPerSecond ±°/s ({@code imu.gyroscope_range_dps}, default 500)
 * @param accelerometerRangeG ±g ({@code imu.accelerometer_range_g}, default 4)
 * @param haptics what drives the motor ({@code haptic.kind}: drv2605l, coin-pwm or none; default drv2605l)
 * @param motor the motor on a DRV2605L ({@code haptic.motor}: erm or lra; default erm)
 * @param pwmChip the PWM chip for a coin motor ({@code haptic.pwm_chip}, default 0)
 * @param pwmChannel the PWM channel (GPIO 18 is channel 0) ({@code haptic.pwm_channel}, default 0)
 * @param pacerBreathsPerMinute the breath pacer's rate ({@code pacer.breaths_per_minute}, default 6)
 * @param endRangeHoldLimitSeconds the motor warns when a hold at end range lasts longer, s
 *     ({@code pacer.end_range_hold_limit_s}, default 30)
 * @param serve the button, health and routines of {@code backbeat-device serve} ({@code button.*},
 *     {@code health.*}, {@code routine.names})
 * @param plan the routine and profile sessions run ({@code routine.name}, default cat-cow;
 *     {@code profile.name}, default none); the host's configuration, once taken, replaces it
 */
public record DeviceConfiguration(
        String deviceId,
        Path dataDirectory,
        String brokerUri,
        Hardware hardware,
        ImuChip chip,
        int i2cBus,
        int upperAddress,
        int lowerAddress,
        double sampleRateHz,
        int gyroscopeRangeDegreesPerSecond,
        int accelerometerRangeG,
        Haptics haptics,
        Drv2605lSettings.Actuator motor,
        int pwmChip,
        int pwmChannel,
        double pacerBreathsPerMinute,
        double endRangeHoldLimitSeconds,
        ServeConfiguration serve,
        SessionPlan plan) {

    public DeviceConfiguration {
        java.util.Objects.requireNonNull(plan, "plan");
    }

    /** A configuration running the built-in cat-cow routine without a profile ({@link SessionPlan#DEFAULT}). */
    public DeviceConfiguration(String deviceId, Path dataDirectory, String brokerUri, Hardware hardware, ImuChip chip,
                               int i2cBus, int upperAddress, int lowerAddress, double sampleRateHz,
                               int gyroscopeRangeDegreesPerSecond, int accelerometerRangeG, Haptics haptics,
                               Drv2605lSettings.Actuator motor, int pwmChip, int pwmChannel, double pacerBreathsPerMinute,
                               double endRangeHoldLimitSeconds, ServeConfiguration serve) {
        this(deviceId, dataDirectory, brokerUri, hardware, chip, i2cBus, upperAddress, lowerAddress, sampleRateHz,
                gyroscopeRangeDegreesPerSecond, accelerometerRangeG, haptics, motor, pwmChip, pwmChannel,
                pacerBreathsPerMinute, endRangeHoldLimitSeconds, serve, SessionPlan.DEFAULT);
    }

    /** Where the strap's samples come from. */
    public enum Hardware {
        /** Register-level simulated chips fed by a simulated wearer, through the real drivers. */
        SIM,
        /** The real strap on a Raspberry Pi, through Pi4J. */
        PI
    }

    /** What drives the vibration motor. */
    public enum Haptics { DRV2605L, COIN_PWM, NONE }

    /** The address the configuration gives {@code sensor}. */
    public int address(SensorPosition sensor) {
        return sensor == SensorPosition.UPPER ? upperAddress : lowerAddress;
    }
}
