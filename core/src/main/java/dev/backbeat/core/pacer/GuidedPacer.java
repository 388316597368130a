// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.pacer;

import dev.backbeat.core.routine.BreathPattern;
import dev.backbeat.core.routine.GuidedRoutine;
import dev.backbeat.core.routine.Profile;
import dev.backbeat.core.routine.RoutineStep;
import java.util.ArrayList;
import java.util.List;

/**
 * The haptic breath pacer of a guided routine: the breath conducts it. Each breath takes the rate,
 * inhale:exhale ratio and pause of the step it begins in; a step of repetitions lasts its
 * repetitions' breaths, whatever the rate, and a timed step (stand, rest) ends with the first breath
 * that begins after its time. With a glide, the rate moves from the breathing measured in the
 * opening stand to each step's rate over the glide time, breath by breath. When that rate is to be
 * measured on the way ({@link #measuresBreathingInStand}), the opening neutral stand is silent, so
 * that the wearer breathes their own rate, and lasts exactly its time; the caller gives the rate
 * measured over it ({@link #measuredBreathing}) before it ends, and the glide starts there.
 *
 * <p>With a stored calibration to check ({@link #checkStoredCalibration}), the opening stand begins
 * with a silent check; the caller gives its verdict before the check ends
 * ({@link #calibrationChecked}). Accepted, the check is the whole stand and a glide starts from the
 * stored breathing (where there is none, the silent measuring stand goes on to its length);
 * refused (or no verdict in time), the routine's own stand follows the check, as it would have
 * opened the routine.
 *
 * <p>Inhale and exhale feel different: {@link Profile.CuePattern#ENVELOPE} swells through the inhale
 * and fades through the exhale, starting stronger; {@link Profile.CuePattern#PULSES} gives one pulse
 * as the inhale begins and two, stronger, as the exhale begins. The motor is off in the pause.
 *
 * <p>Streaming: call {@link #update(double)} with non-decreasing session times. No allocation per
 * call except when a breath or step begins.
 */
public final class GuidedPacer {

    /** How long each pulse of the pulse pattern lasts, s (long enough to feel on an ERM coin motor). */
    public static final double PULSE_SECONDS = 0.15;
    /** The gap between the exhale's two pulses, s. */
    public static final double PULSE_GAP_SECONDS = 0.15;
    /** The exhale cue is this much stronger than the inhale cue (at most full strength). */
    public static final double EXHALE_GAIN = 1.25;
    /** The rising inhale envelope starts at this share of its strength, so that it is felt at once. */
    public static final double ENVELOPE_FLOOR_FRACTION = 0.3;

    /**
     * How the pacer feels and starts.
     *
     * @param pattern how inhale and exhale are told apart
     * @param strength inhale cue strength, 0.2..1 (the exhale's is {@value #EXHALE_GAIN} times it, at most 1)
     * @param glideSeconds over this long the rate glides from {@code startBreathsPerMinute} to each step's, s; 0: no glide
     * @param startBreathsPerMinute the wearer's own breathing, breaths/min, known before the session;
     *     NaN with a glide: measured in the routine's opening (silent) neutral stand
     */
    public record Settings(Profile.CuePattern pattern, double strength, double glideSeconds, double startBreathsPerMinute) {

        public Settings {
            if (!(strength >= 0.2 && strength <= 1) || !(glideSeconds >= 0)) {
                throw new IllegalArgumentException("strength must be 0.2..1 and glide not negative, were " + strength
                        + " and " + glideSeconds);
            }
        }

        /** A profile's cue pattern, strength and glide, starting from the measured rate. */
        public static Settings of(Profile profile, double measuredBreathsPerMinute) {
            return new Settings(profile.cuePattern(), profile.cueStrength(), 60 * profile.glideMinutes(), measuredBreathsPerMinute);
        }
    }

    /** Where a step of the routine began, in session time. */
    public record StepStart(int stepIndex, double startSeconds) {
    }

