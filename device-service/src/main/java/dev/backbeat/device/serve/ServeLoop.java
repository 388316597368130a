// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SampleGap;
import dev.backbeat.device.DeviceService;
import dev.backbeat.device.HardwareUnavailableException;
import dev.backbeat.device.outbox.OutboxException;
import dev.backbeat.mqtt.control.DeviceCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Consumer;

/**
 * {@code backbeat-device serve}'s main loop: waits for a start, records a session, and waits again,
 * until {@link #requestShutdown}. Starts and stops come from the push button and the host's
 * commands, on their own threads; the sessions run on the thread that called {@link #run}.
 *
 * <ul>
 *   <li>A press starts a session while idle and ends the running one while recording (what it
 *       recorded is kept: the session ends there, its end record written as for a full one).</li>
 *   <li>A long press while idle selects the next routine of {@code routine.names} (after the one
 *       selected, at first the configured one) and confirms it with as many short buzzes as its
 *       position; the sessions then run it with the profile and pacer in force, until the next long
 *       press or a restart. During a guided session a long press snoozes the guards for the rest of
 *       the step.</li>
 *   <li>A host command is carried out once per command id ({@link CommandLedger}); its outcome
 *       ({@code started}, {@code stopped}, {@code refused: ...}) goes into the health.</li>
 *   <li>A session does not start when the data directory's free space is below what
 *       {@value SessionSpace#MINUTES} minutes need ({@link SessionSpace}): the strap buzzes
 *       {@link HapticPattern#DISK_FULL} and the health says so; nothing is written.</li>
 *   <li>Shutdown (SIGTERM) ends a running session the same way, then returns.</li>
 * </ul>
 */
public final class ServeLoop {

    /** Records one session (on the configured strap, into the outbox). */
    @FunctionalInterface
    public interface SessionRunner {
        /**
         * @param selectedRoutine the routine the wearer selected with the long press; empty: the
         *     configured one (the host's configuration in force, else {@code routine.name})
         */
        DeviceService.Recording record(java.util.Optional<String> selectedRoutine)
                throws IOException, InterruptedException, HardwareUnavailableException;
    }

    private sealed interface Request {
    }

    private record Start(String commandId) implements Request {
    }

    private record NextRoutine() implements Request {
    }

    private record Shutdown() implements Request {
    }

    private final List<String> routines;
    private final java.util.function.Supplier<String> configuredRoutine;
    private final Path dataDirectory;
    private final SessionRunner runner;
    private final ServeSessionControl control;
    private final StrapStatus status;
    private final HapticSignals haptics;
    private final FreeSpaceProbe freeSpace;
    private final long bytesNeeded;
    private final CommandLedger ledger;
    private final Consumer<String> log;
    private final BlockingDeque<Request> requests = new LinkedBlockingDeque<>();
    /** A session is starting or running (guarded by this). */
    private boolean busy;
    private boolean shuttingDown;
    /** The routine selected with the long press; empty: the configured one. */
    private java.util.Optional<String> selectedRoutine = java.util.Optional.empty();
    private long sessions;

    /**
     * @param routines what the long press cycles through ({@code routine.names})
     * @param configuredRoutine the name of the routine in force (the host's configuration, else {@code routine.name})
     */
    public ServeLoop(List<String> routines, java.util.function.Supplier<String> configuredRoutine, Path dataDirectory,
                     SessionRunner runner, ServeSessionControl control, StrapStatus status, HapticSignals haptics,
                     FreeSpaceProbe freeSpace, long bytesNeeded, CommandLedger ledger, Consumer<String> log) {
        this.routines = List.copyOf(routines);
        this.configuredRoutine = configuredRoutine;
        this.dataDirectory = dataDirectory;
        this.runner = runner;
        this.control = control;
        this.status = status;
        this.haptics = haptics;
        this.freeSpace = freeSpace;
        this.bytesNeeded = bytesNeeded;
        this.ledger = ledger;
        this.log = log;
    }

    /** The push button's events. */
    public void button(PushButton.Event event) {
        switch (event) {
            case PRESS -> startOrStop("button", "");
            case LONG_PRESS -> {
                synchronized (this) {
                    if (busy) {
                        log.accept("long press during a session: snoozing the guards for the rest of the step");
                        control.requestSnooze();
                        return;
                    }
                }
                requests.add(new NextRoutine());
            }
        }
    }

    /** A command the control channel believed. */
    public void command(DeviceCommand command) {
        if (ledger.handled(command.commandId())) {
            return; // retained and delivered again, or replayed: carried out once
        }
        try {
            ledger.note(command.commandId());
        } catch (IOException unwritable) {
            log.accept("cannot note command " + command.commandId() + " as handled (" + unwritable.getMessage()
                    + "); not carrying it out, so it cannot run twice");
            status.command(command.commandId(), "refused: cannot write " + CommandLedger.FILE_NAME);
            return;
        }
        log.accept("host command: " + command.action().label() + " (id " + command.commandId() + ")");
        synchronized (this) {
            switch (command.action()) {
                case START -> {
                    if (busy) {
                        status.command(command.commandId(), "refused: already recording");
                    } else if (shuttingDown) {
                        status.command(command.commandId(), "refused: shutting down");
                    } else {
                        busy = true;
                        requests.add(new Start(command.commandId()));
                    }
                }
                case STOP -> {
                    if (busy) {
                        control.requestStop();
                        status.command(command.commandId(), "stopped");
                    } else {
                        status.command(command.commandId(), "refused: not recording");
                    }
                }
            }
        }
    }

