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

    /** The health now: counters as gathered, the outbox, free disk and clock as measured now. */
    public synchronized DeviceHealth health() {
        DeviceOutbox.Depth depth = new DeviceOutbox.Depth(0, 0);
        Optional<Instant> lastConfirmed = Optional.empty();
        try {
            if (outbox == null) {
                outbox = DeviceOutbox.open(dataDirectory);
            }
            depth = outbox.depth();
            lastConfirmed = outbox.lastConfirmedAt();
        } catch (IOException unreadable) {
            problem = problem.isEmpty() ? "the outbox cannot be read: " + unreadable.getMessage() : problem;
        }
        long free;
        try {
            free = freeSpace.usableBytes(dataDirectory);
        } catch (IOException unknown) {
            free = -1;
        }
        DeviceHealth.State state = recording ? DeviceHealth.State.RECORDING
                : depth.sessions() > 0 ? DeviceHealth.State.SENDING : DeviceHealth.State.IDLE;
        return new DeviceHealth(deviceId, wallClock.instant(), version, (System.nanoTime() - startNanos) / 1_000_000_000L,
                state, routine, depth.sessions(), depth.bytes(), lastConfirmed, free, sessionDiskBytes, samplesLost,
                fifoOverflows, chips, clockProbe.status(), lastCommandId, lastCommandOutcome, problem);
    }

    @Override
    public synchronized void close() {
        if (outbox != null) {
            outbox.close();
            outbox = null;
        }
    }
}
