// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.mqtt.sync.SyncTopics;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LiveCodecTest {

    static final LiveFrame FRAME = new LiveFrame("strap-01", "20261206T201000Z-ab12", 42, 12.5, -17.25, 3.5, -0.75,
            LiveFrame.PacerPhase.EXHALE, 7, 2, LiveFrame.Alert.END_RANGE_HOLD, 11.25);

    @Test
    void decode_encodedFrame_isTheSameFrame() {
        LiveDecodeResult result = LiveCodec.decode(LiveCodec.encode(FRAME));

        assertEquals(new LiveDecodeResult.Frame(FRAME), result);
    }

    @Test
    void encode_frame_isCompact() {
        assertTrue(LiveCodec.encode(FRAME).length <= 72, "a live frame is " + LiveCodec.encode(FRAME).length + " bytes");
    }

    @Test
    void decode_calibratingFrameWithoutAlert_keepsNaN() {
        LiveFrame calibrating = new LiveFrame("strap-01", "s1", 0, 0.1, Double.NaN, Double.NaN, Double.NaN,
                LiveFrame.PacerPhase.NONE, 0, 0, LiveFrame.Alert.NONE, Double.NaN);

        LiveDecodeResult.Frame decoded = assertInstanceOf(LiveDecodeResult.Frame.class,
                LiveCodec.decode(LiveCodec.encode(calibrating)));

        assertTrue(decoded.frame().calibrating());
        assertTrue(Double.isNaN(decoded.frame().lastAlertSeconds()));
    }

    @Test
    void decode_largestSequence_roundTrips() {
        LiveFrame last = new LiveFrame("strap-01", "s1", 0xFFFF_FFFFL, 1, 0, 0, 0, LiveFrame.PacerPhase.PAUSE,
                LiveFrame.MAX_COUNT, 0, LiveFrame.Alert.NONE, Double.NaN);

        assertEquals(new LiveDecodeResult.Frame(last), LiveCodec.decode(LiveCodec.encode(last)));
    }

    @Test
    void decode_everyTruncation_isRejected() {
        byte[] encoded = LiveCodec.encode(FRAME);
        for (int length = 0; length < encoded.length; length++) {
            assertInstanceOf(LiveDecodeResult.Rejected.class, LiveCodec.decode(Arrays.copyOf(encoded, length)),
                    "truncated to " + length + " bytes");
        }
    }

    @Test
    void decode_trailingByte_isRejected() {
        byte[] encoded = LiveCodec.encode(FRAME);

        LiveDecodeResult result = LiveCodec.decode(Arrays.copyOf(encoded, encoded.length + 1));

        assertEquals(new LiveDecodeResult.Rejected("1 bytes after the end of the live frame"), result);
    }

    @Test
    void decode_newerSchema_saysUpdate() {
        byte[] encoded = LiveCodec.encode(FRAME);
        encoded[4] = (byte) (LiveCodec.SCHEMA_VERSION + 1);

        LiveDecodeResult.Rejected rejected = assertInstanceOf(LiveDecodeResult.Rejected.class, LiveCodec.decode(encoded));

        assertTrue(rejected.reason().contains("update backbeat"), rejected.reason());
    }

    @Test
    void decode_unknownPhase_isRejected() {
        byte[] encoded = LiveCodec.encode(FRAME);
        // the phase byte follows the ids, the u32 sequence and four f32 values
        int phase = 5 + 2 + "strap-01".length() + 2 + FRAME.sessionId().length() + 4 + 16;
        encoded[phase] = 9;

        assertEquals(new LiveDecodeResult.Rejected("unknown pacer phase 9"), LiveCodec.decode(encoded));
    }

    @Test
    void decode_infiniteAngle_isRejected() {
        LiveFrame wild = new LiveFrame("strap-01", "s1", 1, 1, Double.POSITIVE_INFINITY, 0, 0, LiveFrame.PacerPhase.INHALE,
                0, 0, LiveFrame.Alert.NONE, Double.NaN);

        assertInstanceOf(LiveDecodeResult.Rejected.class, LiveCodec.decode(LiveCodec.encode(wild)));
    }

    @Test
    void decode_otherRecord_isRejectedForItsMagic() {
        assertEquals(new LiveDecodeResult.Rejected("not a live frame (no BKLV magic)"),
                LiveCodec.decode("BKCT\u0000\u0001".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void constructor_badDeviceId_throwsNamingIt() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> new LiveFrame("a/b", "s1", 0,
                0, 0, 0, 0, LiveFrame.PacerPhase.NONE, 0, 0, LiveFrame.Alert.NONE, Double.NaN));

        assertTrue(thrown.getMessage().contains("'a/b'"), thrown.getMessage());
    }

    @Test
    void parse_liveTopic_isKindLive() {
        assertEquals("live", SyncTopics.parse(SyncTopics.live("strap-01")).orElseThrow().kind());
    }
}
