// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import dev.backbeat.core.imu.SensorPosition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The messages of the sync protocol; {@link SyncCodec} turns them into versioned bytes and back. */
public sealed interface SyncRecord {

    /** The device the record is about (it must match the topic's). */
    String deviceId();

    /**
     * The first record of a session, written when it starts.
     *
     * @param settings the device settings that shaped the session (name → value, for the record)
     */
    record SessionStart(String deviceId, String sessionId, Instant startedAt, String hardware, double sampleRateHz,
                        List<SensorPosition> sensors, Map<String, String> settings) implements SyncRecord {
        public SessionStart {
            SyncTopics.requireId(deviceId);
            SyncTopics.requireId(sessionId);
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(hardware, "hardware");
            if (!(sampleRateHz > 0 && sampleRateHz <= 10_000)) {
                throw new IllegalArgumentException("sample rate " + sampleRateHz + " Hz is out of range");
            }
            sensors = List.copyOf(sensors);
            settings = Map.copyOf(settings);
        }
    }

    /**
     * About a second of samples, compressed ({@link SampleCompression}), with the SHA-256 of
     * (device id, session id, index, compressed samples): the hash binds the samples to their key.
     */
    record SessionChunk(String deviceId, String sessionId, int index, byte[] compressedSamples, byte[] sha256,
                        ChunkSamples samples) implements SyncRecord {
        public SessionChunk {
            SyncTopics.requireId(deviceId);
            SyncTopics.requireId(sessionId);
            if (index < 0) {
                throw new IllegalArgumentException("chunk index must be ≥ 0, was " + index);
            }
            Objects.requireNonNull(compressedSamples, "compressedSamples");
            Objects.requireNonNull(samples, "samples");
            if (sha256.length != 32) {
                throw new IllegalArgumentException("a chunk hash is 32 bytes");
            }
        }

        /** Compresses and hashes {@code samples} into chunk {@code index}. */
        public static SessionChunk seal(String deviceId, String sessionId, int index, ChunkSamples samples,
                                        Optional<SampleResolution> resolution) {
            byte[] compressed = SampleCompression.compress(samples, resolution);
            return new SessionChunk(deviceId, sessionId, index, compressed, hash(deviceId, sessionId, index, compressed),
                    samples);
        }

        /**
         * Chunk {@code index} of samples already compressed by {@link SampleCompression#compress}
         * (hashed here): for benchmarks that write many straps' outboxes from one compressed session.
         */
        public static SessionChunk ofCompressed(String deviceId, String sessionId, int index, byte[] compressed,
                                                ChunkSamples samples) {
            return new SessionChunk(deviceId, sessionId, index, compressed, hash(deviceId, sessionId, index, compressed),
                    samples);
        }

        public String sha256Hex() {
            return HexFormat.of().formatHex(sha256);
        }

        static byte[] hash(String deviceId, String sessionId, int index, byte[] compressed) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                digest.update(deviceId.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(sessionId.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(new byte[] {(byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8), (byte) index});
                digest.update(compressed);
                return digest.digest();
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("every JDK has SHA-256", impossible);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SessionChunk chunk && deviceId.equals(chunk.deviceId)
                    && sessionId.equals(chunk.sessionId) && index == chunk.index && Arrays.equals(sha256, chunk.sha256);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, sessionId, index, Arrays.hashCode(sha256));
        }

        @Override
        public String toString() {
            return "SessionChunk[" + deviceId + "/" + sessionId + " #" + index + ", " + compressedSamples.length + " bytes]";
        }
    }

