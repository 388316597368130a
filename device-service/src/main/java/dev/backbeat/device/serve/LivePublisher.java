// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import dev.backbeat.mqtt.live.LiveCodec;
import dev.backbeat.mqtt.live.LiveFrame;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes the live frames of {@code serve}'s sessions from a thread of its own, so the sampling
 * thread does no I/O for them.
 *
 * <p>The hand-off is one slot: {@link #offer} puts the newest frame there, replacing (dropping) an
 * older one the publishing thread has not taken yet, and never waits or locks. The publishing
 * thread takes the frame and gives it to the {@link Sink} (the control channel's connection, QoS 0,
 * not retained), which drops it too when the strap is not connected or the previous frame is still
 * being written. So at most one frame waits anywhere, and a slow or absent broker costs the
 * sampling thread nothing; when nobody subscribes to the live topic, the broker discards the frames.
 */
public final class LivePublisher implements AutoCloseable {

    /** Sends one frame's bytes if it can at once; false when it dropped them. */
    @FunctionalInterface
    public interface Sink {
        boolean send(String topic, byte[] payload);
    }

    /**
     * How long the publishing thread sleeps when no frame waits, ms: an offer and a close wake it at
     * once, so this only bounds a lost wake-up (1000; at 100 an idle strap woke ten times a second
     * for nothing, 0.06 % of a core of this machine).
     */
    static final long IDLE_PARK_MILLIS = 1_000;

    private final Sink sink;
    private final AtomicReference<LiveFrame> slot = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;

    /** Starts the publishing thread. */
    public LivePublisher(Sink sink) {
        this.sink = sink;
        this.thread = Thread.ofPlatform().name("live-publisher").daemon(true).start(this::run);
    }

    /** Hands {@code frame} over without waiting; an older frame not yet taken is dropped. */
    public void offer(LiveFrame frame) {
        if (slot.getAndSet(frame) != null) {
            dropped.incrementAndGet();
        }
        LockSupport.unpark(thread);
    }

    /** Frames the sink took. */
    public long sent() {
        return sent.get();
    }

    /** Frames dropped: replaced in the slot before they were taken, or refused by the sink. */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        while (!closing) {
            LiveFrame frame = slot.getAndSet(null);
            if (frame == null) {
                LockSupport.parkNanos(IDLE_PARK_MILLIS * 1_000_000);
                continue;
            }
            boolean went;
            try {
                went = sink.send(SyncTopics.live(frame.deviceId()), LiveCodec.encode(frame));
            } catch (RuntimeException lost) {
                went = false; // a connection failing under us: the control channel reconnects
            }
            (went ? sent : dropped).incrementAndGet();
        }
    }

    /** Stops the publishing thread; frames offered later are dropped. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(1_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
