// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

/**
 * The free space a session needs before it may start: {@value #MINUTES} minutes of chunk records
 * at the configured rate, with a quarter more for SQLite's pages and write-ahead log, plus
 * {@value #RESERVE_BYTES} bytes for the log's own peak (a checkpoint every 1000 pages of 4 KiB).
 * A session that would fill the disk half-way could not seal its chunks, and a full disk can keep
 * SQLite from committing anything, the sender's confirmations included; refusing at the start
 * keeps what is stored intact and says why (health topic, a haptic pattern).
 *
 * <p>The chunk bytes per second come from measurement ({@link #CHUNK_BYTES_PER_SECOND_PER_HZ}): the
 * compression stores each sample's change, so the size grows with the rate and with the sensors'
 * noise and the wearer's movement.
 */
public record SessionSpace(double sampleRateHz) {

    /** How long a session the free space must hold, minutes. */
    public static final int MINUTES = 30;
    /**
     * Chunk record bytes per second of session per Hz of output data rate, both sensors: 16.
     * Measured on the simulated strap over an 8-cycle cat-cow session: 12.4 to 13.0 (MPU-6050 and
     * LSM6DSOX, 100 and 200 Hz; README "Serving"); a quarter more for real chips' noisier low bits,
     * which is not measured yet.
     */
    public static final double CHUNK_BYTES_PER_SECOND_PER_HZ = 16.0;
    /** Kept free beyond the chunks, bytes (4 MiB: SQLite's write-ahead log between checkpoints). */
    public static final long RESERVE_BYTES = 4L << 20;

    public SessionSpace {
        if (!(sampleRateHz > 0 && sampleRateHz <= 10_000)) {
            throw new IllegalArgumentException("sample rate must be more than 0 and at most 10000 Hz, was " + sampleRateHz);
        }
    }

    /** Chunk bytes a second of session writes at this rate. */
    public double chunkBytesPerSecond() {
        return CHUNK_BYTES_PER_SECOND_PER_HZ * sampleRateHz;
    }

    /** Bytes that must be free for a session to start. */
    public long bytesNeeded() {
        return (long) Math.ceil(chunkBytesPerSecond() * MINUTES * 60 * 1.25) + RESERVE_BYTES;
    }
}
