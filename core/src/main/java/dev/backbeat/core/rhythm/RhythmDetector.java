package dev.backbeat.core.rhythm;

import java.util.ArrayList;
import java.util.List;

/**
 * Streaming repetition and hold detection from the three spinal angles, for the device; the
 * offline {@link RhythmAnalyzer} runs the same detector over a whole recording and then judges
 * partial repetitions against the whole set.
 *
 * <p><b>Repetitions.</b> An excursion starts when any angle leaves the neutral band and ends when
 * all are back; it counts if an angle passed the excursion threshold. Its kind is the angle with
 * the largest peak and the peak's sign. A flexion excursion and an extension excursion less than
 * the pairing window apart are one flexion-extension repetition (a cat-cow cycle); twists and side
 * bends to either side are repetitions of their own. A repetition whose range is under the partial
 * fraction of the typical range of the last repetitions of its kind is marked partial.
 *
 * <p><b>Holds.</b> A hold is a stretch of at least the minimum hold time in which every angle stays
 * within ± the hold tolerance of its midpoint; its start and end are then moved to where the
 * angles' speed crosses the settled speed, so a slow approach does not count as holding. An
 * end-range hold that outlasts the limit raises {@link #endRangeHoldLimitExceeded()} once.
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
    /** A lone flexion or extension this soon after a cat-cow cycle belongs to the cycles' set, s. */
    static final double CYCLE_CONTEXT_SECONDS = 15;

    private final RhythmSettings settings;
    private final double sampleRateHz;
    private final int mask;
    private final double[] times;
    private final double[][] angles = new double[3][];
    private final int speedLag;
    private final double[] sparcSpeed;
    private final double[] sparcReal;
    private final double[] sparcImaginary;
    private final double[] rangeScratch = new double[TYPICAL_RANGE_REPETITIONS];
    private final double[] holdSums = new double[3];
    private double holdStartSeconds;
    private long holdSampleCount;
    private long count;

    private final List<Repetition> repetitions = new ArrayList<>();
    private final List<Hold> holds = new ArrayList<>();
    private final double[][] recentRanges = new double[RepetitionKind.values().length][TYPICAL_RANGE_REPETITIONS];
    private final int[] recentRangeCounts = new int[RepetitionKind.values().length];
    private RepetitionKind lastFullKind;
    private double lastFullEndSeconds;

    // the excursion under way
    private boolean excursion;
    private boolean passedThreshold;
    private long excursionStart;
    private final double[] excursionMaximum = new double[3];
    private final double[] excursionMinimum = new double[3];
    // a finished flexion-axis excursion waiting for its opposite
    private int pendingSign;
    private long pendingStart;
    private long pendingEnd;
    private double pendingFlexionPeak;
    private double pendingExtensionPeak;

    // the hold candidate
    private long holdStart = -1;
    private long holdProcessed;
    private final double[] holdMaximum = new double[3];
    private final double[] holdMinimum = new double[3];
    private boolean limitWarned;
    private boolean limitExceededNow;

    public RhythmDetector(RhythmSettings settings, double sampleRateHz) {
        if (!(sampleRateHz > 0)) {
            throw new IllegalArgumentException("sampleRateHz must be positive, was " + sampleRateHz);
        }
        this.settings = settings;
        this.sampleRateHz = sampleRateHz;
        int capacity = Integer.highestOneBit((int) Math.ceil(HISTORY_SECONDS * sampleRateHz)) << 1;
        this.mask = capacity - 1;
        this.times = new double[capacity];
        for (int angle = 0; angle < 3; angle++) {
            angles[angle] = new double[capacity];
        }
        this.sparcSpeed = new double[capacity];
        int longestSparcInput = (int) Math.ceil(capacity / Math.max(1, Math.floor(sampleRateHz / SPARC_RATE_HZ)));
        this.sparcReal = new double[SpectralArcLength.paddedSize(longestSparcInput)];
        this.sparcImaginary = new double[sparcReal.length];
        this.speedLag = Math.max(1, (int) Math.round(SPEED_INTERVAL_SECONDS * sampleRateHz));
    }

    public RhythmSettings settings() {
        return settings;
    }

    /** Takes the angles (degrees) at {@code timeSeconds}; non-finite angles are skipped. */
    public void update(double timeSeconds, double flexionDegrees, double sideBendDegrees, double twistDegrees) {
        if (!Double.isFinite(flexionDegrees) || !Double.isFinite(sideBendDegrees) || !Double.isFinite(twistDegrees)) {
            return;
        }
        limitExceededNow = false;
        long index = count++;
        int slot = (int) (index & mask);
        times[slot] = timeSeconds;
        angles[0][slot] = flexionDegrees;
        angles[1][slot] = sideBendDegrees;
        angles[2][slot] = twistDegrees;
        expirePending(timeSeconds);
        trackExcursion(index);
        trackHolds();
    }

    /** Ends the recording: a pending excursion counts alone, a hold under way ends here. */
    public void finish() {
        if (excursion && count > 0) {
            // an excursion cut off by the end of the recording is not a repetition
            excursion = false;
        }
        if (pendingSign != 0) {
            emitPendingAlone();
        }
        while (holdProcessed < count) {
            processHold(holdProcessed++);
        }
        if (holdStart >= 0 && count > 0) {
            endHold(count - 1);
            holdStart = -1;
        }
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

    /** Every repetition so far, partial ones included, in time order. */
    public List<Repetition> repetitions() {
        return List.copyOf(repetitions);
    }

    public List<Hold> holds() {
        return List.copyOf(holds);
    }

    // ---- repetitions

    private void trackExcursion(long index) {
        int slot = (int) (index & mask);
        double largest = 0;
        for (int angle = 0; angle < 3; angle++) {
            largest = Math.max(largest, Math.abs(angles[angle][slot]));
        }
        if (!excursion) {
            if (largest > settings.neutralBandDegrees()) {
                excursion = true;
                passedThreshold = false;
                excursionStart = index;
                for (int angle = 0; angle < 3; angle++) {
                    excursionMaximum[angle] = angles[angle][slot];
                    excursionMinimum[angle] = angles[angle][slot];
                }
            }
        } else if (largest <= settings.neutralBandDegrees()) {
            excursion = false;
            if (passedThreshold) {
                endExcursion(index);
            }
            return;
        }
        if (excursion) {
            for (int angle = 0; angle < 3; angle++) {
                excursionMaximum[angle] = Math.max(excursionMaximum[angle], angles[angle][slot]);
                excursionMinimum[angle] = Math.min(excursionMinimum[angle], angles[angle][slot]);
            }
            passedThreshold |= largest > settings.excursionThresholdDegrees();
        }
    }

    private void endExcursion(long endIndex) {
        int dominant = 0;
        double dominantPeak = 0;
        for (int angle = 0; angle < 3; angle++) {
            double peak = Math.max(excursionMaximum[angle], -excursionMinimum[angle]);
            if (peak > dominantPeak) {
                dominantPeak = peak;
                dominant = angle;
            }
        }
        int sign = excursionMaximum[dominant] >= -excursionMinimum[dominant] ? 1 : -1;
        double flexionPeak = Math.max(0, excursionMaximum[0]);
        double extensionPeak = Math.max(0, -excursionMinimum[0]);
        if (dominant == 0) {
            if (pendingSign == -sign) {
                double pairedFlexion = Math.max(flexionPeak, pendingFlexionPeak);
                double pairedExtension = Math.max(extensionPeak, pendingExtensionPeak);
                emit(pendingStart, endIndex, RepetitionKind.FLEXION_EXTENSION, pairedFlexion, pairedExtension,
                        pairedFlexion + pairedExtension, 0);
                pendingSign = 0;
                return;
            }
            if (pendingSign != 0) {
                emitPendingAlone();
            }
            pendingSign = sign;
            pendingStart = excursionStart;
            pendingEnd = endIndex;
            pendingFlexionPeak = flexionPeak;
            pendingExtensionPeak = extensionPeak;
            return;
        }
        RepetitionKind kind = dominant == 1
                ? (sign > 0 ? RepetitionKind.SIDE_BEND_RIGHT : RepetitionKind.SIDE_BEND_LEFT)
                : (sign > 0 ? RepetitionKind.TWIST_RIGHT : RepetitionKind.TWIST_LEFT);
        if (pendingSign != 0) {
            emitPendingAlone();
        }
        emit(excursionStart, endIndex, kind, flexionPeak, extensionPeak, dominantPeak, dominant);
    }

    private void expirePending(double timeSeconds) {
        if (pendingSign != 0 && !excursion && timeSeconds - times[(int) (pendingEnd & mask)] > pairingWindowSeconds()) {
            emitPendingAlone();
        }
    }

    /**
     * How long a flexion-axis excursion waits for its opposite: the pairing window, or half the
     * excursion's own duration when that is longer (slow cycles pause longer at neutral).
     */
    private double pairingWindowSeconds() {
        double pendingDuration = times[(int) (pendingEnd & mask)] - times[(int) (pendingStart & mask)];
        return Math.max(settings.pairingWindowSeconds(), 0.5 * pendingDuration);
    }

    private void emitPendingAlone() {
        RepetitionKind kind = pendingSign > 0 ? RepetitionKind.FLEXION : RepetitionKind.EXTENSION;
        double range = pendingSign > 0 ? pendingFlexionPeak : pendingExtensionPeak;
        emit(pendingStart, pendingEnd, kind, pendingFlexionPeak, pendingExtensionPeak, range, 0);
        pendingSign = 0;
    }

    private void emit(long startIndex, long endIndex, RepetitionKind kind, double flexionPeak, double extensionPeak,
                      double range, int dominantAngle) {
        double typical = typicalRange(kind);
        boolean partial = !Double.isNaN(typical) && range < settings.partialFraction() * typical;
        if (!partial) {
            rememberRange(kind, range);
            lastFullKind = kind;
            lastFullEndSeconds = times[(int) (endIndex & mask)];
        }
        repetitions.add(new Repetition(times[(int) (startIndex & mask)], times[(int) (endIndex & mask)], kind,
                flexionPeak, extensionPeak, range, smoothness(startIndex, endIndex, dominantAngle), partial));
    }

    /**
     * Median range of the last full repetitions of {@code kind}, NaN before the first. A lone flexion
     * or extension right after cat-cow cycles is judged against the cycles (a half-hearted cycle).
     */
    private double typicalRange(RepetitionKind kind) {
        int n = recentRangeCounts[kind.ordinal()];
        if (n == 0 && (kind == RepetitionKind.FLEXION || kind == RepetitionKind.EXTENSION)
                && lastFullKind == RepetitionKind.FLEXION_EXTENSION && count > 0
                && times[(int) ((count - 1) & mask)] - lastFullEndSeconds < CYCLE_CONTEXT_SECONDS) {
            kind = RepetitionKind.FLEXION_EXTENSION;
            n = recentRangeCounts[kind.ordinal()];
        }
        if (n == 0) {
            return Double.NaN;
        }
        int used = Math.min(n, TYPICAL_RANGE_REPETITIONS);
        System.arraycopy(recentRanges[kind.ordinal()], 0, rangeScratch, 0, used);
        java.util.Arrays.sort(rangeScratch, 0, used);
        return rangeScratch[used / 2];
    }

    private void rememberRange(RepetitionKind kind, double range) {
        int n = recentRangeCounts[kind.ordinal()]++;
        recentRanges[kind.ordinal()][n % TYPICAL_RANGE_REPETITIONS] = range;
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
        return SpectralArcLength.of(sparcSpeed, decimated, sampleRateHz / block, sparcReal, sparcImaginary);
    }

    // ---- holds
    // A hold candidate starts at the first settled sample (angles moving slower than the settled
    // speed) and lasts while every angle stays within the tolerance of its midpoint; it ends at the
    // last settled sample before the range broke. Speed is a centred difference, so holds are
    // tracked half a speed interval behind the newest sample.

    private void trackHolds() {
        while (holdProcessed + speedLag / 2 < count) {
            processHold(holdProcessed++);
        }
    }

    private void processHold(long index) {
        int slot = (int) (index & mask);
        if (holdStart < 0) {
            if (speed(index) < settings.settledSpeedDegreesPerSecond()) {
                startHoldCandidate(index);
            }
            return;
        }
        for (int angle = 0; angle < 3; angle++) {
            double value = angles[angle][slot];
            if (Math.max(holdMaximum[angle], value) - Math.min(holdMinimum[angle], value) > 2 * settings.holdToleranceDegrees()) {
                endHold(index - 1);
                holdStart = -1;
                processHold(index);
                return;
            }
        }
        for (int angle = 0; angle < 3; angle++) {
            holdMaximum[angle] = Math.max(holdMaximum[angle], angles[angle][slot]);
            holdMinimum[angle] = Math.min(holdMinimum[angle], angles[angle][slot]);
            holdSums[angle] += angles[angle][slot];
        }
        holdSampleCount++;
        double heldSeconds = times[slot] - holdStartSeconds;
        if (!limitWarned && heldSeconds > settings.endRangeHoldLimitSeconds()) {
            double midpoint = 0;
            for (int angle = 0; angle < 3; angle++) {
                midpoint = Math.max(midpoint, Math.abs(0.5 * (holdMaximum[angle] + holdMinimum[angle])));
            }
            if (midpoint > settings.endRangeDegrees()) {
                limitWarned = true;
                limitExceededNow = true;
            }
        }
    }

    private void startHoldCandidate(long index) {
        int slot = (int) (index & mask);
        holdStart = index;
        holdStartSeconds = times[slot];
        holdSampleCount = 1;
        limitWarned = false;
        for (int angle = 0; angle < 3; angle++) {
            holdMaximum[angle] = angles[angle][slot];
            holdMinimum[angle] = angles[angle][slot];
            holdSums[angle] = angles[angle][slot];
        }
    }

    /**
     * Ends the candidate at {@code lastIndex}; records it if it lasted the minimum time, reported
     * to where the movement out of it began. The start time and the angle sums are kept as the
     * hold goes, so a hold longer than the sample history is still found whole.
     */
    private void endHold(long lastIndex) {
        long first = holdStart;
        if (lastIndex <= first) {
            return;
        }
        // the definition: every angle within the tolerance for the minimum time
        if (times[(int) (lastIndex & mask)] - holdStartSeconds < settings.holdMinimumSeconds()) {
            return;
        }
        // the reported end: where the movement out of the hold began (within the recent history)
        long oldestKept = Math.max(first, count - mask);
        long settledLast = lastIndex;
        double[] sums = {holdSums[0], holdSums[1], holdSums[2]};
        long samples = holdSampleCount;
        while (settledLast > oldestKept && speed(settledLast) > settings.settledSpeedDegreesPerSecond()) {
            for (int angle = 0; angle < 3; angle++) {
                sums[angle] -= angles[angle][(int) (settledLast & mask)];
            }
            samples--;
            settledLast--;
        }
        holds.add(new Hold(holdStartSeconds, times[(int) (settledLast & mask)], sums[0] / samples, sums[1] / samples,
                sums[2] / samples));
    }

    /** Angular speed at {@code index}, °/s: a centred difference over the speed interval, clipped to the data. */
    private double speed(long index) {
        long before = Math.max(Math.max(0, count - mask), index - speedLag / 2);
        long after = Math.min(count - 1, index + speedLag / 2);
        if (after <= before) {
            return 0;
        }
        int a = (int) (after & mask);
        int b = (int) (before & mask);
        double dt = times[a] - times[b];
        double sum = 0;
        for (int angle = 0; angle < 3; angle++) {
            double change = angles[angle][a] - angles[angle][b];
            sum += change * change;
        }
        return Math.sqrt(sum) / dt;
    }
}
