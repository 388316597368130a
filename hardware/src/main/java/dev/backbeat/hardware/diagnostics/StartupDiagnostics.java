// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.diagnostics;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.hardware.bus.ChipIdentities;
import dev.backbeat.hardware.bus.RegisterBus;
import dev.backbeat.hardware.bus.RegisterBusFactory;
import dev.backbeat.hardware.haptic.Drv2605l;
import dev.backbeat.hardware.imu.ImuChip;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Start-up checks of the strap hardware on a Raspberry Pi, each giving one {@link Finding} with what
 * to do: I2C not enabled, permission denied, no device at an address, a wrong chip (and which chip
 * it looks like), the PWM overlay missing.
 *
 * <p>Testable off the Pi: the filesystem root (normally {@code /}) and the bus factory are injected,
 * and so is the access test, since tests run as root where every file is readable.
 */
public final class StartupDiagnostics {

    /** Whether the service may open a device file for reading and writing. */
    @FunctionalInterface
    public interface DeviceAccess {
        /** {@link Files#isReadable} and {@link Files#isWritable}. */
        DeviceAccess FILE_PERMISSIONS = path -> Files.isReadable(path) && Files.isWritable(path);

        boolean canReadAndWrite(Path path);
    }

    /** What drives the vibration. */
    public enum Haptics { DRV2605L, COIN_MOTOR_PWM, NONE }

    static final String ENABLE_I2C = "add 'dtparam=i2c_arm=on,i2c_arm_baudrate=400000' to /boot/firmware/config.txt"
            + " (or run 'sudo raspi-config nonint do_i2c 0'), then reboot";
    static final String JOIN_I2C_GROUP = "add the service user to the i2c group ('sudo usermod -aG i2c $USER'),"
            + " then log in again";
    static final String ENABLE_PWM = "add 'dtoverlay=pwm,pin=18,func=2' to /boot/firmware/config.txt, then reboot";
    static final String JOIN_GPIO_GROUP = "add the service user to the gpio group ('sudo usermod -aG gpio $USER'),"
            + " then log in again";

    private final Path root;
    private final RegisterBusFactory buses;
    private final DeviceAccess access;

    /**
     * @param root the filesystem root, {@code Path.of("/")} on the Pi
     * @param buses opens chips (the Pi4J adapter on the Pi)
     * @param access the device-file permission test ({@link DeviceAccess#FILE_PERMISSIONS} on the Pi)
     */
    public StartupDiagnostics(Path root, RegisterBusFactory buses, DeviceAccess access) {
        this.root = Objects.requireNonNull(root, "root");
        this.buses = Objects.requireNonNull(buses, "buses");
        this.access = Objects.requireNonNull(access, "access");
    }

    /**
     * Every check for a strap of two {@code chip}s at their default addresses on bus
     * {@code busNumber} and the given haptics; chip checks are skipped when the bus itself fails.
     */
    public List<Finding> checkStrap(int busNumber, ImuChip chip, Haptics haptics, int pwmChip, int pwmChannel) {
        List<Finding> findings = new ArrayList<>();
        Finding bus = checkI2cBus(busNumber);
        findings.add(bus);
        if (bus.passed()) {
            for (SensorPosition sensor : SensorPosition.values()) {
                findings.add(checkImu(busNumber, sensor, chip, chip.defaultAddress(sensor)));
            }
            if (haptics == Haptics.DRV2605L) {
                findings.add(checkHapticDriver(busNumber, Drv2605l.ADDRESS));
            }
        }
        if (haptics == Haptics.COIN_MOTOR_PWM) {
            findings.add(checkPwm(pwmChip, pwmChannel));
        }
        return findings;
    }

    /** {@code /dev/i2c-N} exists and the service may use it. */
    public Finding checkI2cBus(int busNumber) {
        Path device = devicePath(busNumber);
        String name = "/dev/i2c-" + busNumber;
        if (!Files.exists(device)) {
            return Finding.fail("i2c", name + " is missing: I2C is not enabled", ENABLE_I2C);
        }
        if (!access.canReadAndWrite(device)) {
            return Finding.fail("i2c", "permission denied on " + name, JOIN_I2C_GROUP);
        }
        return Finding.ok("i2c", name + " is present and accessible");
    }

