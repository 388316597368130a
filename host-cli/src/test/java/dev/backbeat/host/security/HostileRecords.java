// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.security;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.device.outbox.OutboxRecording;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.mqtt.sync.ChunkRanges;
import dev.backbeat.mqtt.sync.ChunkSamples;
import dev.backbeat.mqtt.sync.SessionContentDigest;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncDecodeResult;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * What a paired strap can send the host through the broker's access rules (its own {@code chunks}
 * and {@code manifest} topics) when it is hostile or broken: every record kind mutated in every
 * way the issue names, and, for each record, what the host must make of it. The adversarial run
 * ({@link SyncAdversaryIT}) sends these and then checks the host's store against the expectations.
 */
final class HostileRecords {

    /** How a hostile record was made. */
    enum Kind {
        TRUNCATED, BIT_FLIPPED, WRONG_SCHEMA, WRONG_KIND, UNREADABLE_ANALYSIS, NEWER_ANALYSIS, UNSTORABLE_ANALYSIS,
        NAN_SAMPLES, CHUNK_BOMB, ANALYSIS_BOMB, OVERSIZED, FOREIGN_DEVICE, BROKEN_BUNDLE, MANIFEST, REPLAY,
        CONFLICTING_HASH, WRONG_COUNT, UNASSEMBLABLE
    }

    /** What the host must do with one record. */
    enum Expected {
        /** Refused and kept in {@code quarantine} (its SHA-256 among the quarantined payloads). */
        QUARANTINE,
        /** Kept apart in {@code sync_conflicts}, never over the stored record. */
        CONFLICT,
        /** Its session is kept as one that cannot be assembled ({@code sync_unassembled}). */
        UNASSEMBLED,
        /** A valid record after all (a mutation that still decodes, a replay): stored once or a duplicate. */
        VALID
    }

    /** One MQTT message: its records (one, or a bundle's) each with what the host must do. */
    record Message(String topic, byte[] payload, boolean retained, List<Hostile> records) {
    }

    /** One record the host receives, with how it was made and what must become of it. */
    record Hostile(Kind kind, Expected expected, byte[] bytes, String conflictKey) {
        String sha256Hex() {
            return SessionStore.sha256Hex(bytes);
        }
    }

    static final Instant STARTED_AT = Instant.parse("2026-12-01T09:00:00Z");

    private final String deviceId;
    private final String foreignDeviceId;
    private final Random random;
    private final List<byte[]> sent = new ArrayList<>();
    private final List<byte[]> chunkBombs = new ArrayList<>();
    private final List<byte[]> analysisBombs = new ArrayList<>();
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private int session;

    HostileRecords(String deviceId, String foreignDeviceId, long seed) {
        this.deviceId = deviceId;
        this.foreignDeviceId = foreignDeviceId;
        this.random = new Random(seed);
    }

    Map<Kind, Integer> counts() {
        return counts;
    }

