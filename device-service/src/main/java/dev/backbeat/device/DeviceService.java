// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.spine.CalibrationCheck;
import dev.backbeat.core.spine.SpinalAngles;
import dev.backbeat.core.spine.StoredCalibration;
import dev.backbeat.hardware.actuator.HapticActuator;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.strap.Strap;
import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.device.outbox.DeviceSync;
import dev.backbeat.device.outbox.OutboxException;
import dev.backbeat.device.outbox.OutboxRecording;
import dev.backbeat.device.outbox.OutboxSamples;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.hardware.strap.StrapSampleSink;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.BrokerUnreachableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The device service: runs one guided session on a strap (sampling, core pipeline, haptic pacer),
 * records it to the device's disk, and publishes it to the host.
 */
public final class DeviceService {

    /** Seconds of session time between progress lines. */
    static final double PROGRESS_INTERVAL_SECONDS = 10.0;
    private static final DateTimeFormatter SESSION_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final DeviceSettings settings;
    private final Consumer<String> progress;
    private final SessionControl control;
    /** Inside each chunk's transaction: none in service, a slow card in tests. */
    private DeviceOutbox.CommitHook commitHook = DeviceOutbox.CommitHook.NONE;
    /** Chunks that may wait for the storage thread (see {@link OutboxRecording}). */
    private int backlogChunks = OutboxRecording.DEFAULT_BACKLOG_CHUNKS;
    /** Takes the sessions' live frames ({@code serve} publishing): none by default. */
    private LiveFeed liveFeed = LiveFeed.NONE;

    /** @param progress receives one human-readable line every ten seconds of session time */
    public DeviceService(DeviceSettings settings, Consumer<String> progress) {
        this(settings, progress, SessionControl.ONE_SHOT);
    }

    /** @param control names each session and says when one ends early ({@code backbeat-device serve}) */
    public DeviceService(DeviceSettings settings, Consumer<String> progress, SessionControl control) {
        this.settings = settings;
        this.progress = progress;
        this.control = control;
    }

    public DeviceSettings settings() {
        return settings;
    }

    /**
     * Runs {@code hook} inside each chunk's transaction before it commits (tests: a stalling SD card),
     * with at most {@code backlogChunks} chunks waiting for storage.
     */
    void slowStorage(DeviceOutbox.CommitHook hook, int backlogChunks) {
        this.commitHook = hook;
        this.backlogChunks = backlogChunks;
    }

    /** Hands the live frames of the sessions this service runs to {@code feed} (on the sampling thread). */
    public void live(LiveFeed feed) {
        this.liveFeed = feed;
    }

    /**
     * A recorded session and where it was saved: the analysis in memory, the samples in the outbox's
     * chunks.
     *
     * @param session the session's analysis, without samples (see {@link #sessionWithSamples()})
     * @param file the outbox holding the session
     * @param unstoredSamples samples the storage could not keep up with (0 unless the disk stalled
     *     for longer than the storage backlog; recorded as gaps in the analysis)
     * @param firstSampleNanos {@link System#nanoTime()} when the first sample reached the core (0 if none did)
     */
    public record Recording(RecordedSession session, Path file, long unstoredSamples, long firstSampleNanos) {

        /** The session with its samples read back from the outbox's sealed chunks. */
        public RecordedSession sessionWithSamples() throws IOException {
            try (DeviceOutbox outbox = DeviceOutbox.open(file.getParent())) {
                return session.withTracks(OutboxSamples.tracks(outbox, session.sessionId()));
            }
        }
    }

    /**
     * Runs the guided cat-cow routine on the simulated strap: the configured chips simulated at
     * register level behind the real drivers, a simulated wearer, a simulated DRV2605L; records the
     * session to the outbox.
     */
    public Recording runSimulatedSession(DeviceConfiguration configuration, SimulationOptions options)
            throws IOException, InterruptedException {
        return runSimulatedSession(configuration, options, Routine.catCow(options.catCowCycles()));
    }

