// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.session;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.pacer.BreathPhase;
import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.rhythm.Hold;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.rhythm.RepetitionKind;
import dev.backbeat.core.rhythm.Tempo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The versioned wire and file format of a {@link RecordedSession}.
 *
 * <pre>
 * "BKBT"  4 bytes magic
 * u16     schema version: 1, 2 for a guided session, 3 for a guided session that says where its
 *         calibration came from (this codec reads all three; it writes 1 unless the session has a
 *         guided record, so a host that reads only 1 still reads every other session)
 * gzip    the body, big-endian (java.io.DataOutput):
 *         deviceId, sessionId, hardware (UTF), startedAt epoch ms (i64), sampleRateHz (f64),
 *         summary: durationSeconds f64, repetitionCount i32, flexionMin f64, flexionMax f64,
 *                  pacerBreathsPerMinute f64, pacerInhaleCues i32, neutralStart f64, neutralEnd f64,
 *         repetitions: count i32, then start, end, peakFlexion, peakExtension, range, smoothness (f64 each),
 *                      kind u8 (RepetitionKind ordinal), partial u8,
 *         pacer cues: count i32, then time f64, phase u8 (0 inhale, 1 exhale),
 *         tracks: count i32, then sensor label (UTF), n i32, n times f64, 3n gyroscope f32, 3n accelerometer f32,
 *         gaps: count i32, then sensor label (UTF), from f64, to f64,
 *         holds: count i32, then start, end, mean flexion, mean side bend, mean twist (f64 each),
 *         breath: count i32, then start, end, rate, quality (f64 each),
 *         tempo: cycle period f64, cycle period cv f64, kind u8 (255 for none), repetitions in set i32
 *         (schema 2 and 3) guided: routine, profile (UTF),
 *                  steps: count i32, then index i32, movement (UTF), planned repetitions i32, start f64,
 *                  alerts: count i32, then time f64, kind u8 (GuardAlert.Kind ordinal), step i32, reason (UTF),
 *                  coupling: count i32, then step i32, score f64, mean lag f64,
 *                            repetitions: count i32, then cue f64, lag s f64, lag degrees f64
 *         (schema 3 only) calibration: kind u8 (CalibrationSource.Kind ordinal), age days f64,
 *                  deviation degrees f64, refusal (UTF)
 * </pre>
 *
 * Decoding never throws on bad bytes: it returns {@link SessionDecodeResult.Rejected} naming the
 * problem, and refuses bodies that inflate beyond {@link #MAX_BODY_BYTES} (decompression bombs).
 */
public final class SessionCodec {

    /** The newest schema this codec reads and writes (3: with a guided routine's record saying where its calibration came from). */
    public static final int SCHEMA_VERSION = 3;
    /** The schema of a guided session that does not say where its calibration came from. */
    static final int GUIDED_SCHEMA_VERSION = 2;
    /** The schema of a session without a guided record. */
    static final int PLAIN_SCHEMA_VERSION = 1;
    /** Largest inflated body accepted: 512 MiB, about ten hours of two sensors at 200 Hz. */
    public static final long MAX_BODY_BYTES = 512L * 1024 * 1024;
    private static final byte[] MAGIC = "BKBT".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_SAMPLES_PER_TRACK = 20_000_000;
    private static final int MAX_LIST_ENTRIES = 1_000_000;

    private SessionCodec() {
    }

    public static byte[] encode(RecordedSession session) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            int version = session.guided().isEmpty() ? PLAIN_SCHEMA_VERSION
                    : session.guided().get().calibration().isPresent() ? SCHEMA_VERSION : GUIDED_SCHEMA_VERSION;
            bytes.write(MAGIC);
            bytes.write(version >>> 8);
            bytes.write(version & 0xFF);
            try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 1 << 16))) {
                writeBody(out, session);
                if (session.guided().isPresent()) {
                    writeGuided(out, session.guided().get());
                }
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    public static SessionDecodeResult decode(byte[] payload) {
        return decode(payload, MAX_BODY_BYTES);
    }

    /**
     * Decodes {@code payload}, refusing a body that inflates beyond {@code maxBodyBytes} (a summary
     * without samples, as a sync end record carries, needs far less than {@link #MAX_BODY_BYTES}).
     */
    public static SessionDecodeResult decode(byte[] payload, long maxBodyBytes) {
        if (payload == null || payload.length < MAGIC.length + 2) {
            return new SessionDecodeResult.Rejected("payload of " + (payload == null ? 0 : payload.length)
                    + " bytes is too short for a session");
        }
        for (int index = 0; index < MAGIC.length; index++) {
            if (payload[index] != MAGIC[index]) {
                return new SessionDecodeResult.Rejected("payload does not start with the session magic 'BKBT'");
            }
        }
        int version = ((payload[4] & 0xFF) << 8) | (payload[5] & 0xFF);
        if (version != SCHEMA_VERSION && version != GUIDED_SCHEMA_VERSION && version != PLAIN_SCHEMA_VERSION) {
            return new SessionDecodeResult.Rejected("session schema version " + version
                    + (version > SCHEMA_VERSION ? " is newer than this program understands (" + SCHEMA_VERSION
                            + "); update backbeat" : " is not supported"));
        }
        try (DataInputStream in = new DataInputStream(new LimitedInputStream(
                new GZIPInputStream(new ByteArrayInputStream(payload, 6, payload.length - 6), 1 << 16), maxBodyBytes))) {
            RecordedSession session = readBody(in);
            if (version >= GUIDED_SCHEMA_VERSION) {
                session = session.withGuided(readGuided(in, version == SCHEMA_VERSION));
            }
            if (in.read() != -1) {
                return new SessionDecodeResult.Rejected("unexpected bytes after the tempo");
            }
            return new SessionDecodeResult.Decoded(session);
        } catch (EOFException truncated) {
            return new SessionDecodeResult.Rejected("payload is truncated");
        } catch (ZipException corrupt) {
            return new SessionDecodeResult.Rejected("payload body is not valid gzip: " + corrupt.getMessage());
        } catch (IOException | RuntimeException invalid) {
            return new SessionDecodeResult.Rejected(invalid.getMessage() == null
                    ? invalid.getClass().getSimpleName() : invalid.getMessage());
        }
    }

    private static void writeBody(DataOutputStream out, RecordedSession session) throws IOException {
        out.writeUTF(session.deviceId());
        out.writeUTF(session.sessionId());
        out.writeUTF(session.hardware());
        out.writeLong(session.startedAt().toEpochMilli());
        out.writeDouble(session.sampleRateHz());
        SessionSummary summary = session.summary();
        out.writeDouble(summary.durationSeconds());
        out.writeInt(summary.repetitionCount());
        out.writeDouble(summary.flexionMinDegrees());
        out.writeDouble(summary.flexionMaxDegrees());
        out.writeDouble(summary.pacerBreathsPerMinute());
        out.writeInt(summary.pacerInhaleCues());
        out.writeDouble(summary.neutralStartSeconds());
        out.writeDouble(summary.neutralEndSeconds());
        out.writeInt(session.repetitions().size());
        for (Repetition repetition : session.repetitions()) {
            out.writeDouble(repetition.startSeconds());
            out.writeDouble(repetition.endSeconds());
            out.writeDouble(repetition.peakFlexionDegrees());
            out.writeDouble(repetition.peakExtensionDegrees());
            out.writeDouble(repetition.rangeDegrees());
            out.writeDouble(repetition.smoothness());
            out.writeByte(repetition.kind().ordinal());
            out.writeByte(repetition.partial() ? 1 : 0);
        }
        out.writeInt(session.pacerCues().size());
        for (PacerCue cue : session.pacerCues()) {
            out.writeDouble(cue.timeSeconds());
            out.writeByte(cue.phase() == BreathPhase.INHALE ? 0 : 1);
        }
        out.writeInt(session.tracks().size());
        for (SensorTrack track : session.tracks()) {
            out.writeUTF(track.sensor().label());
            int count = track.sampleCount();
            out.writeInt(count);
            for (double time : track.times()) {
                out.writeDouble(time);
            }
            for (float value : track.gyroscope()) {
                out.writeFloat(value);
            }
            for (float value : track.accelerometer()) {
                out.writeFloat(value);
            }
        }
        out.writeInt(session.gaps().size());
        for (SampleGap gap : session.gaps()) {
            out.writeUTF(gap.sensor().label());
            out.writeDouble(gap.fromSeconds());
            out.writeDouble(gap.toSeconds());
        }
        out.writeInt(session.holds().size());
        for (Hold hold : session.holds()) {
            out.writeDouble(hold.startSeconds());
            out.writeDouble(hold.endSeconds());
            out.writeDouble(hold.meanFlexionDegrees());
            out.writeDouble(hold.meanSideBendDegrees());
            out.writeDouble(hold.meanTwistDegrees());
        }
        out.writeInt(session.breath().size());
        for (BreathWindow window : session.breath()) {
            out.writeDouble(window.startSeconds());
            out.writeDouble(window.endSeconds());
            out.writeDouble(window.rateBreathsPerMinute());
            out.writeDouble(window.quality());
        }
        Tempo tempo = session.tempo();
        out.writeDouble(tempo.cyclePeriodSeconds());
        out.writeDouble(tempo.cyclePeriodCv());
        out.writeByte(tempo.kind() == null ? 255 : tempo.kind().ordinal());
        out.writeInt(tempo.repetitionsInSet());
    }

    private static void writeGuided(DataOutputStream out, GuidedSessionRecord guided) throws IOException {
        out.writeUTF(guided.routineName());
        out.writeUTF(guided.profileName());
        out.writeInt(guided.steps().size());
        for (GuidedSessionRecord.Step step : guided.steps()) {
            out.writeInt(step.index());
            out.writeUTF(step.movement());
            out.writeInt(step.plannedRepetitions());
            out.writeDouble(step.startSeconds());
        }
        out.writeInt(guided.alerts().size());
        for (dev.backbeat.core.routine.GuardAlert alert : guided.alerts()) {
            out.writeDouble(alert.timeSeconds());
            out.writeByte(alert.kind().ordinal());
            out.writeInt(alert.stepIndex());
            out.writeUTF(alert.reason().length() > 1000 ? alert.reason().substring(0, 1000) : alert.reason());
        }
        out.writeInt(guided.coupling().size());
        for (dev.backbeat.core.routine.BreathCoupling.SetCoupling set : guided.coupling()) {
            out.writeInt(set.stepIndex());
            out.writeDouble(set.score());
            out.writeDouble(set.meanLagSeconds());
            out.writeInt(set.repetitions().size());
            for (dev.backbeat.core.routine.BreathCoupling.RepetitionCoupling repetition : set.repetitions()) {
                out.writeDouble(repetition.cueSeconds());
                out.writeDouble(repetition.lagSeconds());
                out.writeDouble(repetition.lagDegrees());
            }
        }
        if (guided.calibration().isPresent()) {
            CalibrationSource calibration = guided.calibration().get();
            out.writeByte(calibration.kind().ordinal());
            out.writeDouble(calibration.ageDays());
            out.writeDouble(calibration.deviationDegrees());
            out.writeUTF(calibration.refusal().length() > 1000 ? calibration.refusal().substring(0, 1000) : calibration.refusal());
        }
    }

    private static GuidedSessionRecord readGuided(DataInputStream in, boolean withCalibration) throws IOException {
        String routine = in.readUTF();
        String profile = in.readUTF();
        int stepCount = readCount(in, "routine steps", MAX_LIST_ENTRIES);
        List<GuidedSessionRecord.Step> steps = new ArrayList<>(Math.min(stepCount, 1024));
        for (int index = 0; index < stepCount; index++) {
            steps.add(new GuidedSessionRecord.Step(in.readInt(), in.readUTF(), in.readInt(), in.readDouble()));
        }
        int alertCount = readCount(in, "guard alerts", MAX_LIST_ENTRIES);
        List<dev.backbeat.core.routine.GuardAlert> alerts = new ArrayList<>(Math.min(alertCount, 1024));
        dev.backbeat.core.routine.GuardAlert.Kind[] kinds = dev.backbeat.core.routine.GuardAlert.Kind.values();
        for (int index = 0; index < alertCount; index++) {
            double time = in.readDouble();
            int kind = in.readUnsignedByte();
            if (kind >= kinds.length) {
                throw new IOException("guard alert " + index + " has unknown kind " + kind);
            }
            alerts.add(new dev.backbeat.core.routine.GuardAlert(time, kinds[kind], in.readInt(), in.readUTF()));
        }
        int setCount = readCount(in, "coupled sets", MAX_LIST_ENTRIES);
        List<dev.backbeat.core.routine.BreathCoupling.SetCoupling> coupling = new ArrayList<>(Math.min(setCount, 1024));
        for (int index = 0; index < setCount; index++) {
            int step = in.readInt();
            double score = in.readDouble();
            double meanLag = in.readDouble();
            int repetitionCount = readCount(in, "coupled repetitions", MAX_LIST_ENTRIES);
            List<dev.backbeat.core.routine.BreathCoupling.RepetitionCoupling> repetitions = new ArrayList<>(Math.min(repetitionCount, 1024));
            for (int repetition = 0; repetition < repetitionCount; repetition++) {
                repetitions.add(new dev.backbeat.core.routine.BreathCoupling.RepetitionCoupling(in.readDouble(), in.readDouble(),
                        in.readDouble()));
            }
            coupling.add(new dev.backbeat.core.routine.BreathCoupling.SetCoupling(step, repetitions, score, meanLag));
        }
        java.util.Optional<CalibrationSource> calibration = java.util.Optional.empty();
        if (withCalibration) {
            int kind = in.readUnsignedByte();
            CalibrationSource.Kind[] sources = CalibrationSource.Kind.values();
            if (kind >= sources.length) {
                throw new IOException("the calibration has unknown kind " + kind);
            }
            double age = in.readDouble();
            double deviation = in.readDouble();
            String refusal = in.readUTF();
            if (sources[kind] == CalibrationSource.Kind.STORED && !refusal.isEmpty()) {
                throw new IOException("a stored calibration that was used has a refusal");
            }
            calibration = java.util.Optional.of(new CalibrationSource(sources[kind], age, deviation, refusal));
        }
        return new GuidedSessionRecord(routine, profile, steps, alerts, coupling, calibration);
    }

    private static RecordedSession readBody(DataInputStream in) throws IOException {
        String deviceId = in.readUTF();
        String sessionId = in.readUTF();
        String hardware = in.readUTF();
        Instant startedAt = Instant.ofEpochMilli(in.readLong());
        double sampleRateHz = in.readDouble();
        if (!(sampleRateHz > 0 && sampleRateHz <= 10_000)) {
            throw new IOException("sample rate " + sampleRateHz + " Hz is out of range");
        }
        SessionSummary summary = new SessionSummary(in.readDouble(), in.readInt(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readInt(), in.readDouble(), in.readDouble());
        int repetitionCount = readCount(in, "repetitions", MAX_LIST_ENTRIES);
        List<Repetition> repetitions = new ArrayList<>(repetitionCount);
        for (int index = 0; index < repetitionCount; index++) {
            double start = in.readDouble();
            double end = in.readDouble();
            double peakFlexion = in.readDouble();
            double peakExtension = in.readDouble();
            double range = in.readDouble();
            double smoothness = in.readDouble();
            RepetitionKind kind = kind(in.readUnsignedByte(), "repetition " + index);
            repetitions.add(new Repetition(start, end, kind, peakFlexion, peakExtension, range, smoothness,
                    in.readUnsignedByte() != 0));
        }
        int cueCount = readCount(in, "pacer cues", MAX_LIST_ENTRIES);
        List<PacerCue> cues = new ArrayList<>(cueCount);
        for (int index = 0; index < cueCount; index++) {
            double time = in.readDouble();
            int phase = in.readUnsignedByte();
            if (phase > 1) {
                throw new IOException("pacer cue " + index + " has unknown phase " + phase);
            }
            cues.add(new PacerCue(time, phase == 0 ? BreathPhase.INHALE : BreathPhase.EXHALE));
        }
        int trackCount = readCount(in, "sensor tracks", SensorPosition.values().length);
        List<SensorTrack> tracks = new ArrayList<>(trackCount);
        for (int trackIndex = 0; trackIndex < trackCount; trackIndex++) {
            tracks.add(readTrack(in));
        }
        int gapCount = readCount(in, "sample gaps", MAX_LIST_ENTRIES);
        List<SampleGap> gaps = new ArrayList<>(gapCount);
        for (int index = 0; index < gapCount; index++) {
            String label = in.readUTF();
            SensorPosition sensor = SensorPosition.fromLabel(label)
                    .orElseThrow(() -> new IOException("gap of unknown sensor '" + label + "'"));
            gaps.add(new SampleGap(sensor, in.readDouble(), in.readDouble()));
        }
        int holdCount = readCount(in, "holds", MAX_LIST_ENTRIES);
        List<Hold> holds = new ArrayList<>(holdCount);
        for (int index = 0; index < holdCount; index++) {
            holds.add(new Hold(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
        }
        int breathCount = readCount(in, "breathing windows", MAX_LIST_ENTRIES);
        List<BreathWindow> breath = new ArrayList<>(breathCount);
        for (int index = 0; index < breathCount; index++) {
            breath.add(new BreathWindow(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
        }
        double cyclePeriod = in.readDouble();
        double cyclePeriodCv = in.readDouble();
        int tempoKind = in.readUnsignedByte();
        Tempo tempo = new Tempo(cyclePeriod, cyclePeriodCv, tempoKind == 255 ? null : kind(tempoKind, "tempo"), in.readInt());
        try {
            return new RecordedSession(deviceId, sessionId, startedAt, hardware, sampleRateHz, tracks, cues,
                    repetitions, summary, gaps, holds, breath, tempo);
        } catch (IllegalArgumentException invalid) {
            throw new IOException(invalid.getMessage(), invalid);
        }
    }

    private static SensorTrack readTrack(DataInputStream in) throws IOException {
        String label = in.readUTF();
        SensorPosition sensor = SensorPosition.fromLabel(label)
                .orElseThrow(() -> new IOException("unknown sensor '" + label + "' (expected upper or lower)"));
        int count = readCount(in, label + " samples", MAX_SAMPLES_PER_TRACK);
        // grow as the data arrives, so a lying count cannot make us allocate ahead of the bytes
        double[] times = new double[Math.min(count, 1 << 16)];
        double previous = Double.NEGATIVE_INFINITY;
        for (int index = 0; index < count; index++) {
            if (index == times.length) {
                times = java.util.Arrays.copyOf(times, Math.min(count, 2 * times.length));
            }
            double time = in.readDouble();
            if (!(time >= previous) || !Double.isFinite(time)) {
                throw new IOException(label + " sample " + index + " has time " + time + " s, not after " + previous + " s");
            }
            times[index] = time;
            previous = time;
        }
        float[] gyroscope = readFloats(in, 3 * count, label + " gyroscope");
        float[] accelerometer = readFloats(in, 3 * count, label + " accelerometer");
        return new SensorTrack(sensor, times, gyroscope, accelerometer);
    }

    private static float[] readFloats(DataInputStream in, int count, String what) throws IOException {
        float[] values = new float[count];
        for (int index = 0; index < count; index++) {
            float value = in.readFloat();
            if (!Float.isFinite(value)) {
                throw new IOException(what + " value " + index / 3 + " (" + "xyz".charAt(index % 3) + ") is " + value);
            }
            values[index] = value;
        }
        return values;
    }

    private static RepetitionKind kind(int ordinal, String where) throws IOException {
        RepetitionKind[] kinds = RepetitionKind.values();
        if (ordinal >= kinds.length) {
            throw new IOException(where + " has unknown kind " + ordinal);
        }
        return kinds[ordinal];
    }

    private static int readCount(DataInputStream in, String what, int maximum) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > maximum) {
            throw new IOException("count of " + what + " is " + count + ", expected 0.." + maximum);
        }
        return count;
    }

    /** Fails once more than {@code limit} bytes have been read. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long remaining;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0 && --remaining < 0) {
                throw new IOException("session body inflates beyond " + limit + " bytes");
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                remaining -= read;
                if (remaining < 0) {
                    throw new IOException("session body inflates beyond " + limit + " bytes");
                }
            }
            return read;
        }
    }
}
