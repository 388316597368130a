// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The decoder against arbitrary and mutated bytes: it never throws, never hangs, and accepts a
 * mutated chunk only if it still carries a matching hash (which a random mutation does not).
 * {@code -Djqwik.tries.default=N} or {@code SyncFuzzRun} runs more.
 */
class SyncDecoderPropertiesTest {

    private static final byte[] VALID_CHUNK = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s1", 4,
            SyncTestData.samples(9, 4, 100, SampleResolution.LSM6DSOX_500DPS_4G),
            Optional.of(SampleResolution.LSM6DSOX_500DPS_4G)));

    @Property(tries = 3000)
    void decode_arbitraryBytes_neverThrows(@ForAll("payloads") byte[] payload) {
        SyncDecodeResult result = SyncCodec.decode(payload);
        assertTrue(result != null);
    }

    @Property(tries = 3000)
    void decode_mutatedChunk_isRejectedOrUnchanged(@ForAll("positions") int position, @ForAll byte xor) {
        byte[] mutated = VALID_CHUNK.clone();
        mutated[position % mutated.length] ^= xor;
        SyncDecodeResult result = SyncCodec.decode(mutated);
        if (xor != 0 && result instanceof SyncDecodeResult.Decoded decoded) {
            // only the hash bytes' own copy of a sample byte can't change; any accepted record must equal the original
            assertTrue(java.util.Arrays.equals(SyncCodec.encode(decoded.record()), mutated),
                    "a mutated chunk was accepted as something else");
        }
    }

    @Property(tries = 3000)
    void decode_mutatedBundle_neverYieldsAChangedChunk(@ForAll("bundlePositions") int position, @ForAll byte xor) {
        byte[] bundle = SyncCodec.encode(new SyncRecord.Bundle("strap-01", java.util.List.of(VALID_CHUNK, VALID_CHUNK)));
        byte[] mutated = bundle.clone();
        mutated[position % mutated.length] ^= xor;
        if (SyncCodec.decode(mutated) instanceof SyncDecodeResult.Decoded(SyncRecord.Bundle decoded)) {
            for (byte[] inner : decoded.records()) {
                if (SyncCodec.decode(inner) instanceof SyncDecodeResult.Decoded(SyncRecord.SessionChunk chunk)) {
                    assertTrue(java.util.Arrays.equals(inner, VALID_CHUNK), "a changed chunk in a bundle was accepted");
                }
            }
        }
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> withMagic = random.map(bytes -> {
            byte[] payload = new byte[bytes.length + 7];
            System.arraycopy("BKSY".getBytes(), 0, payload, 0, 4);
            payload[5] = 1;
            payload[6] = (byte) (bytes.length % 7);
            System.arraycopy(bytes, 0, payload, 7, bytes.length);
            return payload;
        });
        return Arbitraries.oneOf(random, withMagic);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, VALID_CHUNK.length - 1);
    }

    @Provide
    Arbitrary<Integer> bundlePositions() {
        return Arbitraries.integers().between(0, 2 * VALID_CHUNK.length + 64);
    }
}
