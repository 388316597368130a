// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.config;

import dev.backbeat.core.routine.DefinitionText;
import dev.backbeat.core.routine.RoutineFormatException;
import dev.backbeat.core.routine.SessionPlan;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.hardware.haptic.Drv2605lSettings;
import dev.backbeat.hardware.imu.ImuChip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The device configuration file: one {@code key = value} per line, {@code #} starts a comment.
 * Keys not listed in {@link #KEYS} are refused (a typo must not silently fall back to a default),
 * as are out-of-range values and contradictions (two sensors on one address, an address the chip
 * cannot have); each error names the file, the line, the key and the reason.
 */
public final class DeviceConfigurationFile {

    /** A configuration key with its meaning, unit and default, as documented. */
    public record Key(String name, String meaning, String defaultValue) {
    }

    public static final List<Key> KEYS = List.of(
            new Key("device.id", "this strap's id in MQTT topics (letters, digits, . _ -)", "strap-01"),
            new Key("data.directory", "where sessions are recorded", "$BACKBEAT_DEVICE_HOME or ~/.local/share/backbeat-device"),
            new Key("broker.uri", "MQTT broker (tcp:// or ssl://)", "tcp://127.0.0.1:1883"),
            new Key("hardware", "sim (simulated chips) or pi (the real strap via Pi4J)", "sim"),
            new Key("imu.chip", "mpu6050 or lsm6dsox (both sensors the same part)", "mpu6050"),
            new Key("imu.i2c_bus", "Linux I2C bus number (/dev/i2c-N)", "1"),
            new Key("imu.upper_address", "upper sensor I2C address, hex (mpu6050: 0x68/0x69, lsm6dsox: 0x6a/0x6b)", "0x68 / 0x6a"),
            new Key("imu.lower_address", "lower sensor I2C address, hex (address jumper high)", "0x69 / 0x6b"),
            new Key("imu.sample_rate_hz", "output data rate, Hz, 100..200 (the chip picks its nearest rate)", "100"),
            new Key("imu.gyroscope_range_dps", "gyroscope full scale, ±°/s: 250, 500, 1000, 2000", "500"),
            new Key("imu.accelerometer_range_g", "accelerometer full scale, ±g: 2, 4, 8, 16", "4"),
            new Key("haptic.kind", "drv2605l (I2C 0x5a), coin-pwm (motor on GPIO 18 via a transistor) or none", "drv2605l"),
            new Key("haptic.motor", "motor on the DRV2605L: erm (coin) or lra", "erm"),
            new Key("haptic.pwm_chip", "PWM chip for coin-pwm (/sys/class/pwm/pwmchipN)", "0"),
            new Key("haptic.pwm_channel", "PWM channel for coin-pwm (GPIO 18 = channel 0)", "0"),
            new Key("pacer.breaths_per_minute", "breath pacer rate, breaths/min, 2..30", "6"),
            new Key("pacer.end_range_hold_limit_s", "the motor buzzes three times when a hold at end range (over 10° from "
                    + "neutral) lasts longer than this, s, 5..600", "30"),
            new Key("button.gpio", "serve: the push button's GPIO (BCM number, 0..27), to ground, internal pull-up", "17"),
            new Key("button.sysfs_base", "serve: what /sys/class/gpio adds to BCM numbers (512 on kernel 6.6+, else 0)", "512"),
            new Key("button.debounce_ms", "serve: the button's level must hold this long to count, ms, 5..200", "30"),
            new Key("button.long_press_ms", "serve: held this long, a press selects the next routine, ms, 500..10000", "1500"),
            new Key("health.interval_s", "serve: health is published on change and at least this often, s, 5..3600", "30"),
            new Key("routine.names", "serve: built-in routines the long press cycles through, comma-separated",
                    String.join(", ", ServeConfiguration.DEFAULTS.routines())),
            new Key("routine.name", "the routine sessions run: a built-in name or a routine file (until the host's "
                    + "configuration replaces it)", "cat-cow"),
            new Key("profile.name", "the profile that fits the routine to the wearer: a built-in name, a profile file, "
                    + "or none (until the host's configuration replaces it)", "none"));

    /** The value of {@code profile.name} for no profile. */
    public static final String NO_PROFILE = "none";

    private DeviceConfigurationFile() {
    }

    /** The defaults, with the data directory given. */
    public static DeviceConfiguration defaults(Path dataDirectory) {
        return new DeviceConfiguration("strap-01", dataDirectory, "tcp://127.0.0.1:1883", DeviceConfiguration.Hardware.SIM,
                ImuChip.MPU_6050, 1, ImuChip.MPU_6050.primaryAddress(), ImuChip.MPU_6050.alternateAddress(), 100, 500, 4,
                DeviceConfiguration.Haptics.DRV2605L, Drv2605lSettings.Actuator.ERM, 0, 0, 6, 30, ServeConfiguration.DEFAULTS);
    }

    /** Reads {@code file} over the defaults. */
    public static DeviceConfiguration read(Path file, Path defaultDataDirectory) throws ConfigurationException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(file + ": no such configuration file");
        } catch (IOException e) {
            throw new ConfigurationException(file + ": cannot read: " + e.getMessage());
        }
        return parse(lines, file.toString(), defaultDataDirectory);
    }

    /** Parses configuration lines; {@code source} names them in errors. */
    public static DeviceConfiguration parse(List<String> lines, String source, Path defaultDataDirectory)
            throws ConfigurationException {
        return parse(lines, source, defaultDataDirectory, lines.size());
    }

    /**
     * Parses configuration lines of which those from index {@code commandLineFrom} on came from
     * command-line options (errors then name the option rather than a line of the file).
     */
    public static DeviceConfiguration parse(List<String> lines, String source, Path defaultDataDirectory,
                                            int commandLineFrom) throws ConfigurationException {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            int equals = content.indexOf('=');
            if (equals <= 0) {
                throw new ConfigurationException(source + ":" + (index + 1) + ": expected 'key = value', found '" + content + "'");
            }
            String key = content.substring(0, equals).strip();
            String value = content.substring(equals + 1).strip();
            if (KEYS.stream().noneMatch(known -> known.name().equals(key))) {
                throw new ConfigurationException(source + ":" + (index + 1) + ": unknown key '" + key + "'; known keys: "
                        + String.join(", ", KEYS.stream().map(Key::name).toList()));
            }
            if (values.containsKey(key)) {
                throw new ConfigurationException(source + ":" + (index + 1) + ": key '" + key + "' is already set on line "
                        + lineOf.get(key));
            }
            values.put(key, value);
            lineOf.put(key, index + 1);
        }
        return new Builder(source, values, lineOf, commandLineFrom).build(defaults(defaultDataDirectory));
    }

    /** Turns string values into a configuration, naming the key and line of any problem. */
    private record Builder(String source, Map<String, String> values, Map<String, Integer> lineOf, int commandLineFrom) {

        DeviceConfiguration build(DeviceConfiguration base) throws ConfigurationException {
            String deviceId = text("device.id", base.deviceId());
            try {
                RecordedSession.requireId(deviceId, "device.id");
            } catch (IllegalArgumentException e) {
                throw error("device.id", e.getMessage());
            }
            Path dataDirectory = values.containsKey("data.directory") ? Path.of(values.get("data.directory")) : base.dataDirectory();
            String brokerUri = text("broker.uri", base.brokerUri());
            if (!brokerUri.startsWith("tcp://") && !brokerUri.startsWith("ssl://")) {
                throw error("broker.uri", "must start with tcp:// or ssl://, was '" + brokerUri + "'");
            }
            DeviceConfiguration.Hardware hardware = choice("hardware", base.hardware(),
                    Map.of("sim", DeviceConfiguration.Hardware.SIM, "pi", DeviceConfiguration.Hardware.PI));
            ImuChip chip = choice("imu.chip", base.chip(), Map.of("mpu6050", ImuChip.MPU_6050, "lsm6dsox", ImuChip.LSM6DSOX));
            int i2cBus = integer("imu.i2c_bus", base.i2cBus(), 0, 31);
            int upperAddress = address("imu.upper_address", chip.primaryAddress());
            int lowerAddress = address("imu.lower_address", chip.alternateAddress());
            for (String key : List.of("imu.upper_address", "imu.lower_address")) {
                int address = key.equals("imu.upper_address") ? upperAddress : lowerAddress;
                if (address != chip.primaryAddress() && address != chip.alternateAddress()) {
                    throw error(key, String.format(Locale.ROOT, "%s can only answer at 0x%02x or 0x%02x, not 0x%02x",
                            chip.chipName(), chip.primaryAddress(), chip.alternateAddress(), address));
                }
            }
            if (upperAddress == lowerAddress) {
                throw error("imu.lower_address", String.format(Locale.ROOT,
                        "both sensors are on address 0x%02x; pull the lower sensor's address pin high and use 0x%02x",
                        upperAddress, upperAddress == chip.primaryAddress() ? chip.alternateAddress() : chip.primaryAddress()));
            }
            double sampleRateHz = decimal("imu.sample_rate_hz", base.sampleRateHz(), 100, 200);
            int gyroscopeRange = integer("imu.gyroscope_range_dps", base.gyroscopeRangeDegreesPerSecond(), 250, 2000);
            if (!List.of(250, 500, 1000, 2000).contains(gyroscopeRange)) {
                throw error("imu.gyroscope_range_dps", "must be 250, 500, 1000 or 2000, was " + gyroscopeRange);
            }
            int accelerometerRange = integer("imu.accelerometer_range_g", base.accelerometerRangeG(), 2, 16);
            if (!List.of(2, 4, 8, 16).contains(accelerometerRange)) {
                throw error("imu.accelerometer_range_g", "must be 2, 4, 8 or 16, was " + accelerometerRange);
            }
            DeviceConfiguration.Haptics haptics = choice("haptic.kind", base.haptics(), Map.of(
                    "drv2605l", DeviceConfiguration.Haptics.DRV2605L, "coin-pwm", DeviceConfiguration.Haptics.COIN_PWM,
                    "none", DeviceConfiguration.Haptics.NONE));
            Drv2605lSettings.Actuator motor = choice("haptic.motor", base.motor(),
                    Map.of("erm", Drv2605lSettings.Actuator.ERM, "lra", Drv2605lSettings.Actuator.LRA));
            int pwmChip = integer("haptic.pwm_chip", base.pwmChip(), 0, 15);
            int pwmChannel = integer("haptic.pwm_channel", base.pwmChannel(), 0, 3);
            double breathsPerMinute = decimal("pacer.breaths_per_minute", base.pacerBreathsPerMinute(), 2, 30);
            double holdLimitSeconds = decimal("pacer.end_range_hold_limit_s", base.endRangeHoldLimitSeconds(), 5, 600);
            return new DeviceConfiguration(deviceId, dataDirectory, brokerUri, hardware, chip, i2cBus, upperAddress,
                    lowerAddress, sampleRateHz, gyroscopeRange, accelerometerRange, haptics, motor, pwmChip, pwmChannel,
                    breathsPerMinute, holdLimitSeconds, serve(base.serve()), plan());
        }

        /** {@code routine.name} and {@code profile.name}, read and checked as the strap checks the host's. */
        private SessionPlan plan() throws ConfigurationException {
            if (!values.containsKey("routine.name") && !values.containsKey("profile.name")) {
                return SessionPlan.DEFAULT;
            }
            DefinitionText routine;
            java.util.Optional<DefinitionText> profile = java.util.Optional.empty();
            try {
                routine = DefinitionText.routine(values.getOrDefault("routine.name", "cat-cow"));
            } catch (RoutineFormatException | IOException invalid) {
                throw error("routine.name", invalid.getMessage());
            }
            try {
                String profileName = values.getOrDefault("profile.name", NO_PROFILE);
                if (!profileName.equals(NO_PROFILE)) {
                    profile = java.util.Optional.of(DefinitionText.profile(profileName));
                }
            } catch (RoutineFormatException | IOException invalid) {
                throw error("profile.name", invalid.getMessage());
            }
            try {
                return SessionPlan.of(routine, profile, Double.NaN, Double.NaN, Double.NaN);
            } catch (RoutineFormatException invalid) {
                throw error(invalid.source().equals(routine.source()) ? "routine.name" : "profile.name", invalid.getMessage());
            }
        }

        private ServeConfiguration serve(ServeConfiguration base) throws ConfigurationException {
            int gpio = integer("button.gpio", base.buttonGpio(), 0, 27);
            int sysfsBase = integer("button.sysfs_base", base.buttonSysfsBase(), 0, 4096);
            int debounce = integer("button.debounce_ms", base.debounceMillis(), 5, 200);
            int longPress = integer("button.long_press_ms", base.longPressMillis(), 500, 10_000);
            if (longPress <= 2 * debounce) {
                throw error("button.long_press_ms", "must be more than twice button.debounce_ms (" + debounce + "), was "
                        + longPress);
            }
            int healthInterval = integer("health.interval_s", base.healthIntervalSeconds(), 5, 3600);
            List<String> routines = base.routines();
            if (values.containsKey("routine.names")) {
                routines = java.util.Arrays.stream(values.get("routine.names").split(",")).map(String::strip).toList();
                for (String routine : routines) {
                    if (!ServeConfiguration.KNOWN_ROUTINES.contains(routine)) {
                        throw error("routine.names", "unknown routine '" + routine + "'; known: "
                                + String.join(", ", ServeConfiguration.KNOWN_ROUTINES));
                    }
                }
            }
            return new ServeConfiguration(gpio, sysfsBase, debounce, longPress, healthInterval, routines);
        }

        private ConfigurationException error(String key, String reason) {
            Integer line = lineOf.get(key);
            if (line != null && line > commandLineFrom) {
                return new ConfigurationException("command line: " + key + ": " + reason, true);
            }
            return new ConfigurationException(source + (line == null ? "" : ":" + line) + ": " + key + ": " + reason);
        }

        private String text(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        private <T> T choice(String key, T fallback, Map<String, T> choices) throws ConfigurationException {
            if (!values.containsKey(key)) {
                return fallback;
            }
            T chosen = choices.get(values.get(key).toLowerCase(Locale.ROOT));
            if (chosen == null) {
                throw error(key, "must be one of " + String.join(", ", choices.keySet().stream().sorted().toList())
                        + ", was '" + values.get(key) + "'");
            }
            return chosen;
        }

        private int integer(String key, int fallback, int minimum, int maximum) throws ConfigurationException {
            if (!values.containsKey(key)) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(values.get(key));
                if (value < minimum || value > maximum) {
                    throw error(key, "must be " + minimum + ".." + maximum + ", was " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw error(key, "must be a whole number, was '" + values.get(key) + "'");
            }
        }

        private double decimal(String key, double fallback, double minimum, double maximum) throws ConfigurationException {
            if (!values.containsKey(key)) {
                return fallback;
            }
            try {
                double value = Double.parseDouble(values.get(key));
                if (!(value >= minimum && value <= maximum)) {
                    throw error(key, "must be " + minimum + ".." + maximum + ", was " + values.get(key));
                }
                return value;
            } catch (NumberFormatException e) {
                throw error(key, "must be a number, was '" + values.get(key) + "'");
            }
        }

        private int address(String key, int fallback) throws ConfigurationException {
            if (!values.containsKey(key)) {
                return fallback;
            }
            String text = values.get(key).toLowerCase(Locale.ROOT);
            try {
                int value = text.startsWith("0x") ? Integer.parseInt(text.substring(2), 16) : Integer.parseInt(text);
                if (value < 0x03 || value > 0x77) {
                    throw error(key, "must be a 7-bit I2C address 0x03..0x77, was " + values.get(key));
                }
                return value;
            } catch (NumberFormatException e) {
                throw error(key, "must be an I2C address such as 0x68, was '" + values.get(key) + "'");
            }
        }
    }
}
