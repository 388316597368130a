// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.hardware.bus.RegisterBus;
import dev.backbeat.hardware.bus.RegisterBusFactory;
import dev.backbeat.hardware.diagnostics.StartupDiagnostics.Haptics;
import dev.backbeat.hardware.imu.ImuChip;
import dev.backbeat.hardware.sim.chip.FaultyBus;
import dev.backbeat.hardware.sim.chip.InertialSource;
import dev.backbeat.hardware.sim.chip.ManualClock;
import dev.backbeat.hardware.sim.chip.SimulatedDrv2605l;
import dev.backbeat.hardware.sim.chip.SimulatedLsm6dsox;
import dev.backbeat.hardware.sim.chip.SimulatedMpu6050;
import dev.backbeat.hardware.sim.chip.TestSources;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupDiagnosticsTest {

    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock();
    private final InertialSource still = TestSources.constant(Vector3.ZERO, new Vector3(9.81, 0, 0));
    private final Map<Integer, Supplier<RegisterBus>> chips = new HashMap<>();
    private final RegisterBusFactory buses = (busNumber, address) -> {
        Supplier<RegisterBus> chip = chips.get(address);
        return chip != null ? chip.get() : new AbsentDevice(address);
    };

    @Test
    void i2cMissing_saysI2cIsNotEnabledAndHowToEnableIt() {
        Finding finding = diagnostics().checkI2cBus(1);

        assertFalse(finding.passed());
        assertEquals("FAIL i2c: /dev/i2c-1 is missing: I2C is not enabled. Fix: add"
                + " 'dtparam=i2c_arm=on,i2c_arm_baudrate=400000' to /boot/firmware/config.txt (or run"
                + " 'sudo raspi-config nonint do_i2c 0'), then reboot", finding.line());
    }

    @Test
    void i2cNotAccessible_saysPermissionDeniedAndNamesTheGroup() throws IOException {
        createI2cDevice();

        Finding finding = new StartupDiagnostics(root, buses, path -> false).checkI2cBus(1);

        assertEquals("FAIL i2c: permission denied on /dev/i2c-1. Fix: add the service user to the i2c group"
                + " ('sudo usermod -aG i2c $USER'), then log in again", finding.line());
    }

    @Test
    void busFactoryDeniesAccess_saysPermissionDenied() throws IOException {
        createI2cDevice();
        RegisterBusFactory denying = (busNumber, address) -> {
            throw new AccessDeniedException("/dev/i2c-1");
        };

        Finding finding = new StartupDiagnostics(root, denying, path -> true)
                .checkImu(1, SensorPosition.UPPER, ImuChip.MPU_6050, 0x68);

        assertTrue(finding.line().startsWith("FAIL imu-upper: permission denied on /dev/i2c-1. Fix: add the service user"
                + " to the i2c group"), finding.line());
    }

    @Test
    void noDeviceAtAddress_namesAddressSensorAndTheAddressJumper() throws IOException {
        createI2cDevice();
        chips.put(0x68, () -> new SimulatedMpu6050(0x68, still, clock));

        Finding finding = diagnostics().checkImu(1, SensorPosition.LOWER, ImuChip.MPU_6050, 0x69);

        assertEquals("FAIL imu-lower: no device answers at 0x69 on /dev/i2c-1 (lower MPU-6050). Fix: check its 3.3 V,"
                + " GND, SDA (pin 3) and SCL (pin 5) wires and that AD0 is tied to 3.3 V; 'i2cdetect -y 1' lists"
                + " what answers", finding.line());
    }

    @Test
    void wrongChip_saysWhichChipItLooksLike() throws IOException {
        createI2cDevice();
        chips.put(0x68, () -> new FaultyBus(new SimulatedMpu6050(0x68, still, clock)).reading(0x75, 0x70));

        Finding finding = diagnostics().checkImu(1, SensorPosition.UPPER, ImuChip.MPU_6050, 0x68);

        assertFalse(finding.passed());
        assertTrue(finding.observation().contains("the chip at 0x68 is not a MPU-6050: register 0x75 reads 0x70,"
                + " expected 0x68; it looks like MPU-6500"), finding.observation());
        assertTrue(finding.remedy().startsWith("fit a MPU-6050"), finding.remedy());
    }

    @Test
    void lsm6dsoxExpectedButMpu6050Fitted_saysItLooksLikeAnMpu6050() throws IOException {
        createI2cDevice();
        chips.put(0x6A, () -> new SimulatedMpu6050(0x6A, still, clock));

        Finding finding = diagnostics().checkImu(1, SensorPosition.UPPER, ImuChip.LSM6DSOX, 0x6A);

        assertTrue(finding.observation().contains("it looks like MPU-6050"), finding.observation());
    }

    @Test
    void hapticDriverOfAnotherKind_saysWhichOne() throws IOException {
        createI2cDevice();
        chips.put(0x5A, () -> new FaultyBus(new SimulatedDrv2605l()).reading(0x00, 0xC0));

        Finding finding = diagnostics().checkHapticDriver(1, 0x5A);

        assertTrue(finding.observation().contains("DEVICE_ID is 6; it looks like DRV2604L (no ROM effect library)"),
                finding.observation());
    }

    @Test
    void pwmOverlayMissing_saysHowToEnableIt() {
        Finding finding = diagnostics().checkPwm(0, 0);

        assertEquals("FAIL pwm: hardware PWM is not enabled: /sys/class/pwm/pwmchip0 is missing. Fix: add"
                + " 'dtoverlay=pwm,pin=18,func=2' to /boot/firmware/config.txt, then reboot", finding.line());
    }

    @Test
    void pwmExportNotWritable_saysPermissionDeniedAndNamesTheGroup() throws IOException {
        createPwmChip(2);

        Finding finding = new StartupDiagnostics(root, buses, path -> false).checkPwm(0, 0);

        assertEquals("FAIL pwm: permission denied on /sys/class/pwm/pwmchip0/export. Fix: add the service user to the"
                + " gpio group ('sudo usermod -aG gpio $USER'), then log in again", finding.line());
    }

    @Test
    void pwmChannelBeyondTheChip_saysSo() throws IOException {
        createPwmChip(2);

        Finding finding = diagnostics().checkPwm(0, 2);

        assertTrue(finding.line().startsWith("FAIL pwm: /sys/class/pwm/pwmchip0 has 2 channel(s), channel 2 is needed"),
                finding.line());
    }

    @Test
    void completeStrap_allChecksPass() throws IOException {
        createI2cDevice();
        createPwmChip(2);
        chips.put(0x6A, () -> new SimulatedLsm6dsox(0x6A, still, clock));
        chips.put(0x6B, () -> new SimulatedLsm6dsox(0x6B, still, clock));
        chips.put(0x5A, SimulatedDrv2605l::new);

        List<Finding> findings = diagnostics().checkStrap(1, ImuChip.LSM6DSOX, Haptics.DRV2605L, 0, 0);

        assertEquals(4, findings.size());
        assertTrue(findings.stream().allMatch(Finding::passed), findings.toString());
        assertEquals("OK imu-lower: lower LSM6DSOX at 0x6B answers WHO_AM_I 0x6C", findings.get(2).line());
    }

    @Test
    void i2cMissing_skipsTheChipChecksButStillChecksPwm() throws IOException {
        createPwmChip(2);

        List<Finding> findings = diagnostics().checkStrap(1, ImuChip.MPU_6050, Haptics.COIN_MOTOR_PWM, 0, 0);

        assertEquals(List.of("i2c", "pwm"), findings.stream().map(Finding::check).toList());
        assertFalse(findings.get(0).passed());
        assertTrue(findings.get(1).passed());
    }

    private StartupDiagnostics diagnostics() {
        return new StartupDiagnostics(root, buses, path -> true);
    }

    private void createI2cDevice() throws IOException {
        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/i2c-1"));
    }

    private void createPwmChip(int channels) throws IOException {
        Path chip = Files.createDirectories(root.resolve("sys/class/pwm/pwmchip0"));
        Files.writeString(chip.resolve("npwm"), channels + "\n");
        Files.createFile(chip.resolve("export"));
    }

    /** Nothing at the address: every transfer is NACKed, as Linux reports with EREMOTEIO. */
    private record AbsentDevice(int address) implements RegisterBus {
        @Override
        public int readRegister(int register) throws IOException {
            throw new IOException("Remote I/O error");
        }

        @Override
        public void readRegisters(int firstRegister, byte[] buffer, int offset, int length) throws IOException {
            throw new IOException("Remote I/O error");
        }

        @Override
        public void writeRegister(int register, int value) throws IOException {
            throw new IOException("Remote I/O error");
        }

        @Override
        public void close() {
        }
    }
}
