// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The live decoder against arbitrary and mutated bytes: it never throws, and whatever it accepts
 * encodes back to the same bytes (a frame is never read as something it does not say).
 */
class LiveDecoderPropertiesTest {

    private static final byte[] VALID = LiveCodec.encode(LiveCodecTest.FRAME);

    @Property(tries = 3000)
    void decode_arbitraryBytes_neverThrows(@ForAll("payloads") byte[] payload) {
        assertNotNull(LiveCodec.decode(payload));
    }

    @Property(tries = 3000)
    void decode_mutatedFrame_isRejectedOrReadsAsItsBytes(@ForAll("positions") int position, @ForAll byte xor) {
        byte[] mutated = VALID.clone();
        mutated[position] ^= xor;
        if (LiveCodec.decode(mutated) instanceof LiveDecodeResult.Frame(LiveFrame frame)) {
            // a float NaN has many bit patterns; the rest must round-trip exactly
            if (!Double.isNaN(frame.flexionDegrees()) && !Double.isNaN(frame.sideBendDegrees())
                    && !Double.isNaN(frame.twistDegrees()) && !Double.isNaN(frame.lastAlertSeconds())) {
                assertArrayEquals(mutated, LiveCodec.encode(frame));
            }
        }
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> withMagic = random.map(bytes -> {
            byte[] payload = new byte[bytes.length + 5];
            System.arraycopy("BKLV".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, payload, 0, 4);
            payload[4] = 1;
            System.arraycopy(bytes, 0, payload, 5, bytes.length);
            return payload;
        });
        Arbitrary<byte[]> truncatedValid = Arbitraries.integers().between(0, VALID.length)
                .map(length -> java.util.Arrays.copyOf(VALID, length));
        return Arbitraries.oneOf(random, withMagic, truncatedValid);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, VALID.length - 1);
    }
}
