// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.orientation.OfflineOrientationEstimator;
import dev.backbeat.core.recording.LostSamples;
import dev.backbeat.core.session.SensorTrack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Offline spinal angles for a whole recording (re-analysis on the host, imported files).
 *
 * <ol>
 *   <li>Each sensor's orientation from the forward-backward {@link OfflineOrientationEstimator}
 *       (6D: magnetic fields near the body are not trusted).</li>
 *   <li>The neutral posture: the first still, upright stand near the start (high confidence when it
 *       lasts ≥ 3 s), else the longest still, upright stretch, else the first second
 *       ({@link NeutralEstimate}).</li>
 *   <li>Each sensor's mounting from the up direction during the neutral stretch, and a heading
 *       alignment that makes the two segments' back normals agree there; then each sensor's
 *       rotation about the spine, which no stand can show, from the session's own bends
 *       ({@link FunctionalAxis}).</li>
 *   <li>Upper segment relative to the pelvis segment at every upper sample, the lower orientation
 *       interpolated to that instant, decomposed into {@link SpinalAngles}.</li>
 *   <li>Heading drift: the gyroscope offsets about the vertical are not measured without a long
 *       stand and make the segments' relative heading drift (twist when upright, side bend on hands
 *       and knees); {@link HeadingDrift} finds that drift as the smooth trend the relative heading
 *       keeps coming back to, and the heading alignment follows it.</li>
 *   <li>Twist re-zeroing: at every later still, upright stand with flexion and side bend near
 *       neutral the heading alignment is measured again; between such references the correction
 *       is interpolated linearly, so what drift is left is taken out rather than accumulated.</li>
 * </ol>
 */
public final class SpinalAnalyzer {

    /** A still, upright stretch must last this long to serve as neutral, s. */
    static final double MINIMUM_STRETCH_SECONDS = 1.0;
    /**
     * A later still, upright stand this long re-zeroes twist, s: the rests between repetitions are
     * often this short, and a residual gyroscope offset about the spine accumulates between them.
     */
    static final double REFERENCE_STAND_SECONDS = 1.0;
    /** A still, upright stretch at the very start may be this short and still serve as neutral (confidence low), s. */
    static final double SHORT_STAND_SECONDS = 0.25;
    /** ... if it begins within this of the first sample, s. */
    static final double SHORT_STAND_START_SECONDS = 0.5;
    /** Without any still stretch, the neutral is taken from this much of the start, s. */
    static final double FALLBACK_WINDOW_SECONDS = 1.0;
    /** Averaging window of the stillness test, s. */
    static final double STILLNESS_WINDOW_SECONDS = 0.5;
    /** Largest mean angular rate of a still sensor, °/s (breathing moves the chest by about 0.5 °/s). */
    static final double STILL_RATE_DEGREES_PER_SECOND = 2.0;
    /** Largest deviation of the specific force from gravity for a still sensor, m/s². */
    static final double STILL_ACCELERATION_METERS_PER_SECOND_SQUARED = 0.5;
    static final double GRAVITY_METERS_PER_SECOND_SQUARED = 9.81;
    /** Twist drift still possible per second since a reference, degrees/s (two sensors' residual bias, 0.03 °/s each). */
    static final double TWIST_DRIFT_RATE_DEGREES_PER_SECOND = 0.03 * Math.sqrt(2);

    private final SpinalAnalysisSettings settings;

    public SpinalAnalyzer(SpinalAnalysisSettings settings) {
        this.settings = settings;
    }

    /** One sensor's orientations and rest flags over the recording. */
    /**
     * @param angularRate interleaved x y z rad/s with the standing offset and the filter's bias estimate removed
     */
    private record SensorEstimate(SensorTrack track, double[] orientations, boolean[] still, double[] up,
                                  double[] angularRate, int quarterTurns) {

        /**
         * How far the sensor sits from its nominal orientation, degrees: {@code mount} (found in the
         * frame its axes were relabelled to) after the quarter turns of the relabelling.
         */
        double mountDegrees(Quaternion mount) {
            Quaternion turn = Quaternion.fromAxisAngle(Vector3.UNIT_Z, quarterTurns * Math.PI / 2);
            return Math.toDegrees(mount.times(turn).angleRadians());
        }

        Quaternion orientation(int index) {
            int base = 4 * index;
            return new Quaternion(orientations[base], orientations[base + 1], orientations[base + 2], orientations[base + 3]);
        }

        /** The earth's up direction in the sensor frame at {@code index}. */
        Vector3 up(int index) {
            return new Vector3(up[3 * index], up[3 * index + 1], up[3 * index + 2]);
        }

        int count() {
            return still.length;
        }
    }

