// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.hardware.haptic.Drv2605lSettings;
import dev.backbeat.hardware.imu.ImuChip;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceConfigurationFileTest {

    private static final Path DATA = Path.of("/var/lib/backbeat-device");

    private static DeviceConfiguration parse(String... lines) throws ConfigurationException {
        return DeviceConfigurationFile.parse(List.of(lines), "device.conf", DATA);
    }

    private static String error(String... lines) {
        return assertThrows(ConfigurationException.class, () -> parse(lines)).getMessage();
    }

    @Test
    void parse_empty_givesTheDocumentedDefaults() throws Exception {
        DeviceConfiguration configuration = parse();
        assertEquals("strap-01", configuration.deviceId());
        assertEquals(DATA, configuration.dataDirectory());
        assertEquals(DeviceConfiguration.Hardware.SIM, configuration.hardware());
        assertEquals(ImuChip.MPU_6050, configuration.chip());
        assertEquals(0x68, configuration.address(SensorPosition.UPPER));
        assertEquals(0x69, configuration.address(SensorPosition.LOWER));
        assertEquals(100, configuration.sampleRateHz());
        assertEquals(DeviceConfiguration.Haptics.DRV2605L, configuration.haptics());
        assertEquals(6, configuration.pacerBreathsPerMinute());
        assertEquals(30, configuration.endRangeHoldLimitSeconds());
        assertEquals(ServeConfiguration.DEFAULTS, configuration.serve());
        assertEquals(dev.backbeat.core.routine.SessionPlan.DEFAULT, configuration.plan());
        assertEquals(25, DeviceConfigurationFile.KEYS.size(), "every key is documented");
    }

    @Test
    void parse_everyKey_isApplied() throws Exception {
        DeviceConfiguration configuration = parse(
                "# a full file", "device.id = strap-07", "data.directory = /data", "broker.uri = ssl://host:8883",
                "hardware = pi", "imu.chip = lsm6dsox  # Adafruit boards", "imu.i2c_bus = 3", "imu.upper_address = 0x6b",
                "imu.lower_address = 0x6a", "imu.sample_rate_hz = 200", "imu.gyroscope_range_dps = 1000",
                "imu.accelerometer_range_g = 8", "haptic.kind = coin-pwm", "haptic.motor = lra", "haptic.pwm_chip = 2",
                "haptic.pwm_channel = 1", "pacer.breaths_per_minute = 5.5", "pacer.end_range_hold_limit_s = 20",
                "button.gpio = 27", "button.sysfs_base = 0", "button.debounce_ms = 50", "button.long_press_ms = 2000",
                "health.interval_s = 10", "routine.names = cat-cow, cat-cow");
        assertEquals(new DeviceConfiguration("strap-07", Path.of("/data"), "ssl://host:8883", DeviceConfiguration.Hardware.PI,
                ImuChip.LSM6DSOX, 3, 0x6B, 0x6A, 200, 1000, 8, DeviceConfiguration.Haptics.COIN_PWM,
                Drv2605lSettings.Actuator.LRA, 2, 1, 5.5, 20,
                new ServeConfiguration(27, 0, 50, 2000, 10, List.of("cat-cow", "cat-cow"))), configuration);
    }

    @Test
    void parse_chipWithoutAddresses_takesThatChipsAddresses() throws Exception {
        DeviceConfiguration configuration = parse("imu.chip = lsm6dsox");
        assertEquals(0x6A, configuration.upperAddress());
        assertEquals(0x6B, configuration.lowerAddress());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "imu.sampel_rate_hz = 100 | device.conf:1: unknown key 'imu.sampel_rate_hz'",
        "imu.sample_rate_hz = 400 | device.conf:1: imu.sample_rate_hz: must be 100.0..200.0, was 400",
        "imu.sample_rate_hz = fast | device.conf:1: imu.sample_rate_hz: must be a number, was 'fast'",
        "imu.gyroscope_range_dps = 300 | device.conf:1: imu.gyroscope_range_dps: must be 250, 500, 1000 or 2000, was 300",
        "imu.chip = bmi270 | device.conf:1: imu.chip: must be one of lsm6dsox, mpu6050, was 'bmi270'",
        "device.id = my strap | device.conf:1: device.id: device.id must be 1..64 characters",
        "broker.uri = http://x | device.conf:1: broker.uri: must start with tcp:// or ssl://",
        "imu.upper_address = 0x6a | device.conf:1: imu.upper_address: MPU-6050 can only answer at 0x68 or 0x69, not 0x6a",
        "imu.upper_address = 0x99 | device.conf:1: imu.upper_address: must be a 7-bit I2C address",
        "just words | device.conf:1: expected 'key = value', found 'just words'",
        "routine.names = yoga | device.conf:1: routine.names: unknown routine 'yoga'; known: daily, cat-cow, extensions, supported-extensions, side-bends, twists, lunge-twist",
        "button.long_press_ms = 50 | device.conf:1: button.long_press_ms: must be 500..10000, was 50",
        "button.gpio = 40 | device.conf:1: button.gpio: must be 0..27, was 40"})
    void parse_badLine_isRefusedNamingFileLineAndKey(String line, String expectedStart) {
        String message = error(line);
        assertEquals(expectedStart, message.substring(0, Math.min(message.length(), expectedStart.length())), message);
    }

    @Test
    void parse_twoSensorsOnOneAddress_isAContradiction() {
        assertEquals("device.conf:3: imu.lower_address: both sensors are on address 0x68; pull the lower sensor's address "
                + "pin high and use 0x69", error("imu.chip = mpu6050", "imu.upper_address = 0x68", "imu.lower_address = 0x68"));
    }

    @Test
    void parse_keyTwice_namesBothLines() {
        assertEquals("device.conf:2: key 'device.id' is already set on line 1", error("device.id = a", "device.id = b"));
    }

    @Test
    void parse_routineAndProfile_areReadAndChecked() throws Exception {
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of("routine.name = extensions",
                "profile.name = gentle"), "device.conf", Path.of("/data"));
        assertEquals("extensions", configuration.plan().routine().name());
        assertEquals("gentle", configuration.plan().profileName());
        assertEquals(dev.backbeat.core.routine.SessionPlan.DEFAULT, DeviceConfigurationFile.parse(List.of(
                "routine.name = cat-cow", "profile.name = none"), "device.conf", Path.of("/data")).plan());
    }

    @Test
    void parse_invalidRoutineFile_namesTheKeyAndTheRoutineFilesLine(@org.junit.jupiter.api.io.TempDir Path directory)
            throws Exception {
        Path routine = directory.resolve("mine.routine");
        java.nio.file.Files.writeString(routine, "backbeat-routine 1\nname mine\nstep extension repetitions=3\n");
        ConfigurationException error = assertThrows(ConfigurationException.class, () -> DeviceConfigurationFile.parse(
                List.of("# mine", "routine.name = " + routine), "device.conf", directory));
        assertEquals("device.conf:2: routine.name: " + routine + ":3: the first step must be a neutral-stand "
                + "(the calibration the angles are measured from)", error.getMessage());
        assertEquals("device.conf:1: profile.name: yoga: is neither a built-in profile (built in: gentle, athletic, custom) "
                + "nor a profile file", assertThrows(ConfigurationException.class, () -> DeviceConfigurationFile.parse(
                        List.of("profile.name = yoga"), "device.conf", directory)).getMessage());
    }
}