    /**
     * Runs {@code routine} (e.g. {@code Routines.mixedTenMinutes()}) on the simulated strap, as
     * above; {@code options}' cycles are not used.
     */
    public Recording runSimulatedSession(DeviceConfiguration configuration, SimulationOptions options, Routine routine)
            throws IOException, InterruptedException {
        try (StrapHardware hardware = StrapHardware.simulated(configuration, routine, options)) {
            return runSession(hardware, routine.durationSeconds());
        }
    }

    /**
     * Runs the guided cat-cow routine ({@code catCowCycles} cycles after a 5 s neutral stand) on the
     * real strap of a Raspberry Pi, wired to {@code board}, after the start-up diagnostics pass.
     */
    public Recording runSessionOnRaspberryPi(DeviceConfiguration configuration, int catCowCycles, PiBoard.Opener board)
            throws IOException, InterruptedException, HardwareUnavailableException {
        Routine routine = Routine.catCow(catCowCycles);
        try (StrapHardware hardware = StrapHardware.raspberryPi(configuration, board)) {
            return runSession(hardware, routine.durationSeconds());
        }
    }

    /**
     * Runs the settings' plan (its routine as its profile makes it) as a guided session on the
     * simulated strap: the simulated wearer follows the routine with {@code deviations}, the guided
     * pacer drives the motor, the guards run, and the session records its steps, alerts and coupling.
     */
    public Recording runGuidedSimulatedSession(DeviceConfiguration configuration, SimulationOptions options,
                                               dev.backbeat.hardware.sim.GuidedRoutineScript.Deviations deviations)
            throws IOException, InterruptedException {
        return runGuidedSimulatedSession(configuration, options, deviations, dev.backbeat.hardware.sim.WearerSettings.DEFAULTS);
    }

    /**
     * As above, the simulated wearer's body and the strap's mounting on it from {@code body} (e.g. a
     * strap re-mounted at another angle since the calibration was stored). The wearer stands as long
     * as the strap asks: through a check of the stored calibration, and on through the full stand
     * when the strap refuses it.
     */
    Recording runGuidedSimulatedSession(DeviceConfiguration configuration, SimulationOptions options,
                                        dev.backbeat.hardware.sim.GuidedRoutineScript.Deviations deviations,
                                        dev.backbeat.hardware.sim.WearerSettings body)
            throws IOException, InterruptedException {
        dev.backbeat.core.routine.GuidedRoutine routine = settings.plan().personalisedRoutine();
        // the simulated wearer breathes the configured pacer rate and follows the pacer's glide from it
        double glideSeconds = 60 * settings.plan().profile().map(dev.backbeat.core.routine.Profile::glideMinutes).orElse(0.0);
        dev.backbeat.hardware.sim.OpeningStand stand = new dev.backbeat.hardware.sim.OpeningStand(
                routine.steps().get(0).durationSeconds());
        Routine script = dev.backbeat.hardware.sim.GuidedRoutineScript.of(routine, deviations, glideSeconds,
                configuration.pacerBreathsPerMinute(), stand);
        try (StrapHardware hardware = StrapHardware.simulated(configuration, script, options, body)) {
            return runSession(hardware.strap(), hardware.pacing(), hardware.actuator(),
                    routine.plannedSeconds() + GUIDED_TAIL_SECONDS, hardware.label(), true, stand::lasts);
        }
    }

    /**
     * Runs the settings' plan as a guided session on the real strap of a Raspberry Pi, wired to
     * {@code board}, after the start-up diagnostics pass: the guided pacer on the strap's motor, the
     * guards, and the session's steps, alerts and coupling recorded.
     */
    public Recording runGuidedSessionOnRaspberryPi(DeviceConfiguration configuration, PiBoard.Opener board)
            throws IOException, InterruptedException, HardwareUnavailableException {
        try (StrapHardware hardware = StrapHardware.raspberryPi(configuration, board)) {
            return runGuidedSession(hardware.strap(), hardware.pacing(), hardware.actuator(), hardware.label());
        }
    }

