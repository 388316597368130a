// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.pacer.BreathPhase;
import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.rhythm.Hold;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.rhythm.RepetitionKind;
import dev.backbeat.core.rhythm.Tempo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class SessionCodecTest {

    static RecordedSession sampleSession(int samplesPerSensor, float poison) {
        SensorTrack.Builder upper = new SensorTrack.Builder(SensorPosition.UPPER);
        SensorTrack.Builder lower = new SensorTrack.Builder(SensorPosition.LOWER);
        Random random = new Random(5);
        for (int index = 0; index < samplesPerSensor; index++) {
            upper.add(new ImuSample(index / 100.0, new Vector3(random.nextGaussian(), -0.5, poison),
                    new Vector3(9.81, random.nextGaussian(), 0.1)));
            lower.add(new ImuSample((index + 0.37) / 100.0, new Vector3(0.01, 0.02, -0.03),
                    new Vector3(9.7, 0.2, -1.1)));
        }
        return new RecordedSession("strap-01", "20261126T101500Z-3f9a", Instant.parse("2026-11-26T10:15:00Z"), "sim",
                100.0, List.of(upper.build(), lower.build()),
                List.of(new PacerCue(0, BreathPhase.INHALE), new PacerCue(5, BreathPhase.EXHALE)),
                List.of(new Repetition(7.3, 16.6, 20.1, 14.8),
                        new Repetition(20, 24, RepetitionKind.TWIST_LEFT, 0, 0, 28.5, -2.1, true)),
                new SessionSummary(samplesPerSensor / 100.0, 1, -14.8, 20.1, 6.0, 1, 0.5, 3.5),
                List.of(new SampleGap(SensorPosition.LOWER, 3.2, 4.7)),
                List.of(new Hold(0, 5, 0.1, -0.2, 0.3)), List.of(new BreathWindow(0, 5, 12.5, 0.9)),
                new Tempo(10.0, 0.05, RepetitionKind.FLEXION_EXTENSION, 1));
    }

    @Test
    void decode_ofEncoded_roundTripsEveryField() {
        RecordedSession session = sampleSession(1234, 0.25f);
        SessionDecodeResult result = SessionCodec.decode(SessionCodec.encode(session));
        RecordedSession decoded = assertInstanceOf(SessionDecodeResult.Decoded.class, result).session();
        assertEquals(session, decoded);
        assertEquals(1234, decoded.track(SensorPosition.LOWER).orElseThrow().sampleCount());
    }

    @Test
    void decode_truncatedPayload_isRejectedAsTruncated() {
        byte[] payload = SessionCodec.encode(sampleSession(500, 0));
        for (int length : new int[] {0, 3, 6, 20, payload.length / 2, payload.length - 1}) {
            SessionDecodeResult result = SessionCodec.decode(Arrays.copyOf(payload, length));
            assertInstanceOf(SessionDecodeResult.Rejected.class, result, "length " + length);
        }
    }

    @Test
    void decode_newerSchema_saysSoInsteadOfGuessing() {
        byte[] payload = SessionCodec.encode(sampleSession(10, 0));
        payload[5] = (byte) (SessionCodec.SCHEMA_VERSION + 1);
        String reason = assertInstanceOf(SessionDecodeResult.Rejected.class, SessionCodec.decode(payload)).reason();
        assertTrue(reason.contains("newer"), reason);
    }

    @Test
    void decode_nanSample_isRejectedNamingTheSensorAndSample() {
        byte[] payload = SessionCodec.encode(sampleSession(10, Float.NaN));
        String reason = assertInstanceOf(SessionDecodeResult.Rejected.class, SessionCodec.decode(payload)).reason();
        assertEquals("upper gyroscope value 0 (z) is NaN", reason);
    }

    @Test
    void decode_decompressionBomb_isRejectedAtTheLimit() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("BKBT".getBytes());
        bytes.write(new byte[] {0, 1});
        try (java.io.DataOutputStream body = new java.io.DataOutputStream(new GZIPOutputStream(bytes))) {
            // a valid header claiming a huge track, then megabytes of zeros (all-zero times are in order)
            body.writeUTF("strap-01");
            body.writeUTF("bomb");
            body.writeUTF("sim");
            body.writeLong(0);
            body.writeDouble(100);
            for (int field = 0; field < 8; field++) {
                if (field == 1 || field == 5) {
                    body.writeInt(0);
                } else {
                    body.writeDouble(0);
                }
            }
            body.writeInt(0); // repetitions
            body.writeInt(0); // cues
            body.writeInt(1); // tracks (then no gap count: the bomb stops reading first)
            body.writeUTF("upper");
            body.writeInt(20_000_000);
            byte[] zeros = new byte[1 << 20];
            for (int megabyte = 0; megabyte < 8; megabyte++) {
                body.write(zeros);
            }
        }
        String reason = assertInstanceOf(SessionDecodeResult.Rejected.class,
                SessionCodec.decode(bytes.toByteArray(), 1 << 20)).reason();
        assertTrue(reason.contains("inflates beyond"), reason);
    }

    @Test
    void decode_randomBytesAfterMagic_neverThrows() {
        Random random = new Random(11);
        byte[] valid = SessionCodec.encode(sampleSession(50, 0));
        for (int trial = 0; trial < 2000; trial++) {
            byte[] mutated = valid.clone();
            int flips = 1 + random.nextInt(8);
            for (int flip = 0; flip < flips; flip++) {
                mutated[6 + random.nextInt(mutated.length - 6)] ^= (byte) (1 << random.nextInt(8));
            }
            SessionDecodeResult result = SessionCodec.decode(mutated);
            assertTrue(result instanceof SessionDecodeResult.Rejected || result instanceof SessionDecodeResult.Decoded);
        }
    }
}
