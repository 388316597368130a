// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged /etc/backbeat/device.conf (src/deb/device.conf) lists every configuration key once,
 * commented out, with the value the service uses without it.
 */
class PackagedConfigurationTest {

    /** The data directory the packaged launcher gives the service (BACKBEAT_DEVICE_HOME). */
    private static final Path PACKAGED_DATA_DIRECTORY = Path.of("/var/lib/backbeat-device");

    /** A commented-out setting: {@code # key = value}. */
    private static final Pattern COMMENTED_SETTING = Pattern.compile("^# ([a-z0-9_.]+) = (\\S.*)$");

    private static List<String> packagedLines() throws Exception {
        return Files.readAllLines(Path.of("src/deb/device.conf"), StandardCharsets.UTF_8);
    }

    @Test
    void packagedFile_asShipped_givesTheDefaults() throws Exception {
        DeviceConfiguration shipped = DeviceConfigurationFile.parse(packagedLines(), "device.conf", PACKAGED_DATA_DIRECTORY);
        assertEquals(DeviceConfigurationFile.defaults(PACKAGED_DATA_DIRECTORY), shipped);
    }

    @Test
    void packagedFile_everyKey_isListedOnceCommentedOut() throws Exception {
        List<String> listed = new ArrayList<>();
        for (String line : packagedLines()) {
            Matcher setting = COMMENTED_SETTING.matcher(line);
            if (setting.matches()) {
                listed.add(setting.group(1));
            }
        }
        List<String> keys = DeviceConfigurationFile.KEYS.stream().map(DeviceConfigurationFile.Key::name).toList();
        assertEquals(keys, listed, "every key once, in the order of DeviceConfigurationFile.KEYS");
    }

    @Test
    void packagedFile_everySettingUncommented_givesTheDefaultsStill() throws Exception {
        List<String> uncommented = new ArrayList<>();
        for (String line : packagedLines()) {
            Matcher setting = COMMENTED_SETTING.matcher(line);
            uncommented.add(setting.matches() ? setting.group(1) + " = " + setting.group(2) : line);
        }
        assertTrue(uncommented.stream().anyMatch(line -> line.startsWith("hardware = ")), "settings were uncommented");
        DeviceConfiguration written = DeviceConfigurationFile.parse(uncommented, "device.conf", Path.of("/elsewhere"));
        assertEquals(DeviceConfigurationFile.defaults(PACKAGED_DATA_DIRECTORY), written,
                "each commented value is the default (data.directory the packaged one)");
    }
}