    /**
     * Runs the settings' plan as a guided session on any strap, paced by {@code pacing} and cueing on
     * {@code actuator}: what {@link #runGuidedSimulatedSession} and the Raspberry Pi's session do on their
     * own hardware; {@code bench/cue-timing} runs it on the real drivers with a timed motor.
     *
     * @param hardware the hardware's label in the session record (e.g. {@code sim-mpu6050})
     */
    public Recording runGuidedSession(Strap strap, Pacing pacing, HapticActuator actuator, String hardware)
            throws IOException, InterruptedException {
        return runSession(strap, pacing, actuator, settings.plan().personalisedRoutine().plannedSeconds() + GUIDED_TAIL_SECONDS,
                hardware, true);
    }

    /** A guided session records this long past its routine's planned end, s (the last samples reach the core). */
    static final double GUIDED_TAIL_SECONDS = 0.5;

    /** A guided session stops at the latest after this many times its planned length (a pacer that never finished). */
    static final double GUIDED_LENGTH_BOUND = 2;

    /** Runs a session of {@code durationSeconds} on assembled hardware. */
    Recording runSession(StrapHardware hardware, double durationSeconds) throws IOException, InterruptedException {
        return runSession(hardware.strap(), hardware.pacing(), hardware.actuator(), durationSeconds, hardware.label());
    }

    /**
     * Runs a session of {@code durationSeconds} on any strap and records it to the outbox.
     *
     * <p>This thread is the sampling thread: it polls the strap, runs the core and the breath pacer,
     * and does no other I/O. It wakes at every poll and at each pacer cue, so a cue reaches the motor
     * on time whatever the samples' latency. Chunks are sealed and the end record written on the
     * outbox's storage thread ({@link OutboxRecording}); lines are written on their own thread.
     */
    Recording runSession(Strap strap, Pacing pacing, HapticActuator actuator, double durationSeconds, String hardware)
            throws IOException, InterruptedException {
        return runSession(strap, pacing, actuator, durationSeconds, hardware, false);
    }

    /** As above; {@code guided}: run the settings' plan with the guided pacer and the guards. */
    Recording runSession(Strap strap, Pacing pacing, HapticActuator actuator, double durationSeconds, String hardware,
                         boolean guided) throws IOException, InterruptedException {
        return runSession(strap, pacing, actuator, durationSeconds, hardware, guided, seconds -> { });
    }

    /** The rules of the check of a stored calibration (profiles with {@code calibration stored}). */
    static final CalibrationCheck.Settings CALIBRATION_CHECK = CalibrationCheck.Settings.DEFAULTS;

