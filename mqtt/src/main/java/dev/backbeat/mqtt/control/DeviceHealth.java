// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.control;

import dev.backbeat.mqtt.sync.SyncTopics;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A strap's health, published retained on {@link SyncTopics#health} by {@code backbeat-device serve}
 * when it changes and every {@code health.interval_s}, and as its last will with state
 * {@link State#GONE}. What {@code backbeat status} prints.
 *
 * @param deviceId the strap
 * @param writtenAt the strap's wall clock when written (may be wrong: see {@code clock})
 * @param version the device software's version
 * @param uptimeSeconds seconds since the service started (monotonic, whatever the wall clock does)
 * @param state what the service is doing
 * @param routine the routine the next session runs (the button's long press selects it)
 * @param outboxSessions sessions in the outbox not yet confirmed by the host
 * @param outboxBytes bytes of their records
 * @param lastConfirmedAt when the host last confirmed a session (strap clock), if ever
 * @param freeDiskBytes usable bytes in the data directory's file system
 * @param sessionDiskBytes bytes a session needs free to start (30 minutes at the configured rate)
 * @param samplesLost samples lost to FIFO overflows since the service started, both sensors
 * @param fifoOverflows FIFO overflows since the service started
 * @param chips the strap's chips as found at the last session start (e.g. {@code upper MPU-6050 @ 0x68})
 * @param clock whether the strap's wall clock is synchronised
 * @param lastCommandId the last host command handled, or empty
 * @param lastCommandOutcome what became of it ({@code started}, {@code refused: ...}), or empty
 * @param problem what keeps the strap from recording (e.g. a full disk), or empty
 */
public record DeviceHealth(String deviceId, Instant writtenAt, String version, long uptimeSeconds, State state,
                           String routine, int outboxSessions, long outboxBytes, Optional<Instant> lastConfirmedAt,
                           long freeDiskBytes, long sessionDiskBytes, long samplesLost, long fifoOverflows,
                           List<String> chips, ClockStatus clock, String lastCommandId, String lastCommandOutcome,
                           String problem) {

    /** Most chips listed. */
    public static final int MAX_CHIPS = 16;

    /** What the service is doing. */
    public enum State {
        /** Waiting for a start (button or host); nothing to send. */
        IDLE,
        /** Recording a session. */
        RECORDING,
        /** Waiting for a start, with sessions in the outbox not yet confirmed by the host. */
        SENDING,
        /** Stopped cleanly (SIGTERM); the last health it published. */
        OFFLINE,
        /** Its connection died without a goodbye: the broker published its last will. */
        GONE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether the strap's wall clock is synchronised (NTP). */
    public enum ClockStatus {
        SYNCHRONIZED, NOT_SYNCHRONIZED, UNKNOWN;

        public String label() {
            return switch (this) {
                case SYNCHRONIZED -> "synchronized";
                case NOT_SYNCHRONIZED -> "not synchronized";
                case UNKNOWN -> "unknown";
            };
        }
    }

    public DeviceHealth {
        SyncTopics.requireId(deviceId);
        Objects.requireNonNull(writtenAt, "writtenAt");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(routine, "routine");
        Objects.requireNonNull(lastConfirmedAt, "lastConfirmedAt");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(lastCommandId, "lastCommandId");
        Objects.requireNonNull(lastCommandOutcome, "lastCommandOutcome");
        Objects.requireNonNull(problem, "problem");
        chips = List.copyOf(chips);
        if (chips.size() > MAX_CHIPS) {
            throw new IllegalArgumentException(chips.size() + " chips, at most " + MAX_CHIPS);
        }
        if (uptimeSeconds < 0 || outboxSessions < 0 || outboxBytes < 0 || samplesLost < 0 || fifoOverflows < 0) {
            throw new IllegalArgumentException("a health count is negative");
        }
    }

    /** The same health in another state, written at {@code now} (the last will, the goodbye). */
    public DeviceHealth withState(State newState, Instant now) {
        return new DeviceHealth(deviceId, now, version, uptimeSeconds, newState, routine, outboxSessions, outboxBytes,
                lastConfirmedAt, freeDiskBytes, sessionDiskBytes, samplesLost, fifoOverflows, chips, clock, lastCommandId,
                lastCommandOutcome, problem);
    }

    /**
     * Whether {@code other} says the same, apart from what drifts all the time (when it was written,
     * the uptime, free disk and outbox bytes, which the periodic publication refreshes): whether
     * publishing this now would tell the host something new.
     */
    public boolean sameAs(DeviceHealth other) {
        return other != null && deviceId.equals(other.deviceId) && version.equals(other.version) && state == other.state
                && routine.equals(other.routine) && outboxSessions == other.outboxSessions
                && lastConfirmedAt.equals(other.lastConfirmedAt) && sessionDiskBytes == other.sessionDiskBytes
                && samplesLost == other.samplesLost && fifoOverflows == other.fifoOverflows && chips.equals(other.chips)
                && clock == other.clock && lastCommandId.equals(other.lastCommandId)
                && lastCommandOutcome.equals(other.lastCommandOutcome) && problem.equals(other.problem);
    }
}
