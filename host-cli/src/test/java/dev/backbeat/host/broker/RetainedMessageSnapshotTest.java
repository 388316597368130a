// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetainedMessageSnapshotTest {

    private static final List<RetainedMessageSnapshot.KeptMessage> MESSAGES = List.of(
            new RetainedMessageSnapshot.KeptMessage("backbeat/v2/strap-1/health", 1, OptionalLong.empty(),
                    "{\"state\":\"idle\"}".getBytes(StandardCharsets.UTF_8)),
            new RetainedMessageSnapshot.KeptMessage("backbeat/v2/strap-1/configuration/desired", 0, OptionalLong.of(3600),
                    new byte[] {0, 1, 2, (byte) 0xff}),
            new RetainedMessageSnapshot.KeptMessage("backbeat/v2/straße/ack", 2, OptionalLong.of(0), new byte[0]));

    @Test
    void decode_encodedMessages_givesThemBackInOrder() {
        RetainedMessageSnapshot.Decoded decoded = RetainedMessageSnapshot.decode(RetainedMessageSnapshot.encode(MESSAGES));

        assertEquals(MESSAGES, assertInstanceOf(RetainedMessageSnapshot.Decoded.Read.class, decoded).messages());
    }

    @Test
    void decode_noMessages_givesAnEmptyList() {
        RetainedMessageSnapshot.Decoded decoded = RetainedMessageSnapshot.decode(RetainedMessageSnapshot.encode(List.of()));

        assertEquals(List.of(), assertInstanceOf(RetainedMessageSnapshot.Decoded.Read.class, decoded).messages());
    }

    @Test
    void decode_everyShorterPrefix_isUnreadableWithAReason() {
        byte[] whole = RetainedMessageSnapshot.encode(MESSAGES);
        for (int length = 0; length < whole.length; length++) {
            RetainedMessageSnapshot.Decoded decoded = RetainedMessageSnapshot.decode(Arrays.copyOf(whole, length));
            String reason = assertInstanceOf(RetainedMessageSnapshot.Decoded.Unreadable.class, decoded,
                    "a file cut to " + length + " bytes").reason();
            assertTrue(!reason.isBlank(), "a reason for " + length + " bytes");
        }
    }

    @Test
    void decode_anotherFormatOrMagic_saysWhich() {
        byte[] whole = RetainedMessageSnapshot.encode(MESSAGES);
        byte[] newer = whole.clone();
        newer[4] = 2;
        byte[] foreign = "not a snapshot at all, just text".getBytes(StandardCharsets.UTF_8);

        assertTrue(assertInstanceOf(RetainedMessageSnapshot.Decoded.Unreadable.class, RetainedMessageSnapshot.decode(newer))
                .reason().contains("format 2"));
        assertTrue(assertInstanceOf(RetainedMessageSnapshot.Decoded.Unreadable.class, RetainedMessageSnapshot.decode(foreign))
                .reason().contains("BBRM"));
    }

    @Test
    void decode_everySingleFlippedBit_isUnreadable_andNeverThrows() {
        byte[] whole = RetainedMessageSnapshot.encode(MESSAGES);
        for (int bit = 0; bit < whole.length * 8; bit++) {
            byte[] damaged = whole.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertInstanceOf(RetainedMessageSnapshot.Decoded.Unreadable.class, RetainedMessageSnapshot.decode(damaged),
                    "bit " + bit + " flipped");
        }
    }

    @Test
    void decode_randomBytesWithAValidChecksum_neverThrows() {
        Random random = new Random(17);
        byte[] whole = RetainedMessageSnapshot.encode(MESSAGES);
        for (int round = 0; round < 20_000; round++) {
            byte[] mutated = whole.clone();
            int changes = 1 + random.nextInt(4);
            for (int change = 0; change < changes; change++) {
                mutated[5 + random.nextInt(mutated.length - 9)] = (byte) random.nextInt(256);
            }
            // a checksum over the mutated bytes, so the decoder's structural checks are what is tried
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(mutated, 0, mutated.length - 4);
            java.nio.ByteBuffer.wrap(mutated).putInt(mutated.length - 4, (int) crc.getValue());
            RetainedMessageSnapshot.decode(mutated); // must return, whatever it says
        }
    }
}
