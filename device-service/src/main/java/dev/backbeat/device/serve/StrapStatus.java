// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.mqtt.control.DeviceHealth;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code backbeat-device serve} knows about itself, gathered as it happens (state, routine,
 * FIFO losses, the last command) and measured when asked (the outbox's depth, free disk, the
 * clock), as one {@link DeviceHealth}. Thread-safe: the serve loop writes it, the control channel
 * reads it.
 */
public final class StrapStatus implements AutoCloseable {

    private final String deviceId;
    private final String version;
    private final Path dataDirectory;
    private final FreeSpaceProbe freeSpace;
    private final ClockProbe clockProbe;
    private final Clock wallClock;
    private final long startNanos = System.nanoTime();
    private final long sessionDiskBytes;
    private DeviceOutbox outbox;
    private boolean recording;
    private String routine;
    private long samplesLost;
    private long fifoOverflows;
    private List<String> chips;
    private String lastCommandId = "";
    private String lastCommandOutcome = "";
    private String problem = "";
    /** What {@link #health} measured last, and when: the control channel asks five times a second. */
    private DeviceOutbox.Depth depth = new DeviceOutbox.Depth(0, 0);
    private Optional<Instant> lastConfirmed = Optional.empty();
    private long freeBytes = -1;
    private DeviceHealth.ClockStatus clock = DeviceHealth.ClockStatus.UNKNOWN;
    private long measuredNanos = Long.MIN_VALUE / 2;
    private long clockProbedNanos = Long.MIN_VALUE / 2;

    /** How often the outbox and the free disk are measured for the health, ns (1 s). */
    static final long MEASURE_EVERY_NANOS = 1_000_000_000L;
    /** How often the clock is probed for the health, ns (60 s: it may start a process). */
    static final long CLOCK_EVERY_NANOS = 60_000_000_000L;

    public StrapStatus(String deviceId, String version, Path dataDirectory, FreeSpaceProbe freeSpace, ClockProbe clockProbe,
                       Clock wallClock, long sessionDiskBytes, String routine, List<String> chips) {
        this.deviceId = deviceId;
        this.version = version;
        this.dataDirectory = dataDirectory;
        this.freeSpace = freeSpace;
        this.clockProbe = clockProbe;
        this.wallClock = wallClock;
        this.sessionDiskBytes = sessionDiskBytes;
        this.routine = routine;
        this.chips = List.copyOf(chips);
    }

    public synchronized void recording(boolean now) {
        recording = now;
        measuredNanos = Long.MIN_VALUE / 2; // a session began or ended: the outbox changed
    }

    public synchronized boolean isRecording() {
        return recording;
    }

    public synchronized void routine(String selected) {
        routine = selected;
    }

    public synchronized String routine() {
        return routine;
    }

    /** Adds a session's FIFO overflows and the samples they lost. */
    public synchronized void lost(long samples, long overflows) {
        samplesLost += samples;
        fifoOverflows += overflows;
    }

    public synchronized void chips(List<String> found) {
        chips = List.copyOf(found);
    }

    public synchronized void command(String commandId, String outcome) {
        lastCommandId = commandId;
        lastCommandOutcome = outcome;
    }

    /** What keeps the strap from recording, or empty when nothing does. */
    public synchronized void problem(String what) {
        problem = what;
    }

    public synchronized String problem() {
        return problem;
    }

    /**
     * The health now: counters as gathered; the outbox and free disk as measured within the last
     * second, the clock within the last minute.
     */
    public synchronized DeviceHealth health() {
        long now = System.nanoTime();
        if (now - measuredNanos >= MEASURE_EVERY_NANOS) {
            measure();
            measuredNanos = now;
        }
        if (now - clockProbedNanos >= CLOCK_EVERY_NANOS) {
            clock = clockProbe.status();
            clockProbedNanos = now;
        }
        DeviceHealth.State state = recording ? DeviceHealth.State.RECORDING
                : depth.sessions() > 0 ? DeviceHealth.State.SENDING : DeviceHealth.State.IDLE;
        return new DeviceHealth(deviceId, wallClock.instant(), version, (now - startNanos) / 1_000_000_000L,
                state, routine, depth.sessions(), depth.bytes(), lastConfirmed, freeBytes, sessionDiskBytes, samplesLost,
                fifoOverflows, chips, clock, lastCommandId, lastCommandOutcome, problem);
    }

    private void measure() {
        try {
            if (outbox == null) {
                outbox = DeviceOutbox.open(dataDirectory);
            }
            depth = outbox.depth();
            lastConfirmed = outbox.lastConfirmedAt();
        } catch (IOException unreadable) {
            problem = problem.isEmpty() ? "the outbox cannot be read: " + unreadable.getMessage() : problem;
        }
        try {
            freeBytes = freeSpace.usableBytes(dataDirectory);
        } catch (IOException unknown) {
            freeBytes = -1;
        }
    }

    @Override
    public synchronized void close() {
        if (outbox != null) {
            outbox.close();
            outbox = null;
        }
    }
}
