// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

/**
 * Two's-complement 16-bit words as IMUs send them. Decoding masks each byte explicitly, so a low
 * byte of 0x80 or above never sign-extends into the high byte.
 */
public final class SignedWord {

    private SignedWord() {
    }

    /** High byte first (InvenSense), -32768..32767. */
    public static int bigEndian(byte[] bytes, int offset) {
        return (short) (((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF));
    }

    /** Low byte first (ST), -32768..32767. */
    public static int littleEndian(byte[] bytes, int offset) {
        return (short) (((bytes[offset + 1] & 0xFF) << 8) | (bytes[offset] & 0xFF));
    }

    /** Writes {@code value} (clamped to -32768..32767) high byte first. */
    public static void putBigEndian(byte[] bytes, int offset, int value) {
        int clamped = clamp(value);
        bytes[offset] = (byte) (clamped >> 8);
        bytes[offset + 1] = (byte) clamped;
    }

    /** Writes {@code value} (clamped to -32768..32767) low byte first. */
    public static void putLittleEndian(byte[] bytes, int offset, int value) {
        int clamped = clamp(value);
        bytes[offset] = (byte) clamped;
        bytes[offset + 1] = (byte) (clamped >> 8);
    }

    /** Saturates to the 16-bit range, as a sensor's output does at full scale. */
    public static int clamp(long value) {
        return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
}