    /** The inhale cue that began a repetition, in session time, with the breath period then. */
    public record RepetitionStart(int stepIndex, int repetitionIndex, double cueSeconds, double breathPeriodSeconds) {
    }

    private final GuidedRoutine routine;
    private final Settings settings;
    private final List<StepStart> stepStarts = new ArrayList<>();
    private final List<RepetitionStart> repetitionStarts = new ArrayList<>();
    private int stepIndex = -1;
    private double stepStartSeconds;
    private long breathsInStep;
    /** Repetitions (each side one) done in the step, breaths into the current one, and how many it has. */
    private int repetitionsDone;
    private long breathsInRepetition;
    private long repetitionBreaths;
    private double breathStartSeconds = Double.NaN;
    private double inhaleSeconds;
    private double exhaleSeconds;
    private double periodSeconds;
    private boolean finished;
    private double finishedSeconds = Double.NaN;
    private BreathPhase phase;
    private boolean pausing;
    private PacerCue lastCue;
    private int inhaleCueCount;
    /** The opening stand is silent and its breathing measured ({@link #measuresBreathingInStand}). */
    private boolean measuringStand;
    /** When the opening stand ends, s: the routine's, or as a calibration check decided. */
    private double standSeconds;
    /** The silent check of a stored calibration at the start, s (0: none), and whether its verdict came. */
    private double checkSeconds;
    private boolean checkDecided;
    /** Whether the current breath is silent (the check, or the measuring stand). */
    private boolean silentBreath;
    private boolean measured;
    /** The glide's starting rate, breaths/min (NaN: no glide), and when it starts, s. */
    private double glideFromBreathsPerMinute;
    private double glideStartSeconds;

    public GuidedPacer(GuidedRoutine routine, Settings settings) {
        this.routine = routine;
        this.settings = settings;
        this.measuringStand = settings.glideSeconds() > 0 && Double.isNaN(settings.startBreathsPerMinute())
                && routine.steps().get(0).movement() == dev.backbeat.core.routine.Movement.NEUTRAL_STAND;
        this.glideFromBreathsPerMinute = settings.startBreathsPerMinute();
        this.standSeconds = routine.steps().get(0).durationSeconds();
        this.glideStartSeconds = measuringStand ? standSeconds : 0;
    }

    /**
     * Opens the routine with a silent check of {@code seconds} (s) of a stored calibration: call
     * before the first {@link #update}, then {@link #calibrationChecked} before the check ends. Until
     * the verdict, the stand is taken to end as it would after a refusal.
     *
     * @throws IllegalStateException when the routine does not open with a neutral stand, or has begun
     */
    public void checkStoredCalibration(double seconds) {
        if (stepIndex >= 0 || routine.steps().get(0).movement() != dev.backbeat.core.routine.Movement.NEUTRAL_STAND) {
            throw new IllegalStateException("a calibration check opens a routine that begins with a neutral stand, before it runs");
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("the check must last a positive time, was " + seconds + " s");
        }
        checkSeconds = seconds;
        standSeconds = seconds + routine.steps().get(0).durationSeconds();
        glideStartSeconds = measuringStand ? standSeconds : seconds;
    }

    /** Whether a calibration check opens the routine and its verdict has not come yet. */
    public boolean awaitsCalibrationCheck() {
        return checkSeconds > 0 && !checkDecided;
    }

    /** How long the opening calibration check lasts, s; 0 without one. */
    public double checkSeconds() {
        return checkSeconds;
    }

