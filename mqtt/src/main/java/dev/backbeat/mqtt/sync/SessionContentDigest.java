// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 that names a whole session's content, computed alike by the host over what it stored
 * and by the strap over its outbox: over the lower-case hex, as ASCII, of the SHA-256 of the start
 * record's bytes, then each chunk's own hash (the one inside the chunk record) in index order, then
 * the SHA-256 of the end record's bytes.
 *
 * <p>A complete acknowledgement carries it, so the strap lets a session go only when the host holds
 * exactly its records, not merely records under the same keys (another strap's after a session-id
 * clash, or records someone injected first on a broker without access rules: the host keeps the
 * first and sets a different one aside as a conflict).
 */
public final class SessionContentDigest {

    /** Its length, bytes. */
    public static final int BYTES = 32;

    private final MessageDigest digest;

    private SessionContentDigest(MessageDigest digest) {
        this.digest = digest;
    }

    /** Starts with the SHA-256 of the start record, as lower-case hex. */
    public static SessionContentDigest startingWithHex(String startRecordSha256Hex) {
        try {
            SessionContentDigest content = new SessionContentDigest(MessageDigest.getInstance("SHA-256"));
            return content.addHex(startRecordSha256Hex);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** Starts with the start record's bytes. */
    public static SessionContentDigest startingWithRecord(byte[] startRecord) {
        return startingWithHex(recordSha256Hex(startRecord));
    }

    /** Adds the next chunk's own hash, as lower-case hex. */
    public SessionContentDigest addHex(String sha256Hex) {
        digest.update(sha256Hex.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** Adds the next chunk's own hash. */
    public SessionContentDigest addChunkHash(byte[] chunkSha256) {
        return addHex(HexFormat.of().formatHex(chunkSha256));
    }

    /** Ends with the SHA-256 of the end record, as lower-case hex. */
    public byte[] endingWithHex(String endRecordSha256Hex) {
        addHex(endRecordSha256Hex);
        return digest.digest();
    }

    /** Ends with the end record's bytes. */
    public byte[] endingWithRecord(byte[] endRecord) {
        return endingWithHex(recordSha256Hex(endRecord));
    }

    /**
     * A start or end record's hash as the digest takes it (the host stores it beside the record, so
     * both sides name a record the same way).
     */
    public static String recordSha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
