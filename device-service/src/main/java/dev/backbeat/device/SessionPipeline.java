// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.pacer.BreathPacer;
import dev.backbeat.core.pacer.GuidedPacer;
import dev.backbeat.core.routine.BreathCoupling;
import dev.backbeat.core.routine.GuardAlert;
import dev.backbeat.core.routine.GuidedRoutine;
import dev.backbeat.core.routine.Movement;
import dev.backbeat.core.routine.MovementGuards;
import dev.backbeat.core.routine.Profile;
import dev.backbeat.core.routine.RoutineStep;
import dev.backbeat.core.session.GuidedSessionRecord;
import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.rhythm.BreathEstimator;
import dev.backbeat.core.rhythm.BreathSettings;
import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.rhythm.Hold;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.rhythm.RhythmAnalyzer;
import dev.backbeat.core.rhythm.RhythmDetector;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SampleGap;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.core.session.CalibrationSource;
import dev.backbeat.core.spine.CalibrationCheck;
import dev.backbeat.core.spine.NeutralCalibration;
import dev.backbeat.core.spine.StoredCalibration;
import dev.backbeat.core.spine.SpinalAngleEstimator;
import dev.backbeat.core.spine.SpinalAngles;
import dev.backbeat.hardware.actuator.HapticActuator;
import dev.backbeat.hardware.strap.StrapSampleSink;
import dev.backbeat.mqtt.live.LiveFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The device's streaming core for one session: every strap sample goes through here in time
 * order. It estimates the spinal angles, counts repetitions, estimates each hold's breathing as it
 * ends from a compact recent angle history, and drives the haptic breath pacer on the session clock
 * ({@link #paceTo}). The raw samples are not kept here: they go to the outbox's chunks.
 *
 * <p>It runs on the sampling thread and does no I/O besides the motor: its memory is bounded but
 * for the repetitions, holds, breath windows and cues it records (a few KB a minute); the angles the
 * breath estimate and the coupling need are the last 10 minutes in a ring allocated once
 * ({@link BreathAngleHistory}, 375 KB at 2 × 200 Hz), each hold and step estimated as it ends.
 */
final class SessionPipeline implements StrapSampleSink {

    private final DeviceSettings settings;
    private final HapticActuator actuator;
    private final SpinalAngleEstimator angles;
    private final RhythmDetector rhythm;
    private final BreathAngleHistory history;
    private final BreathPacer pacer;
    private final Set<SensorPosition> sensors;
    private final List<PacerCue> cues = new ArrayList<>();
    private final List<SampleGap> gaps = new ArrayList<>();
    private final Instant startedAt;
    private final String sessionId;
    /** Where the live frames go (see {@link #live}); what the frames need between them. */
    private LiveFeed live = LiveFeed.NONE;
    private double nextLiveSeconds;
    private long liveSequence;
    private LiveFrame.Alert lastAlert = LiveFrame.Alert.NONE;
    private double lastAlertSeconds = Double.NaN;
    private double lastTimeSeconds;
    private double flexionMinDegrees = Double.NaN;
    private double flexionMaxDegrees = Double.NaN;
    private double lastIntensity = -1;
    private PacerCue lastCue;
    private double alertStartSeconds = Double.NEGATIVE_INFINITY;
    private boolean alertRequested;
    /** The alert pattern playing or requested: its buzz length, s, and its length in all, s. */
    private double alertStepSeconds = ALERT_STEP_SECONDS;
    private double alertLengthSeconds = ALERT_SECONDS;
    /** A guided routine's pacer, guards and record; null for the fixed-rate pacer's session. */
    private final GuidedRun guided;
    private double pacedSeconds = Double.NEGATIVE_INFINITY;
    private int endRangeWarnings;
    private boolean standFed;
    private final java.util.ArrayDeque<String> pendingLines = new java.util.ArrayDeque<>();
    /** Where the calibration is to come from, whether its check awaits a verdict, and who hears the stand's end. */
    private final CalibrationPlan calibrationPlan;
    private boolean checkPending;
    private java.util.function.DoubleConsumer standEndListener = seconds -> { };
    /** The wearer's breathing measured over the opening stand, breaths/min; NaN when not measured. */
    private double standBreathsPerMinute = Double.NaN;
    private final BreathEstimator breathEstimator = new BreathEstimator(BreathSettings.DEFAULTS);
    /** Breath windows of the holds estimated so far, in hold order. */
    private final List<BreathWindow> breath = new ArrayList<>();
    private int holdsEstimated;

    SessionPipeline(DeviceSettings settings, List<SensorPosition> sensors, double sampleRateHz,
                    HapticActuator actuator, Instant startedAt, String sessionId) {
        this(settings, sensors, sampleRateHz, actuator, startedAt, sessionId, false);
    }

    /**
     * @param guided run the settings' plan (its routine as its profile makes it) with the guided
     *     pacer and the guards, rather than the fixed-rate pacer
     */
    SessionPipeline(DeviceSettings settings, List<SensorPosition> sensors, double sampleRateHz,
                    HapticActuator actuator, Instant startedAt, String sessionId, boolean guided) {
        this(settings, sensors, sampleRateHz, actuator, startedAt, sessionId, guided, CalibrationPlan.STAND);
    }

    /**
     * Where a session's calibration is to come from.
     *
     * @param candidate the stored calibration the opening check tests (null: none, the session stands)
     * @param ageDays how old the stored calibration is, days (NaN without one)
     * @param refusal why a stored calibration the profile asked for is not even checked (empty when
     *     it is checked, or the profile asked for a stand)
     * @param check the check's rules
     */
    record CalibrationPlan(StoredCalibration candidate, double ageDays, String refusal, CalibrationCheck.Settings check) {

        /** A stand, as the profile asks. */
        static final CalibrationPlan STAND = new CalibrationPlan(null, Double.NaN, "", CalibrationCheck.Settings.DEFAULTS);

        CalibrationPlan {
            java.util.Objects.requireNonNull(refusal, "refusal");
            java.util.Objects.requireNonNull(check, "check");
            if (candidate != null && !refusal.isEmpty()) {
                throw new IllegalArgumentException("a stored calibration is either checked or refused before the session");
            }
        }
    }

    /**
     * @param calibration where the calibration is to come from: a guided session with a stored
     *     calibration to check opens with the check ({@link CalibrationCheck})
     */
    SessionPipeline(DeviceSettings settings, List<SensorPosition> sensors, double sampleRateHz,
                    HapticActuator actuator, Instant startedAt, String sessionId, boolean guided, CalibrationPlan calibration) {
        this.guided = guided ? new GuidedRun(settings.plan()) : null;
        this.settings = settings;
        this.actuator = actuator;
        this.calibrationPlan = calibration;
        StoredCalibration checked = guided ? calibration.candidate() : null;
        this.angles = new SpinalAngleEstimator(settings.spinalAngles(), sampleRateHz, checked, calibration.check());
        if (checked != null) {
            this.guided.pacer.checkStoredCalibration(calibration.check().checkSeconds());
            checkPending = true;
        }
        this.rhythm = new RhythmDetector(settings.rhythm(), sampleRateHz);
        this.pacer = new BreathPacer(settings.pacer());
        this.history = new BreathAngleHistory(sampleRateHz);
        this.startedAt = startedAt;
        this.sessionId = sessionId;
        this.sensors = Set.copyOf(sensors);
    }

    @Override
    public void accept(SensorPosition sensor, ImuSample sample) {
        if (!sensors.contains(sensor)) {
            throw new IllegalArgumentException("sample from sensor " + sensor.label() + " which this strap does not have");
        }
        lastTimeSeconds = Math.max(lastTimeSeconds, sample.timeSeconds());
        SpinalAngles spinal = angles.update(sensor, sample);
        if (checkPending && angles.checkResult() != null) {
            checkDecided();
        }
        if (spinal != null && !standFed) {
            // the stand's own angles, known only now that it has calibrated the strap: the rhythm
            // sees the opening stand as the host's analysis does
            for (double[] stand : angles.takeStandAngles()) {
                if (stand[0] < sample.timeSeconds()) {
                    rhythm.update(stand[0], stand[1], stand[2], stand[3], stand[4]);
                    history.add(stand[0], stand[1], stand[2], stand[3]);
                }
            }
            standFed = true;
        }
        if (spinal != null) {
            double flexion = spinal.flexionDegrees();
            rhythm.update(sample.timeSeconds(), flexion, spinal.sideBendDegrees(), spinal.twistDegrees(),
                    angles.pelvisInclinationDegrees());
            history.add(sample.timeSeconds(), flexion, spinal.sideBendDegrees(), spinal.twistDegrees());
            estimateWhatEnded(sample.timeSeconds());
            flexionMinDegrees = Double.isNaN(flexionMinDegrees) ? flexion : Math.min(flexionMinDegrees, flexion);
            flexionMaxDegrees = Double.isNaN(flexionMaxDegrees) ? flexion : Math.max(flexionMaxDegrees, flexion);
            if (guided != null) {
                GuardAlert alert = guided.guard(sample.timeSeconds(), flexion, spinal.sideBendDegrees(), spinal.twistDegrees());
                if (alert != null) {
                    requestAlert(alert.kind());
                    lastAlert = LiveFrame.Alert.valueOf(alert.kind().name());
                    lastAlertSeconds = alert.timeSeconds();
                }
            } else if (rhythm.endRangeHoldLimitExceeded()) {
                // three short buzzes over the pacer from its next update: this hold at end range has lasted long enough
                alertStepSeconds = ALERT_STEP_SECONDS;
                alertLengthSeconds = ALERT_SECONDS;
                alertRequested = true;
                endRangeWarnings++;
                lastAlert = LiveFrame.Alert.END_RANGE_WARNING;
                lastAlertSeconds = sample.timeSeconds();
            }
        }
    }

    /**
     * The breathing of each hold and the coupling of each guided step, once {@value #SETTLE_SECONDS} s
     * of angles after its end are kept (the estimates look a little past the ends), from the recent
     * history: so the history need only reach back over the longest hold or step. Holds are only ever
     * added to the detector's list, and steps end in order, so each is estimated once, in order.
     */
    private void estimateWhatEnded(double nowSeconds) {
        // per sample: no copies of the lists here
        while (holdsEstimated < rhythm.holdCount() && rhythm.hold(holdsEstimated).endSeconds() + SETTLE_SECONDS <= nowSeconds) {
            estimateHold(rhythm.hold(holdsEstimated++));
        }
        if (guided != null) {
            guided.coupleEndedSteps(nowSeconds - SETTLE_SECONDS, history);
        }
    }

    private void estimateHold(Hold hold) {
        double[][] kept = history.toArrays(hold.startSeconds() - SETTLE_SECONDS, hold.endSeconds() + SETTLE_SECONDS);
        if (kept[0].length > 1) {
            breath.addAll(breathEstimator.estimate(kept[0], new double[][] {kept[1], kept[2], kept[3]}, List.of(hold)));
        }
    }

    /** Angles kept past a hold's or step's end before it is estimated, s (the estimates look 0.2-0.4 s past it). Default 1 s. */
    static final double SETTLE_SECONDS = 1.0;

    @Override
    public void gap(SensorPosition sensor, double fromSeconds, double toSeconds) {
        gaps.add(new SampleGap(sensor, fromSeconds, toSeconds));
    }

    /** How long the end-range hold alert plays, s: three 0.1 s buzzes 0.1 s apart. */
    static final double ALERT_SECONDS = 0.5;

    /** Seconds between updates of the motor while the end-range alert plays (its buzzes' length). */
    static final double ALERT_STEP_SECONDS = 0.1;

    /**
     * Advances the breath pacer (and the end-range alert) to {@code sessionSeconds} of the session
     * clock and sets the motor; earlier times than the last are ignored. The service calls it at
     * every wake-up and at {@link #nextPacerEventSeconds()}, so each cue reaches the motor on time
     * whatever the samples' latency; a replay calls it with sample times.
     */
    void paceTo(double sessionSeconds) {
        if (!(sessionSeconds >= pacedSeconds)) {
            return;
        }
        pacedSeconds = sessionSeconds;
        if (checkPending && sessionSeconds >= guided.pacer.checkSeconds()) {
            // the pacer cannot wait: without a verdict by the check's end the session stands
            angles.refuseCheck("the check's samples did not come in time (the strap fell behind)");
            checkDecided();
        }
        if (guided != null && !guided.pacer.breathingMeasured()
                && sessionSeconds >= guided.pacer.standEndSeconds() - STAND_MEASURE_LEAD_SECONDS) {
            measureStandBreathing();
        }
        if (alertRequested) {
            alertStartSeconds = sessionSeconds;
            alertRequested = false;
        }
        double intensity = guided != null ? guided.pacer.update(sessionSeconds) : pacer.update(sessionSeconds);
        double intoAlert = sessionSeconds - alertStartSeconds;
        if (intoAlert < alertLengthSeconds) {
            intensity = ((int) Math.floor(intoAlert / alertStepSeconds + 1e-9)) % 2 == 0 ? 1.0 : 0.0;
        }
        PacerCue cue = guided != null ? guided.pacer.lastCue() : pacer.lastCue();
        if (cue != lastCue) {
            lastCue = cue;
            cues.add(lastCue);
        }
        // a change the wearer could feel, or the motor switching on or off
        if (Math.abs(intensity - lastIntensity) >= 0.02 || (intensity == 0) != (lastIntensity == 0)) {
            try {
                actuator.setIntensity(sessionSeconds, intensity);
            } catch (IOException e) {
                throw new UncheckedIOException("the haptic actuator failed at " + sessionSeconds + " s", e);
            }
            lastIntensity = intensity;
        }
        if (live != LiveFeed.NONE && sessionSeconds >= nextLiveSeconds) {
            live.offer(liveFrame(sessionSeconds));
            // every 0.1 s of session time; after a pause, 0.1 s on from now rather than a burst
            nextLiveSeconds += LIVE_INTERVAL_SECONDS;
            if (nextLiveSeconds <= sessionSeconds) {
                nextLiveSeconds = sessionSeconds + LIVE_INTERVAL_SECONDS;
            }
        }
    }

    /** How long the cue that asks the wearer to stand for the calibration buzzes, s: one long buzz, unlike every alert. */
    static final double STAND_CUE_SECONDS = 1.0;

    /**
     * The check of the stored calibration has its verdict (or none came in time): the pacer hears
     * it, the wearer's log says it, a refusal buzzes {@value #STAND_CUE_SECONDS} s (stand still: the
     * stand follows), and whoever follows the stand's end hears the new one.
     */
    private void checkDecided() {
        checkPending = false;
        CalibrationCheck.Result result = angles.checkResult();
        StoredCalibration stored = calibrationPlan.candidate();
        guided.pacer.calibrationChecked(result.accepted(), stored.breathsPerMinute());
        if (result.accepted()) {
            String breathing = guided.glideSeconds > 0 && !Double.isNaN(stored.breathsPerMinute())
                    ? String.format(java.util.Locale.ROOT, "; the pacer glides from the stored breathing, %.1f /min, to %.1f /min over %.1f min",
                            stored.breathsPerMinute(), guided.breathsPerMinute(), guided.glideSeconds / 60)
                    : guided.glideSeconds > 0 ? "; no breathing stored: the silent stand goes on to measure it" : "";
            pendingLines.add(String.format(java.util.Locale.ROOT, "calibration: the stored one (%.1f days old) fits, the check "
                    + "agreed within %.1f° (upper %.1f°, lower %.1f°)%s", calibrationPlan.ageDays(), result.deviationDegrees(),
                    result.upperDeviationDegrees(), result.lowerDeviationDegrees(), breathing));
        } else {
            pendingLines.add("calibration: the stored one is not used: " + result.refusal()
                    + "; stand still and upright for the calibration (one long buzz)");
            requestPattern(STAND_CUE_SECONDS, 1);
        }
        standEndListener.accept(guided.pacer.openingStandEndSeconds());
    }

    /**
     * Tells {@code listener} when the opening stand ends, s of session time: now, and again when a
     * calibration check moves it (the simulated wearer stands as long as the strap asks).
     */
    void onStandEnd(java.util.function.DoubleConsumer listener) {
        this.standEndListener = listener;
        if (guided != null) {
            listener.accept(guided.pacer.openingStandEndSeconds());
        }
    }

    /**
     * The calibration this session found on a still neutral stand, worth storing for later sessions;
     * null when it used the stored one, did not calibrate, or the stand was not still.
     */
    NeutralCalibration calibrationToStore() {
        return angles.calibratedOnStillStand() ? angles.calibration() : null;
    }

    /** The wearer's breathing measured over the opening stand, breaths/min; NaN when it was not measured. */
    double standBreathsPerMinute() {
        return standBreathsPerMinute;
    }

    /** Where this session's calibration came from, as far as it has got. */
    CalibrationSource calibrationSource() {
        if (calibrationPlan.candidate() == null) {
            return calibrationPlan.refusal().isEmpty() ? CalibrationSource.STAND
                    : CalibrationSource.standAfterRefusal(calibrationPlan.refusal(), calibrationPlan.ageDays(), Double.NaN);
        }
        CalibrationCheck.Result result = angles.checkResult();
        if (result == null) {
            return CalibrationSource.standAfterRefusal("the session ended before the check did", calibrationPlan.ageDays(),
                    Double.NaN);
        }
        return result.accepted() ? CalibrationSource.stored(calibrationPlan.ageDays(), result.deviationDegrees())
                : CalibrationSource.standAfterRefusal(result.refusal(), calibrationPlan.ageDays(), result.deviationDegrees());
    }

    /** Session time between live frames, s (10 Hz). */
    static final double LIVE_INTERVAL_SECONDS = 0.1;

    /**
     * Hands a {@link LiveFrame} to {@code feed} every {@value #LIVE_INTERVAL_SECONDS} s of session
     * time as {@link #paceTo} advances (the feed must not block: it runs on the sampling thread).
     */
    void live(LiveFeed feed) {
        this.live = feed;
    }

    private LiveFrame liveFrame(double sessionSeconds) {
        SpinalAngles latest = angles.latest();
        LiveFrame.PacerPhase phase;
        if (guided != null) {
            phase = guided.pacer.phase() == null ? LiveFrame.PacerPhase.NONE
                    : guided.pacer.pausing() ? LiveFrame.PacerPhase.PAUSE
                    : LiveFrame.PacerPhase.valueOf(guided.pacer.phase().name());
        } else {
            phase = pacer.phase() == null ? LiveFrame.PacerPhase.NONE : LiveFrame.PacerPhase.valueOf(pacer.phase().name());
        }
        return new LiveFrame(settings.deviceId(), sessionId, liveSequence++ & 0xFFFF_FFFFL, sessionSeconds,
                latest == null ? Double.NaN : latest.flexionDegrees(),
                latest == null ? Double.NaN : latest.sideBendDegrees(),
                latest == null ? Double.NaN : latest.twistDegrees(), phase, rhythm.provisionalRepetitionCount(),
                guided != null ? guided.alerts.size() : endRangeWarnings, lastAlert, lastAlertSeconds);
    }

    /**
     * The stand's breathing is measured this long before the stand ends, s, so that the estimate's
     * few milliseconds do not delay the first cue, which comes as it ends. Default 0.5 s.
     */
    static final double STAND_MEASURE_LEAD_SECONDS = 0.5;

    /**
     * The wearer's breathing over the silent opening stand, for the pacer's glide: the breath
     * estimate (as the session's end runs it) over the angles kept so far, the windows' rates
     * weighted by their quality; none measurable: no glide.
     */
    private void measureStandBreathing() {
        double[][] kept = history.toArrays(0, guided.pacer.standEndSeconds());
        double rate = Double.NaN;
        if (kept[0].length > 1) {
            double[] times = kept[0];
            Hold stand = new Hold(times[0], Math.min(times[times.length - 1], guided.pacer.standEndSeconds()), 0, 0, 0);
            List<BreathWindow> windows = breathEstimator.estimate(times, new double[][] {kept[1], kept[2], kept[3]},
                    List.of(stand));
            double weights = 0;
            double sum = 0;
            for (BreathWindow window : windows) {
                weights += window.quality();
                sum += window.quality() * window.rateBreathsPerMinute();
            }
            rate = weights > 0 ? sum / weights : Double.NaN;
        }
        guided.pacer.measuredBreathing(rate);
        standBreathsPerMinute = rate;
        double target = guided.breathsPerMinute();
        pendingLines.add(Double.isNaN(rate)
                ? "breathing in the stand: not measurable (too short or too much movement); the pacer starts at the routine's rate"
                : String.format(java.util.Locale.ROOT, "breathing in the stand: %.1f /min; the pacer glides from it to %.1f /min "
                        + "over %.1f min", rate, target, guided.glideSeconds / 60));
    }

    /**
     * The next line for the wearer's log that the pipeline has to say (the calibration check's
     * verdict, the breathing measured in the stand), each once; or null.
     */
    String takeLine() {
        return pendingLines.poll();
    }

    /**
     * When the motor must next change on its own, s of session time: the next inhale or exhale cue,
     * the next edge of a playing end-range alert, or now when an alert waits to start.
     */
    double nextPacerEventSeconds() {
        if (alertRequested) {
            return pacedSeconds;
        }
        double from = Math.max(0, pacedSeconds);
        double next = guided != null ? guided.pacer.nextChangeSeconds(from) : pacer.nextCueSeconds(from);
        double intoAlert = pacedSeconds - alertStartSeconds;
        if (intoAlert < alertLengthSeconds) {
            double edge = alertStartSeconds + (Math.floor(intoAlert / alertStepSeconds + 1e-9) + 1) * alertStepSeconds;
            next = Math.min(next, edge);
        }
        return next;
    }

    /**
     * The wearer snoozed the guards at {@code sessionSeconds}: silent for the rest of the step, the
     * snooze recorded among the alerts and confirmed by one long buzz. Returns a line for the log.
     */
    String snooze(double sessionSeconds) {
        if (guided == null) {
            return "snooze asked at " + String.format(java.util.Locale.ROOT, "%.1f s", sessionSeconds)
                    + ": this session has no guards (not a guided routine)";
        }
        int step = guided.pacer.stepIndex();
        if (step < 0 || guided.pacer.finished()) {
            return String.format(java.util.Locale.ROOT, "snooze asked at %.1f s: the routine has not begun or is over", sessionSeconds);
        }
        GuardAlert alert = guided.guards.snooze(sessionSeconds, step);
        guided.alerts.add(alert);
        requestAlert(alert.kind());
        return String.format(java.util.Locale.ROOT, "%.1f s: %s (step %d)", sessionSeconds, alert.reason(), alert.stepIndex() + 1);
    }

    /** The hyperextension limit the guards use, degrees; NaN without a guided routine. */
    double extensionLimitDegrees() {
        return guided == null ? Double.NaN : guided.extensionLimitDegrees;
    }

    /**
     * When the guided routine's last breath ended, s of session time: infinite while the pacer
     * conducts it, and for a session without a guided routine.
     */
    double guidedEndSeconds() {
        return guided != null && guided.pacer.finished() ? guided.pacer.finishedSeconds() : Double.POSITIVE_INFINITY;
    }

    /** The most recent spinal angles, or {@code null} while calibrating. */
    SpinalAngles latestAngles() {
        return angles.latest();
    }

    /** The count while recording (repetitions not final yet included; see {@link RhythmDetector#provisionalRepetitionCount}). */
    int repetitionCount() {
        return rhythm.provisionalRepetitionCount();
    }

    /** How many times an end-range hold outlasted the limit and the motor warned. */
    int endRangeWarnings() {
        return endRangeWarnings;
    }

    double lastTimeSeconds() {
        return lastTimeSeconds;
    }

    /**
     * Ends the session. The streaming detector's repetitions and holds are final; partial
     * repetitions are judged against their full set and the breathing rate is estimated over the
     * quiet stretches from the kept angle history, as the host's analysis does from the samples. The
     * session has no sensor tracks: its samples are in the outbox's chunks.
     */
    RecordedSession finish(String hardware, double sampleRateHz) {
        rhythm.finish();
        history.flushRun();
        List<Repetition> repetitions = rhythm.repetitions();
        // the holds and steps not estimated yet (the last ones): from the recent history, as the others
        estimateWhatEnded(Double.POSITIVE_INFINITY);
        int fullRepetitions = (int) repetitions.stream().filter(repetition -> !repetition.partial()).count();
        NeutralCalibration calibration = angles.calibration();
        SessionSummary summary = new SessionSummary(
                lastTimeSeconds,
                fullRepetitions,
                flexionMinDegrees,
                flexionMaxDegrees,
                guided != null ? guided.breathsPerMinute() : settings.pacer().breathsPerMinute(),
                guided != null ? guided.pacer.inhaleCueCount() : pacer.inhaleCueCount(),
                calibration == null ? Double.NaN : calibration.startSeconds(),
                calibration == null ? Double.NaN : calibration.endSeconds());
        // the samples are in the outbox's chunks; the session carries the analysis only
        RecordedSession session = new RecordedSession(settings.deviceId(), sessionId, startedAt, hardware, sampleRateHz, List.of(),
                cues, repetitions, summary, gaps, rhythm.holds(), List.copyOf(breath),
                RhythmAnalyzer.tempo(repetitions, rhythm.gapsSeconds()));
        return guided == null ? session : session.withGuided(guided.record(calibrationSource()));
    }

    /**
     * Each alert kind's haptic pattern over the pacer: buzzes of the given length with equal gaps.
     * Hyperextension: three 0.1 s buzzes; end-range hold: two of 0.25 s; too fast: four of 0.06 s;
     * back in range: one 0.08 s tick; a snooze: one 0.4 s buzz (it confirms the wearer's long press).
     */
    private void requestAlert(GuardAlert.Kind kind) {
        switch (kind) {
            case HYPEREXTENSION -> requestPattern(0.1, 3);
            case END_RANGE_HOLD -> requestPattern(0.25, 2);
            case TOO_FAST -> requestPattern(0.06, 4);
            case BACK_IN_RANGE -> requestPattern(0.08, 1);
            case SNOOZED -> requestPattern(0.4, 1);
        }
    }

    /** {@code buzzes} buzzes of {@code buzzSeconds} with equal gaps, over the pacer from its next update. */
    private void requestPattern(double buzzSeconds, int buzzes) {
        alertStepSeconds = buzzSeconds;
        alertLengthSeconds = (2 * buzzes - 1) * buzzSeconds;
        alertRequested = true;
    }

    /** The guided routine of a session: its pacer, its guards and what the session records of them. */
    private static final class GuidedRun {
        /** The extension limit where the profile gives none in degrees (a share of a range not yet measured), degrees. */
        static final double DEFAULT_EXTENSION_LIMIT_DEGREES = 25;

        final GuidedRoutine routine;
        final String profileName;
        final GuidedPacer pacer;
        final MovementGuards guards;
        final double extensionLimitDegrees;
        final List<GuardAlert> alerts = new ArrayList<>();
        /** The glide's length, s (0: none). */
        final double glideSeconds;

        GuidedRun(dev.backbeat.core.routine.SessionPlan plan) {
            routine = plan.personalisedRoutine();
            profileName = plan.profileName();
            Profile.CuePattern pattern = plan.profile().map(Profile::cuePattern).orElse(Profile.CuePattern.ENVELOPE);
            double strength = plan.profile().map(Profile::cueStrength).orElse(0.8);
            // a glide starts from the breathing measured in the (silent) opening stand: see measureStandBreathing
            glideSeconds = 60 * plan.profile().map(Profile::glideMinutes).orElse(0.0);
            pacer = new GuidedPacer(routine, new GuidedPacer.Settings(pattern, strength, glideSeconds, Double.NaN));
            // a share of the measured range is resolved before (MeasuredRange); unresolved: the default
            double limit = plan.profile().map(profile -> profile.extensionLimit().degrees(Double.NaN)).orElse(Double.NaN);
            extensionLimitDegrees = Double.isNaN(limit) ? DEFAULT_EXTENSION_LIMIT_DEGREES : limit;
            guards = new MovementGuards(MovementGuards.Settings.DEFAULTS, extensionLimitDegrees);
        }

        /** The pacer's rate in the routine's first step of repetitions (its main rate), breaths/min. */
        double breathsPerMinute() {
            return routine.steps().stream().filter(step -> step.repetitions() > 0).findFirst().orElse(routine.steps().get(0))
                    .breath().breathsPerMinute();
        }

        /** The guards on one sample of the angles, in the step the pacer is in; the alert raised, or null. */
        GuardAlert guard(double timeSeconds, double flexion, double sideBend, double twist) {
            int step = pacer.stepIndex();
            if (step < 0 || pacer.finished()) {
                return null;
            }
            GuardAlert alert = guards.update(timeSeconds, flexion, sideBend, twist, routine.steps().get(step), step);
            if (alert != null) {
                alerts.add(alert);
            }
            return alert;
        }

        /** The coupling of each step of repetitions, in step order, as each ended. */
        final List<BreathCoupling.SetCoupling> coupling = new ArrayList<>();
        /** Steps whose coupling is done (or which have none). */
        private int stepsCoupled;

        /**
         * The coupling of every step that ended by {@code endedBySeconds} (all when infinite: the
         * session's end, the step under way included) and is not coupled yet, from the recent history.
         */
        void coupleEndedSteps(double endedBySeconds, BreathAngleHistory history) {
            boolean sessionEnd = endedBySeconds == Double.POSITIVE_INFINITY;
            // the steps before the pacer's current one have ended (all once it finished): only then look further,
            // so that this per-sample call copies nothing
            int ended = sessionEnd || pacer.finished() ? Integer.MAX_VALUE : pacer.stepIndex();
            if (stepsCoupled >= ended) {
                return;
            }
            List<GuidedPacer.StepStart> starts = pacer.stepStarts();
            while (stepsCoupled < starts.size() && stepsCoupled < ended) {
                boolean last = stepsCoupled + 1 >= starts.size();
                double end = last ? (pacer.finished() ? pacer.finishedSeconds() : Double.POSITIVE_INFINITY)
                        : starts.get(stepsCoupled + 1).startSeconds();
                if (!sessionEnd && !(end <= endedBySeconds)) {
                    return;
                }
                GuidedPacer.StepStart start = starts.get(stepsCoupled++);
                double[][] kept = history.toArrays(start.startSeconds() - 5, end + SETTLE_SECONDS);
                couple(start, kept);
            }
        }

        /** The record at the session's end (after {@link #coupleEndedSteps} with an infinite time), with where its calibration came from. */
        GuidedSessionRecord record(CalibrationSource calibration) {
            List<GuidedSessionRecord.Step> steps = new ArrayList<>();
            for (GuidedPacer.StepStart start : pacer.stepStarts()) {
                RoutineStep step = routine.steps().get(start.stepIndex());
                steps.add(new GuidedSessionRecord.Step(start.stepIndex(), step.movement().fileName(), step.totalRepetitions(),
                        start.startSeconds()));
            }
            return new GuidedSessionRecord(routine.name(), profileName, steps, alerts, coupling, java.util.Optional.of(calibration));
        }

        /** One step's coupling, into {@link #coupling}; {@code kept} the angles around it (times, flexion, side bend, twist). */
        private void couple(GuidedPacer.StepStart start, double[][] kept) {
            {
                RoutineStep step = routine.steps().get(start.stepIndex());
                List<GuidedPacer.RepetitionStart> starts = pacer.repetitionStarts().stream()
                        .filter(repetition -> repetition.stepIndex() == start.stepIndex()).toList();
                if (step.repetitions() == 0 || starts.isEmpty()) {
                    return; // steps without repetitions have none
                }
                if (step.movement() == Movement.CAT_COW) {
                    // a flow: each inhale should carry the spine into extension (BreathCoupling.ofFlow)
                    List<Double> periods = starts.stream().map(GuidedPacer.RepetitionStart::breathPeriodSeconds).toList();
                    List<Double> inhales = periods.stream().map(period -> step.breath().inhaleSecondsAt(period)).toList();
                    coupling.add(BreathCoupling.ofFlow(start.stepIndex(), starts.stream().map(GuidedPacer.RepetitionStart::cueSeconds)
                            .toList(), inhales, periods, kept[0], kept[1]));
                    return;
                }
                // kept: times, then flexion, side bend and twist
                double[] dominant = kept[1 + step.movement().dominantAngle()];
                coupling.add(BreathCoupling.of(start.stepIndex(), step,
                        starts.stream().map(GuidedPacer.RepetitionStart::breathPeriodSeconds).toList(),
                        starts.stream().map(GuidedPacer.RepetitionStart::cueSeconds).toList(), kept[0], dominant));
            }
        }
    }
}