    /** The IMU of {@code sensor} answers at {@code address} with {@code chip}'s WHO_AM_I. */
    public Finding checkImu(int busNumber, SensorPosition sensor, ImuChip chip, int address) {
        String check = "imu-" + sensor.label();
        String what = sensor.label() + " " + chip.chipName();
        try (RegisterBus bus = buses.open(busNumber, address)) {
            int identity;
            try {
                identity = bus.readRegister(chip.whoAmIRegister());
            } catch (IOException silent) {
                return noDevice(check, busNumber, address, what, addressJumperHint(chip, address));
            }
            if (identity == chip.whoAmIValue()) {
                return Finding.ok(check, String.format("%s at 0x%02X answers WHO_AM_I 0x%02X", what, address, identity));
            }
            String looksLike = ChipIdentities.describe(bus);
            return Finding.fail(check, String.format("the chip at 0x%02X is not a %s: register 0x%02X reads 0x%02X,"
                            + " expected 0x%02X; %s", address, chip.chipName(), chip.whoAmIRegister(), identity,
                            chip.whoAmIValue(), looksLike.isEmpty()
                                    ? "it matches no known IMU (another device, such as an RTC at 0x68, may share the address)"
                                    : "it looks like " + looksLike),
                    "fit a " + chip.chipName() + " or set the strap's chip type to the part fitted");
        } catch (AccessDeniedException denied) {
            return Finding.fail(check, "permission denied on /dev/i2c-" + busNumber, JOIN_I2C_GROUP);
        } catch (NoSuchFileException missing) {
            return Finding.fail(check, "/dev/i2c-" + busNumber + " is missing: I2C is not enabled", ENABLE_I2C);
        } catch (IOException other) {
            return Finding.fail(check, String.format("cannot open /dev/i2c-%d for 0x%02X: %s", busNumber, address,
                    other.getMessage()), "check that I2C is enabled and nothing else holds the bus");
        }
    }

    /** A DRV2605L (or DRV2605) answers at {@code address}. */
    public Finding checkHapticDriver(int busNumber, int address) {
        String check = "haptic";
        try (RegisterBus bus = buses.open(busNumber, address)) {
            int status;
            try {
                status = bus.readRegister(Drv2605l.Registers.STATUS);
            } catch (IOException silent) {
                return noDevice(check, busNumber, address, "DRV2605L", "check its VIN, GND, SDA, SCL and that EN is high");
            }
            int deviceId = status >> 5;
            if (deviceId == Drv2605l.DEVICE_ID_DRV2605L || deviceId == Drv2605l.DEVICE_ID_DRV2605) {
                return Finding.ok(check, String.format("DRV2605L at 0x%02X answers DEVICE_ID %d", address, deviceId));
            }
            List<String> names = ChipIdentities.namesFor(Drv2605l.Registers.STATUS, status);
            return Finding.fail(check, String.format("the chip at 0x%02X is not a DRV2605L: DEVICE_ID is %d; %s",
                            address, deviceId, names.isEmpty() ? "it matches no known haptic driver"
                                    : "it looks like " + String.join(" or ", names)
                                    + " (no ROM effect library)"),
                    "fit a DRV2605L board, or drive a coin motor from GPIO 18 instead");
        } catch (AccessDeniedException denied) {
            return Finding.fail(check, "permission denied on /dev/i2c-" + busNumber, JOIN_I2C_GROUP);
        } catch (IOException other) {
            return Finding.fail(check, String.format("cannot open /dev/i2c-%d for 0x%02X: %s", busNumber, address,
                    other.getMessage()), "check that I2C is enabled and nothing else holds the bus");
        }
    }

    /** {@code /sys/class/pwm/pwmchipN} exists, has the channel, and may be exported. */
    public Finding checkPwm(int pwmChip, int channel) {
        Path chip = root.resolve("sys/class/pwm/pwmchip" + pwmChip);
        String name = "/sys/class/pwm/pwmchip" + pwmChip;
        if (!Files.isDirectory(chip)) {
            return Finding.fail("pwm", "hardware PWM is not enabled: " + name + " is missing", ENABLE_PWM);
        }
        int channels = readChannelCount(chip.resolve("npwm"));
        if (channels <= channel) {
            return Finding.fail("pwm", String.format("%s has %d channel(s), channel %d is needed", name, channels, channel),
                    ENABLE_PWM + " (on a Pi 5 GPIO 18 is channel 2 of pwmchip0)");
        }
        Path export = chip.resolve("export");
        Path exported = chip.resolve("pwm" + channel);
        if (!Files.isDirectory(exported) && !access.canReadAndWrite(export)) {
            return Finding.fail("pwm", "permission denied on " + name + "/export", JOIN_GPIO_GROUP);
        }
        return Finding.ok("pwm", String.format("%s channel %d is available", name, channel));
    }

    private Path devicePath(int busNumber) {
        return root.resolve("dev/i2c-" + busNumber);
    }

    private static Finding noDevice(String check, int busNumber, int address, String what, String hint) {
        return Finding.fail(check, String.format("no device answers at 0x%02X on /dev/i2c-%d (%s)", address, busNumber, what),
                hint + "; 'i2cdetect -y " + busNumber + "' lists what answers");
    }

    private static String addressJumperHint(ImuChip chip, int address) {
        String pin = chip == ImuChip.MPU_6050 ? "AD0" : "SA0";
        String level = address == chip.alternateAddress() ? "3.3 V" : "GND";
        return "check its 3.3 V, GND, SDA (pin 3) and SCL (pin 5) wires and that " + pin + " is tied to " + level;
    }

    private static int readChannelCount(Path npwm) {
        try {
            return Integer.parseInt(Files.readString(npwm).trim());
        } catch (IOException | NumberFormatException unreadable) {
            return 0;
        }
    }
}
