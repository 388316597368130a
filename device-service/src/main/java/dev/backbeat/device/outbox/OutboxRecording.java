// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.hardware.strap.StrapSampleSink;
import dev.backbeat.mqtt.sync.SampleResolution;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * One session being written into the outbox as it happens: the start record at {@link #begin},
 * a chunk each second, the end record with the analysis at {@link #finish}.
 *
 * <p>Two threads. The sampling thread (the caller of {@link #tee}'s sink) only copies each sample
 * into a {@link ChunkBuffer} and, at each chunk boundary, hands the full buffer over; it never
 * compresses, hashes or touches the file. The storage thread ({@value #THREAD_NAME}) seals the
 * buffers in order (compression, SHA-256, one SQLite transaction with {@code synchronous=FULL}),
 * gives them back, and writes the end record after the last chunk.
 *
 * <p>The hand-over is bounded by the buffers: at most {@code backlogChunks} chunks (default
 * {@value #DEFAULT_BACKLOG_CHUNKS}, one second each) may wait for the storage thread; at 2 × 200 Hz a
 * buffer is about 13 KB, so the backlog costs at most about 0.4 MB, taken only as a stall needs it.
 * What happens when every buffer is waiting (the card stalled for longer than the backlog holds) is
 * {@link WhenBacklogFull}: on a real clock ({@link WhenBacklogFull#SKIP_STORING}) the sampling
 * thread does not wait: blocking it would overflow the sensors' FIFOs (0.42 s at 200 Hz) and
 * delay the pacer's cues, losing what the wearer feels and the samples anyway. It goes on feeding
 * the core, and the samples it cannot hand over are not stored: they are counted
 * ({@link #unstoredSamples()}), reported in one line when it starts and when the storage has caught
 * up, and recorded as a gap of each sensor in the session's analysis, so the host knows that stretch
 * has no samples. What was handed over is always sealed, in order, before the end record; nothing
 * sealed is ever dropped. On a simulated clock, which stands still while the sampling thread waits,
 * waiting loses nothing ({@link WhenBacklogFull#WAIT_FOR_STORAGE}: a simulation faster than the disk,
 * {@code --time-scale 0}, is held to the disk's pace).
 */
public final class OutboxRecording implements AutoCloseable {

    /**
     * Chunk buffers in all, the one being filled included: about this many seconds of samples may
     * wait for the storage thread before samples go unstored (default 30).
     */
    public static final int DEFAULT_BACKLOG_CHUNKS = 30;
    static final String THREAD_NAME = "outbox-storage";

    /** What the sampling thread does when every chunk buffer of the backlog waits for storage. */
    public enum WhenBacklogFull {
        /** Waits for a buffer to be sealed: for a simulated clock, which stands still meanwhile. */
        WAIT_FOR_STORAGE,
        /** Goes on without storing the samples until a buffer is free, counting them as a gap: for a real clock. */
        SKIP_STORING
    }

    private final DeviceOutbox outbox;
    private final SyncRecord.SessionStart start;
    private final ChunkWriter chunks;
    private final double chunkSeconds;
    private final int backlogChunks;
    private final WhenBacklogFull whenBacklogFull;
    private final Consumer<String> lines;
    /** Work for the storage thread, in order: buffers to seal, then the end. */
    private final LinkedBlockingQueue<Object> toStore = new LinkedBlockingQueue<>();
    /** Buffers sealed and free again (the storage thread gives them back). */
    private final LinkedBlockingQueue<ChunkBuffer> free = new LinkedBlockingQueue<>();
    private final Thread storage;
    private volatile IOException storageFailure;
    private volatile int sealedChunks;

    // sampling thread only
    private ChunkBuffer filling;
    private int buffersMade;
    private double boundarySeconds = Double.NaN;
    private long unstoredSamples;
    private final double[] unstoredFromSeconds = new double[SensorPosition.values().length];
    private final double[] unstoredToSeconds = new double[SensorPosition.values().length];
    private boolean unstoring;
    private StrapSampleSink gapSink;

    /** The end of the session: the analysis to write once the last chunk is sealed. */
    private record End(RecordedSession session, CompletableFuture<Integer> written) {
    }

    /** Tells the storage thread to stop once what was handed over before it is sealed. */
    private static final Object STOP = new Object();

    private OutboxRecording(DeviceOutbox outbox, SyncRecord.SessionStart start, ChunkWriter chunks, int backlogChunks,
                            WhenBacklogFull whenBacklogFull, Consumer<String> lines) {
        this.outbox = outbox;
        this.start = start;
        this.chunks = chunks;
        this.chunkSeconds = chunks.chunkSeconds();
        this.backlogChunks = backlogChunks;
        this.whenBacklogFull = whenBacklogFull;
        this.lines = lines;
        this.filling = new ChunkBuffer();
        this.buffersMade = 1;
        this.storage = Thread.ofPlatform().name(THREAD_NAME).daemon().unstarted(this::store);
    }

    /** Opens the outbox in {@code dataDirectory}, writes the session's start record and starts storing. */
    public static OutboxRecording begin(Path dataDirectory, SyncRecord.SessionStart start,
                                        Optional<SampleResolution> resolution) throws IOException {
        return begin(dataDirectory, start, resolution, DEFAULT_BACKLOG_CHUNKS, WhenBacklogFull.WAIT_FOR_STORAGE,
                DeviceOutbox.CommitHook.NONE, line -> { });
    }

    /**
     * As {@link #begin(Path, SyncRecord.SessionStart, Optional)}, with at most {@code backlogChunks}
     * chunks waiting for storage and {@code whenBacklogFull} beyond, {@code commitHook} inside each chunk's transaction, and the
     * storage's own reports (samples it could not store) to {@code lines}.
     */
    public static OutboxRecording begin(Path dataDirectory, SyncRecord.SessionStart start,
                                        Optional<SampleResolution> resolution, int backlogChunks,
                                        WhenBacklogFull whenBacklogFull, DeviceOutbox.CommitHook commitHook,
                                        Consumer<String> lines) throws IOException {
        if (backlogChunks < 1) {
            throw new IllegalArgumentException("the storage backlog must be at least 1 chunk, was " + backlogChunks);
        }
        DeviceOutbox outbox = DeviceOutbox.open(dataDirectory);
        try {
            outbox.beforeEachChunkCommit(commitHook);
            OutboxRecording recording = new OutboxRecording(outbox, start,
                    ChunkWriter.begin(outbox, start, resolution, ChunkWriter.DEFAULT_CHUNK_SECONDS), backlogChunks,
                    java.util.Objects.requireNonNull(whenBacklogFull, "whenBacklogFull"), lines);
            recording.storage.start();
            return recording;
        } catch (IOException | RuntimeException e) {
            outbox.close();
            throw e;
        }
    }

    /** The start record of a session. */
    public static SyncRecord.SessionStart start(String deviceId, String sessionId, Instant startedAt, String hardware,
                                                double sampleRateHz, List<SensorPosition> sensors,
                                                Map<String, String> settings) {
        return new SyncRecord.SessionStart(deviceId, sessionId, startedAt, hardware, sampleRateHz, sensors, settings);
    }

    /**
     * A sink for the sampling thread that gives every sample to {@code pipeline} and then to the
     * chunk being filled; gaps go to {@code pipeline} (kept in the end record's analysis), and so do
     * the stretches whose samples could not be stored.
     */
    public StrapSampleSink tee(StrapSampleSink pipeline) {
        this.gapSink = pipeline;
        return new StrapSampleSink() {
            @Override
            public void accept(SensorPosition sensor, ImuSample sample) {
                pipeline.accept(sensor, sample);
                collect(sensor, sample);
            }

            @Override
            public void gap(SensorPosition sensor, double fromSeconds, double toSeconds) {
                pipeline.gap(sensor, fromSeconds, toSeconds);
            }
        };
    }

    private void collect(SensorPosition sensor, ImuSample sample) {
        double time = sample.timeSeconds();
        if (Double.isNaN(boundarySeconds)) {
            boundarySeconds = nextBoundary(time);
        } else if (time >= boundarySeconds) {
            handOver(filling);
            filling = takeFreeBuffer(time);
            boundarySeconds = nextBoundary(time);
        }
        if (filling != null) {
            filling.add(sensor, sample);
        } else {
            unstored(sensor, time);
        }
    }

    private double nextBoundary(double time) {
        return (Math.floor(time / chunkSeconds) + 1) * chunkSeconds;
    }

    private void handOver(ChunkBuffer full) {
        if (full != null && full.sampleCount() > 0) {
            toStore.add(full);
        } else if (full != null) {
            free.add(full);
        }
    }

    /**
     * A buffer for the chunk starting at {@code time}, or null when every one of the backlog waits
     * for storage and the samples are to be skipped.
     */
    private ChunkBuffer takeFreeBuffer(double time) {
        ChunkBuffer buffer = free.poll();
        if (buffer == null && buffersMade < backlogChunks) {
            buffer = new ChunkBuffer();
            buffersMade++;
        }
        if (buffer == null && whenBacklogFull == WhenBacklogFull.WAIT_FOR_STORAGE) {
            try {
                buffer = free.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the session is being stopped: skip rather than wait
            }
        }
        if (buffer == null && !unstoring) {
            unstoring = true;
            java.util.Arrays.fill(unstoredFromSeconds, Double.NaN);
            lines.accept(String.format(java.util.Locale.ROOT, "storage is %d s behind (the outbox's disk is not keeping up): "
                    + "samples from %.1f s on are not stored until it catches up", backlogChunks, time));
        } else if (buffer != null && unstoring) {
            endUnstoredStretch();
        }
        return buffer;
    }

    private void unstored(SensorPosition sensor, double time) {
        int index = sensor.ordinal();
        if (Double.isNaN(unstoredFromSeconds[index])) {
            unstoredFromSeconds[index] = time;
        }
        unstoredToSeconds[index] = time;
        unstoredSamples++;
    }

    /** Records the stretch whose samples were not stored as a gap of each sensor, and says so. */
    private void endUnstoredStretch() {
        unstoring = false;
        double from = Double.POSITIVE_INFINITY;
        double to = Double.NEGATIVE_INFINITY;
        for (SensorPosition sensor : SensorPosition.values()) {
            int index = sensor.ordinal();
            if (!Double.isNaN(unstoredFromSeconds[index])) {
                gapSink.gap(sensor, unstoredFromSeconds[index], unstoredToSeconds[index]);
                from = Math.min(from, unstoredFromSeconds[index]);
                to = Math.max(to, unstoredToSeconds[index]);
            }
        }
        if (from <= to) {
            lines.accept(String.format(java.util.Locale.ROOT, "storage caught up: the samples from %.1f s to %.1f s were "
                    + "not stored (%d in all so far); recorded as a gap of each sensor", from, to, unstoredSamples));
        }
    }

    /** Samples the sampling thread could not hand to storage (the backlog was full), so far. */
    public long unstoredSamples() {
        return unstoredSamples;
    }

    /** Throws the storage thread's failure, if it had one (the sampling thread asks at every poll). */
    public void checkStorage() throws IOException {
        IOException failure = storageFailure;
        if (failure != null) {
            throw failure;
        }
    }

    /** Chunks waiting for the storage thread now. */
    public int backlogChunks() {
        return toStore.size();
    }

    /**
     * Ends the recording (after {@link #closeUnstoredStretch()} and the analysis): hands over the last chunk, and the end record ({@code complete}) with the
     * session's analysis (summary, repetitions, pacer cues; the samples are in the chunks), which the
     * storage thread writes after sealing every chunk before it. Waits for that.
     *
     * @return the number of chunks
     */
    public int finish(RecordedSession session) throws IOException, InterruptedException {
        handOver(filling);
        filling = null;
        CompletableFuture<Integer> written = new CompletableFuture<>();
        toStore.add(new End(session, written));
        try {
            return written.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("writing the end of session " + start.sessionId() + " failed", failed.getCause());
        }
    }

    /**
     * Ends a stretch of unstored samples now (as a gap of each sensor in the analysis): the service
     * calls it after the last sample and before it makes the analysis.
     */
    public void closeUnstoredStretch() {
        if (unstoring) {
            endUnstoredStretch();
        }
    }

    /** The storage thread: seals what it is handed, in order, then the end. */
    private void store() {
        while (true) {
            Object work;
            try {
                work = toStore.take();
            } catch (InterruptedException e) {
                return;
            }
            if (work == STOP) {
                return;
            }
            try {
                switch (work) {
                    case ChunkBuffer buffer -> {
                        if (storageFailure == null) {
                            chunks.seal(buffer);
                            sealedChunks = chunks.sealedChunks();
                        }
                        buffer.clear();
                        free.add(buffer);
                    }
                    case End end -> {
                        if (storageFailure != null) {
                            end.written().completeExceptionally(storageFailure);
                        } else {
                            int chunkCount = chunks.sealedChunks();
                            outbox.end(start.sessionId(), SyncCodec.encode(
                                    endRecord(end.session(), SyncRecord.EndStatus.COMPLETE, chunkCount)));
                            end.written().complete(chunkCount);
                        }
                    }
                    default -> throw new IllegalStateException("unknown storage work " + work);
                }
            } catch (IOException failure) {
                storageFailure = failure;
                if (work instanceof End end) {
                    end.written().completeExceptionally(failure);
                }
            } catch (RuntimeException failure) {
                storageFailure = new OutboxException("storing session " + start.sessionId() + " failed: " + failure, failure);
                if (work instanceof End end) {
                    end.written().completeExceptionally(storageFailure);
                }
            }
        }
    }

    /** The end record of a session: its analysis without samples. */
    public static SyncRecord.SessionEnd endRecord(RecordedSession session, SyncRecord.EndStatus status, int chunkCount) {
        RecordedSession analysis = session.withTracks(List.of());
        return new SyncRecord.SessionEnd(session.deviceId(), session.sessionId(), status, chunkCount,
                SessionCodec.encode(analysis));
    }

    public Path file() {
        return outbox.file();
    }

    /** Chunks sealed (committed) so far. */
    public int sealedChunks() {
        return sealedChunks;
    }

    /**
     * Stops the storage thread once everything handed over is sealed (a recording that failed keeps
     * its sealed chunks, and is closed as interrupted on the next start), then closes the outbox.
     */
    @Override
    public void close() throws InterruptedException {
        toStore.add(STOP);
        storage.join();
        outbox.close();
    }
}
