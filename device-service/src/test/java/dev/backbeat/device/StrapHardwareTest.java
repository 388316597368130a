// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.hardware.bus.RegisterBus;
import dev.backbeat.hardware.bus.RegisterBusFactory;
import dev.backbeat.hardware.sim.chip.SimulatedMpu6050;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrapHardwareTest {

    @TempDir
    Path root;

    private static final RegisterBusFactory NOTHING_ANSWERS = (bus, address) -> {
        throw new IOException(String.format("no device at 0x%02x", address));
    };

    @Test
    void diagnose_noI2cDevice_saysHowToEnableI2c() throws Exception {
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of("hardware = pi"), "test", root);
        List<String> failures = StrapHardware.diagnose(NOTHING_ANSWERS, configuration, root, path -> true, true);
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.get(0).contains("/dev/i2c-1"), failures.get(0));
        assertTrue(failures.get(0).contains("dtparam=i2c_arm=on"), failures.get(0));
    }

    @Test
    void diagnose_busPresentButNoChips_namesEachMissingAddress() throws Exception {
        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/i2c-1"));
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of("hardware = pi"), "test", root);
        List<String> failures = StrapHardware.diagnose(NOTHING_ANSWERS, configuration, root, path -> true, true);
        assertEquals(3, failures.size(), failures.toString());
        assertTrue(failures.get(0).contains("0x68"), failures.get(0));
        assertTrue(failures.get(1).contains("0x69"), failures.get(1));
        assertTrue(failures.get(2).contains("0x5a"), failures.get(2));
    }

    @Test
    void diagnose_everythingAnswers_passes() throws Exception {
        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/i2c-1"));
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of("haptic.kind = none"), "test", root);
        RegisterBusFactory chips = (bus, address) -> {
            RegisterBus chip = new SimulatedMpu6050(address, time -> null, () -> 0);
            return chip;
        };
        assertEquals(List.of(), StrapHardware.diagnose(chips, configuration, root, path -> true, true));
    }
}
