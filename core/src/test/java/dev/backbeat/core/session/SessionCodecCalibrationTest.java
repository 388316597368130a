// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.rhythm.Tempo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A guided session's record of where its calibration came from, through the wire format. */
class SessionCodecCalibrationTest {

    private static RecordedSession guided(Optional<CalibrationSource> calibration) {
        RecordedSession plain = new RecordedSession("strap-01", "20261206T231510Z-ab12", Instant.parse("2026-12-06T23:15:10Z"),
                "sim-mpu6050", 200.0, List.of(), List.of(), List.of(),
                new SessionSummary(60, 0, -12, 3, 5, 6, 0.5, 3.0), List.of(), List.of(), List.of(), Tempo.NONE);
        return plain.withGuided(new GuidedSessionRecord("extensions", "gentle",
                List.of(new GuidedSessionRecord.Step(0, "neutral-stand", 0, 0)), List.of(), List.of(), calibration));
    }

    private static int schema(byte[] payload) {
        return ((payload[4] & 0xFF) << 8) | (payload[5] & 0xFF);
    }

    @Test
    void decode_ofEncoded_roundTripsEachSourceAsSchema3() {
        for (CalibrationSource source : List.of(CalibrationSource.STAND, CalibrationSource.stored(2.25, 0.4),
                CalibrationSource.standAfterRefusal("the upper sensor's up direction is 14.7° from the stored one", 1.5, 14.7),
                CalibrationSource.standAfterRefusal("none is stored yet", Double.NaN, Double.NaN))) {
            RecordedSession session = guided(Optional.of(source));
            byte[] payload = SessionCodec.encode(session);
            assertEquals(3, schema(payload));
            assertEquals(session, assertInstanceOf(SessionDecodeResult.Decoded.class, SessionCodec.decode(payload)).session());
        }
    }

    @Test
    void encode_guidedRecordWithoutCalibration_staysSchema2ForOlderHosts() {
        RecordedSession session = guided(Optional.empty());
        byte[] payload = SessionCodec.encode(session);
        assertEquals(2, schema(payload));
        assertEquals(session, assertInstanceOf(SessionDecodeResult.Decoded.class, SessionCodec.decode(payload)).session());
    }

    @Test
    void decode_schema3CutBeforeTheCalibration_isRejectedAsTruncated() {
        // a schema 2 body labelled 3: the calibration it promises is missing
        byte[] payload = SessionCodec.encode(guided(Optional.empty()));
        payload[5] = 3;
        String reason = assertInstanceOf(SessionDecodeResult.Rejected.class, SessionCodec.decode(payload)).reason();
        assertTrue(reason.contains("truncated"), reason);
    }

    @Test
    void describe_eachSource_saysWhereTheNeutralCameFrom() {
        assertEquals("neutral stand 0.5-3.5 s", CalibrationSource.STAND.describe(0.5, 3.5));
        assertEquals("stored calibration 2.3 days old, check 0.5-3.0 s agreed within 0.4°",
                CalibrationSource.stored(2.25, 0.4).describe(0.5, 3.0));
        assertEquals("neutral stand 4.0-7.0 s (the stored calibration was refused: none is stored yet)",
                CalibrationSource.standAfterRefusal("none is stored yet", Double.NaN, Double.NaN).describe(4.0, 7.0));
    }
}
