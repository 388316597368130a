// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.bus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Identity registers of chips commonly found at the strap's addresses, for telling a user which
 * chip answered when it is not the expected one (a clone, a sibling part, an RTC at 0x68).
 *
 * <p>Sources: InvenSense register maps (WHO_AM_I at 0x75), ST datasheets (WHO_AM_I at 0x0F), TI
 * DRV260x datasheets (DEVICE_ID in STATUS bits 7:5). Values read from an unexpected chip's
 * register are only a hint: an unrelated chip may hold any value there.
 */
public final class ChipIdentities {

    /** InvenSense WHO_AM_I register. */
    public static final int INVENSENSE_WHO_AM_I = 0x75;
    /** ST WHO_AM_I register. */
    public static final int ST_WHO_AM_I = 0x0F;
    /** TI DRV260x STATUS register (DEVICE_ID in bits 7:5). */
    public static final int TI_HAPTIC_STATUS = 0x00;

    /**
     * One known identity: {@code (register value & mask) == value} names the chip.
     *
     * @param register the identity register
     * @param mask the bits that carry the identity
     * @param value the identity bits' value
     * @param chipName the part (or parts) answering so
     */
    public record Identity(int register, int mask, int value, String chipName) {
    }

    private static final List<Identity> KNOWN = List.of(
            new Identity(INVENSENSE_WHO_AM_I, 0xFF, 0x68, "MPU-6050 (or MPU-6000/MPU-9150)"),
            new Identity(INVENSENSE_WHO_AM_I, 0xFF, 0x70, "MPU-6500"),
            new Identity(INVENSENSE_WHO_AM_I, 0xFF, 0x71, "MPU-9250"),
            new Identity(INVENSENSE_WHO_AM_I, 0xFF, 0x73, "MPU-9255"),
            new Identity(INVENSENSE_WHO_AM_I, 0xFF, 0x12, "ICM-20602"),
            new Identity(INVENSENSE_WHO_AM_I, 0xFF, 0x98, "ICM-20689"),
            new Identity(INVENSENSE_WHO_AM_I, 0xFF, 0x19, "MPU-6886"),
            new Identity(INVENSENSE_WHO_AM_I, 0xFF, 0x47, "ICM-42688-P"),
            new Identity(ST_WHO_AM_I, 0xFF, 0x6C, "LSM6DSOX (or LSM6DSO)"),
            new Identity(ST_WHO_AM_I, 0xFF, 0x69, "LSM6DS3 (or LSM6DS33)"),
            new Identity(ST_WHO_AM_I, 0xFF, 0x6A, "LSM6DSL (or LSM6DSM, LSM6DS3TR-C)"),
            new Identity(ST_WHO_AM_I, 0xFF, 0x6B, "LSM6DSR (or ISM330DHCX)"),
            new Identity(ST_WHO_AM_I, 0xFF, 0x70, "LSM6DSV"),
            new Identity(ST_WHO_AM_I, 0xFF, 0x68, "LSM9DS1 accelerometer/gyroscope"),
            new Identity(TI_HAPTIC_STATUS, 0xE0, 7 << 5, "DRV2605L"),
            new Identity(TI_HAPTIC_STATUS, 0xE0, 3 << 5, "DRV2605"),
            new Identity(TI_HAPTIC_STATUS, 0xE0, 6 << 5, "DRV2604L"),
            new Identity(TI_HAPTIC_STATUS, 0xE0, 4 << 5, "DRV2604"));

    private ChipIdentities() {
    }

    /** The known chips that answer {@code value} at identity register {@code register}; empty if none. */
    public static List<String> namesFor(int register, int value) {
        List<String> names = new ArrayList<>();
        for (Identity identity : KNOWN) {
            if (identity.register() == register && (value & identity.mask()) == identity.value()) {
                names.add(identity.chipName());
            }
        }
        return names;
    }

    /**
     * Reads the InvenSense and ST identity registers of the chip behind {@code bus} and names what
     * it looks like, e.g. {@code "MPU-6500 (WHO_AM_I 0x75 = 0x70)"}; empty when nothing matches or
     * the reads fail. Never throws.
     */
    public static String describe(RegisterBus bus) {
        for (int register : new int[] {INVENSENSE_WHO_AM_I, ST_WHO_AM_I}) {
            try {
                int value = bus.readRegister(register);
                List<String> names = namesFor(register, value);
                if (!names.isEmpty()) {
                    return String.format("%s (register 0x%02X = 0x%02X)", String.join(" or ", names), register, value);
                }
            } catch (IOException | RuntimeException unreadable) {
                // try the next family's register
            }
        }
        return "";
    }
}