    /** The next message: a valid session of the hostile strap first, then mutations in turn. */
    List<Message> next() {
        String sessionId = "evil-" + session++;
        List<Message> messages = new ArrayList<>();
        // the hostile strap's own valid session, the material of the mutations
        byte[] start = SyncCodec.encode(start(sessionId, List.of(SensorPosition.UPPER, SensorPosition.LOWER)));
        int chunkCount = 1 + random.nextInt(3);
        List<byte[]> chunks = new ArrayList<>();
        for (int index = 0; index < chunkCount; index++) {
            chunks.add(SyncCodec.encode(chunk(deviceId, sessionId, index, false)));
        }
        byte[] end = SyncCodec.encode(OutboxRecording.endRecord(analysis(deviceId, sessionId), SyncRecord.EndStatus.COMPLETE,
                chunkCount));
        List<byte[]> valid = new ArrayList<>();
        valid.add(start);
        valid.addAll(chunks);
        valid.add(end);
        messages.add(bundle(valid.stream().map(bytes -> new Hostile(Kind.REPLAY, Expected.VALID, bytes, null)).toList()));
        sent.addAll(valid);
        // then one of each mutation, some alone, some bundled
        List<Hostile> hostile = new ArrayList<>();
        byte[] base = valid.get(random.nextInt(valid.size()));
        hostile.add(new Hostile(Kind.TRUNCATED, Expected.QUARANTINE, Arrays.copyOf(base, 1 + random.nextInt(base.length - 1)), null));
        hostile.add(oracle(Kind.BIT_FLIPPED, flipBits(valid.get(random.nextInt(valid.size())))));
        byte[] schema = valid.get(random.nextInt(valid.size())).clone();
        int version = random.nextBoolean() ? 0 : 3 + random.nextInt(65533);
        schema[4] = (byte) (version >>> 8);
        schema[5] = (byte) version;
        hostile.add(new Hostile(Kind.WRONG_SCHEMA, Expected.QUARANTINE, schema, null));
        hostile.add(new Hostile(Kind.WRONG_KIND, Expected.QUARANTINE, wrongKind(sessionId), null));
        hostile.add(new Hostile(Kind.UNREADABLE_ANALYSIS, Expected.QUARANTINE, endWith(sessionId, chunkCount, randomBytes(
                1 + random.nextInt(200))), null));
        byte[] newer = SessionCodec.encode(analysis(deviceId, sessionId).withTracks(List.of()));
        newer[5] = (byte) (2 + random.nextInt(254));
        hostile.add(new Hostile(Kind.NEWER_ANALYSIS, Expected.QUARANTINE, endWith(sessionId, chunkCount, newer), null));
        hostile.add(new Hostile(Kind.UNSTORABLE_ANALYSIS, Expected.QUARANTINE, endWith(sessionId, chunkCount,
                unstorableAnalysis(sessionId)), null));
        hostile.add(new Hostile(Kind.NAN_SAMPLES, Expected.QUARANTINE, SyncCodec.encode(chunk(deviceId, sessionId,
                chunkCount + random.nextInt(5), true)), null));
        hostile.add(new Hostile(Kind.FOREIGN_DEVICE, Expected.QUARANTINE, SyncCodec.encode(chunk(foreignDeviceId,
                "replayed-" + sessionId, 0, false)), null));
        hostile.add(new Hostile(Kind.REPLAY, Expected.VALID, sent.get(random.nextInt(sent.size())), null));
        // the same key with other bytes: a chunk with other samples, an end with another chunk count
        SyncRecord.SessionChunk other = chunk(deviceId, sessionId, random.nextInt(chunkCount), false);
        hostile.add(new Hostile(Kind.CONFLICTING_HASH, Expected.CONFLICT, SyncCodec.encode(other),
                conflictKey(sessionId, "chunk", other.index(), other.sha256Hex())));
        byte[] wrongCount = SyncCodec.encode(OutboxRecording.endRecord(analysis(deviceId, sessionId),
                SyncRecord.EndStatus.COMPLETE, chunkCount + 1 + random.nextInt(1000)));
        hostile.add(new Hostile(Kind.WRONG_COUNT, Expected.CONFLICT, wrongCount,
                conflictKey(sessionId, "end", -1, SessionContentDigest.recordSha256Hex(wrongCount))));
        if (session % 25 == 0) {
            hostile.add(new Hostile(Kind.CHUNK_BOMB, Expected.QUARANTINE, chunkBomb(sessionId), null));
            hostile.add(new Hostile(Kind.ANALYSIS_BOMB, Expected.QUARANTINE, endWith(sessionId, chunkCount, analysisBomb()),
                    null));
        }
        if (session % 400 == 0) {
            byte[] oversized = new byte[SyncCodec.MAX_RECORD_BYTES + 1 + random.nextInt(1000)];
            random.nextBytes(oversized);
            System.arraycopy(start, 0, oversized, 0, start.length);
            hostile.add(new Hostile(Kind.OVERSIZED, Expected.QUARANTINE, oversized, null));
        }
        // records each valid alone that do not make a session: the start lists only the lower sensor
        String unassemblable = sessionId + "-parts";
        if (session % 5 == 0) {
            byte[] lowerOnly = SyncCodec.encode(start(unassemblable, List.of(SensorPosition.LOWER)));
            byte[] upperChunk = SyncCodec.encode(chunk(deviceId, unassemblable, 0, false));
            byte[] itsEnd = SyncCodec.encode(OutboxRecording.endRecord(analysis(deviceId, unassemblable),
                    SyncRecord.EndStatus.COMPLETE, 1));
            hostile.add(new Hostile(Kind.UNASSEMBLABLE, Expected.UNASSEMBLED, lowerOnly, unassemblable));
            hostile.add(new Hostile(Kind.UNASSEMBLABLE, Expected.UNASSEMBLED, upperChunk, unassemblable));
            hostile.add(new Hostile(Kind.UNASSEMBLABLE, Expected.UNASSEMBLED, itsEnd, unassemblable));
        }
        // alone or in a bundle of a few (the host takes a bundle's records each on its own)
        int at = 0;
        while (at < hostile.size()) {
            Hostile first = hostile.get(at);
            boolean bundleable = first.bytes().length < 200_000 && first.expected() != Expected.UNASSEMBLED
                    && first.kind() != Kind.OVERSIZED && random.nextInt(3) == 0;
            if (bundleable) {
                List<Hostile> inner = new ArrayList<>();
                while (at < hostile.size() && inner.size() < 4 && hostile.get(at).bytes().length < 200_000
                        && hostile.get(at).kind() != Kind.OVERSIZED && hostile.get(at).expected() != Expected.UNASSEMBLED
                        && isBundleable(hostile.get(at).bytes())) {
                    inner.add(hostile.get(at++));
                }
                if (!inner.isEmpty()) {
                    messages.add(bundle(inner));
                    continue;
                }
            }
            messages.add(new Message(SyncTopics.chunks(deviceId), first.bytes(), random.nextInt(5) == 0, List.of(first)));
            at++;
        }
        messages.add(brokenBundle(valid));
        messages.add(manifest(sessionId, chunkCount));
        for (Message message : messages) {
            for (Hostile record : message.records()) {
                counts.merge(record.kind(), 1, Integer::sum);
            }
        }
        return messages;
    }