    /**
     * The verdict on the stored calibration, before the check ends (later ones are ignored: the
     * pacer went on as after a refusal). Accepted: the stand ends with the check, and a glide starts
     * from {@code storedBreathsPerMinute} (NaN: none stored, the silent stand goes on to its length
     * to measure it). Refused: the routine's stand follows the check.
     */
    public void calibrationChecked(boolean accepted, double storedBreathsPerMinute) {
        if (checkSeconds == 0 || checkDecided) {
            return;
        }
        checkDecided = true;
        if (!accepted) {
            return;
        }
        if (!measuringStand) {
            standSeconds = checkSeconds;
            glideStartSeconds = checkSeconds;
        } else if (!Double.isNaN(storedBreathsPerMinute)) {
            measuringStand = false;
            glideFromBreathsPerMinute = storedBreathsPerMinute;
            standSeconds = checkSeconds;
            glideStartSeconds = checkSeconds;
        } else {
            standSeconds = Math.max(checkSeconds, routine.steps().get(0).durationSeconds());
            glideStartSeconds = standSeconds;
        }
    }

    /**
     * Whether the opening neutral stand is silent and the wearer's breathing is to be measured over it
     * ({@link #measuredBreathing}) for the glide: a glide without a known starting rate.
     */
    public boolean measuresBreathingInStand() {
        return measuringStand;
    }

    /**
     * When the opening stand ends, s of session time: where the breathing measured over it must be
     * given. With a calibration check, as after a refusal until the verdict.
     */
    public double standEndSeconds() {
        return standSeconds;
    }

    /**
     * When the opening stand hands over to the routine's next step, s of session time, as far as it
     * is decided (with a calibration check awaiting its verdict: as after a refusal). A silent stand
     * ends on time; one with breath cues with the first breath that begins at or after its time.
     */
    public double openingStandEndSeconds() {
        if (measuringStand) {
            return standSeconds;
        }
        double time = checkSeconds;
        while (time < standSeconds - 1e-9) {
            time += 60 / breathsPerMinuteAt(0, time);
        }
        return time;
    }

    /** Whether the breathing measured in the stand was given (or was not to be measured). */
    public boolean breathingMeasured() {
        return !measuringStand || measured;
    }

    /**
     * The wearer's breathing measured over the silent opening stand, breaths/min: the glide starts
     * there as the stand ends. NaN (not measurable): no glide, each step's own rate from the start.
     */
    public void measuredBreathing(double breathsPerMinute) {
        if (measuringStand && !measured) {
            measured = true;
            glideFromBreathsPerMinute = breathsPerMinute;
        }
    }

    /** The opening stand while it is silent (the check, or the measuring stand). */
    private boolean inSilentStand() {
        return silentBreath && stepIndex == 0;
    }

    /**
     * Advances the pacer to {@code timeSeconds} (session time, from 0) and returns the motor
     * intensity, 0..1. Sets {@link #lastCue()} when an inhale or exhale began since the last call.
     */
    public double update(double timeSeconds) {
        if (Double.isNaN(breathStartSeconds)) {
            beginStep(0, 0);
            beginBreath(0);
        }
        while (!finished && timeSeconds >= breathStartSeconds + periodSeconds) {
            double next = breathStartSeconds + periodSeconds;
            if (checkSeconds > 0 && !checkDecided && next >= checkSeconds - 1e-9) {
                checkDecided = true; // no verdict by the check's end: on as after a refusal
            }
            breathsInStep++;
            breathsInRepetition++;
            if (repetitionBreaths > 0 && breathsInRepetition >= repetitionBreaths) {
                repetitionsDone++;
                breathsInRepetition = 0;
            }
            if (stepEnds(next)) {
                if (stepIndex + 1 >= routine.steps().size()) {
                    finished = true;
                    finishedSeconds = next;
                    phase = null;
                    pausing = false;
                    return 0;
                }
                beginStep(stepIndex + 1, next);
            }
            beginBreath(next);
        }
        if (finished || inSilentStand()) {
            return 0;
        }
        double into = timeSeconds - breathStartSeconds;
        BreathPhase now = into < inhaleSeconds ? BreathPhase.INHALE : BreathPhase.EXHALE;
        if (now != phase) {
            // a cue begins: at its scheduled time, however late this update comes
            lastCue = new PacerCue(now == BreathPhase.INHALE ? breathStartSeconds : breathStartSeconds + inhaleSeconds, now);
            if (now == BreathPhase.INHALE) {
                inhaleCueCount++;
            }
            phase = now;
        }
        pausing = into >= inhaleSeconds + exhaleSeconds;
        return intensity(into);
    }