    /** As above; {@code standEnd} hears when the opening stand ends, s of session time, whenever that is decided. */
    Recording runSession(Strap strap, Pacing pacing, HapticActuator actuator, double durationSeconds, String hardware,
                         boolean guided, java.util.function.DoubleConsumer standEnd) throws IOException, InterruptedException {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS); // the wire format keeps milliseconds
        String sessionId = control.sessionId(startedAt);
        // a profile's limit given as a share of the wearer's range: resolved against the range earlier sessions measured
        MeasuredRange measured = MeasuredRange.read(settings.dataDirectory());
        DeviceSettings sessionSettings = guided ? settings.withPlan(settings.plan().withMeasuredRange(measured.extensionDegrees(),
                measured.flexionDegrees())) : settings;
        String chips = chips(strap, hardware);
        List<String> calibrationLines = new java.util.ArrayList<>();
        SessionPipeline.CalibrationPlan calibration = guided ? calibrationPlan(chips, startedAt, calibrationLines)
                : SessionPipeline.CalibrationPlan.STAND;
        SessionPipeline pipeline = new SessionPipeline(sessionSettings, strap.sensors(), strap.sampleRateHz(), actuator,
                startedAt, sessionId, guided, calibration);
        pipeline.live(liveFeed);
        pipeline.onStandEnd(standEnd);
        RecordedSession session;
        Path file;
        int chunkCount;
        long unstoredSamples;
        long[] firstSampleNanos = new long[1];
        try (ProgressLines lines = new ProgressLines(progress)) {
            lines.accept(String.format(Locale.ROOT, "session %s: %.0f s on the %s strap, sensors %s, %.0f Hz; stand still and upright%s",
                    sessionId, durationSeconds, hardware, strap.sensors().stream().map(s -> s.label()).toList(),
                    strap.sampleRateHz(), calibration.candidate() == null ? ""
                            : String.format(Locale.ROOT, " (a %.1f s check of the stored calibration)", calibration.check().checkSeconds())));
            calibrationLines.forEach(lines);
            // written into the outbox as it happens: a chunk per second, then the end record
            Map<String, String> startSettings = new java.util.TreeMap<>(control.startRecordSettings());
            startSettings.put("pacer.breaths_per_minute", String.valueOf(settings.pacer().breathsPerMinute()));
            startSettings.putAll(PlanInStartRecord.entries(settings.plan()));
            if (guided) {
                startSettings.put(PlanInStartRecord.EXTENSION_LIMIT, String.format(Locale.ROOT, "%.1f",
                        pipeline.extensionLimitDegrees()));
            }
            try (OutboxRecording outbox = OutboxRecording.begin(settings.dataDirectory(), OutboxRecording.start(
                    settings.deviceId(), sessionId, startedAt, hardware, strap.sampleRateHz(), strap.sensors(),
                    startSettings),
                    Optional.empty(), backlogChunks, pacing.stopsWhileTheServiceIsBusy()
                            ? OutboxRecording.WhenBacklogFull.WAIT_FOR_STORAGE : OutboxRecording.WhenBacklogFull.SKIP_STORING,
                    commitHook, lines)) {
                StrapSampleSink sink = firstSampleReported(outbox.tee(pipeline), firstSampleNanos, lines);
                double pollIntervalSeconds = pacing.pollIntervalSeconds();
                double nextPollSeconds = pacing.elapsedSeconds() + pollIntervalSeconds;
                double nextProgressSeconds = PROGRESS_INTERVAL_SECONDS;
                pipeline.paceTo(pacing.elapsedSeconds());
                // a guided session ends once the pacer has conducted the last breath (GUIDED_TAIL_SECONDS later): a
                // glide can lengthen the routine (a silent measuring stand, more breaths for a repetition), so its
                // planned length only bounds it
                double boundSeconds = guided ? GUIDED_LENGTH_BOUND * durationSeconds : durationSeconds;
                while (pacing.elapsedSeconds() < Math.min(boundSeconds, pipeline.guidedEndSeconds() + GUIDED_TAIL_SECONDS)
                        && !control.stopRequested()) {
                    double nextCueSeconds = pipeline.nextPacerEventSeconds();
                    double endSeconds = Math.min(boundSeconds, pipeline.guidedEndSeconds() + GUIDED_TAIL_SECONDS);
                    double wakeSeconds = Math.min(Math.min(nextPollSeconds, nextCueSeconds), endSeconds);
                    if (nextCueSeconds <= wakeSeconds) {
                        pacing.awaitPrecisely(wakeSeconds);
                    } else {
                        pacing.awaitUntil(wakeSeconds);
                    }
                    double now = pacing.elapsedSeconds();
                    if (now >= nextPollSeconds || now >= endSeconds) {
                        strap.drainTo(sink);
                        outbox.checkStorage();
                        nextPollSeconds += pollIntervalSeconds;
                        if (nextPollSeconds <= now) {
                            nextPollSeconds = now + pollIntervalSeconds; // late (a pause): poll again a whole interval on
                        }
                    }
                    if (control.takeSnoozeRequest()) {
                        lines.accept(pipeline.snooze(now));
                    }
                    pipeline.paceTo(now);
                    for (String said = pipeline.takeLine(); said != null; said = pipeline.takeLine()) {
                        lines.accept(said);
                    }
                    if (now >= nextProgressSeconds) {
                        reportProgress(pipeline, durationSeconds, lines);
                        nextProgressSeconds += PROGRESS_INTERVAL_SECONDS;
                    }
                }
                strap.drainHeldTo(sink); // the newest samples, held back until the other sensor caught up
                actuator.setIntensity(pipeline.lastTimeSeconds(), 0);
                outbox.closeUnstoredStretch();
                session = pipeline.finish(hardware, strap.sampleRateHz());
                keepMeasuredRange(measured, session, lines);
                keepCalibration(pipeline, startedAt, chips, guided, lines);
                chunkCount = outbox.finish(session);
                unstoredSamples = outbox.unstoredSamples();
                file = outbox.file();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            lines.accept(String.format(Locale.ROOT, "session %s recorded: %s, %s, %s in %s", sessionId,
                    counted(session.summary().repetitionCount(), "repetition"),
                    counted(session.summary().pacerInhaleCues(), "paced breath"), counted(chunkCount, "chunk"), file));
        }
        return new Recording(session, file, unstoredSamples, firstSampleNanos[0]);
    }