    /** How a session ended. */
    enum EndStatus {
        /** It ran to its planned end. */
        COMPLETE,
        /** The device stopped (power cut, crash) before the end; everything sealed before is kept. */
        INTERRUPTED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The last record of a session.
     *
     * @param chunkCount the session has chunks {@code 0 .. chunkCount-1}
     * @param analysis the session's summary, repetitions and pacer cues as a {@code SessionCodec}
     *     payload without sensor tracks (so the summary's format is versioned in one place)
     */
    record SessionEnd(String deviceId, String sessionId, EndStatus status, int chunkCount, byte[] analysis)
            implements SyncRecord {
        public SessionEnd {
            SyncTopics.requireId(deviceId);
            SyncTopics.requireId(sessionId);
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(analysis, "analysis");
            if (chunkCount < 0) {
                throw new IllegalArgumentException("chunk count must be ≥ 0, was " + chunkCount);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SessionEnd end && deviceId.equals(end.deviceId) && sessionId.equals(end.sessionId)
                    && status == end.status && chunkCount == end.chunkCount && Arrays.equals(analysis, end.analysis);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, sessionId, status, chunkCount);
        }
    }

    /** The device's sessions not yet confirmed by the host (retained on the broker). */
    record Manifest(String deviceId, Instant writtenAt, List<ManifestEntry> sessions) implements SyncRecord {
        public Manifest {
            SyncTopics.requireId(deviceId);
            Objects.requireNonNull(writtenAt, "writtenAt");
            sessions = List.copyOf(sessions);
        }
    }

    /**
     * One session in a manifest.
     *
     * @param sealedChunks chunks {@code 0 .. sealedChunks-1} exist on the device
     * @param ended whether its end record exists
     */
    record ManifestEntry(String sessionId, int sealedChunks, boolean ended) {
        public ManifestEntry {
            SyncTopics.requireId(sessionId);
            if (sealedChunks < 0) {
                throw new IllegalArgumentException("sealed chunks must be ≥ 0");
            }
        }
    }

    /**
     * What the host has committed of a session (retained, written only by the host).
     *
     * @param complete the start, the end and every chunk are stored: the device may let the session go
     * @param signature the host's signature over everything else ({@link AcknowledgementSigner}), or
     *     empty for an unsigned acknowledgement; at most {@link SyncCodec#MAX_SIGNATURE_BYTES} bytes
     */
    record Acknowledgement(String deviceId, String sessionId, boolean startStored, boolean endStored,
                           ChunkRanges chunks, boolean complete, byte[] contentSha256, byte[] signature)
            implements SyncRecord {
        public Acknowledgement {
            SyncTopics.requireId(deviceId);
            SyncTopics.requireId(sessionId);
            Objects.requireNonNull(chunks, "chunks");
            Objects.requireNonNull(contentSha256, "contentSha256 (empty when absent)");
            Objects.requireNonNull(signature, "signature (empty when unsigned)");
            if (contentSha256.length != 0 && contentSha256.length != SessionContentDigest.BYTES) {
                throw new IllegalArgumentException("a session content digest is " + SessionContentDigest.BYTES
                        + " bytes, not " + contentSha256.length);
            }
            if (contentSha256.length != 0 && !complete) {
                throw new IllegalArgumentException("only a complete acknowledgement names the session's content");
            }
            if (signature.length > SyncCodec.MAX_SIGNATURE_BYTES) {
                throw new IllegalArgumentException("an acknowledgement signature of " + signature.length
                        + " bytes is over the " + SyncCodec.MAX_SIGNATURE_BYTES + "-byte limit");
            }
            contentSha256 = contentSha256.clone();
            signature = signature.clone();
        }

        /** An unsigned acknowledgement without a content digest. */
        public Acknowledgement(String deviceId, String sessionId, boolean startStored, boolean endStored,
                               ChunkRanges chunks, boolean complete) {
            this(deviceId, sessionId, startStored, endStored, chunks, complete, new byte[0], new byte[0]);
        }

        /** An acknowledgement without a content digest. */
        public Acknowledgement(String deviceId, String sessionId, boolean startStored, boolean endStored,
                               ChunkRanges chunks, boolean complete, byte[] signature) {
            this(deviceId, sessionId, startStored, endStored, chunks, complete, new byte[0], signature);
        }

        /**
         * The {@link SessionContentDigest} of what the host stored, on a complete acknowledgement from
         * a host that names it; empty otherwise.
         */
        @Override
        public byte[] contentSha256() {
            return contentSha256.clone();
        }

        public boolean namesContent() {
            return contentSha256.length > 0;
        }

        /** The same claims naming the session's content (a complete acknowledgement only). */
        public Acknowledgement withContentSha256(byte[] newContentSha256) {
            return new Acknowledgement(deviceId, sessionId, startStored, endStored, chunks, complete, newContentSha256,
                    signature);
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        public boolean isSigned() {
            return signature.length > 0;
        }

        /** The same claims with {@code newSignature}. */
        public Acknowledgement withSignature(byte[] newSignature) {
            return new Acknowledgement(deviceId, sessionId, startStored, endStored, chunks, complete, contentSha256,
                    newSignature);
        }

        /** The same claims without a signature: what the signature covers, once encoded. */
        public Acknowledgement unsigned() {
            return isSigned() ? withSignature(new byte[0]) : this;
        }

        /**
         * Whether this claims at least everything {@code earlier} claimed: its start, its end, each
         * of its chunks and its completeness. The host never forgets what it committed, so a newer
         * acknowledgement always does; one that does not is an older one delivered late or replayed.
         */
        public boolean claimsAtLeast(Acknowledgement earlier) {
            return (startStored || !earlier.startStored) && (endStored || !earlier.endStored)
                    && (complete || !earlier.complete) && chunks.containsAll(earlier.chunks);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Acknowledgement ack && deviceId.equals(ack.deviceId) && sessionId.equals(ack.sessionId)
                    && startStored == ack.startStored && endStored == ack.endStored && complete == ack.complete
                    && chunks.equals(ack.chunks) && Arrays.equals(contentSha256, ack.contentSha256)
                    && Arrays.equals(signature, ack.signature);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, sessionId, startStored, endStored, chunks, complete, Arrays.hashCode(signature));
        }

        @Override
        public String toString() {
            return "Acknowledgement[" + deviceId + "/" + sessionId + (startStored ? " start" : "") + " chunks " + chunks
                    + (endStored ? " end" : "") + (complete ? " complete" : "")
                    + (isSigned() ? ", signed" : ", unsigned") + "]";
        }
    }

    /**
     * Several start, chunk and end records of one device sent as one MQTT message, so a backlog
     * does not pay the broker's and the clients' cost per message once per second of samples. The
     * records inside are exactly the bytes the outbox holds (each still versioned and hashed on its
     * own); the host checks and stores each as if it had come alone, and acknowledges chunks, not
     * bundles.
     *
     * @param records encoded records, none of them a bundle; the list and arrays are not copied
     */
    record Bundle(String deviceId, List<byte[]> records) implements SyncRecord {
        /** Most records in one bundle. */
        public static final int MAX_RECORDS = 4096;

        public Bundle {
            SyncTopics.requireId(deviceId);
            Objects.requireNonNull(records, "records");
            if (records.isEmpty() || records.size() > MAX_RECORDS) {
                throw new IllegalArgumentException("a bundle holds 1.." + MAX_RECORDS + " records, not " + records.size());
            }
        }

        @Override
        public String toString() {
            return "Bundle[" + deviceId + ", " + records.size() + " records]";
        }
    }

    /** The host asks the device to send these records of a session again. */
    record GapRequest(String deviceId, String sessionId, boolean start, boolean end, ChunkRanges chunks)
            implements SyncRecord {
        public GapRequest {
            SyncTopics.requireId(deviceId);
            SyncTopics.requireId(sessionId);
            Objects.requireNonNull(chunks, "chunks");
        }
    }
}