    private boolean stepEnds(double breathStart) {
        RoutineStep step = routine.steps().get(stepIndex);
        if (step.repetitions() == 0) {
            double duration = stepIndex == 0 ? standSeconds : step.durationSeconds();
            return breathStart >= stepStartSeconds + duration - 1e-9;
        }
        return repetitionsDone >= step.totalRepetitions();
    }

    private void beginStep(int index, double startSeconds) {
        stepIndex = index;
        stepStartSeconds = startSeconds;
        breathsInStep = 0;
        repetitionsDone = 0;
        breathsInRepetition = 0;
        repetitionBreaths = 0;
        stepStarts.add(new StepStart(index, startSeconds));
    }

    private void beginBreath(double startSeconds) {
        BreathPattern breath = routine.steps().get(stepIndex).breath();
        boolean inCheck = stepIndex == 0 && startSeconds < checkSeconds - 1e-9;
        silentBreath = stepIndex == 0 && (inCheck || measuringStand);
        if (silentBreath) {
            // one silent "breath" as long as the check, or the rest of the measuring stand: it ends exactly on time
            periodSeconds = (inCheck ? checkSeconds : standSeconds) - startSeconds;
            inhaleSeconds = periodSeconds;
            exhaleSeconds = 0;
            breathStartSeconds = startSeconds;
            return;
        }
        periodSeconds = 60 / breathsPerMinuteAt(stepIndex, startSeconds);
        inhaleSeconds = breath.inhaleSecondsAt(periodSeconds);
        exhaleSeconds = breath.exhaleSecondsAt(periodSeconds);
        breathStartSeconds = startSeconds;
        RoutineStep step = routine.steps().get(stepIndex);
        if (step.repetitions() > 0 && breathsInRepetition == 0) {
            // as many breaths as the step gives a repetition, more where a faster (gliding) breath needs them
            // for the movement out, the hold and the way back
            long breaths = Math.max(1, Math.round(step.breathsPerRepetition()));
            if (periodSeconds < step.breath().periodSeconds() - 1e-9) {
                double out = Double.isNaN(step.tempoSeconds()) ? inhaleSeconds : step.tempoSeconds();
                breaths = Math.max(breaths, (long) Math.ceil((out + step.holdSeconds() + exhaleSeconds) / periodSeconds - 1e-9));
            }
            repetitionBreaths = breaths;
            repetitionStarts.add(new RepetitionStart(stepIndex, repetitionsDone, startSeconds, periodSeconds));
        }
    }

    /** The rate of a breath of step {@code step} beginning at {@code startSeconds}, breaths/min: the step's, or on the glide. */
    private double breathsPerMinuteAt(int step, double startSeconds) {
        double rate = routine.steps().get(step).breath().breathsPerMinute();
        if (settings.glideSeconds() > 0 && !Double.isNaN(glideFromBreathsPerMinute)) {
            double share = Math.min(1, Math.max(0, (startSeconds - glideStartSeconds) / settings.glideSeconds()));
            double start = Math.max(BreathPattern.SLOWEST_BREATHS_PER_MINUTE,
                    Math.min(2 * BreathPattern.FASTEST_BREATHS_PER_MINUTE, glideFromBreathsPerMinute));
            rate = start + (rate - start) * share;
        }
        return rate;
    }