    /** Bundles hold whole records other than bundles, at least 7 bytes long. */
    private static boolean isBundleable(byte[] record) {
        return record.length >= 7 && record[6] != 7;
    }

    static String conflictKey(String sessionId, String kind, int index, String sha256Hex) {
        return sessionId + "/" + kind + "/" + index + "/" + sha256Hex;
    }

    private Message bundle(List<Hostile> records) {
        byte[] bytes = SyncCodec.encode(new SyncRecord.Bundle(deviceId, records.stream().map(Hostile::bytes).toList()));
        return new Message(SyncTopics.chunks(deviceId), bytes, random.nextInt(5) == 0, records);
    }

    /** A bundle whose framing lies (a count above what it holds, or a negative length): refused whole. */
    private Message brokenBundle(List<byte[]> valid) {
        byte[] bytes = SyncCodec.encode(new SyncRecord.Bundle(deviceId, valid));
        int countAt = 7 + 2 + deviceId.length();
        if (random.nextBoolean()) {
            int count = valid.size() + 1 + random.nextInt(100);
            bytes[countAt] = (byte) (count >>> 8);
            bytes[countAt + 1] = (byte) count;
        } else {
            bytes[countAt + 2] = (byte) 0x80; // the first record's length, negative
        }
        return new Message(SyncTopics.chunks(deviceId), bytes, random.nextInt(5) == 0,
                List.of(new Hostile(Kind.BROKEN_BUNDLE, Expected.QUARANTINE, bytes, null)));
    }

