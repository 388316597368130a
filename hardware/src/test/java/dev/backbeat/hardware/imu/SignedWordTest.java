// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignedWordTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "0x00, 0x80, 128",      // low byte 0x80 must not sign-extend into the high byte
            "0x80, 0x00, -32768",
            "0xFF, 0x80, -128",
            "0xFF, 0xFF, -1",
            "0x7F, 0xFF, 32767",
            "0x12, 0x34, 4660",
            "0xFE, 0x0C, -500",
    })
    void bigEndian_decodesGoldenBytes(String high, String low, int expected) {
        byte[] bytes = {(byte) Integer.decode(high).intValue(), (byte) Integer.decode(low).intValue()};
        assertEquals(expected, SignedWord.bigEndian(bytes, 0));
        byte[] swapped = {bytes[1], bytes[0]};
        assertEquals(expected, SignedWord.littleEndian(swapped, 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"-32768", "-129", "-128", "-1", "0", "127", "128", "255", "32767"})
    void put_thenDecode_roundTrips(int value) {
        byte[] big = new byte[2];
        byte[] little = new byte[2];
        SignedWord.putBigEndian(big, 0, value);
        SignedWord.putLittleEndian(little, 0, value);
        assertEquals(value, SignedWord.bigEndian(big, 0));
        assertEquals(value, SignedWord.littleEndian(little, 0));
    }

    @ParameterizedTest(name = "{0} saturates to {1}")
    @CsvSource({"40000, 32767", "-40000, -32768"})
    void put_outOfRange_saturates(int value, int saturated) {
        byte[] big = new byte[2];
        SignedWord.putBigEndian(big, 0, value);
        assertEquals(saturated, SignedWord.bigEndian(big, 0));
        assertArrayEquals(big, saturated > 0 ? new byte[] {0x7F, (byte) 0xFF} : new byte[] {(byte) 0x80, 0});
    }
}