    /**
     * Where a guided session's calibration is to come from: a stand unless the profile asks for the
     * stored one; then the stored one's check, unless there is none that reads, or it cannot fit
     * ({@link CalibrationCheck#refusalBefore}). What is wrong with the file goes to {@code said}.
     */
    private SessionPipeline.CalibrationPlan calibrationPlan(String chips, Instant now, List<String> said) {
        if (settings.plan().calibration() != dev.backbeat.core.routine.Profile.Calibration.STORED) {
            return SessionPipeline.CalibrationPlan.STAND;
        }
        StoredCalibrationFile.Reading reading = StoredCalibrationFile.read(settings.dataDirectory(), settings.deviceId());
        if (reading.unreadable()) {
            said.add(reading.problem());
        }
        if (reading.calibration().isEmpty()) {
            String refusal = reading.unreadable() ? "the calibration file did not read" : "none is stored yet";
            said.add("calibration: the stored one is not used: " + refusal + "; the session opens with a neutral stand");
            return new SessionPipeline.CalibrationPlan(null, Double.NaN, refusal, CALIBRATION_CHECK);
        }
        StoredCalibration stored = reading.calibration().get();
        double ageDays = CalibrationCheck.ageDays(stored, now);
        String refusal = CalibrationCheck.refusalBefore(stored, chips, now, CALIBRATION_CHECK);
        if (refusal != null) {
            said.add("calibration: the stored one is not used: " + refusal + "; the session opens with a neutral stand");
            return new SessionPipeline.CalibrationPlan(null, ageDays, refusal, CALIBRATION_CHECK);
        }
        // dated a little after the clock (within CalibrationCheck.FUTURE_TOLERANCE_DAYS): made now, not "-0.0 days old"
        return new SessionPipeline.CalibrationPlan(stored, Math.max(0, ageDays), "", CALIBRATION_CHECK);
    }

    /**
     * The strap's IMUs as a stored calibration names them: part and I2C address of each sensor
     * ({@code upper MPU-6050 0x68, lower MPU-6050 0x69}; the parts have no serial number), or the
     * hardware label for a strap without drivers.
     */
    static String chips(Strap strap, String hardware) {
        if (!(strap instanceof dev.backbeat.hardware.strap.DriverStrap drivers)) {
            return "strap " + hardware;
        }
        StringBuilder chips = new StringBuilder();
        for (SensorPosition sensor : strap.sensors()) {
            dev.backbeat.hardware.imu.ImuDriver driver = drivers.driver(sensor);
            chips.append(chips.isEmpty() ? "" : ", ").append(sensor.label()).append(' ').append(driver.chipName())
                    .append(String.format(Locale.ROOT, " 0x%02X", driver.bus().address()));
        }
        return chips.toString();
    }

