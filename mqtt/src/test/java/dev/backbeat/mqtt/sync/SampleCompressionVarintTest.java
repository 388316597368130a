// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SampleCompressionVarintTest {

    private static final long[] VALUES = {0, 1, 63, 64, 127, 128, 255, 16_383, 16_384, 2_097_151, 2_097_152,
        Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE};

    @Test
    void readVarint_everyLengthOneToTen_readsWhatWasWritten_atTheEndAndBeforeMore() {
        for (long value : VALUES) {
            SampleCompression.Bytes alone = new SampleCompression.Bytes(16);
            alone.writeVarint(value);
            SampleCompression.Reader atEnd = new SampleCompression.Reader(Arrays.copyOf(alone.buffer, alone.length));
            assertEquals(value, atEnd.readVarint(), "alone: " + value);
            assertEquals(alone.length, atEnd.position, "alone: " + value);

            SampleCompression.Bytes followed = new SampleCompression.Bytes(16);
            followed.writeVarint(value);
            followed.writeVarint(value);
            followed.write(0x55);
            SampleCompression.Reader inside = new SampleCompression.Reader(Arrays.copyOf(followed.buffer, followed.length));
            assertEquals(value, inside.readVarint(), "first of two: " + value);
            assertEquals(value, inside.readVarint(), "second of two: " + value);
            assertEquals(0x55, inside.readUnsignedByte(), "the byte after: " + value);
        }
    }

    @Test
    void readVarint_cutShortAtEveryLength_throwsTruncated() {
        for (long value : VALUES) {
            SampleCompression.Bytes bytes = new SampleCompression.Bytes(16);
            bytes.writeVarint(value);
            for (int length = 0; length < bytes.length; length++) {
                SampleCompression.Reader cut = new SampleCompression.Reader(Arrays.copyOf(bytes.buffer, length));
                IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, cut::readVarint,
                        value + " cut to " + length + " bytes");
                assertEquals("chunk samples are truncated", thrown.getMessage());
            }
        }
    }

    @Test
    void readVarint_elevenContinuationBytes_isRefused() {
        byte[] endless = new byte[12];
        Arrays.fill(endless, (byte) 0x80);
        assertThrows(IllegalArgumentException.class, () -> new SampleCompression.Reader(endless).readVarint());
    }
}
