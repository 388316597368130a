// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

import dev.backbeat.core.recording.SampleGaps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streaming repetition and hold detection from the three spinal angles. The device runs it live;
 * the host's {@link RhythmAnalyzer} runs the very same detector over a recording, so both give the
 * same repetitions and holds.
 *
 * <p><b>Posture neutral.</b> Each angle is measured from its own neutral, which starts at the
 * calibration's zero and follows every hold the angle makes while it is not in an excursion (hands
 * and knees, sitting, a slightly different stance); the side bend's and the twist's also follow
 * their angle slowly ({@value #DRIFT_NEUTRAL_TIME_CONSTANT_SECONDS} s) outside excursions of a
 * repetition's size, which re-zeroes the sensors' relative heading drift in flows that never hold.
 * An excursion that settles away from neutral for longer than
 * {@link RhythmSettings#maximumExcursionSeconds()} is taken as a new posture, and so is one still
 * under the excursion threshold that settled and then moves on the same way by more than the
 * threshold from its hold (a stance a few degrees off, then bends from it).
 *
 * <p><b>Excursions.</b> Each angle on its own: an excursion starts where the angle left its neutral
 * (last within {@value #RETURN_BAND_DEGREES}°) once it is more than the neutral band out, and ends
 * where it comes back (within {@value #RETURN_BAND_DEGREES}° or {@value #RETURN_FRACTION} of its
 * peak, or settles into a hold within {@value #SETTLED_RETURN_FRACTION} of its peak), or crosses
 * to the other side. Other angles need not come back: coupled motion and drift in one angle do not
 * hold up another's count.
 *
 * <p><b>Repetitions.</b> A flexion excursion and an extension excursion that follow each other
 * within the pairing window are one flexion-extension repetition (a cat-cow cycle; the neutral
 * crossing is the boundary); side bends and twists to either side are repetitions of their own.
 * Where excursions of two angles overlap, the one with the larger range is the repetition, except
 * that a side bend or twist with half a lone flexion's range outranks it (coupled flexion). An
 * excursion across which the pelvis tilted by more than {@value #POSTURE_CHANGE_DEGREES}° is a change
 * of posture. Each repetition is then judged against its set (the excursions of its axis with no
 * pause longer than the set pause): under the minimum it is nothing; under the partial fraction of
 * the set's typical range (median of its last full repetitions) it is partial, as is a lone flexion
 * or extension next to cat-cow cycles (half a cycle); a small one with nothing to compare with (under
 * the excursion threshold, or a lone bend under {@value #LONE_BEND_DEGREES}°) waits for another of
 * similar size before both count; two similar partial ones in a row start a set of their own. When a
 * set's typical range grows, its earlier repetitions are judged again. An excursion already under
 * way at the first sample (of the recording, or after a gap) is cut off, as is one under way at the end.
 *
 * <p><b>Holds.</b> Where every angle moved slower than the settled speed for {@value #HOLD_CORE_SECONDS} s,
 * the held posture is their mean; the hold reaches back to where the movement first came within
 * the hold tolerance of it and lasts until an angle leaves the tolerance (for longer than
 * {@value #HOLD_EXIT_CONFIRM_SECONDS} s: a soft-tissue wobble does not end it). Breathing and sway
 * are far smaller than the tolerance. An end-range hold that outlasts the limit raises
 * {@link #endRangeHoldLimitExceeded()} once.
 *
 * <p><b>Gaps.</b> Samples more than {@value #GAP_PERIODS} sample periods and
 * {@value SampleGaps#MINIMUM_GAP_SECONDS} s apart (or going backwards)
 * split the analysis: no excursion, hold or repetition spans the gap.
 *
 * <p>No allocation per sample: the recent samples and the smoothness transform's work arrays are
 * allocated once; only the event objects (a repetition or hold that ends) are new.
 */
public final class RhythmDetector {

    /** Seconds of samples kept for hold refinement and smoothness; longer repetitions get no SPARC. */
    static final double HISTORY_SECONDS = 80;
    /** The speed profile for SPARC is averaged down to at most this rate, Hz (well above SPARC's 10 Hz cut-off). */
    static final double SPARC_RATE_HZ = 50;
    /** Speed is measured over this interval, s. */
    static final double SPEED_INTERVAL_SECONDS = 0.4;
    /** How many recent full repetitions of a kind define its typical range. */
    static final int TYPICAL_RANGE_REPETITIONS = 5;
    /** An angle within this of its neutral is back at neutral, degrees. */
    static final double RETURN_BAND_DEGREES = 1.5;
    /** ... or within this fraction of the excursion's peak. */
    static final double RETURN_FRACTION = 0.1;
    /** An excursion that settles into a hold within this fraction of its peak from neutral has come back. */
    static final double SETTLED_RETURN_FRACTION = 0.3;
    /** Two flexion-axis excursions pair into one cycle only if the smaller has at least this fraction of the larger's peak. */
    static final double PAIRING_PEAK_RATIO = 0.3;
    /** A small repetition is confirmed by another whose range is within this factor of its own. */
    static final double SIMILAR_RANGE_FACTOR = 2;
    /** The angles must be settled this long before a hold is recognised, s. */
    static final double HOLD_CORE_SECONDS = 1.0;
    /** An angle must stay outside the hold tolerance this long to end the hold, s. */
    static final double HOLD_EXIT_CONFIRM_SECONDS = 0.2;
    /** A lone flexion or extension this close to cat-cow cycles is judged against the cycles (a half cycle), s. */
    static final double CYCLE_CONTEXT_SECONDS = 5;
    /** A lone forward or backward bend smaller than this needs a second like it to count, degrees. */
    static final double LONE_BEND_DEGREES = 20;
    /** A side bend or twist with at least this share of an overlapping lone flexion's range is the repetition. */
    static final double COUPLED_FLEXION_SHARE = 0.5;
    /** A pelvis tilted this much more or less after an excursion than before it has changed posture, degrees. */
    static final double POSTURE_CHANGE_DEGREES = 30;
    /** The pelvis' inclination before and after an excursion is averaged over this long, s. */
    static final double POSTURE_WINDOW_SECONDS = 0.5;
    /** Samples further apart than this many sample periods (and {@link SampleGaps#MINIMUM_GAP_SECONDS}) are a gap. */
    static final double GAP_PERIODS = SampleGaps.GAP_PERIODS;

    /**
     * The side bend's and the twist's neutral follow their angle with this time constant while no
     * excursion of a repetition's size is under way on that angle, s: the two sensors' relative
     * heading drifts (each 6D filter's heading integrates its gyroscope's bias), which shows as a
     * creeping twist and, through the flexion, a creeping side bend; in a flow with no hold nothing
     * else re-zeroes them. On the simulated strap's 60-cycle demo the twist drifted by 3–10° and the
     * side bend by up to 8° over 10 minutes: left alone, each held an excursion open for minutes,
     * and with it every flexion cycle it overlapped. The neutral lags a steady drift by its rate
     * times this, so a drift slower than 0.05 °/s stays within the default 3° neutral band; a side
     * bend or twist repetition (frozen once past the minimum repetition range)
     * moves its neutral by well under a tenth of a degree.
     */
    static final double DRIFT_NEUTRAL_TIME_CONSTANT_SECONDS = 60;

    private static final int FLEXION = 0;
    private static final int AXES = 3;

    private final RhythmSettings settings;
    private final double sampleRateHz;
    private final double gapSeconds;
    private final int mask;
    private final double[] times;
    private final double[][] angles = new double[AXES][];
    private final double[] pelvisInclinations;
    private final int speedLag;
    private final double[] sparcSpeed;
    private final double[] sparcReal;
    private final double[] sparcImaginary;
    private final double[] rangeScratch = new double[TYPICAL_RANGE_REPETITIONS];
    private long count;
    /** First sample after the last gap. */
    private long segmentStart;
    private final List<double[]> gaps = new ArrayList<>();

    private final List<Repetition> repetitions = new ArrayList<>();
    private final List<Hold> holds = new ArrayList<>();

    // ---- excursions, per angle
    private final double[] neutral = new double[AXES];
    private final int[] excursionSign = new int[AXES];
    private final long[] excursionStart = new long[AXES];
    /** Kept apart from the index: an excursion may outlast the sample history. */
    private final double[] excursionStartSeconds = new double[AXES];
    private final long[] lastNearNeutral = new long[AXES];
    private final double[] excursionPeak = new double[AXES];
    /** Whether the excursion under way was already out at the first sample or the first after a gap (cut off: not a repetition). */
    private final boolean[] excursionCut = new boolean[AXES];
    /** The side an excursion just ended on, until the angle is back within the return band (0: none). */
    private final int[] rearmSign = new int[AXES];
    /**
     * Where the excursion under way, while still under the excursion threshold, settled into a hold,
     * degrees (NaN: it has not; cleared as each excursion starts, and read only while one is under
     * way): a departure from there by more than the threshold re-bases it (see {@link #rebaseOnSettledLevel}).
     */
    private final double[] settledLevel = {Double.NaN, Double.NaN, Double.NaN};
    /** The last sample of that hold. */
    private final long[] settledEnd = new long[AXES];
    /** The start of the small excursion (under the threshold) each angle was in when the hold under way began; -1: none. */
    private final long[] smallExcursionAtHoldStart = {-1, -1, -1};

    // a finished flexion-axis excursion waiting for its opposite
    private Excursion pendingFlexion;
    // repetitions not yet final: an overlapping excursion of another angle may still outrank them
    private final List<Candidate> unresolved = new ArrayList<>();

    // ---- sets, per axis
    private final double[] lastCandidateEndSeconds = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
    private final double[][] recentRanges = new double[RepetitionKind.values().length][TYPICAL_RANGE_REPETITIONS];
    private final int[] recentRangeCounts = new int[RepetitionKind.values().length];
    private final Candidate[] waitingSmall = new Candidate[AXES];
    private final int[] setFirstRepetition = new int[AXES];
    // the span of the current flexion-axis set's full cat-cow cycles, and how many there are in it
    private double cyclesStartSeconds = Double.NaN;
    private double cyclesEndSeconds = Double.NaN;
    private int cycleCount;

    // ---- holds
    private long holdProcessed;
    private long settledRunStart = -1;
    private boolean holdActive;
    private long holdStart;
    private double holdStartSeconds;
    private long previousHoldEnd = -1;
    private final double[] holdLevel = new double[AXES];
    private final double[] holdSums = new double[AXES];
    private long holdSampleCount;
    private long holdOutSince = -1;
    private boolean limitWarned;
    private boolean limitExceededNow;

    /** One angle's excursion from its neutral. */
    private record Excursion(int axis, int sign, long startIndex, long endIndex, double startSeconds, double endSeconds,
                             double peakDegrees) {
    }

    /** A repetition before it is final and judged against its set. */
    private record Candidate(RepetitionKind kind, int axis, double startSeconds, double endSeconds,
                             double flexionPeakDegrees, double extensionPeakDegrees, double rangeDegrees,
                             double smoothness, long startIndex, long endIndex) {

        Repetition toRepetition(boolean partial) {
            return new Repetition(startSeconds, endSeconds, kind, flexionPeakDegrees, extensionPeakDegrees,
                    rangeDegrees, smoothness, partial);
        }
    }

    public RhythmDetector(RhythmSettings settings, double sampleRateHz) {
        if (!(sampleRateHz >= 1 && sampleRateHz <= 2000)) {
            throw new IllegalArgumentException("sampleRateHz must be 1..2000, was " + sampleRateHz);
        }
        this.settings = settings;
        this.sampleRateHz = sampleRateHz;
        this.gapSeconds = SampleGaps.limitSeconds(1 / sampleRateHz);
        int capacity = Integer.highestOneBit((int) Math.ceil(HISTORY_SECONDS * sampleRateHz)) << 1;
        this.mask = capacity - 1;
        this.times = new double[capacity];
        for (int angle = 0; angle < AXES; angle++) {
            angles[angle] = new double[capacity];
        }
        this.pelvisInclinations = new double[capacity];
        this.sparcSpeed = new double[capacity];
        int longestSparcInput = (int) Math.ceil(capacity / Math.max(1, Math.floor(sampleRateHz / SPARC_RATE_HZ)));
        this.sparcReal = new double[SpectralArcLength.paddedSize(longestSparcInput)];
        this.sparcImaginary = new double[sparcReal.length];
        this.speedLag = Math.max(2, (int) Math.round(SPEED_INTERVAL_SECONDS * sampleRateHz));
    }

    public RhythmSettings settings() {
        return settings;
    }

    /** Takes the angles (degrees) at {@code timeSeconds}; non-finite angles are skipped. */
    public void update(double timeSeconds, double flexionDegrees, double sideBendDegrees, double twistDegrees) {
        update(timeSeconds, flexionDegrees, sideBendDegrees, twistDegrees, Double.NaN);
    }

    /**
     * Takes the angles (degrees) at {@code timeSeconds} and the pelvis' inclination from vertical
     * (degrees, NaN if unknown): an excursion across which the pelvis tilted by more than
     * {@value #POSTURE_CHANGE_DEGREES}° (standing to hands and knees and back) is a change of
     * posture, not a repetition. Non-finite angles are skipped.
     */
    public void update(double timeSeconds, double flexionDegrees, double sideBendDegrees, double twistDegrees,
                       double pelvisInclinationDegrees) {
        if (!Double.isFinite(timeSeconds) || !Double.isFinite(flexionDegrees) || !Double.isFinite(sideBendDegrees)
                || !Double.isFinite(twistDegrees)) {
            return;
        }
        limitExceededNow = false;
        if (count > segmentStart) {
            double step = timeSeconds - times[(int) ((count - 1) & mask)];
            if (step <= 0 && step > -1e-9) {
                return; // a repeated time stamp: nothing new
            }
            if (step > gapSeconds || step < 0) {
                splitAtGap(timeSeconds);
            }
        }
        long index = count++;
        int slot = (int) (index & mask);
        times[slot] = timeSeconds;
        angles[0][slot] = flexionDegrees;
        angles[1][slot] = sideBendDegrees;
        angles[2][slot] = twistDegrees;
        pelvisInclinations[slot] = pelvisInclinationDegrees;
        if (index == segmentStart) {
            Arrays.fill(lastNearNeutral, index);
        }
        for (int axis = 0; axis < AXES; axis++) {
            trackExcursion(axis, index);
        }
        expirePendingFlexion(timeSeconds);
        resolveCandidates(false);
        while (holdProcessed + speedLag / 2 < count) {
            processHold(holdProcessed++);
        }
    }

    /** Ends the recording: excursions under way are cut off (not repetitions), a hold under way ends here. */
    public void finish() {
        closeSegment();
    }

    /** True on the sample at which an end-range hold first outlasted the limit. */
    public boolean endRangeHoldLimitExceeded() {
        return limitExceededNow;
    }

    /** Full repetitions so far (not partial). */
    public int repetitionCount() {
        int full = 0;
        for (Repetition repetition : repetitions) {
            if (!repetition.partial()) {
                full++;
            }
        }
        return full;
    }

    /**
     * The count while recording: the final full repetitions ({@link #repetitionCount}) and those not
     * final yet of at least the minimum repetition range. A repetition stays open while an excursion
     * of another angle that began before it ended is under way (it could still outrank it): a
     * repetition or two behind the movement. What a live view and the progress lines show; the
     * session's count is {@link #repetitionCount} after {@link #finish}.
     */
    public int provisionalRepetitionCount() {
        int count = repetitionCount();
        for (Candidate candidate : unresolved) {
            if (candidate.rangeDegrees >= settings.minimumRepetitionDegrees()) {
                count++;
            }
        }
        return count;
    }

    /** Every repetition so far, partial ones included, in time order. */
    public List<Repetition> repetitions() {
        return List.copyOf(repetitions);
    }

    public List<Hold> holds() {
        return List.copyOf(holds);
    }

    /** How many holds ended so far (holds are only ever added, in time order); no copy, unlike {@link #holds()}. */
    public int holdCount() {
        return holds.size();
    }

    /** The {@code index}th hold, 0-based. */
    public Hold hold(int index) {
        return holds.get(index);
    }

    /** Where gaps in the samples split the analysis: {@code [last time before, first time after]}, seconds. */
    public List<double[]> gapsSeconds() {
        return gaps.stream().map(double[]::clone).toList();
    }

    private double time(long index) {
        return times[(int) (index & mask)];
    }

    private double angle(int axis, long index) {
        return angles[axis][(int) (index & mask)];
    }

    // ---- gaps

    private void splitAtGap(double nextTimeSeconds) {
        closeSegment();
        gaps.add(new double[] {time(count - 1), nextTimeSeconds});
        segmentStart = count;
        holdProcessed = count;
        settledRunStart = -1;
        previousHoldEnd = count - 1;
    }

    /** Finishes everything of the samples so far: the next sample starts afresh (a gap or the end). */
    private void closeSegment() {
        while (holdProcessed < count) {
            processHold(holdProcessed++);
        }
        if (holdActive) {
            endHold(count - 1);
        }
        Arrays.fill(excursionSign, 0);
        if (pendingFlexion != null) {
            addCandidate(alone(pendingFlexion));
            pendingFlexion = null;
        }
        resolveCandidates(true);
    }

    // ---- excursions

    private void trackExcursion(int axis, long index) {
        int sign = excursionSign[axis];
        if (axis != FLEXION && index > segmentStart
                && (sign == 0 || excursionPeak[axis] < settings.minimumRepetitionDegrees())) {
            double stepSeconds = time(index) - time(index - 1);
            neutral[axis] += (angle(axis, index) - neutral[axis]) * Math.min(1, stepSeconds / DRIFT_NEUTRAL_TIME_CONSTANT_SECONDS);
        }
        double deviation = angle(axis, index) - neutral[axis];
        if (sign == 0) {
            if (Math.abs(deviation) <= RETURN_BAND_DEGREES || rearmSign[axis] * deviation < 0) {
                rearmSign[axis] = 0;
            }
            if (Math.abs(deviation) <= RETURN_BAND_DEGREES) {
                lastNearNeutral[axis] = index;
            }
            if (Math.abs(deviation) > settings.neutralBandDegrees() && (deviation > 0 ? 1 : -1) != rearmSign[axis]) {
                startExcursion(axis, deviation, Math.max(Math.max(segmentStart, count - mask), lastNearNeutral[axis]),
                        index == segmentStart);
            }
            return;
        }
        if (rebaseOnSettledLevel(axis, index)) {
            return;
        }
        double signed = sign * deviation;
        if (signed > excursionPeak[axis]) {
            excursionPeak[axis] = signed;
        }
        if (signed <= Math.max(RETURN_BAND_DEGREES, RETURN_FRACTION * excursionPeak[axis])) {
            endExcursion(axis, index);
            lastNearNeutral[axis] = index;
            rearmSign[axis] = sign;
            if (-sign * deviation > settings.neutralBandDegrees()) {
                // crossed to the other side within one sample
                startExcursion(axis, deviation, index, false);
            }
        }
    }

    /**
     * A small excursion that settled into a hold and then moves on, the same way, by more than the
     * excursion threshold from that hold was a change of posture, not the start of the repetition
     * now under way: a person comes out of hands and knees or a turn standing a few degrees from the
     * stance they began in (more than the neutral band, so the settle was an excursion) and then bends
     * from there; a hip hinge from that stance comes back to it, not to the old neutral, and without
     * this the stance and the bends that follow were one long excursion. The held level becomes the
     * neutral and the excursion starts again where the hold ended. A held end-range position of a
     * small repetition (a supported extension of 5–8°) is left alone: it comes back towards neutral,
     * and a deeper reach from it by less than the threshold changes nothing.
     *
     * @return whether the excursion was re-based (it then starts at the hold's end)
     */
    private boolean rebaseOnSettledLevel(int axis, long index) {
        double level = settledLevel[axis];
        if (Double.isNaN(level)) {
            return false;
        }
        int sign = excursionSign[axis];
        double beyond = sign * (angle(axis, index) - level);
        if (!(beyond > settings.excursionThresholdDegrees())) {
            return false;
        }
        long start = Math.max(Math.max(segmentStart, count - mask), settledEnd[axis]);
        neutral[axis] = level;
        lastNearNeutral[axis] = start;
        startExcursion(axis, sign * beyond, start, false);
        return true;
    }

    /** An excursion of {@code axis} to the side of {@code deviation}, from {@code startIndex}; {@code cut}: began before the recording or a gap. */
    private void startExcursion(int axis, double deviation, long startIndex, boolean cut) {
        settledLevel[axis] = Double.NaN;
        excursionSign[axis] = deviation > 0 ? 1 : -1;
        excursionStart[axis] = startIndex;
        excursionStartSeconds[axis] = time(startIndex);
        excursionCut[axis] = cut;
        excursionPeak[axis] = Math.abs(deviation);
    }

    private void endExcursion(int axis, long endIndex) {
        int sign = excursionSign[axis];
        excursionSign[axis] = 0;
        if (endIndex <= excursionStart[axis] || excursionCut[axis]) {
            return;
        }
        Excursion excursion = new Excursion(axis, sign, excursionStart[axis], endIndex, excursionStartSeconds[axis],
                time(endIndex), excursionPeak[axis]);
        if (axis != FLEXION) {
            RepetitionKind kind = axis == 1
                    ? (sign > 0 ? RepetitionKind.SIDE_BEND_RIGHT : RepetitionKind.SIDE_BEND_LEFT)
                    : (sign > 0 ? RepetitionKind.TWIST_RIGHT : RepetitionKind.TWIST_LEFT);
            addCandidate(candidate(kind, axis, excursion, excursion, 0, 0, excursion.peakDegrees));
            return;
        }
        Excursion pending = pendingFlexion;
        if (pending != null && pending.sign == -sign
                && excursion.startSeconds - pending.endSeconds <= pairingWindowSeconds(pending.endSeconds)
                && Math.min(pending.peakDegrees, excursion.peakDegrees)
                        >= PAIRING_PEAK_RATIO * Math.max(pending.peakDegrees, excursion.peakDegrees)) {
            double flexionPeak = sign > 0 ? excursion.peakDegrees : pending.peakDegrees;
            double extensionPeak = sign > 0 ? pending.peakDegrees : excursion.peakDegrees;
            pendingFlexion = null;
            addCandidate(candidate(RepetitionKind.FLEXION_EXTENSION, FLEXION, pending, excursion,
                    flexionPeak, extensionPeak, flexionPeak + extensionPeak));
            return;
        }
        if (pending != null) {
            addCandidate(alone(pending));
        }
        pendingFlexion = excursion;
    }

    private void expirePendingFlexion(double timeSeconds) {
        Excursion pending = pendingFlexion;
        if (pending == null) {
            return;
        }
        double window = pairingWindowSeconds(pending.endSeconds);
        boolean oppositeUnderWay = excursionSign[FLEXION] == -pending.sign;
        // an opposite movement past the return band but not yet past the neutral band is not under way
        // yet; once it is, its start is dated back to where it left the return band, which may still
        // lie within the window
        double deviation = angle(FLEXION, count - 1) - neutral[FLEXION];
        boolean oppositeStarting = excursionSign[FLEXION] == 0 && -pending.sign * deviation > RETURN_BAND_DEGREES
                && time(lastNearNeutral[FLEXION]) - pending.endSeconds <= window;
        if (!oppositeUnderWay && !oppositeStarting && timeSeconds - pending.endSeconds > window) {
            pendingFlexion = null;
            addCandidate(alone(pending));
        }
    }

    /**
     * How far apart a flexion and an extension excursion may be and still pair into one cat-cow
     * cycle, s: the setting, or in a flow of at least {@value #FLOW_CYCLES} cycles (the current set's,
     * until {@value #CYCLE_CONTEXT_SECONDS} s after its last) {@value #FLOW_PAIRING_FRACTION} of its
     * mean cycle when that is longer. The gap is timed where the angle is within
     * {@value #RETURN_BAND_DEGREES}° of neutral, and a movement of a given tempo spends longer there
     * the smaller it is: a half-hearted cycle of 9° and 6° in a flow of 20° and 15° cycles crossed it
     * in 1.7 s instead of 0.9 s, its halves went unpaired and the flow's pairing fell out of step.
     */
    private double pairingWindowSeconds(double atSeconds) {
        double window = settings.pairingWindowSeconds();
        if (cycleCount >= FLOW_CYCLES && atSeconds <= cyclesEndSeconds + CYCLE_CONTEXT_SECONDS) {
            window = Math.max(window, FLOW_PAIRING_FRACTION * (cyclesEndSeconds - cyclesStartSeconds) / cycleCount);
        }
        return window;
    }

    /** Full cat-cow cycles a set needs before its own tempo sets the pairing window. */
    static final int FLOW_CYCLES = 2;
    /**
     * In a flow, halves this fraction of its mean cycle apart still pair: a pause at neutral of a
     * quarter cycle is part of the flow's rhythm, a longer one ends the cycle.
     */
    static final double FLOW_PAIRING_FRACTION = 0.25;

    private Candidate alone(Excursion excursion) {
        boolean flexion = excursion.sign > 0;
        return candidate(flexion ? RepetitionKind.FLEXION : RepetitionKind.EXTENSION, FLEXION, excursion,
                excursion, flexion ? excursion.peakDegrees : 0, flexion ? 0 : excursion.peakDegrees,
                excursion.peakDegrees);
    }

    /** A candidate from the start of {@code from} to the end of {@code to}. */
    private Candidate candidate(RepetitionKind kind, int axis, Excursion from, Excursion to, double flexionPeak,
                                double extensionPeak, double range) {
        return new Candidate(kind, axis, from.startSeconds, to.endSeconds, flexionPeak, extensionPeak, range,
                smoothness(from.startIndex, to.endIndex, axis), from.startIndex, to.endIndex);
    }

    /** Adds a candidate; of overlapping candidates of different angles the larger range stays. */
    private void addCandidate(Candidate added) {
        for (int index = unresolved.size() - 1; index >= 0; index--) {
            Candidate other = unresolved.get(index);
            if (other.axis == added.axis) {
                continue;
            }
            double overlap = Math.min(other.endSeconds, added.endSeconds) - Math.max(other.startSeconds, added.startSeconds);
            double shorter = Math.min(other.endSeconds - other.startSeconds, added.endSeconds - added.startSeconds);
            if (overlap > 0.5 * shorter) {
                if (outranks(other, added)) {
                    return;
                }
                unresolved.remove(index);
            }
        }
        unresolved.add(added);
    }

    /**
     * Of two overlapping candidates of different angles, which is the repetition: the larger range,
     * except that a side bend or twist with at least {@value #COUPLED_FLEXION_SHARE} of a lone
     * flexion's range outranks it (people bend forward as they bend sideways, by as much as the bend
     * itself; a forward bend leans sideways far less).
     */
    private static boolean outranks(Candidate first, Candidate second) {
        if (loneBend(first.kind) != loneBend(second.kind)) {
            Candidate flexion = loneBend(first.kind) ? first : second;
            Candidate other = flexion == first ? second : first;
            boolean otherWins = other.rangeDegrees >= COUPLED_FLEXION_SHARE * flexion.rangeDegrees;
            return otherWins == (other == first);
        }
        return first.rangeDegrees >= second.rangeDegrees;
    }

    /** A forward or backward bend on its own, not part of a cat-cow cycle. */
    private static boolean loneBend(RepetitionKind kind) {
        return kind == RepetitionKind.FLEXION || kind == RepetitionKind.EXTENSION;
    }

    /**
     * Makes final the candidates no excursion under way can still outrank (all of them with
     * {@code all}), oldest first, and judges them against their sets.
     */
    private void resolveCandidates(boolean all) {
        while (!unresolved.isEmpty()) {
            int oldest = 0;
            for (int index = 1; index < unresolved.size(); index++) {
                if (unresolved.get(index).startSeconds < unresolved.get(oldest).startSeconds) {
                    oldest = index;
                }
            }
            Candidate candidate = unresolved.get(oldest);
            if (!all && !settled(candidate)) {
                return;
            }
            unresolved.remove(oldest);
            judge(candidate);
        }
    }

    /** True when no excursion of another angle under way or pending began before the candidate ended. */
    private boolean settled(Candidate candidate) {
        for (int axis = 0; axis < AXES; axis++) {
            if (axis != candidate.axis && excursionSign[axis] != 0
                    && excursionStartSeconds[axis] < candidate.endSeconds) {
                return false;
            }
        }
        return candidate.axis == FLEXION || pendingFlexion == null
                || pendingFlexion.startSeconds >= candidate.endSeconds;
    }

    // ---- sets

    private void judge(Candidate candidate) {
        int axis = candidate.axis;
        if (candidate.startSeconds - lastCandidateEndSeconds[axis] > settings.setPauseSeconds()) {
            startSet(axis);
        }
        lastCandidateEndSeconds[axis] = Math.max(lastCandidateEndSeconds[axis], candidate.endSeconds);
        if (candidate.rangeDegrees < settings.minimumRepetitionDegrees() || changesPosture(candidate)) {
            return;
        }
        double typical = typicalRange(candidate.kind, candidate.startSeconds, candidate.endSeconds);
        Candidate waiting = waitingSmall[axis];
        if (Double.isNaN(typical) && candidate.rangeDegrees < loneThresholdDegrees(candidate.kind)) {
            if (waiting != null && similar(waiting.rangeDegrees, candidate.rangeDegrees)) {
                waitingSmall[axis] = null;
                reviveSimilarPartial(waiting);
                accept(waiting, false);
                accept(candidate, false);
            } else {
                waitingSmall[axis] = candidate;
            }
            return;
        }
        boolean partial = !Double.isNaN(typical) && candidate.rangeDegrees < settings.partialFraction() * typical
                || halfCycle(candidate);
        if (waiting != null) {
            waitingSmall[axis] = null;
            boolean waitingCounts = partial ? similar(waiting.rangeDegrees, candidate.rangeDegrees)
                    : waiting.rangeDegrees >= settings.partialFraction() * candidate.rangeDegrees;
            accept(waiting, !waitingCounts);
        }
        int previous = lastSimilarPartial(candidate);
        if (partial && previous >= 0) {
            // a run of smaller movements of one kind is a set of its own (e.g. supported extensions
            // right after full ones), not a string of partial repetitions
            startSet(axis);
            setFirstRepetition[axis] = previous;
            countAsFull(previous);
            partial = false;
        }
        accept(candidate, partial);
        if (!partial) {
            rejudgeSet(axis);
        }
    }

    /**
     * True for a lone flexion or extension next to the set's cat-cow cycles (within
     * {@value #CYCLE_CONTEXT_SECONDS} s) when the set has no lone bends of that kind of its own: half
     * a cycle, not a repetition.
     */
    private boolean halfCycle(Candidate candidate) {
        return loneBend(candidate.kind) && recentRangeCounts[candidate.kind.ordinal()] == 0
                && nextToCycles(candidate.startSeconds, candidate.endSeconds);
    }

    /** True when {@code startSeconds..endSeconds} lies within {@value #CYCLE_CONTEXT_SECONDS} s of the set's cat-cow cycles. */
    private boolean nextToCycles(double startSeconds, double endSeconds) {
        return !Double.isNaN(cyclesStartSeconds) && endSeconds >= cyclesStartSeconds - CYCLE_CONTEXT_SECONDS
                && startSeconds <= cyclesEndSeconds + CYCLE_CONTEXT_SECONDS;
    }

    /**
     * A set of small bends has just been confirmed: a partial one of the same kind and similar range
     * right before it (within the set pause; judged half a cycle next to cat-cow cycles, say) is its
     * first repetition.
     */
    private void reviveSimilarPartial(Candidate first) {
        int previous = lastSimilarPartial(first);
        if (previous >= 0 && first.startSeconds - repetitions.get(previous).endSeconds() <= settings.setPauseSeconds()) {
            countAsFull(previous);
        }
    }

    /**
     * The index of the last repetition of the candidate's axis when it is a partial one of the
     * candidate's kind and of similar range, else -1.
     */
    private int lastSimilarPartial(Candidate candidate) {
        int last = lastOfAxis(candidate.axis);
        if (last < 0) {
            return -1;
        }
        Repetition previous = repetitions.get(last);
        return previous.partial() && previous.kind() == candidate.kind
                && similar(previous.rangeDegrees(), candidate.rangeDegrees) ? last : -1;
    }

    /** A partial repetition judged again as full: it counts and joins its kind's typical range. */
    private void countAsFull(int index) {
        Repetition repetition = repetitions.get(index);
        repetitions.set(index, repetition.withPartial(false));
        remember(repetition.kind(), repetition.rangeDegrees());
    }

    private int lastOfAxis(int axis) {
        for (int index = repetitions.size() - 1; index >= 0; index--) {
            if (axisOf(repetitions.get(index).kind()) == axis) {
                return index;
            }
        }
        return -1;
    }

    /** True when the pelvis' inclination after the candidate differs from before it by a posture change. */
    private boolean changesPosture(Candidate candidate) {
        long oldest = Math.max(segmentStart, count - mask);
        if (candidate.startIndex < oldest) {
            return false;
        }
        double before = meanPelvisInclination(Math.max(oldest, candidate.startIndex - windowSamples()), candidate.startIndex);
        double after = meanPelvisInclination(Math.max(candidate.startIndex, candidate.endIndex - windowSamples()),
                candidate.endIndex);
        return Math.abs(after - before) > POSTURE_CHANGE_DEGREES;
    }

    private long windowSamples() {
        return Math.max(1, Math.round(POSTURE_WINDOW_SECONDS * sampleRateHz));
    }

    /** Mean pelvis inclination over samples {@code first..last}; NaN when unknown. */
    private double meanPelvisInclination(long first, long last) {
        double sum = 0;
        int n = 0;
        for (long index = first; index <= last; index++) {
            double value = pelvisInclinations[(int) (index & mask)];
            if (Double.isFinite(value)) {
                sum += value;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * How far a first excursion with nothing to compare with must go to count on its own: the
     * excursion threshold, but for a lone forward or backward bend at least
     * {@value #LONE_BEND_DEGREES}° (leaning forward to sit down, stand up or reach is not a repetition
     * unless another like it follows).
     */
    private double loneThresholdDegrees(RepetitionKind kind) {
        return loneBend(kind) ? Math.max(LONE_BEND_DEGREES, settings.excursionThresholdDegrees()) : settings.excursionThresholdDegrees();
    }

    private static boolean similar(double first, double second) {
        return Math.max(first, second) <= SIMILAR_RANGE_FACTOR * Math.min(first, second);
    }

    private void startSet(int axis) {
        for (RepetitionKind kind : RepetitionKind.values()) {
            if (axisOf(kind) == axis) {
                recentRangeCounts[kind.ordinal()] = 0;
            }
        }
        waitingSmall[axis] = null;
        setFirstRepetition[axis] = repetitions.size();
        if (axis == FLEXION) {
            cyclesStartSeconds = Double.NaN;
            cyclesEndSeconds = Double.NaN;
            cycleCount = 0;
        }
    }

    private void accept(Candidate candidate, boolean partial) {
        if (!partial && candidate.kind == RepetitionKind.FLEXION_EXTENSION) {
            cyclesStartSeconds = Double.isNaN(cyclesStartSeconds) ? candidate.startSeconds : cyclesStartSeconds;
            cyclesEndSeconds = candidate.endSeconds;
            cycleCount++;
        }
        if (!partial) {
            remember(candidate.kind, candidate.rangeDegrees);
        }
        Repetition repetition = candidate.toRepetition(partial);
        int at = repetitions.size();
        while (at > 0 && repetitions.get(at - 1).startSeconds() > repetition.startSeconds()) {
            at--;
        }
        repetitions.add(at, repetition);
    }

    private void remember(RepetitionKind kind, double rangeDegrees) {
        int n = recentRangeCounts[kind.ordinal()]++;
        recentRanges[kind.ordinal()][n % TYPICAL_RANGE_REPETITIONS] = rangeDegrees;
    }

    /** Full repetitions of the current set on {@code axis} that fall short of its typical range now are partial. */
    private void rejudgeSet(int axis) {
        for (int index = Math.min(setFirstRepetition[axis], repetitions.size()); index < repetitions.size(); index++) {
            Repetition repetition = repetitions.get(index);
            if (repetition.partial() || axisOf(repetition.kind()) != axis) {
                continue;
            }
            double typical = typicalRange(repetition.kind(), repetition.startSeconds(), repetition.endSeconds());
            if (!Double.isNaN(typical) && repetition.rangeDegrees() < settings.partialFraction() * typical) {
                repetitions.set(index, repetition.withPartial(true));
            }
        }
    }

    /** The angle a kind moves: 0 flexion (with extension and cat-cow cycles), 1 side bend, 2 twist. */
    static int axisOf(RepetitionKind kind) {
        return switch (kind) {
            case FLEXION_EXTENSION, FLEXION, EXTENSION -> 0;
            case SIDE_BEND_LEFT, SIDE_BEND_RIGHT -> 1;
            case TWIST_LEFT, TWIST_RIGHT -> 2;
        };
    }

    /**
     * Median range of the current set's last full repetitions of {@code kind}; without any, of the
     * other side (a twist or side bend), or for a lone flexion or extension within
     * {@value #CYCLE_CONTEXT_SECONDS} s of the set's cat-cow cycles, of the cycles; else NaN.
     */
    private double typicalRange(RepetitionKind kind, double startSeconds, double endSeconds) {
        if (recentRangeCounts[kind.ordinal()] > 0) {
            return median(kind);
        }
        RepetitionKind other = switch (kind) {
            case SIDE_BEND_LEFT -> RepetitionKind.SIDE_BEND_RIGHT;
            case SIDE_BEND_RIGHT -> RepetitionKind.SIDE_BEND_LEFT;
            case TWIST_LEFT -> RepetitionKind.TWIST_RIGHT;
            case TWIST_RIGHT -> RepetitionKind.TWIST_LEFT;
            case FLEXION, EXTENSION -> nextToCycles(startSeconds, endSeconds) ? RepetitionKind.FLEXION_EXTENSION : null;
            case FLEXION_EXTENSION -> null;
        };
        return other != null && recentRangeCounts[other.ordinal()] > 0 ? median(other) : Double.NaN;
    }

    private double median(RepetitionKind kind) {
        int used = Math.min(recentRangeCounts[kind.ordinal()], TYPICAL_RANGE_REPETITIONS);
        System.arraycopy(recentRanges[kind.ordinal()], 0, rangeScratch, 0, used);
        Arrays.sort(rangeScratch, 0, used);
        return rangeScratch[used / 2];
    }

    /**
     * SPARC of the dominant angle's speed over the repetition, NaN if it is no longer in the history.
     * The speed is averaged down to at most {@value #SPARC_RATE_HZ} Hz first: SPARC looks at
     * frequencies up to 10 Hz only, and the shorter spectrum keeps the cost per repetition small.
     */
    private double smoothness(long startIndex, long endIndex, int angle) {
        int length = (int) (endIndex - startIndex + 1);
        if (length < 4 || count - startIndex > mask) {
            return Double.NaN;
        }
        int block = Math.max(1, (int) Math.floor(sampleRateHz / SPARC_RATE_HZ));
        double[] values = angles[angle];
        int decimated = 0;
        double sum = 0;
        int inBlock = 0;
        for (int offset = 0; offset < length; offset++) {
            long index = startIndex + offset;
            long before = Math.max(startIndex, index - 1);
            long after = Math.min(endIndex, index + 1);
            double dt = times[(int) (after & mask)] - times[(int) (before & mask)];
            sum += dt > 0 ? Math.abs(values[(int) (after & mask)] - values[(int) (before & mask)]) / dt : 0;
            if (++inBlock == block) {
                sparcSpeed[decimated++] = sum / block;
                sum = 0;
                inBlock = 0;
            }
        }
        if (decimated < 4) {
            return Double.NaN;
        }
        return SpectralArcLength.of(sparcSpeed, decimated, sampleRateHz / block, sparcReal, sparcImaginary);
    }

    // ---- holds (half a speed interval behind the newest sample)

    private void processHold(long index) {
        if (!holdActive) {
            if (speed(index) < settings.settledSpeedDegreesPerSecond()) {
                if (settledRunStart < 0) {
                    settledRunStart = index;
                } else if (time(index) - time(settledRunStart) >= HOLD_CORE_SECONDS) {
                    startHold(settledRunStart, index);
                }
            } else {
                settledRunStart = -1;
            }
            return;
        }
        if (!within(index)) {
            if (holdOutSince < 0) {
                holdOutSince = index;
            } else if (time(index) - time(holdOutSince) >= HOLD_EXIT_CONFIRM_SECONDS) {
                long last = holdOutSince - 1;
                endHold(last);
                // what followed the hold is looked at afresh
                for (long next = last + 1; next <= index; next++) {
                    processHold(next);
                }
            }
            return;
        }
        holdOutSince = -1;
        if (speed(index) < settings.settledSpeedDegreesPerSecond()) {
            addToHoldLevel(index, index);
        }
        heldAt(index);
    }

    /** A hold recognised from its settled core {@code first..last}: reach back to where it began. */
    private void startHold(long first, long last) {
        Arrays.fill(holdSums, 0);
        holdSampleCount = 0;
        addToHoldLevel(first, last);
        long oldest = Math.max(Math.max(segmentStart, count - mask), previousHoldEnd + 1);
        long start = first;
        while (start - 1 >= oldest && within(start - 1)) {
            start--;
        }
        holdStart = start;
        holdStartSeconds = time(start);
        holdActive = true;
        for (int axis = 0; axis < AXES; axis++) {
            smallExcursionAtHoldStart[axis] = excursionSign[axis] != 0
                    && excursionPeak[axis] < settings.excursionThresholdDegrees() ? excursionStart[axis] : -1;
        }
        holdOutSince = -1;
        limitWarned = false;
        settledRunStart = -1;
        heldAt(last);
    }

    /** The held posture is the mean of the settled samples: adds samples {@code first..last}. */
    private void addToHoldLevel(long first, long last) {
        for (long index = first; index <= last; index++) {
            for (int axis = 0; axis < AXES; axis++) {
                holdSums[axis] += angle(axis, index);
            }
            holdSampleCount++;
        }
        for (int axis = 0; axis < AXES; axis++) {
            holdLevel[axis] = holdSums[axis] / holdSampleCount;
        }
    }

    /** True when every angle at {@code index} is within the hold tolerance of the held posture. */
    private boolean within(long index) {
        for (int axis = 0; axis < AXES; axis++) {
            if (Math.abs(angle(axis, index) - holdLevel[axis]) > settings.holdToleranceDegrees()) {
                return false;
            }
        }
        return true;
    }

    /** While a hold lasts: neutral follows it where an angle is not in an excursion; end-range warning. */
    private void heldAt(long index) {
        for (int axis = 0; axis < AXES; axis++) {
            int sign = excursionSign[axis];
            // while another angle is out in a repetition, this one's small offset is that
            // repetition's coupled motion (the forward lean of a side bend), not a new posture
            boolean otherOut = anotherAxisInRepetition(axis);
            if (sign == 0) {
                if (!otherOut && Math.abs(holdLevel[axis] - neutral[axis]) <= settings.neutralBandDegrees()) {
                    neutral[axis] = holdLevel[axis];
                }
                continue;
            }
            if (excursionPeak[axis] < settings.minimumRepetitionDegrees()) {
                if (!otherOut) {
                    // too small to be a repetition and now settled: the posture's neutral has moved here
                    newPosture(axis, index);
                }
                continue;
            }
            double out = sign * (holdLevel[axis] - neutral[axis]);
            if (out <= Math.max(settings.neutralBandDegrees(), SETTLED_RETURN_FRACTION * excursionPeak[axis])
                    && holdStart > excursionStart[axis]) {
                // the excursion came back to a posture near neutral and settled there
                endExcursion(axis, holdStart);
                lastNearNeutral[axis] = holdStart;
                neutral[axis] = holdLevel[axis];
            } else if (time(index) - excursionStartSeconds[axis] > settings.maximumExcursionSeconds()) {
                // out for too long: a new posture, not a repetition
                newPosture(axis, index);
            }
        }
        double heldSeconds = time(index) - holdStartSeconds;
        if (!limitWarned && heldSeconds > settings.endRangeHoldLimitSeconds()) {
            double distance = 0;
            for (int axis = 0; axis < AXES; axis++) {
                distance = Math.max(distance, Math.abs(holdLevel[axis]));
            }
            if (distance > settings.endRangeDegrees()) {
                limitWarned = true;
                limitExceededNow = true;
            }
        }
    }

    /** Whether an angle other than {@code axis} is out in an excursion of a repetition's size. */
    private boolean anotherAxisInRepetition(int axis) {
        for (int other = 0; other < AXES; other++) {
            if (other != axis && excursionSign[other] != 0 && excursionPeak[other] >= settings.minimumRepetitionDegrees()) {
                return true;
            }
        }
        return false;
    }

    /** Drops the excursion of {@code axis} without a repetition: the hold it settled in is its new neutral. */
    private void newPosture(int axis, long index) {
        excursionSign[axis] = 0;
        neutral[axis] = holdLevel[axis];
        lastNearNeutral[axis] = index;
    }

    private void endHold(long last) {
        holdActive = false;
        holdOutSince = -1;
        settledRunStart = -1;
        previousHoldEnd = last;
        if (last <= holdStart || time(last) - holdStartSeconds < settings.holdMinimumSeconds()) {
            return;
        }
        holds.add(new Hold(holdStartSeconds, time(last), holdLevel[0], holdLevel[1], holdLevel[2]));
        for (int axis = 0; axis < AXES; axis++) {
            // the excursion the hold began in, still under way, was small then (by now the movement
            // that ended the hold may have taken it further)
            if (excursionSign[axis] != 0 && excursionStart[axis] == smallExcursionAtHoldStart[axis]
                    && holdStart > excursionStart[axis]) {
                settledLevel[axis] = holdLevel[axis];
                settledEnd[axis] = last;
            }
        }
    }

    /** Angular speed at {@code index}, °/s: a centred difference over the speed interval, within the segment and history. */
    private double speed(long index) {
        long before = Math.max(Math.max(segmentStart, count - mask), index - speedLag / 2);
        long after = Math.min(count - 1, index + speedLag / 2);
        if (after <= before) {
            return 0;
        }
        double dt = time(after) - time(before);
        if (!(dt > 0)) {
            return 0;
        }
        double sum = 0;
        for (int axis = 0; axis < AXES; axis++) {
            double change = angle(axis, after) - angle(axis, before);
            sum += change * change;
        }
        return Math.sqrt(sum) / dt;
    }
}