    private synchronized void startOrStop(String source, String commandId) {
        if (busy) {
            log.accept(source + ": stopping the session");
            control.requestStop();
        } else if (!shuttingDown) {
            busy = true;
            requests.add(new Start(commandId));
        }
    }

    /** Ends a running session (its recorded part is kept) and makes {@link #run} return. */
    public void requestShutdown() {
        synchronized (this) {
            shuttingDown = true;
            if (busy) {
                control.requestStop();
            }
        }
        requests.addFirst(new Shutdown());
    }

    /** How many sessions were recorded. */
    public synchronized long sessions() {
        return sessions;
    }

    /** Serves until {@link #requestShutdown}. */
    public void run() throws InterruptedException {
        log.accept("serving: waiting for a start (button, or 'backbeat start' on the host); routine "
                + configuredRoutine.get());
        while (true) {
            Request request = requests.take();
            switch (request) {
                case Shutdown shutdown -> {
                    return;
                }
                case NextRoutine next -> selectNextRoutine();
                case Start start -> {
                    synchronized (this) {
                        if (shuttingDown) {
                            busy = false;
                            continue;
                        }
                    }
                    startSession(start.commandId());
                }
            }
        }
    }

    private void selectNextRoutine() throws InterruptedException {
        int current = routines.indexOf(selectedRoutine.orElseGet(configuredRoutine));
        int next = (current + 1) % routines.size(); // from the first when the configured one is not in the list
        selectedRoutine = java.util.Optional.of(routines.get(next));
        status.routine(routines.get(next));
        log.accept("routine " + (next + 1) + " of " + routines.size() + " selected: " + routines.get(next));
        signal(HapticPattern.routineSelected(next + 1));
    }

    private void startSession(String commandId) throws InterruptedException {
        control.clearStop();
        long free;
        try {
            free = freeSpace.usableBytes(dataDirectory);
        } catch (IOException unknown) {
            free = Long.MAX_VALUE; // cannot tell: SQLite will say if it cannot write
            log.accept("cannot tell the free space of " + dataDirectory + ": " + unknown.getMessage());
        }
        if (free < bytesNeeded) {
            String problem = String.format(Locale.ROOT, "disk full: %.1f MB free in %s, a %d-minute session needs %.1f MB",
                    free / 1e6, dataDirectory, SessionSpace.MINUTES, bytesNeeded / 1e6);
            log.accept("not starting a session: " + problem);
            status.problem(problem);
            commandOutcome(commandId, "refused: " + problem);
            synchronized (this) {
                busy = false;
            }
            signal(HapticPattern.DISK_FULL);
            return;
        }
        status.problem("");
        status.recording(true);
        commandOutcome(commandId, "started");
        try {
            DeviceService.Recording recording = runner.record(selectedRoutine);
            RecordedSession session = recording.session();
            long lostSamples = 0;
            for (SampleGap gap : session.gaps()) {
                lostSamples += Math.max(0, Math.round(gap.durationSeconds() * session.sampleRateHz()) - 1);
            }
            status.lost(lostSamples, session.gaps().size());
            synchronized (this) {
                sessions++;
            }
        } catch (HardwareUnavailableException unavailable) {
            String problem = "the strap hardware failed its start-up checks: " + String.join("; ", unavailable.findings());
            log.accept(problem);
            status.problem(problem);
            commandOutcome(commandId, "refused: hardware unavailable");
            status.recording(false);
            signal(HapticPattern.START_REFUSED);
        } catch (OutboxException storage) {
            log.accept("the session stopped: " + storage.getMessage() + "; what was sealed stays in the outbox");
            status.problem("outbox: " + storage.getMessage());
        } catch (IOException failed) {
            log.accept("the strap hardware failed during the session: " + failed.getMessage()
                    + "; what was recorded until then stays in the outbox and is kept as an interrupted session");
            status.problem("hardware failed during the last session: " + failed.getMessage());
        } finally {
            status.recording(false);
            synchronized (this) {
                busy = false;
            }
        }
    }

    private void commandOutcome(String commandId, String outcome) {
        if (!commandId.isEmpty()) {
            status.command(commandId, outcome);
        }
    }

    private void signal(HapticPattern pattern) throws InterruptedException {
        try {
            haptics.play(pattern);
        } catch (IOException motor) {
            log.accept("cannot buzz '" + pattern.name() + "': " + motor.getMessage());
        }
    }
}
