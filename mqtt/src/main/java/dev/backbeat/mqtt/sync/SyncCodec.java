// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionDecodeResult;
import dev.backbeat.core.session.SessionSummary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The versioned wire format of {@link SyncRecord}s.
 *
 * <pre>
 * "BKSY"  4 bytes magic
 * u16     schema version: 1 for kinds 1 to 6, 2 for the bundle (kind 7)
 * u8      kind: 1 start, 2 chunk, 3 end, 4 manifest, 5 acknowledgement, 6 gap request, 7 bundle
 * body    big-endian (java.io.DataOutput), strings as modified UTF-8:
 *   start:    device, session, startedAt epoch ms i64, hardware, sampleRateHz f64,
 *             u8 sensor count + sensor ordinals, u8 settings count + (name, value) pairs
 *   chunk:    device, session, index i32, sha256 (32 bytes), length i32, compressed samples
 *   end:      device, session, status u8 (0 complete, 1 interrupted), chunkCount i32, length i32, analysis
 *   manifest: device, writtenAt epoch ms i64, count i32, then (session, sealedChunks i32, ended u8)
 *   ack:      device, session, flags u8 (1 start, 2 end, 4 complete, 8 content digest), ranges,
 *             then, with flag 8: the 32-byte {@link SessionContentDigest} of what the host stored,
 *             then, if signed: u16 signature length (1..{@value #MAX_SIGNATURE_BYTES}), DER signature
 *   gap:      device, session, flags u8 (1 start, 2 end), ranges
 *   ranges:   count i32, then (from i32, to i32)
 *   bundle:   device, count u16 (1..4096), then count × (length i32, a whole start, chunk or end record)
 * </pre>
 *
 * Schema 2 only added the bundle: every other record is still written as schema 1, so a schema-1
 * reader still reads them, and says "newer schema, update backbeat" for a bundle instead of guessing.
 *
 * <h2>Signed acknowledgements (added in schema 1)</h2>
 *
 * The host signs each acknowledgement with the private key of its certificate
 * ({@link AcknowledgementSigner}: {@code SHA256withECDSA}, the key of {@code backbeat-host} issued
 * by the host's CA). The signature covers the whole encoded unsigned acknowledgement, from the magic
 * to the last range: schema, kind, device id, session id, flags and ranges, so it cannot be moved to
 * another device or session or made to claim more. It follows as an optional trailing field:
 *
 * <ul>
 *   <li>absent (the record ends after the ranges): unsigned. An unsigned acknowledgement is byte for
 *       byte what schema 1 always was, so what older hosts wrote still decodes;</li>
 *   <li>a u16 length 0: unsigned as well (accepted, never written);</li>
 *   <li>a u16 length 1..{@value #MAX_SIGNATURE_BYTES} and that many bytes: signed (a DER ECDSA P-256
 *       signature is at most 72 bytes).</li>
 * </ul>
 *
 * The schema version stays 1: every record a schema-1 program wrote decodes unchanged. A program
 * from before this field rejects a <em>signed</em> acknowledgement ("unexpected bytes after the
 * record") and keeps the session in its outbox: nothing is lost, but a paired strap and its host
 * are updated together (see the README). Whether a signature is required is the device's decision
 * ({@link AcknowledgementVerifier}), not the codec's: decoding only checks the field's shape.
 *
 * <p>Decoding never throws on bad bytes: too long (over {@link #MAX_RECORD_BYTES}), truncated, an
 * unknown or newer schema, a wrong hash, samples that do not decompress or are not finite, an end
 * whose analysis cannot be read or stored ({@code checkAnalysis}), trailing bytes: each comes back as {@link SyncDecodeResult.Rejected} with the reason.
 */
public final class SyncCodec {

    /** The newest schema this codec reads and writes (2: the bundle). */
    public static final int SCHEMA_VERSION = 2;
    /** The schema of every record but the bundle. */
    public static final int RECORD_SCHEMA_VERSION = 1;
    /** Largest record accepted: 4 MiB (a chunk is a few kilobytes). */
    public static final int MAX_RECORD_BYTES = 4 << 20;
    static final int MAX_MANIFEST_ENTRIES = 10_000;
    static final int MAX_RANGES = 100_000;
    static final int MAX_SETTINGS = 64;
    /** Largest inflated analysis in an end record: 4 MiB (a ten-hour session's summary is far below 1 MiB). */
    public static final int MAX_ANALYSIS_BODY_BYTES = 4 << 20;
    /**
     * Longest acknowledgement signature accepted: 128 bytes (a DER ECDSA signature is at most 72
     * bytes for P-256 and 104 for P-384).
     */
    public static final int MAX_SIGNATURE_BYTES = 128;
    private static final byte[] MAGIC = "BKSY".getBytes(StandardCharsets.US_ASCII);
    private static final int START = 1;
    private static final int CHUNK = 2;
    private static final int END = 3;
    private static final int MANIFEST = 4;
    private static final int ACK = 5;
    private static final int GAP = 6;
    private static final int BUNDLE = 7;
    /** Bytes a bundle adds to each record it holds (its length). */
    public static final int BUNDLE_BYTES_PER_RECORD = 4;
    /** Bytes of a bundle's header besides its device id: magic, schema, kind, device id length, count. */
    public static final int BUNDLE_HEADER_BYTES = 11;

    private SyncCodec() {
    }

    public static byte[] encode(SyncRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(switch (record) {
            case SyncRecord.SessionChunk chunk -> chunk.compressedSamples().length + 160;
            case SyncRecord.Bundle bundle -> bundle.records().stream().mapToInt(inner -> inner.length + 4).sum() + 96;
            default -> 256;
        });
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeShort(record instanceof SyncRecord.Bundle ? SCHEMA_VERSION : RECORD_SCHEMA_VERSION);
            switch (record) {
                case SyncRecord.SessionStart start -> {
                    out.writeByte(START);
                    out.writeUTF(start.deviceId());
                    out.writeUTF(start.sessionId());
                    out.writeLong(start.startedAt().toEpochMilli());
                    out.writeUTF(start.hardware());
                    out.writeDouble(start.sampleRateHz());
                    out.writeByte(start.sensors().size());
                    for (SensorPosition sensor : start.sensors()) {
                        out.writeByte(sensor.ordinal());
                    }
                    out.writeByte(start.settings().size());
                    for (Map.Entry<String, String> setting : new java.util.TreeMap<>(start.settings()).entrySet()) {
                        out.writeUTF(setting.getKey());
                        out.writeUTF(setting.getValue());
                    }
                }
                case SyncRecord.SessionChunk chunk -> {
                    out.writeByte(CHUNK);
                    out.writeUTF(chunk.deviceId());
                    out.writeUTF(chunk.sessionId());
                    out.writeInt(chunk.index());
                    out.write(chunk.sha256());
                    out.writeInt(chunk.compressedSamples().length);
                    out.write(chunk.compressedSamples());
                }
                case SyncRecord.SessionEnd end -> {
                    out.writeByte(END);
                    out.writeUTF(end.deviceId());
                    out.writeUTF(end.sessionId());
                    out.writeByte(end.status().ordinal());
                    out.writeInt(end.chunkCount());
                    out.writeInt(end.analysis().length);
                    out.write(end.analysis());
                }
                case SyncRecord.Manifest manifest -> {
                    out.writeByte(MANIFEST);
                    out.writeUTF(manifest.deviceId());
                    out.writeLong(manifest.writtenAt().toEpochMilli());
                    out.writeInt(manifest.sessions().size());
                    for (SyncRecord.ManifestEntry entry : manifest.sessions()) {
                        out.writeUTF(entry.sessionId());
                        out.writeInt(entry.sealedChunks());
                        out.writeByte(entry.ended() ? 1 : 0);
                    }
                }
                case SyncRecord.Acknowledgement ack -> {
                    out.writeByte(ACK);
                    out.writeUTF(ack.deviceId());
                    out.writeUTF(ack.sessionId());
                    out.writeByte((ack.startStored() ? 1 : 0) | (ack.endStored() ? 2 : 0) | (ack.complete() ? 4 : 0)
                            | (ack.namesContent() ? 8 : 0));
                    writeRanges(out, ack.chunks());
                    if (ack.namesContent()) {
                        out.write(ack.contentSha256());
                    }
                    if (ack.isSigned()) {
                        out.writeShort(ack.signature().length);
                        out.write(ack.signature());
                    }
                }
                case SyncRecord.Bundle bundle -> {
                    out.writeByte(BUNDLE);
                    out.writeUTF(bundle.deviceId());
                    out.writeShort(bundle.records().size());
                    for (byte[] inner : bundle.records()) {
                        if (inner.length < 7 || inner[6] == BUNDLE) {
                            throw new IllegalArgumentException("a bundle holds whole records and no bundles");
                        }
                        out.writeInt(inner.length);
                        out.write(inner);
                    }
                }
                case SyncRecord.GapRequest gap -> {
                    out.writeByte(GAP);
                    out.writeUTF(gap.deviceId());
                    out.writeUTF(gap.sessionId());
                    out.writeByte((gap.start() ? 1 : 0) | (gap.end() ? 2 : 0));
                    writeRanges(out, gap.chunks());
                }
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    public static SyncDecodeResult decode(byte[] payload) {
        if (payload == null || payload.length < MAGIC.length + 3) {
            return rejected("payload of " + (payload == null ? 0 : payload.length) + " bytes is too short for a record");
        }
        if (payload.length > MAX_RECORD_BYTES) {
            return rejected("payload of " + payload.length + " bytes is over the " + MAX_RECORD_BYTES + "-byte limit");
        }
        for (int index = 0; index < MAGIC.length; index++) {
            if (payload[index] != MAGIC[index]) {
                return rejected("payload does not start with the sync magic 'BKSY'");
            }
        }
        int version = ((payload[4] & 0xFF) << 8) | (payload[5] & 0xFF);
        if (version > SCHEMA_VERSION) {
            return rejected("sync schema version " + version + " is newer than this program understands ("
                    + SCHEMA_VERSION + "); update backbeat");
        }
        int kind = payload[6] & 0xFF;
        int expectedVersion = kind == BUNDLE ? SCHEMA_VERSION : RECORD_SCHEMA_VERSION;
        if (version != expectedVersion) {
            return rejected("sync schema version " + version + " is not the version of record kind " + kind
                    + " (" + expectedVersion + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload, 7, payload.length - 7))) {
            SyncRecord record = switch (kind) {
                case START -> readStart(in);
                case CHUNK -> readChunk(in);
                case END -> readEnd(in);
                case MANIFEST -> readManifest(in);
                case ACK -> readAck(in);
                case GAP -> readGap(in);
                case BUNDLE -> readBundle(in);
                default -> throw new IllegalArgumentException("unknown record kind " + kind);
            };
            if (in.read() != -1) {
                return rejected("unexpected bytes after the record");
            }
            return new SyncDecodeResult.Decoded(record);
        } catch (EOFException truncated) {
            return rejected("record is truncated");
        } catch (IOException | RuntimeException invalid) {
            return rejected(invalid.getMessage() == null ? invalid.getClass().getSimpleName() : invalid.getMessage());
        }
    }

    private static SyncRecord.SessionStart readStart(DataInputStream in) throws IOException {
        String deviceId = in.readUTF();
        String sessionId = in.readUTF();
        Instant startedAt = Instant.ofEpochMilli(in.readLong());
        String hardware = in.readUTF();
        double sampleRateHz = in.readDouble();
        int sensorCount = in.readUnsignedByte();
        if (sensorCount > SensorPosition.values().length) {
            throw new IOException(sensorCount + " sensors, at most " + SensorPosition.values().length + " expected");
        }
        List<SensorPosition> sensors = new ArrayList<>();
        for (int index = 0; index < sensorCount; index++) {
            int ordinal = in.readUnsignedByte();
            if (ordinal >= SensorPosition.values().length) {
                throw new IOException("unknown sensor " + ordinal);
            }
            sensors.add(SensorPosition.values()[ordinal]);
        }
        int settingCount = in.readUnsignedByte();
        if (settingCount > MAX_SETTINGS) {
            throw new IOException(settingCount + " settings, at most " + MAX_SETTINGS + " expected");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (int index = 0; index < settingCount; index++) {
            settings.put(in.readUTF(), in.readUTF());
        }
        return new SyncRecord.SessionStart(deviceId, sessionId, startedAt, hardware, sampleRateHz, sensors, settings);
    }

    /** What precedes a chunk's samples. */
    private record ChunkHeader(String deviceId, String sessionId, int index, byte[] sha256) {
    }

    private static ChunkHeader readChunkHeader(DataInputStream in) throws IOException {
        String deviceId = in.readUTF();
        String sessionId = in.readUTF();
        int index = in.readInt();
        byte[] sha256 = in.readNBytes(32);
        if (sha256.length != 32) {
            throw new EOFException();
        }
        return new ChunkHeader(deviceId, sessionId, index, sha256);
    }

    private static SyncRecord.SessionChunk readChunk(DataInputStream in) throws IOException {
        ChunkHeader header = readChunkHeader(in);
        int index = header.index();
        byte[] compressed = readBytes(in, "compressed samples");
        if (index < 0) {
            throw new IOException("chunk index " + index + " is negative");
        }
        byte[] expected = SyncRecord.SessionChunk.hash(header.deviceId(), header.sessionId(), index, compressed);
        if (!MessageDigest.isEqual(expected, header.sha256())) {
            throw new IOException("chunk " + index + " hash does not match its samples");
        }
        ChunkSamples samples = SampleCompression.decompress(compressed);
        return new SyncRecord.SessionChunk(header.deviceId(), header.sessionId(), index, compressed, header.sha256(),
                samples);
    }

    private static SyncRecord.SessionEnd readEnd(DataInputStream in) throws IOException {
        String deviceId = in.readUTF();
        String sessionId = in.readUTF();
        int status = in.readUnsignedByte();
        if (status >= SyncRecord.EndStatus.values().length) {
            throw new IOException("unknown end status " + status);
        }
        int chunkCount = in.readInt();
        byte[] analysis = readBytes(in, "analysis");
        checkAnalysis(deviceId, sessionId, analysis);
        return new SyncRecord.SessionEnd(deviceId, sessionId, SyncRecord.EndStatus.values()[status], chunkCount, analysis);
    }

    /**
     * Checks an end record's analysis as completely as the host will use it: a {@link SessionCodec}
     * payload this program reads (a newer one says "update backbeat"), inflating to at most
     * {@value #MAX_ANALYSIS_BODY_BYTES} bytes, of this end's device and session, without samples, and
     * with every value the host stores as a number a finite number. So an end that decodes can
     * always be assembled with its start and chunks, and one that cannot is refused on arrival,
     * not when its session is put together.
     */
    private static void checkAnalysis(String deviceId, String sessionId, byte[] analysis) throws IOException {
        SessionDecodeResult decoded = SessionCodec.decode(analysis, MAX_ANALYSIS_BODY_BYTES);
        if (decoded instanceof SessionDecodeResult.Rejected(String reason)) {
            throw new IOException("the end's analysis cannot be read: " + reason);
        }
        RecordedSession session = ((SessionDecodeResult.Decoded) decoded).session();
        if (!session.deviceId().equals(deviceId) || !session.sessionId().equals(sessionId)) {
            throw new IOException("the end's analysis is of " + session.deviceId() + "/" + session.sessionId()
                    + ", not of " + deviceId + "/" + sessionId);
        }
        if (!session.tracks().isEmpty()) {
            throw new IOException("the end's analysis carries sensor samples (they travel in chunks)");
        }
        SessionSummary summary = session.summary();
        requireFinite(summary.durationSeconds(), "duration");
        requireFinite(summary.pacerBreathsPerMinute(), "pacer rate");
        if (summary.durationSeconds() < 0 || summary.repetitionCount() < 0 || summary.pacerInhaleCues() < 0) {
            throw new IOException("the end's analysis has a negative duration or count");
        }
        int index = 0;
        for (Repetition repetition : session.repetitions()) {
            requireFinite(repetition.startSeconds(), "repetition " + index + " start");
            requireFinite(repetition.endSeconds(), "repetition " + index + " end");
            index++;
        }
    }

    private static void requireFinite(double value, String what) throws IOException {
        if (!Double.isFinite(value)) {
            throw new IOException("the end's analysis has a " + what + " of " + value);
        }
    }

    private static SyncRecord.Manifest readManifest(DataInputStream in) throws IOException {
        String deviceId = in.readUTF();
        Instant writtenAt = Instant.ofEpochMilli(in.readLong());
        int count = in.readInt();
        if (count < 0 || count > MAX_MANIFEST_ENTRIES) {
            throw new IOException("manifest of " + count + " sessions, at most " + MAX_MANIFEST_ENTRIES + " expected");
        }
        List<SyncRecord.ManifestEntry> entries = new ArrayList<>(Math.min(count, 1024));
        for (int index = 0; index < count; index++) {
            String sessionId = in.readUTF();
            int sealed = in.readInt();
            int ended = in.readUnsignedByte();
            if (ended > 1) {
                throw new IOException("manifest entry " + index + " has ended flag " + ended);
            }
            entries.add(new SyncRecord.ManifestEntry(sessionId, sealed, ended == 1));
        }
        return new SyncRecord.Manifest(deviceId, writtenAt, entries);
    }

    private static SyncRecord.Acknowledgement readAck(DataInputStream in) throws IOException {
        String deviceId = in.readUTF();
        String sessionId = in.readUTF();
        int flags = in.readUnsignedByte();
        if (flags > 15) {
            throw new IOException("acknowledgement flags " + flags + " are unknown");
        }
        ChunkRanges chunks = readRanges(in);
        byte[] content = new byte[0];
        if ((flags & 8) != 0) {
            content = in.readNBytes(SessionContentDigest.BYTES);
            if (content.length != SessionContentDigest.BYTES) {
                throw new EOFException();
            }
        }
        return new SyncRecord.Acknowledgement(deviceId, sessionId, (flags & 1) != 0, (flags & 2) != 0, chunks,
                (flags & 4) != 0, content, readSignature(in));
    }

    /** The optional trailing signature of an acknowledgement: empty when absent or of length 0. */
    private static byte[] readSignature(DataInputStream in) throws IOException {
        if (in.available() == 0) {
            return new byte[0];
        }
        int length = in.readUnsignedShort();
        if (length > MAX_SIGNATURE_BYTES) {
            throw new IOException("acknowledgement signature of " + length + " bytes is over the " + MAX_SIGNATURE_BYTES
                    + "-byte limit");
        }
        byte[] signature = in.readNBytes(length);
        if (signature.length != length) {
            throw new EOFException();
        }
        return signature;
    }

    private static SyncRecord.GapRequest readGap(DataInputStream in) throws IOException {
        String deviceId = in.readUTF();
        String sessionId = in.readUTF();
        int flags = in.readUnsignedByte();
        if (flags > 3) {
            throw new IOException("gap request flags " + flags + " are unknown");
        }
        return new SyncRecord.GapRequest(deviceId, sessionId, (flags & 1) != 0, (flags & 2) != 0, readRanges(in));
    }

    /**
     * Reads a bundle's envelope; the records inside are checked only for their framing here (each
     * is decoded on its own by the receiver, so one bad record does not hide the good ones).
     */
    private static SyncRecord.Bundle readBundle(DataInputStream in) throws IOException {
        String deviceId = in.readUTF();
        int count = in.readUnsignedShort();
        if (count == 0 || count > SyncRecord.Bundle.MAX_RECORDS) {
            throw new IOException("bundle of " + count + " records, 1.." + SyncRecord.Bundle.MAX_RECORDS + " expected");
        }
        List<byte[]> records = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            byte[] inner = readBytes(in, "bundled record " + index);
            if (inner.length >= 7 && inner[6] == BUNDLE) {
                throw new IOException("bundled record " + index + " is itself a bundle");
            }
            records.add(inner);
        }
        return new SyncRecord.Bundle(deviceId, records);
    }

    /**
     * The chunk's own SHA-256 from a chunk record's header, without inflating its samples; empty when
     * the bytes are not a chunk record (how a strap names its chunks in a {@link SessionContentDigest}).
     */
    public static java.util.Optional<byte[]> chunkHash(byte[] record) {
        if (record == null || record.length < MAGIC.length + 3 || record[6] != CHUNK) {
            return java.util.Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record, 7, record.length - 7))) {
            return java.util.Optional.of(readChunkHeader(in).sha256());
        } catch (IOException | RuntimeException malformed) {
            return java.util.Optional.empty();
        }
    }

    private static void writeRanges(DataOutputStream out, ChunkRanges ranges) throws IOException {
        int[] bounds = ranges.bounds();
        out.writeInt(bounds.length / 2);
        for (int bound : bounds) {
            out.writeInt(bound);
        }
    }

    private static ChunkRanges readRanges(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_RANGES) {
            throw new IOException(count + " chunk ranges, at most " + MAX_RANGES + " expected");
        }
        int[] bounds = new int[Math.min(2 * count, 4096)];
        for (int index = 0; index < 2 * count; index++) {
            if (index == bounds.length) {
                bounds = java.util.Arrays.copyOf(bounds, Math.min(2 * count, 2 * bounds.length));
            }
            bounds[index] = in.readInt();
        }
        return ChunkRanges.fromBounds(bounds);
    }

    private static byte[] readBytes(DataInputStream in, String what) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_RECORD_BYTES) {
            throw new IOException(what + " length " + length + " is out of range");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException();
        }
        return bytes;
    }

    private static SyncDecodeResult rejected(String reason) {
        return new SyncDecodeResult.Rejected(reason);
    }
}