    /**
     * The calibration a still neutral stand of this session found, stored for later sessions
     * ({@link StoredCalibrationFile}) with the breathing measured over it; a failure is said, not fatal.
     */
    private void keepCalibration(SessionPipeline pipeline, Instant startedAt, String chips, boolean guided, ProgressLines lines) {
        dev.backbeat.core.spine.NeutralCalibration found = pipeline.calibrationToStore();
        if (found == null) {
            return;
        }
        try {
            String setAside = StoredCalibrationFile.write(settings.dataDirectory(), settings.deviceId(),
                    StoredCalibration.of(found, startedAt, chips, pipeline.standBreathsPerMinute()));
            if (setAside != null) {
                lines.accept(setAside);
            }
            if (guided && settings.plan().calibration() == dev.backbeat.core.routine.Profile.Calibration.STORED) {
                lines.accept("calibration stored in " + settings.dataDirectory().resolve(StoredCalibrationFile.FILE_NAME)
                        + ": the next sessions check it instead of standing");
            }
        } catch (IOException | RuntimeException unwritable) {
            lines.accept("cannot store the calibration in " + settings.dataDirectory().resolve(StoredCalibrationFile.FILE_NAME)
                    + ": " + unwritable.getMessage() + " (the session is recorded)");
        }
    }

    /** The range this session measured, added to the data directory's {@link MeasuredRange}; a failure is said, not fatal. */
    private void keepMeasuredRange(MeasuredRange before, RecordedSession session, ProgressLines lines) {
        SessionSummary summary = session.summary();
        MeasuredRange after = before.with(summary.durationSeconds(), summary.neutralStartSeconds(), summary.flexionMinDegrees(),
                summary.flexionMaxDegrees());
        if (after == before) {
            return;
        }
        try {
            after.write(settings.dataDirectory());
        } catch (IOException unwritable) {
            lines.accept("cannot keep the measured range in " + settings.dataDirectory().resolve(MeasuredRange.FILE_NAME)
                    + ": " + unwritable.getMessage() + " (the session is recorded)");
        }
    }

    /**
     * {@code sink}, and once, when the first sample arrives, a line with the JVM's monotonic clock
     * ({@link System#nanoTime()}, on Linux CLOCK_MONOTONIC in seconds), which
     * {@code bench/device-footprint} compares with the time it started the process.
     */
    private static StrapSampleSink firstSampleReported(StrapSampleSink sink, long[] firstSampleNanos, ProgressLines lines) {
        return new StrapSampleSink() {
            @Override
            public void accept(SensorPosition sensor, ImuSample sample) {
                if (firstSampleNanos[0] == 0) {
                    firstSampleNanos[0] = System.nanoTime();
                    lines.accept(String.format(Locale.ROOT, "first sample at monotonic %.6f s", firstSampleNanos[0] * 1e-9));
                }
                sink.accept(sensor, sample);
            }

            @Override
            public void gap(SensorPosition sensor, double fromSeconds, double toSeconds) {
                sink.gap(sensor, fromSeconds, toSeconds);
            }
        };
    }

    /**
     * Closes the sessions a power cut or crash left without an end as {@code interrupted}; returns
     * their ids.
     */
    public List<String> recoverInterrupted() throws IOException {
        try (DeviceOutbox outbox = DeviceOutbox.open(settings.dataDirectory())) {
            return InterruptedSessions.close(settings, outbox, progress);
        }
    }

    /**
     * Sends the outbox (this session and any earlier ones not yet confirmed) to the host through
     * the broker, until the host confirmed all of it or {@code timeout} passed; interrupted
     * sessions are closed first.
     *
     * @throws dev.backbeat.mqtt.BrokerUnreachableException when the broker cannot be reached at all
     */
    public OutboxSender.Result sync(BrokerEndpoint endpoint, OutboxSender.Settings sender, Duration timeout)
            throws IOException, InterruptedException {
        try (DeviceOutbox outbox = DeviceOutbox.open(settings.dataDirectory())) {
            InterruptedSessions.close(settings, outbox, progress);
            OutboxSender.Result result = DeviceSync.run(outbox, settings.deviceId(), endpoint, sender, timeout, progress);
            reportSent(result, outbox.file().toString());
            return result;
        }
    }

    /** Records one session into the outbox. */
    @FunctionalInterface
    public interface Recorder {
        Recording record() throws IOException, InterruptedException, HardwareUnavailableException;
    }

    /** A session recorded while the outbox was being sent, and what the sending achieved. */
    public record SentRecording(Recording recording, OutboxSender.Result result) {
    }