    /**
     * Analyses a recording. {@code lower} may be null (one sensor: inclination only). With only a
     * lower sensor, pass it as {@code upper} and null as {@code lower}.
     */
    public SpinalAnalysis analyze(SensorTrack upper, SensorTrack lower) {
        if (upper == null || upper.sampleCount() < 2) {
            throw new IllegalArgumentException("need at least two samples of a sensor");
        }
        // the two sensors' orientation estimates are independent: run them on two cores
        java.util.concurrent.CompletableFuture<SensorEstimate> lowerFuture = lower == null || lower.sampleCount() < 2
                ? java.util.concurrent.CompletableFuture.completedFuture(null)
                : java.util.concurrent.CompletableFuture.supplyAsync(() -> estimate(lower));
        SensorEstimate upperEstimate = estimate(upper);
        SensorEstimate lowerEstimate = lowerFuture.join();
        int[] lowerIndexBefore = lowerEstimate == null ? null : pairIndices(upper, lower);
        boolean[] stillUpright = stillUpright(upperEstimate, lowerEstimate, lowerIndexBefore);
        NeutralWindow window = findNeutral(upper, stillUpright, upperEstimate, lowerEstimate, lowerIndexBefore);

        Quaternion upperMount = NeutralCalibration.mountFromGravity(meanUp(upperEstimate, window.first, window.last));
        int n = upper.sampleCount();
        double[] time = new double[n];
        for (int index = 0; index < n; index++) {
            time[index] = upper.timeSeconds(index);
        }
        double[] sagittal = new double[n];
        double[] frontal = new double[n];
        Quaternion upperMountInverse = upperMount.conjugate();
        Quaternion sensorToSegment = upperMount;
        inHalves(n, (from, to) -> {
            for (int index = from; index < to; index++) {
                Vector3 upInSegment = sensorToSegment.rotate(upperEstimate.up(index));
                sagittal[index] = Math.toDegrees(Math.atan2(upInSegment.z(), upInSegment.x()));
                frontal[index] = Math.toDegrees(Math.atan2(upInSegment.y(),
                        Math.hypot(upInSegment.x(), upInSegment.z())));
            }
        });
        if (lowerEstimate == null) {
            NeutralEstimate neutral = new NeutralEstimate(window.method, time[window.first], time[window.last],
                    window.confidence, upperEstimate.mountDegrees(upperMount), Double.NaN, 0);
            return new SpinalAnalysis(1, time, null, null, null, sagittal, frontal, neutral, List.of(), Double.NaN,
                    null);
        }

        int lowerFirst = Math.max(0, lowerIndexBefore[window.first]);
        int lowerLast = Math.max(lowerFirst, lowerIndexBefore[window.last]);
        Quaternion lowerMount = NeutralCalibration.mountFromGravity(meanUp(lowerEstimate, lowerFirst, lowerLast));
        double functionalCorrection = 0;
        Segments segments = new Segments(upperEstimate, lowerEstimate, lowerIndexBefore, upper, lower);
        if (settings.functionalCalibration()) {
            Quaternion lowerMountFromGravity = lowerMount;
            java.util.concurrent.CompletableFuture<FunctionalAxis> lowerAxisFuture = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> FunctionalAxis.estimate(lowerEstimate.angularRate(), lowerMountFromGravity,
                            lower.medianSampleRateHz()));
            FunctionalAxis upperAxis = FunctionalAxis.estimate(upperEstimate.angularRate(), upperMount, upper.medianSampleRateHz());
            FunctionalAxis lowerAxis = lowerAxisFuture.join();
            if (upperAxis.found() && lowerAxis.found()) {
                upperMount = Quaternion.fromAxisAngle(Vector3.UNIT_X, -upperAxis.correctionRadians()).times(upperMount);
                lowerMount = Quaternion.fromAxisAngle(Vector3.UNIT_X, -lowerAxis.correctionRadians()).times(lowerMount);
                upperMountInverse = upperMount.conjugate();
                functionalCorrection = Math.toDegrees(Math.max(Math.abs(upperAxis.correctionRadians()),
                        Math.abs(lowerAxis.correctionRadians())));
            }
        }
        Quaternion lowerMountInverse = lowerMount.conjugate();
        double[] alignment = new double[n];
        double initialAlignment = headingAlignmentOver(segments, upperMountInverse, lowerMountInverse, window.first, window.last);
        double anchorSeconds = 0.5 * (time[window.first] + time[window.last]);
        // the gyroscope offsets about the vertical, unmeasured without a long stand (and drifting
        // after one): the alignment follows the relative heading's drift
        double[] headingDrift = HeadingDrift.estimate(time,
                segments.relativeHeadings(upperMountInverse, lowerMountInverse, initialAlignment), anchorSeconds);
        double[] base = new double[n];
        for (int index = 0; index < n; index++) {
            base[index] = initialAlignment - headingDrift[index];
            alignment[index] = base[index];
        }
        // where later neutral stands may be, the angles with the base alignment
        double[][] angles = segments.angles(upperMountInverse, lowerMountInverse, alignment, stillUpright);