    private double intensity(double into) {
        double strength = settings.strength();
        double exhaleStrength = Math.min(1, EXHALE_GAIN * strength);
        boolean exhaling = into >= inhaleSeconds;
        double intoPhase = exhaling ? into - inhaleSeconds : into;
        if (exhaling && intoPhase >= exhaleSeconds) {
            return 0; // the pause
        }
        return switch (settings.pattern()) {
            case ENVELOPE -> exhaling
                    ? exhaleStrength * (1 - intoPhase / exhaleSeconds)
                    : strength * (ENVELOPE_FLOOR_FRACTION + (1 - ENVELOPE_FLOOR_FRACTION) * intoPhase / inhaleSeconds);
            case PULSES -> {
                if (!exhaling) {
                    yield intoPhase < PULSE_SECONDS ? strength : 0;
                }
                boolean pulse = intoPhase < PULSE_SECONDS
                        || (intoPhase >= PULSE_SECONDS + PULSE_GAP_SECONDS && intoPhase < 2 * PULSE_SECONDS + PULSE_GAP_SECONDS);
                yield pulse ? exhaleStrength : 0;
            }
        };
    }

    /**
     * The session time of the next change the motor must show after {@code timeSeconds}: a phase
     * change, a pulse edge or the end of the pause, s; infinite once the routine is over. A caller
     * driving the motor from a timer wakes then.
     */
    public double nextChangeSeconds(double timeSeconds) {
        if (finished) {
            return Double.POSITIVE_INFINITY;
        }
        if (Double.isNaN(breathStartSeconds)) {
            return 0;
        }
        if (inSilentStand()) {
            return breathStartSeconds + periodSeconds;
        }
        double into = timeSeconds - breathStartSeconds + 1e-12;
        boolean pulses = settings.pattern() == Profile.CuePattern.PULSES;
        // the edges in order (no array: this runs at every wake-up of the sampling thread)
        if (pulses && PULSE_SECONDS > into) {
            return breathStartSeconds + PULSE_SECONDS;
        }
        if (inhaleSeconds > into) {
            return breathStartSeconds + inhaleSeconds;
        }
        if (pulses) {
            for (double pulseEdge : PULSE_EDGES_SECONDS) {
                if (inhaleSeconds + pulseEdge > into) {
                    return breathStartSeconds + inhaleSeconds + pulseEdge;
                }
            }
        }
        if (inhaleSeconds + exhaleSeconds > into) {
            return breathStartSeconds + inhaleSeconds + exhaleSeconds;
        }
        return breathStartSeconds + periodSeconds;
    }

    /** The exhale's pulse edges after the exhale begins, s: end of the first, start and end of the second. */
    private static final double[] PULSE_EDGES_SECONDS = {PULSE_SECONDS, PULSE_SECONDS + PULSE_GAP_SECONDS,
        2 * PULSE_SECONDS + PULSE_GAP_SECONDS};

    /** The step the pacer is in (0-based), -1 before the first update. */
    public int stepIndex() {
        return stepIndex;
    }

    /** Which repetition of its step the current breath belongs to (0-based; both sides counted), 0 in a timed step. */
    public int repetitionIndex() {
        if (stepIndex < 0) {
            return 0;
        }
        RoutineStep step = routine.steps().get(stepIndex);
        return step.repetitions() == 0 ? 0 : repetitionsDone;
    }

    /** Where each step began so far. */
    public List<StepStart> stepStarts() {
        return List.copyOf(stepStarts);
    }

    /** The inhale cues that began repetitions so far. */
    public List<RepetitionStart> repetitionStarts() {
        return List.copyOf(repetitionStarts);
    }

    /** When the routine's last breath ended, s; NaN until it has. */
    public double finishedSeconds() {
        return finishedSeconds;
    }

    /** Whether the routine's last step has ended. */
    public boolean finished() {
        return finished;
    }

    /** The rate of the current breath, breaths/min. */
    public double breathsPerMinute() {
        return 60 / periodSeconds;
    }

    public BreathPhase phase() {
        return phase;
    }

    /** Whether the last update fell in the pause after an exhale (the motor off until the next inhale). */
    public boolean pausing() {
        return pausing;
    }

    public PacerCue lastCue() {
        return lastCue;
    }

    public int inhaleCueCount() {
        return inhaleCueCount;
    }
}