    /**
     * Records a session while sending the outbox to the host: the sessions waiting from before at
     * once, and what this one sealed every {@link OutboxSender.Settings#liveSendInterval()} (the
     * issue's "the device sends while a host is present"); after the recording, sends until the
     * host confirmed every session or {@code timeout} passed. Sessions a power cut left open are
     * closed as interrupted first. If the recording fails, the sending stops and the failure is
     * thrown; what was sealed stays in the outbox.
     *
     * @throws dev.backbeat.mqtt.BrokerUnreachableException when the broker could not be reached at all
     */
    public SentRecording recordWhileSending(Recorder recorder, BrokerEndpoint endpoint, OutboxSender.Settings sender,
                                            Duration timeout)
            throws IOException, InterruptedException, HardwareUnavailableException {
        recoverInterrupted();
        AtomicBoolean recording = new AtomicBoolean(true);
        AtomicReference<OutboxSender> running = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        CompletableFuture<OutboxSender.Result> sending = new CompletableFuture<>();
        Thread senderThread = Thread.ofPlatform().name("outbox-sender").start(() -> {
            try (DeviceOutbox outbox = DeviceOutbox.open(settings.dataDirectory())) {
                OutboxSender outboxSender = DeviceSync.sender(outbox, settings.deviceId(), endpoint, sender, progress);
                running.set(outboxSender);
                if (stopped.get()) {
                    outboxSender.stop(); // the recording failed before the sender was made
                }
                sending.complete(outboxSender.run(timeout, recording::get));
            } catch (Throwable failure) {
                sending.completeExceptionally(failure);
            }
        });
        Recording recorded;
        try {
            recorded = recorder.record();
        } catch (Throwable failure) {
            // stop sending first, then wait for it: the recording's failure is what the caller hears of
            stopped.set(true);
            OutboxSender outboxSender = running.get();
            if (outboxSender != null) {
                outboxSender.stop();
            }
            recording.set(false);
            senderThread.interrupt();
            senderThread.join(10_000);
            throw failure;
        }
        recording.set(false); // after the end record is committed: the sender picks it up
        OutboxSender.Result result;
        try {
            result = sending.get();
        } catch (ExecutionException failed) {
            switch (failed.getCause()) {
                case OutboxException storage -> throw storage;
                case BrokerUnreachableException unreachable -> throw unreachable;
                case IOException other -> throw new BrokerUnreachableException("sending the outbox failed: "
                        + other.getMessage(), other);
                case InterruptedException interrupted -> throw interrupted;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IOException("sending the outbox failed: " + failed.getCause(), failed.getCause());
            }
        }
        reportSent(result, settings.dataDirectory().toString());
        return new SentRecording(recorded, result);
    }

    private void reportSent(OutboxSender.Result result, String outbox) {
        progress.accept(result.allConfirmed()
                ? "all sessions confirmed by the host (" + result.confirmed().size() + " this time, "
                        + result.sent() + " records sent in " + result.messages() + " messages, " + result.resent()
                        + " of them again)"
                : result.pending().size() + " session(s) not yet confirmed by the host; they stay in " + outbox);
    }

    private static void reportProgress(SessionPipeline pipeline, double durationSeconds, Consumer<String> lines) {
        SpinalAngles angles = pipeline.latestAngles();
        String flexion = angles == null ? "calibrating" : String.format(Locale.ROOT, "flexion %+5.1f°", angles.flexionDegrees());
        lines.accept(String.format(Locale.ROOT, "  %4.0f / %.0f s  %s  repetitions %d",
                pipeline.lastTimeSeconds(), durationSeconds, flexion, pipeline.repetitionCount()));
    }

    static String newSessionId(Instant startedAt) {
        byte[] suffix = new byte[2];
        ThreadLocalRandom.current().nextBytes(suffix);
        return SESSION_ID_TIME.format(startedAt) + "-" + HexFormat.of().formatHex(suffix);
    }

    /** "1 repetition", "2 repetitions": {@code count} and {@code noun}, plural when it is not one. */
    static String counted(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