        // re-zero twist at later neutral stands
        List<Double> referenceTimes = new ArrayList<>();
        List<int[]> references = laterNeutralStands(time, stillUpright, angles, window.last);
        double[] referenceTime = new double[references.size() + 1];
        double[] referenceAlignment = new double[references.size() + 1];
        referenceTime[0] = anchorSeconds;
        referenceAlignment[0] = 0;
        int accepted = 1;
        for (int[] stretch : references) {
            double middle = 0.5 * (time[stretch[0]] + time[stretch[1]]);
            // the reference's correction on top of the base alignment there
            double measured = headingAlignmentOver(segments, upperMountInverse, lowerMountInverse, stretch[0], stretch[1])
                    - base[(stretch[0] + stretch[1]) / 2];
            double drift = Math.toDegrees(Math.abs(wrap(measured - referenceAlignment[accepted - 1])));
            double plausible = 3 + 5 * TWIST_DRIFT_RATE_DEGREES_PER_SECOND * (middle - referenceTime[accepted - 1]);
            if (drift <= plausible) {
                referenceTime[accepted] = middle;
                referenceAlignment[accepted] = referenceAlignment[accepted - 1] + wrap(measured - referenceAlignment[accepted - 1]);
                referenceTimes.add(middle);
                accepted++;
            }
        }
        double maximumDrift = 0;
        // the references are in time order, as are the samples: the nearest reference is the last one at or
        // before the sample or the one after it
        int next = 0;
        for (int index = 0; index < n; index++) {
            alignment[index] = base[index] + interpolate(referenceTime, referenceAlignment, accepted, time[index]);
            while (next < accepted && referenceTime[next] <= time[index]) {
                next++;
            }
            double nearest = Double.POSITIVE_INFINITY;
            if (next > 0) {
                nearest = Math.abs(time[index] - referenceTime[next - 1]);
            }
            if (next < accepted) {
                nearest = Math.min(nearest, Math.abs(time[index] - referenceTime[next]));
            }
            maximumDrift = Math.max(maximumDrift, TWIST_DRIFT_RATE_DEGREES_PER_SECOND * nearest);
        }
        angles = segments.angles(upperMountInverse, lowerMountInverse, alignment, null);
        NeutralEstimate neutral = new NeutralEstimate(window.method, time[window.first], time[window.last],
                window.confidence, upperEstimate.mountDegrees(upperMount), lowerEstimate.mountDegrees(lowerMount),
                functionalCorrection);
        double[] pelvisInclination = new double[n];
        Quaternion pelvisMount = lowerMount;
        inHalves(n, (from, to) -> {
            for (int index = from; index < to; index++) {
                Vector3 upInPelvis = pelvisMount.rotate(lowerEstimate.up(Math.max(0, lowerIndexBefore[index])));
                pelvisInclination[index] = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, upInPelvis.x()))));
            }
        });
        return new SpinalAnalysis(2, time, angles[0], angles[1], angles[2], sagittal, frontal, neutral,
                List.copyOf(referenceTimes), maximumDrift,
                pelvisInclination);
    }

    private SensorEstimate estimate(SensorTrack track) {
        int n = track.sampleCount();
        double rateHz = sampleRateHz(track);
        // the filters step one period per sample: lost samples are filled in, then read back out
        LostSamples grid = LostSamples.fill(track, rateHz);
        double[] gyroscope = grid.gyroscopeInterleaved();
        double[] accelerometer = grid.accelerometerInterleaved();
        // a sensor turned by a quarter turn or more in the back's plane: its axes relabelled first
        int quarterTurns = QuarterTurnMounting.quarterTurns(accelerometer, rateHz);
        QuarterTurnMounting.turn(gyroscope, quarterTurns);
        QuarterTurnMounting.turn(accelerometer, quarterTurns);
        StandingGyroscopeOffset.subtract(gyroscope, StandingGyroscopeOffset.measure(gyroscope, accelerometer, rateHz));
        OfflineOrientationEstimator.Result result =
                new OfflineOrientationEstimator(settings.orientation(), rateHz).estimate(gyroscope, accelerometer, null);
        double[] gridOrientations = result.orientation6D();
        boolean[] gridStill = stillness(gyroscope, accelerometer, result.gyroscopeBias(), rateHz);
        double[] bias = result.gyroscopeBias();
        double[] orientations = new double[4 * n];
        boolean[] still = new boolean[n];
        double[] up = new double[3 * n];
        double[] angularRate = new double[3 * n];
        for (int index = 0; index < n; index++) {
            int at = grid.gridIndex(index);
            System.arraycopy(gridOrientations, 4 * at, orientations, 4 * index, 4);
            still[index] = gridStill[at];
            int base = 4 * index;
            Vector3 upInSensor = new Quaternion(orientations[base], orientations[base + 1], orientations[base + 2],
                    orientations[base + 3]).inverseRotate(Vector3.UNIT_Z);
            up[3 * index] = upInSensor.x();
            up[3 * index + 1] = upInSensor.y();
            up[3 * index + 2] = upInSensor.z();
            for (int axis = 0; axis < 3; axis++) {
                angularRate[3 * index + axis] = gyroscope[3 * at + axis] - bias[3 * at + axis];
            }
        }
        return new SensorEstimate(track, orientations, still, up, angularRate, quarterTurns);
    }

    /**
     * Whether the sensor is still at each sample: the bias-corrected angular rate, averaged over
     * {@value #STILLNESS_WINDOW_SECONDS} s around the sample, below {@value #STILL_RATE_DEGREES_PER_SECOND} °/s,
     * and the specific force within {@value #STILL_ACCELERATION_METERS_PER_SECOND_SQUARED} m/s² of gravity.
     * Unlike the filter's rest detection this needs no settling time, so a short stand counts.
     */
    static boolean[] stillness(double[] gyroscope, double[] accelerometer, double[] bias, double rateHz) {
        int n = gyroscope.length / 3;
        double[] rate = new double[n];
        for (int index = 0; index < n; index++) {
            int base = 3 * index;
            double x = gyroscope[base] - bias[base];
            double y = gyroscope[base + 1] - bias[base + 1];
            double z = gyroscope[base + 2] - bias[base + 2];
            rate[index] = Math.sqrt(x * x + y * y + z * z);
        }
        int half = Math.max(1, (int) Math.round(STILLNESS_WINDOW_SECONDS * rateHz / 2));
        double[] prefix = new double[n + 1];
        for (int index = 0; index < n; index++) {
            prefix[index + 1] = prefix[index] + rate[index];
        }
        double rateLimit = Math.toRadians(STILL_RATE_DEGREES_PER_SECOND);
        boolean[] still = new boolean[n];
        for (int index = 0; index < n; index++) {
            int from = Math.max(0, index - half);
            int to = Math.min(n, index + half + 1);
            double meanRate = (prefix[to] - prefix[from]) / (to - from);
            int base = 3 * index;
            double force = Math.sqrt(accelerometer[base] * accelerometer[base] + accelerometer[base + 1] * accelerometer[base + 1]
                    + accelerometer[base + 2] * accelerometer[base + 2]);
            still[index] = meanRate < rateLimit && Math.abs(force - GRAVITY_METERS_PER_SECOND_SQUARED)
                    < STILL_ACCELERATION_METERS_PER_SECOND_SQUARED;
        }
        return still;
    }

    /** The median sample rate of a track, Hz; refuses a track whose samples have no time between them. */
    static double sampleRateHz(SensorTrack track) {
        double rateHz = track.medianSampleRateHz();
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException(track.sensor().label() + " samples have no time between them");
        }
        return rateHz;
    }

    /** For each upper sample, the index of the last lower sample at or before it (-1 if none). */
    private static int[] pairIndices(SensorTrack upper, SensorTrack lower) {
        int[] before = new int[upper.sampleCount()];
        int lowerIndex = -1;
        for (int index = 0; index < upper.sampleCount(); index++) {
            double time = upper.timeSeconds(index);
            while (lowerIndex + 1 < lower.sampleCount() && lower.timeSeconds(lowerIndex + 1) <= time) {
                lowerIndex++;
            }
            before[index] = lowerIndex;
        }
        return before;
    }

    private boolean[] stillUpright(SensorEstimate upper, SensorEstimate lower, int[] lowerIndexBefore) {
        double cosineTolerance = Math.cos(Math.toRadians(settings.uprightToleranceDegrees()));
        boolean[] result = new boolean[upper.count()];
        for (int index = 0; index < result.length; index++) {
            boolean ok = upper.still[index] && upper.up[3 * index] > cosineTolerance;
            if (ok && lower != null) {
                int lowerIndex = Math.max(0, lowerIndexBefore[index]);
                ok = lower.still[lowerIndex] && lower.up[3 * lowerIndex] > cosineTolerance;
            }
            result[index] = ok;
        }
        return result;
    }

    private record NeutralWindow(int first, int last, NeutralEstimate.Method method, String confidence) {
    }

    /**
     * The neutral posture's stretch. A recording that begins still (a stand of at least
     * {@value #SHORT_STAND_SECONDS} s within {@value #SHORT_STAND_START_SECONDS} s of its start) takes
     * that stand. One that begins moving had no stand, but began in the posture the person starts
     * from, which is neutral: the first still, upright stretch held in that posture (see
     * {@link #heldStartingPosture}) is taken, so that a hold at end range before it is not. Without
     * one, the first still, upright stretch near the start, then the longest elsewhere, then the
     * start of the recording.
     */
    private NeutralWindow findNeutral(SensorTrack upper, boolean[] stillUpright, SensorEstimate upperEstimate,
                                      SensorEstimate lowerEstimate, int[] lowerIndexBefore) {
        int n = stillUpright.length;
        double start = upper.timeSeconds(0);
        List<int[]> stretches = stretches(stillUpright);
        if (!beginsStill(upper, stretches)) {
            NeutralWindow held = heldStartingPosture(upper, stretches, upperEstimate, lowerEstimate, lowerIndexBefore);
            if (held != null) {
                return held;
            }
        }
        int bestFirst = -1;
        int bestLast = -1;
        for (int[] stretch : stretches) {
            int first = stretch[0];
            int last = stretch[1];
            double duration = upper.timeSeconds(last) - upper.timeSeconds(first);
            if (bestFirst < 0 && duration >= SHORT_STAND_SECONDS && duration < MINIMUM_STRETCH_SECONDS
                    && upper.timeSeconds(first) - start <= SHORT_STAND_START_SECONDS) {
                // people often stand for well under a second before they start: that stand is still
                // the best neutral there is (rather than a pause somewhere later), if less certain
                return new NeutralWindow(first, last, NeutralEstimate.Method.STAND_AT_START, "low");
            }
            if (duration >= MINIMUM_STRETCH_SECONDS
                    && upper.timeSeconds(first) - start <= settings.searchStandWithinSeconds()) {
                return new NeutralWindow(first, last, NeutralEstimate.Method.STAND_AT_START,
                        duration >= settings.minimumStandSeconds() ? "high" : "medium");
            }
            if (duration >= MINIMUM_STRETCH_SECONDS
                    && (bestFirst < 0 || duration > upper.timeSeconds(bestLast) - upper.timeSeconds(bestFirst))) {
                bestFirst = first;
                bestLast = last;
            }
        }
        if (bestFirst >= 0) {
            return new NeutralWindow(bestFirst, bestLast, NeutralEstimate.Method.STILLEST_UPRIGHT_STRETCH, "medium");
        }
        int last = 0;
        while (last + 1 < n && upper.timeSeconds(last + 1) - start <= FALLBACK_WINDOW_SECONDS) {
            last++;
        }
        return new NeutralWindow(0, last, NeutralEstimate.Method.START_OF_RECORDING, "low");
    }

    /** The runs of true in {@code flags}, each as its first and last index, in order. */
    static List<int[]> stretches(boolean[] flags) {
        List<int[]> stretches = new ArrayList<>();
        int index = 0;
        while (index < flags.length) {
            if (!flags[index]) {
                index++;
                continue;
            }
            int first = index;
            while (index + 1 < flags.length && flags[index + 1]) {
                index++;
            }
            stretches.add(new int[] {first, index});
            index++;
        }
        return stretches;
    }

    /** Whether one of the still, upright {@code stretches} of at least {@value #SHORT_STAND_SECONDS} s begins within {@value #SHORT_STAND_START_SECONDS} s of the start. */
    private static boolean beginsStill(SensorTrack upper, List<int[]> stretches) {
        double start = upper.timeSeconds(0);
        for (int[] stretch : stretches) {
            if (upper.timeSeconds(stretch[0]) - start > SHORT_STAND_START_SECONDS) {
                return false;
            }
            if (upper.timeSeconds(stretch[1]) - upper.timeSeconds(stretch[0]) >= SHORT_STAND_SECONDS) {
                return true;
            }
        }
        return false;
    }

    /** The posture a recording begins in is read over this much of its start, s (a movement just begun has barely left it). */
    static final double STARTING_POSTURE_SECONDS = 0.2;
    /**
     * A still stretch is held in the starting posture when each sensor's vertical is within this
     * of its vertical at the start, degrees: half the 10° that makes a repetition, so a hold at the
     * end of one is not taken for it.
     */
    static final double STARTING_POSTURE_TOLERANCE_DEGREES = 5;

    /**
     * The first still, upright stretch of at least {@value #MINIMUM_STRETCH_SECONDS} s in which both
     * sensors' verticals are within {@value #STARTING_POSTURE_TOLERANCE_DEGREES}° of theirs over the
     * recording's first {@value #STARTING_POSTURE_SECONDS} s; null if there is none.
     */
    private static NeutralWindow heldStartingPosture(SensorTrack upper, List<int[]> stretches, SensorEstimate upperEstimate,
                                                     SensorEstimate lowerEstimate, int[] lowerIndexBefore) {
        int n = upper.sampleCount();
        double start = upper.timeSeconds(0);
        int startLast = 0;
        while (startLast + 1 < n && upper.timeSeconds(startLast + 1) - start <= STARTING_POSTURE_SECONDS) {
            startLast++;
        }
        Vector3 upperStart = meanUp(upperEstimate, 0, startLast);
        Vector3 lowerStart = lowerEstimate == null ? null
                : meanUp(lowerEstimate, 0, Math.max(0, lowerIndexBefore[startLast]));
        double cosineTolerance = Math.cos(Math.toRadians(STARTING_POSTURE_TOLERANCE_DEGREES));
        for (int[] stretch : stretches) {
            int first = stretch[0];
            int last = stretch[1];
            if (upper.timeSeconds(last) - upper.timeSeconds(first) < MINIMUM_STRETCH_SECONDS) {
                continue;
            }
            boolean held = meanUp(upperEstimate, first, last).dot(upperStart) >= cosineTolerance;
            if (held && lowerStart != null) {
                int lowerFirst = Math.max(0, lowerIndexBefore[first]);
                int lowerLast = Math.max(lowerFirst, lowerIndexBefore[last]);
                held = meanUp(lowerEstimate, lowerFirst, lowerLast).dot(lowerStart) >= cosineTolerance;
            }
            if (held) {
                return new NeutralWindow(first, last, NeutralEstimate.Method.STARTING_POSTURE_HELD, "medium");
            }
        }
        return null;
    }

    private static Vector3 meanUp(SensorEstimate estimate, int first, int last) {
        double x = 0;
        double y = 0;
        double z = 0;
        for (int index = first; index <= last; index++) {
            x += estimate.up[3 * index];
            y += estimate.up[3 * index + 1];
            z += estimate.up[3 * index + 2];
        }
        return new Vector3(x, y, z).normalized();
    }

    /** Both segments' orientations at each upper sample, for a given calibration. */
    private record Segments(SensorEstimate upper, SensorEstimate lower, int[] lowerIndexBefore,
                            SensorTrack upperTrack, SensorTrack lowerTrack) {

        /**
         * Flexion, side bend and twist per upper sample; {@code alignment} radians about earth z per
         * sample. With {@code only} given, samples where it is false are left at zero. Primitive
         * quaternion arithmetic: this runs for every sample of long recordings.
         */
        double[][] angles(Quaternion upperMountInverse, Quaternion lowerMountInverse, double[] alignment, boolean[] only) {
            double[][] result = new double[3][upper.count()];
            inHalves(upper.count(), (from, to) -> angles(upperMountInverse, lowerMountInverse, alignment, only, result, from, to));
            return result;
        }

        /** {@link #angles(Quaternion, Quaternion, double[], boolean[])} of the samples {@code from..to-1} into {@code result}. */
        private void angles(Quaternion upperMountInverse, Quaternion lowerMountInverse, double[] alignment, boolean[] only,
                            double[][] result, int from, int to) {
            double[] lowerOrientation = new double[4];
            double[] upperSegment = new double[4];
            double[] lowerSegment = new double[4];
            double[] relative = new double[4];
            double[] degrees = new double[3];
            double[] um = components(upperMountInverse);
            double[] lm = components(lowerMountInverse);
            for (int index = from; index < to; index++) {
                if (only != null && !only[index]) {
                    continue;
                }
                segmentsAt(index, um, lm, lowerOrientation, upperSegment, lowerSegment);
                // upper segment = Rz(alignment) ⊗ q_upper ⊗ M_upper⁻¹
                double half = 0.5 * alignment[index];
                double cosine = Math.cos(half);
                double sine = Math.sin(half);
                double w = upperSegment[0];
                double x = upperSegment[1];
                double y = upperSegment[2];
                double z = upperSegment[3];
                upperSegment[0] = cosine * w - sine * z;
                upperSegment[1] = cosine * x - sine * y;
                upperSegment[2] = cosine * y + sine * x;
                upperSegment[3] = cosine * z + sine * w;
                // relative = lower segment⁻¹ ⊗ upper segment
                multiply(lowerSegment[0], -lowerSegment[1], -lowerSegment[2], -lowerSegment[3], upperSegment, relative);
                double norm = Math.sqrt(relative[0] * relative[0] + relative[1] * relative[1] + relative[2] * relative[2]
                        + relative[3] * relative[3]);
                SpinalAngles.decompose(relative[0] / norm, relative[1] / norm, relative[2] / norm, relative[3] / norm, degrees);
                result[0][index] = degrees[0];
                result[1][index] = degrees[1];
                result[2][index] = degrees[2];
            }
        }

        /**
         * The upper segment's heading relative to the lower one's, radians about earth z per upper
         * sample (the twist part of upper ⊗ lower⁻¹ about the vertical), unwrapped; {@code alignment}
         * as for {@link #angles}.
         */
        double[] relativeHeadings(Quaternion upperMountInverse, Quaternion lowerMountInverse, double alignment) {
            int n = upper.count();
            double[] headings = new double[n];
            double[] lowerOrientation = new double[4];
            double[] upperSegment = new double[4];
            double[] lowerSegment = new double[4];
            double[] lowerInverse = new double[4];
            double[] relative = new double[4];
            double[] um = components(upperMountInverse);
            double[] lm = components(lowerMountInverse);
            double previous = 0;
            for (int index = 0; index < n; index++) {
                segmentsAt(index, um, lm, lowerOrientation, upperSegment, lowerSegment);
                // world-frame relative = upper segment ⊗ lower segment⁻¹; its rotation about earth z
                lowerInverse[0] = lowerSegment[0];
                lowerInverse[1] = -lowerSegment[1];
                lowerInverse[2] = -lowerSegment[2];
                lowerInverse[3] = -lowerSegment[3];
                multiply(upperSegment[0], upperSegment[1], upperSegment[2], upperSegment[3], lowerInverse, relative);
                double heading = 2 * Math.atan2(relative[3], relative[0]) + alignment;
                if (index > 0) {
                    heading = previous + wrap(heading - previous);
                }
                headings[index] = heading;
                previous = heading;
            }
            return headings;
        }

        /**
         * Both segments at upper sample {@code index}, before any heading alignment:
         * {@code upperSegment} = q_upper ⊗ M_upper⁻¹ and {@code lowerSegment} = q_lower ⊗ M_lower⁻¹
         * (the lower sensor interpolated to the upper sample's time, into {@code lowerOrientation}).
         */
        private void segmentsAt(int index, double[] upperMountInverse, double[] lowerMountInverse,
                                double[] lowerOrientation, double[] upperSegment, double[] lowerSegment) {
            double[] uo = upper.orientations;
            multiply(uo[4 * index], uo[4 * index + 1], uo[4 * index + 2], uo[4 * index + 3], upperMountInverse, upperSegment);
            lowerSensorAt(index, lowerOrientation);
            multiply(lowerOrientation[0], lowerOrientation[1], lowerOrientation[2], lowerOrientation[3], lowerMountInverse,
                    lowerSegment);
        }

        private static double[] components(Quaternion quaternion) {
            return new double[] {quaternion.w(), quaternion.x(), quaternion.y(), quaternion.z()};
        }

        /** The lower sensor's orientation at the upper sample's time: normalised linear interpolation of its neighbours. */
        void lowerSensorAt(int upperIndex, double[] out) {
            int before = Math.max(0, lowerIndexBefore[upperIndex]);
            int after = Math.min(lower.count() - 1, before + 1);
            double fraction = 0;
            if (after > before && lowerIndexBefore[upperIndex] >= 0) {
                double t0 = lowerTrack.timeSeconds(before);
                double t1 = lowerTrack.timeSeconds(after);
                fraction = Math.max(0, Math.min(1, (upperTrack.timeSeconds(upperIndex) - t0) / (t1 - t0)));
            }
            double[] q = lower.orientations;
            int a = 4 * before;
            int b = 4 * after;
            double sign = q[a] * q[b] + q[a + 1] * q[b + 1] + q[a + 2] * q[b + 2] + q[a + 3] * q[b + 3] < 0 ? -1 : 1;
            double norm = 0;
            for (int component = 0; component < 4; component++) {
                out[component] = (1 - fraction) * q[a + component] + fraction * sign * q[b + component];
                norm += out[component] * out[component];
            }
            norm = Math.sqrt(norm);
            for (int component = 0; component < 4; component++) {
                out[component] /= norm;
            }
        }

        Quaternion lowerSensorAt(int upperIndex) {
            double[] out = new double[4];
            lowerSensorAt(upperIndex, out);
            return new Quaternion(out[0], out[1], out[2], out[3]);
        }

        /** out = (w, x, y, z) ⊗ b. */
        private static void multiply(double w, double x, double y, double z, double[] b, double[] out) {
            out[0] = w * b[0] - x * b[1] - y * b[2] - z * b[3];
            out[1] = w * b[1] + x * b[0] + y * b[3] - z * b[2];
            out[2] = w * b[2] - x * b[3] + y * b[0] + z * b[1];
            out[3] = w * b[3] + x * b[2] - y * b[1] + z * b[0];
        }

        double[][] angles(Quaternion upperMountInverse, Quaternion lowerMountInverse, double constantAlignment,
                          boolean[] only) {
            double[] alignment = new double[upper.count()];
            Arrays.fill(alignment, constantAlignment);
            return angles(upperMountInverse, lowerMountInverse, alignment, only);
        }
    }

    /**
     * The rotation about earth z (radians) that turns the upper segment's back normal onto the lower
     * segment's, averaged over the upper samples {@code first..last}.
     */
    private static double headingAlignmentOver(Segments segments, Quaternion upperMountInverse,
                                               Quaternion lowerMountInverse, int first, int last) {
        double sine = 0;
        double cosine = 0;
        for (int index = first; index <= last; index++) {
            Vector3 upperBack = segments.upper.orientation(index).times(upperMountInverse).rotate(Vector3.UNIT_Z);
            Vector3 lowerBack = segments.lowerSensorAt(index).times(lowerMountInverse).rotate(Vector3.UNIT_Z);
            double difference = Math.atan2(lowerBack.y(), lowerBack.x()) - Math.atan2(upperBack.y(), upperBack.x());
            sine += Math.sin(difference);
            cosine += Math.cos(difference);
        }
        return Math.atan2(sine, cosine);
    }

    /** Still, upright stretches after the calibration with flexion and side bend near neutral: [first, last]. */
    private List<int[]> laterNeutralStands(double[] time, boolean[] stillUpright, double[][] angles, int after) {
        List<int[]> stands = new ArrayList<>();
        double tolerance = settings.referenceAngleToleranceDegrees();
        int index = after + 1;
        int n = time.length;
        while (index < n) {
            boolean neutral = stillUpright[index] && Math.abs(angles[0][index]) < tolerance
                    && Math.abs(angles[1][index]) < tolerance;
            if (!neutral) {
                index++;
                continue;
            }
            int first = index;
            while (index + 1 < n && stillUpright[index + 1] && Math.abs(angles[0][index + 1]) < tolerance
                    && Math.abs(angles[1][index + 1]) < tolerance) {
                index++;
            }
            if (time[index] - time[first] >= REFERENCE_STAND_SECONDS) {
                stands.add(new int[] {first, index});
            }
            index++;
        }
        return stands;
    }

    /** Work on the samples {@code from..to-1}. */
    private interface SampleRange {
        void run(int from, int to);
    }

    /**
     * Runs {@code work} on the first half of {@code n} samples here and on the second half on another
     * core; each sample's result depends on that sample alone, so the results are those of one loop.
     */
    private static void inHalves(int n, SampleRange work) {
        int middle = n / 2;
        java.util.concurrent.CompletableFuture<Void> second =
                java.util.concurrent.CompletableFuture.runAsync(() -> work.run(middle, n));
        work.run(0, middle);
        second.join();
    }

    private static double interpolate(double[] times, double[] values, int count, double time) {
        if (time <= times[0] || count == 1) {
            return values[0];
        }
        for (int index = 1; index < count; index++) {
            if (time <= times[index]) {
                double fraction = (time - times[index - 1]) / (times[index] - times[index - 1]);
                return values[index - 1] + fraction * (values[index] - values[index - 1]);
            }
        }
        return values[count - 1];
    }

    private static double wrap(double radians) {
        return Math.atan2(Math.sin(radians), Math.cos(radians));
    }
}