    /** A manifest on the manifest topic: valid but absurd, or mutated; decided by the decoder. */
    private Message manifest(String sessionId, int chunkCount) {
        List<SyncRecord.ManifestEntry> entries = new ArrayList<>();
        int size = random.nextInt(50) == 0 ? 2_000 : random.nextInt(8);
        for (int index = 0; index < size; index++) {
            entries.add(new SyncRecord.ManifestEntry(random.nextBoolean() ? sessionId : "ghost-" + random.nextInt(1_000_000),
                    random.nextBoolean() ? chunkCount : random.nextInt(Integer.MAX_VALUE), random.nextBoolean()));
        }
        byte[] bytes = SyncCodec.encode(new SyncRecord.Manifest(deviceId, Instant.now(), entries));
        if (random.nextBoolean()) {
            bytes = random.nextBoolean() ? flipBits(bytes) : Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length - 1));
        }
        String topic = SyncTopics.manifest(deviceId);
        return new Message(topic, bytes, random.nextInt(3) == 0, List.of(oracle(Kind.MANIFEST, bytes, "manifest")));
    }

    private Hostile oracle(Kind kind, byte[] bytes) {
        return oracle(kind, bytes, "chunks");
    }

    /**
     * What the host must make of a record mutated at random: the decoder's verdict, the device id
     * against the topic's and the kind against the topic's (a mutation that still decodes is valid).
     */
    private Hostile oracle(Kind kind, byte[] bytes, String topicKind) {
        SyncDecodeResult decoded = SyncCodec.decode(bytes);
        boolean valid = decoded instanceof SyncDecodeResult.Decoded(SyncRecord record) && record.deviceId().equals(deviceId)
                && (topicKind.equals("manifest") ? record instanceof SyncRecord.Manifest
                        : record instanceof SyncRecord.SessionStart || record instanceof SyncRecord.SessionChunk
                                || record instanceof SyncRecord.SessionEnd);
        return new Hostile(kind, valid ? Expected.VALID : Expected.QUARANTINE, bytes, null);
    }

    private byte[] flipBits(byte[] bytes) {
        byte[] flipped = bytes.clone();
        int flips = 1 + random.nextInt(3);
        for (int flip = 0; flip < flips; flip++) {
            int bit = random.nextInt(8 * flipped.length);
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return flipped;
    }

    private byte[] wrongKind(String sessionId) {
        return switch (random.nextInt(4)) {
            case 0 -> SyncCodec.encode(new SyncRecord.Acknowledgement(deviceId, sessionId, true, true, ChunkRanges.firstN(3), true));
            case 1 -> SyncCodec.encode(new SyncRecord.GapRequest(deviceId, sessionId, true, false, ChunkRanges.EMPTY));
            case 2 -> SyncCodec.encode(new SyncRecord.Manifest(deviceId, Instant.now(), List.of()));
            default -> {
                byte[] unknown = SyncCodec.encode(start(sessionId, List.of(SensorPosition.UPPER)));
                unknown[6] = (byte) (8 + random.nextInt(248));
                yield unknown;
            }
        };
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] endWith(String sessionId, int chunkCount, byte[] analysis) {
        return SyncCodec.encode(new SyncRecord.SessionEnd(deviceId, sessionId, SyncRecord.EndStatus.COMPLETE, chunkCount,
                analysis));
    }

    private byte[] unstorableAnalysis(String sessionId) {
        RecordedSession valid = analysis(deviceId, sessionId);
        return SessionCodec.encode(switch (random.nextInt(4)) {
            case 0 -> new RecordedSession(deviceId, sessionId, STARTED_AT, "sim", 100, List.of(), List.of(), List.of(),
                    new SessionSummary(Double.NaN, 0, Double.NaN, Double.NaN, 6, 0, Double.NaN, Double.NaN));
            case 1 -> new RecordedSession(deviceId, sessionId, STARTED_AT, "sim", 100, List.of(), List.of(), List.of(),
                    new SessionSummary(1, 0, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, 0, Double.NaN, Double.NaN));
            case 2 -> analysis(deviceId, sessionId + "-other");
            default -> valid.withTracks(List.of(new SensorTrack(SensorPosition.UPPER, new double[] {0},
                    new float[] {0, 0, 0}, new float[] {0, 0, 9.8f})));
        });
    }

    private SyncRecord.SessionStart start(String sessionId, List<SensorPosition> sensors) {
        return new SyncRecord.SessionStart(deviceId, sessionId, STARTED_AT, "sim", 100, sensors, Map.of());
    }

    static RecordedSession analysis(String deviceId, String sessionId) {
        return new RecordedSession(deviceId, sessionId, STARTED_AT, "sim", 100, List.of(), List.of(), List.of(),
                new SessionSummary(1, 0, Double.NaN, Double.NaN, 6, 0, Double.NaN, Double.NaN));
    }

    private SyncRecord.SessionChunk chunk(String device, String sessionId, int index, boolean nan) {
        int samples = 5 + random.nextInt(20);
        double[] times = new double[samples];
        float[] gyroscope = new float[3 * samples];
        float[] accelerometer = new float[3 * samples];
        for (int sample = 0; sample < samples; sample++) {
            times[sample] = index + sample / 100.0;
            for (int axis = 0; axis < 3; axis++) {
                gyroscope[3 * sample + axis] = (float) random.nextGaussian();
                accelerometer[3 * sample + axis] = axis == 2 ? 9.8f : (float) random.nextGaussian();
            }
        }
        if (nan) {
            gyroscope[random.nextInt(gyroscope.length)] = Float.NaN;
        }
        return SyncRecord.SessionChunk.seal(device, sessionId, index, new ChunkSamples(List.of(
                new ChunkSamples.Block(SensorPosition.UPPER, times, gyroscope, accelerometer))), Optional.empty());
    }

    /** A chunk whose samples inflate to 32 MiB of zeros (the decoder stops at 1 MiB), correctly hashed. */
    private byte[] chunkBomb(String sessionId) {
        if (chunkBombs.size() < 3) {
            byte[] zeros = new byte[32 << 20];
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            deflater.setInput(zeros);
            deflater.finish();
            byte[] buffer = new byte[1 << 20];
            byte[] compressed = Arrays.copyOf(buffer, deflater.deflate(buffer));
            deflater.end();
            chunkBombs.add(compressed);
        }
        byte[] compressed = chunkBombs.get(random.nextInt(chunkBombs.size()));
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write("BKSY".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.writeShort(SyncCodec.RECORD_SCHEMA_VERSION);
            out.writeByte(2);
            out.writeUTF(deviceId);
            out.writeUTF(sessionId);
            int index = 100 + random.nextInt(1000);
            out.writeInt(index);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(deviceId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(sessionId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(new byte[] {(byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8), (byte) index});
            digest.update(compressed);
            out.write(digest.digest());
            out.writeInt(compressed.length);
            out.write(compressed);
            return bytes.toByteArray();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An analysis claiming a million repetitions, 50 MB inflated (the decoder stops at 4 MiB). */
    private byte[] analysisBomb() {
        if (analysisBombs.size() < 3) {
            ByteArrayOutputStream bomb = new ByteArrayOutputStream();
            bomb.write('B');
            bomb.write('K');
            bomb.write('B');
            bomb.write('T');
            bomb.write(0);
            bomb.write(1);
            try (DataOutputStream body = new DataOutputStream(new GZIPOutputStream(bomb))) {
                body.writeUTF(deviceId);
                body.writeUTF("bomb-" + analysisBombs.size());
                body.writeUTF("sim");
                body.writeLong(7);
                body.writeDouble(100);
                for (int field = 0; field < 8; field++) {
                    if (field == 1 || field == 5) {
                        body.writeInt(0);
                    } else {
                        body.writeDouble(1);
                    }
                }
                body.writeInt(1_000_000);
                byte[] zeros = new byte[1 << 20];
                for (int mebibyte = 0; mebibyte < 48; mebibyte++) {
                    body.write(zeros);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            analysisBombs.add(bomb.toByteArray());
        }
        return analysisBombs.get(random.nextInt(analysisBombs.size()));
    }

    /** The designed conflicts among {@code messages}' records, as {@link #conflictKey}s. */
    static Set<String> conflictKeys(List<Message> messages) {
        Set<String> keys = new LinkedHashSet<>();
        for (Message message : messages) {
            for (Hostile record : message.records()) {
                if (record.expected() == Expected.CONFLICT) {
                    keys.add(record.conflictKey());
                }
            }
        }
        return keys;
    }
}
