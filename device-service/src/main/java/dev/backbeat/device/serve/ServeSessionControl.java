// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import dev.backbeat.device.SessionControl;
import dev.backbeat.mqtt.control.DeviceHealth;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How {@code backbeat-device serve} names its sessions and ends them early. A session's id is its
 * start time for people to read, its number from the {@link SessionSequence} and a random suffix,
 * e.g. {@code 20261206T174000Z-n42-3f9a}: unique on the strap by its number whatever the wall clock
 * said. Its start record gets {@code session.sequence} (that number: the strap's order of its
 * sessions, which does not depend on the clock), {@code clock.synchronized} ({@code yes},
 * {@code no} or {@code unknown}, from the {@link ClockProbe}) and {@code configuration.revision}
 * (the host's configuration it ran with, 0 for the strap's own: {@link #nextSession}).
 */
public final class ServeSessionControl implements SessionControl {

    /** The start record setting with the session's number. */
    public static final String SEQUENCE_SETTING = "session.sequence";
    /** The start record setting saying whether the strap's clock was synchronised. */
    public static final String CLOCK_SETTING = "clock.synchronized";
    /** The start record setting naming the host's configuration the session ran with (0: the strap's own). */
    public static final String CONFIGURATION_SETTING = "configuration.revision";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final SessionSequence sequence;
    private final ClockProbe clock;
    private volatile boolean stopRequested;
    private final java.util.concurrent.atomic.AtomicBoolean snoozeRequested = new java.util.concurrent.atomic.AtomicBoolean();
    private long number;
    private DeviceHealth.ClockStatus clockAtStart = DeviceHealth.ClockStatus.UNKNOWN;
    private long configurationRevision;
    private java.util.function.Consumer<String> started = id -> { };

    public ServeSessionControl(SessionSequence sequence, ClockProbe clock) {
        this.sequence = sequence;
        this.clock = clock;
    }

    @Override
    public synchronized String sessionId(Instant startedAt) throws IOException {
        number = sequence.next();
        clockAtStart = clock.status();
        byte[] suffix = new byte[2];
        ThreadLocalRandom.current().nextBytes(suffix);
        String id = TIME.format(startedAt) + "-n" + number + "-" + HexFormat.of().formatHex(suffix);
        started.accept(id);
        started = ignored -> { };
        return id;
    }

    /**
     * Before a session: the host configuration it runs with (0: the strap's own), and what to tell
     * the session's id once it has one (when the session begins).
     */
    public synchronized void nextSession(long revision, java.util.function.Consumer<String> onStart) {
        configurationRevision = revision;
        started = onStart;
    }

    @Override
    public synchronized Map<String, String> startRecordSettings() {
        return Map.of(SEQUENCE_SETTING, String.valueOf(number), CLOCK_SETTING, switch (clockAtStart) {
            case SYNCHRONIZED -> "yes";
            case NOT_SYNCHRONIZED -> "no";
            case UNKNOWN -> "unknown";
        }, CONFIGURATION_SETTING, String.valueOf(configurationRevision));
    }

    @Override
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Ends the running session at its next poll; what it recorded is kept. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Asks the running session to snooze its guards for the rest of the step. */
    public void requestSnooze() {
        snoozeRequested.set(true);
    }

    @Override
    public boolean takeSnoozeRequest() {
        return snoozeRequested.getAndSet(false);
    }

    /** Before a session starts: no stop or snooze pending. */
    public void clearStop() {
        snoozeRequested.set(false);
        stopRequested = false;
    }
}
