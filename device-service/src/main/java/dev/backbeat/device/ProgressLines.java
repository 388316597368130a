// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands the sampling thread's lines (progress, the first sample, storage reports) to a thread of
 * their own, {@value #THREAD_NAME}, so a slow terminal or log pipe never holds up sampling. At most
 * {@value #CAPACITY} lines wait; beyond that a line is dropped and counted, and the count is printed
 * with the next line that gets through.
 */
final class ProgressLines implements Consumer<String>, AutoCloseable {

    /** Lines that may wait to be written (one is written every 10 s of a session). */
    static final int CAPACITY = 64;
    static final String THREAD_NAME = "progress-lines";
    private static final String STOP = new String("stop");

    private final ArrayBlockingQueue<String> waiting = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Consumer<String> out;
    private final Thread writer;

    ProgressLines(Consumer<String> out) {
        this.out = out;
        this.writer = Thread.ofPlatform().name(THREAD_NAME).daemon().start(this::write);
    }

    /** Queues {@code line} without waiting. */
    @Override
    public void accept(String line) {
        if (!waiting.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    private void write() {
        while (true) {
            String line;
            try {
                line = waiting.take();
            } catch (InterruptedException e) {
                return;
            }
            if (line == STOP) {
                return;
            }
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                out.accept("(" + lost + " progress line(s) dropped: the output was not keeping up)");
            }
            out.accept(line);
        }
    }

    /** Writes what is waiting, then stops the thread. */
    @Override
    public void close() throws InterruptedException {
        waiting.put(STOP);
        writer.join();
    }
}
