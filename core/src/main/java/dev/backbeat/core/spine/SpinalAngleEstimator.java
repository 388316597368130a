// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.orientation.OrientationFilter;
import dev.backbeat.core.session.SensorTrack;

/**
 * Streaming spinal angles from two strap IMUs: one orientation filter per sensor (6D, so magnetic
 * fields near the body cannot bend the result), a neutral stand at the start of the session that
 * calibrates mounting and heading, then the upper segment relative to the pelvis segment as
 * {@link SpinalAngles} with every upper-sensor sample.
 *
 * <p>Until the stand has passed the samples are kept; the stand then measures each gyroscope's
 * offset ({@link StandingGyroscopeOffset}) and the filters run over the stand with it removed.
 *
 * <p>With a {@link StoredCalibration} to check, the stand is first a short check
 * ({@link CalibrationCheck}): accepted, the stored mountings are used and the heading alignment
 * and gyroscope offsets are measured over the check's window as a stand's are; refused, the
 * stand's window follows the check ({@link CalibrationCheck.Settings#checkSeconds} later) and
 * calibrates as without one.
 *
 * <p>Feed samples of both sensors in time order ({@link #update}); the lower sensor's latest
 * orientation is paired with each upper sample (they are less than one sample period apart).
 *
 * <p>The two filters' relative heading drifts (what the stand leaves of the gyroscope offsets about
 * the vertical): {@link LiveHeadingDrift} follows it and the upper segment's heading is turned back by it.
 */
public final class SpinalAngleEstimator {

    /** At most this much of the start is kept waiting for the calibration, s. */
    static final double MAXIMUM_KEPT_SECONDS = 60;

    private final SpinalAngleSettings settings;
    private OrientationFilter upperFilter;
    private OrientationFilter lowerFilter;
    /** Whether a filter has taken a sample (then it keeps the rate it was made with). */
    private boolean filtered;
    private final double[] upperAccelerometerSum = new double[3];
    private final double[] lowerAccelerometerSum = new double[3];
    private int upperNeutralSamples;
    private int lowerNeutralSamples;
    private boolean lowerSeen;
    private double lowerLatestSeconds = Double.NEGATIVE_INFINITY;
    private NeutralCalibration calibration;
    private SpinalAngles latest;
    private Quaternion upperMountInverse;
    private Quaternion lowerMountInverse;
    private final java.util.List<ImuSample> upperStand = new java.util.ArrayList<>();
    private final java.util.List<ImuSample> lowerStand = new java.util.ArrayList<>();
    /** Per upper stand sample, once replayed: both filters' orientations, for the stand's own angles. */
    private final java.util.List<StandOrientation> standOrientations = new java.util.ArrayList<>();
    private final java.util.List<double[]> standAngles = new java.util.ArrayList<>();
    private double[] upperOffset = new double[3];
    private double[] lowerOffset = new double[3];
    private final double sampleRateHz;
    /** The stretch of session time the calibration uses, s: the stand's, or the check's while one is under way. */
    private double neutralStartSeconds;
    private double neutralEndSeconds;
    /** The stored calibration under check (null: none, or the check is over), the check's rules and verdict. */
    private StoredCalibration checked;
    private final CalibrationCheck.Settings check;
    private CalibrationCheck.Result checkResult;
    private boolean usedStored;
    /** Whether both sensors were still over the stretch the calibration used. */
    private boolean calibratedStill;
    /** The relative heading drift taken out of the live angles ({@link LiveHeadingDrift}), as a turn of the upper segment about the vertical. */
    private final LiveHeadingDrift headingDrift = new LiveHeadingDrift();
    /** The pelvis' inclination now, degrees: worked out only when the heading drift asks (the angles near neutral). */
    private final java.util.function.DoubleSupplier livePelvisInclination =
            () -> pelvisInclinationDegrees(lowerFilter.orientation6D());
    private Quaternion headingDriftCorrection = Quaternion.IDENTITY;

    public SpinalAngleEstimator(SpinalAngleSettings settings, double sampleRateHz) {
        this(settings, sampleRateHz, null, CalibrationCheck.Settings.DEFAULTS);
    }

    /**
     * An estimator that first checks {@code stored} (null: none, a stand as usual) under the rules of
     * {@code check}.
     */
    public SpinalAngleEstimator(SpinalAngleSettings settings, double sampleRateHz, StoredCalibration stored,
                                CalibrationCheck.Settings check) {
        this.settings = settings;
        this.sampleRateHz = sampleRateHz;
        this.upperFilter = new OrientationFilter(settings.orientation(), sampleRateHz);
        this.lowerFilter = new OrientationFilter(settings.orientation(), sampleRateHz);
        this.check = check;
        this.checked = stored;
        this.neutralStartSeconds = stored == null ? settings.neutralStartSeconds() : check.windowStartSeconds(settings);
        this.neutralEndSeconds = stored == null ? settings.neutralEndSeconds() : check.windowEndSeconds();
    }

    /**
     * Takes one sample of {@code sensor}. Returns the spinal angles when this sample produced new
     * ones (an upper sample after calibration), otherwise {@code null}.
     */
    public SpinalAngles update(SensorPosition sensor, ImuSample sample) {
        boolean upper = sensor == SensorPosition.UPPER;
        if (!upper) {
            lowerSeen = true;
            lowerLatestSeconds = sample.timeSeconds();
        }
        if (calibration == null) {
            // until the neutral stand has passed, keep the samples: the stand measures the
            // gyroscope offsets, then the filters run over them with the offsets removed
            java.util.List<ImuSample> stand = upper ? upperStand : lowerStand;
            if (stand.size() < MAXIMUM_KEPT_SECONDS * sampleRateHz) {
                stand.add(sample);
            } else {
                filter(upper, sample); // no calibration in sight (one sensor missing): stop keeping samples
            }
            accumulateNeutral(upper, sample);
            if (upper && sample.timeSeconds() >= neutralEndSeconds && lowerLatestSeconds >= neutralEndSeconds - 0.1) {
                calibratedStill = stillOverNeutral();
                if (checked != null && !judgeCheck()) {
                    return null; // refused: the stand follows the check
                }
                upperOffset = standingOffset(upperStand);
                lowerOffset = standingOffset(lowerStand);
                if (!filtered) {
                    // each filter integrates its own chip's sample period, not the nominal one
                    upperFilter = new OrientationFilter(settings.orientation(), measuredRateHz(upperStand));
                    lowerFilter = new OrientationFilter(settings.orientation(), measuredRateHz(lowerStand));
                }
                replay();
                calibrate();
            }
            return null;
        }
        filter(upper, sample);
        if (!upper || !lowerSeen) {
            return null;
        }
        latest = SpinalAngles.fromRelativeOrientation(relativeOrientation());
        headingDriftCorrection = Quaternion.fromAxisAngle(Vector3.UNIT_Z,
                headingDrift.update(sample.timeSeconds(), latest, livePelvisInclination));
        return latest;
    }

    /** How far from nominal a measured rate may be and still be taken for the chip's, a fraction (chips run ±1–2 % off). */
    static final double MEASURED_RATE_TOLERANCE = 0.1;

    /**
     * The rate a sensor's samples really came at, Hz: the median interval of the stamps over the
     * later half of the stand (the drivers stamp each chip at its measured rate, which has settled
     * by then; the median passes over a gap). The nominal rate if the stand has too few samples or
     * the result is more than {@value #MEASURED_RATE_TOLERANCE} off it (stamps not from a chip's clock).
     */
    private double measuredRateHz(java.util.List<ImuSample> stand) {
        int first = stand.size() / 2;
        int intervals = stand.size() - 1 - first;
        if (intervals < 10) {
            return sampleRateHz;
        }
        double[] seconds = new double[intervals];
        for (int index = 0; index < intervals; index++) {
            seconds[index] = stand.get(first + index + 1).timeSeconds() - stand.get(first + index).timeSeconds();
        }
        java.util.Arrays.sort(seconds);
        double rateHz = 1 / seconds[intervals / 2];
        return Math.abs(rateHz / sampleRateHz - 1) <= MEASURED_RATE_TOLERANCE ? rateHz : sampleRateHz;
    }

    /** The rates the upper and lower filters run at, Hz: each chip's measured one once the stand has calibrated. */
    public double[] filterRatesHz() {
        return new double[] {upperFilter.sampleRateHz(), lowerFilter.sampleRateHz()};
    }

    private void filter(boolean upper, ImuSample sample) {
        filtered = true;
        Vector3 gyroscope = sample.gyroscopeRadiansPerSecond();
        Vector3 accelerometer = sample.accelerometerMetersPerSecondSquared();
        double[] offset = upper ? upperOffset : lowerOffset;
        (upper ? upperFilter : lowerFilter).update(gyroscope.x() - offset[0], gyroscope.y() - offset[1],
                gyroscope.z() - offset[2], accelerometer.x(), accelerometer.y(), accelerometer.z());
    }

    /** Runs the filters over the stand's samples in time order, offsets removed. */
    private void replay() {
        int upperIndex = 0;
        int lowerIndex = 0;
        while (upperIndex < upperStand.size() || lowerIndex < lowerStand.size()) {
            boolean takeUpper = lowerIndex >= lowerStand.size() || (upperIndex < upperStand.size()
                    && upperStand.get(upperIndex).timeSeconds() <= lowerStand.get(lowerIndex).timeSeconds());
            ImuSample sample = takeUpper ? upperStand.get(upperIndex++) : lowerStand.get(lowerIndex++);
            filter(takeUpper, sample);
            if (takeUpper && lowerIndex > 0) {
                standOrientations.add(new StandOrientation(sample.timeSeconds(), upperFilter.orientation6D(),
                        lowerFilter.orientation6D()));
            }
        }
        upperStand.clear();
        lowerStand.clear();
    }

    private double[] standingOffset(java.util.List<ImuSample> stand) {
        double[] offset = gyroscopeOffset(stand, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        return offset == null ? new double[3] : offset;
    }

    /**
     * The gyroscope offset {@link StandingGyroscopeOffset} measures over the samples of {@code stand}
     * from {@code fromSeconds} to {@code toSeconds}; null when they hold no run still enough (or none).
     */
    private double[] gyroscopeOffset(java.util.List<ImuSample> stand, double fromSeconds, double toSeconds) {
        SensorTrack.Builder builder = new SensorTrack.Builder(SensorPosition.UPPER);
        for (ImuSample sample : stand) {
            if (sample.timeSeconds() >= fromSeconds && sample.timeSeconds() <= toSeconds) {
                builder.add(sample);
            }
        }
        SensorTrack track = builder.build();
        return track.sampleCount() == 0 ? null
                : StandingGyroscopeOffset.measure(track.gyroscopeInterleaved(), track.accelerometerInterleaved(), sampleRateHz);
    }

    /**
     * The check's verdict: accepted, the stored mountings are used; refused, the stand's window
     * follows the check. False without a verdict.
     */
    private boolean judgeCheck() {
        Vector3 upperUp = new Vector3(upperAccelerometerSum[0], upperAccelerometerSum[1], upperAccelerometerSum[2]);
        Vector3 lowerUp = new Vector3(lowerAccelerometerSum[0], lowerAccelerometerSum[1], lowerAccelerometerSum[2]);
        CalibrationCheck.Result result = upperNeutralSamples == 0 || lowerNeutralSamples == 0
                ? CalibrationCheck.Result.refusedUnmeasured("a sensor delivered no samples over the check")
                : CalibrationCheck.judge(checked, upperUp, lowerUp, calibratedStill, check);
        if (result.accepted()) {
            checkResult = result;
            return true;
        }
        refuseCheck(result);
        return false;
    }

    /**
     * Refuses the stored calibration under check without a verdict of its own ({@code reason}: e.g.
     * the check's samples came too late for the pacer); nothing once the check is over.
     */
    public void refuseCheck(String reason) {
        if (checked != null && checkResult == null) {
            refuseCheck(CalibrationCheck.Result.refusedUnmeasured(reason));
        }
    }

    private void refuseCheck(CalibrationCheck.Result result) {
        checkResult = result;
        checked = null;
        neutralStartSeconds = check.checkSeconds() + settings.neutralStartSeconds();
        neutralEndSeconds = check.checkSeconds() + settings.neutralEndSeconds();
        java.util.Arrays.fill(upperAccelerometerSum, 0);
        java.util.Arrays.fill(lowerAccelerometerSum, 0);
        upperNeutralSamples = 0;
        lowerNeutralSamples = 0;
    }

    /** The check's verdict once it came (null before, and without a stored calibration to check). */
    public CalibrationCheck.Result checkResult() {
        return checkResult;
    }

    /** Whether the calibration uses the stored mountings (the check accepted them). */
    public boolean usesStoredCalibration() {
        return usedStored;
    }

    /**
     * Whether the calibration came from a stand over which both sensors were still (their gyroscope
     * offsets measurable there): one worth storing for later sessions.
     */
    public boolean calibratedOnStillStand() {
        return calibration != null && !usedStored && calibratedStill;
    }

    /**
     * Whether both sensors were still over the calibration's stretch: each held a run still enough
     * to measure its gyroscope offset ({@link StandingGyroscopeOffset}).
     */
    private boolean stillOverNeutral() {
        return stillWithin(upperStand) && stillWithin(lowerStand);
    }

    private boolean stillWithin(java.util.List<ImuSample> stand) {
        return gyroscopeOffset(stand, neutralStartSeconds, neutralEndSeconds) != null;
    }

    /** The calibration, once the neutral stand has passed, else {@code null}. */
    public NeutralCalibration calibration() {
        return calibration;
    }

    /** The most recent angles, or {@code null} before calibration. */
    public SpinalAngles latest() {
        return latest;
    }

    private void accumulateNeutral(boolean upper, ImuSample sample) {
        double time = sample.timeSeconds();
        if (time < neutralStartSeconds || time > neutralEndSeconds) {
            return;
        }
        Vector3 accelerometer = sample.accelerometerMetersPerSecondSquared();
        double[] sum = upper ? upperAccelerometerSum : lowerAccelerometerSum;
        sum[0] += accelerometer.x();
        sum[1] += accelerometer.y();
        sum[2] += accelerometer.z();
        if (upper) {
            upperNeutralSamples++;
        } else {
            lowerNeutralSamples++;
        }
    }

    /**
     * Calibrates on the stand. A sensor without samples in the stand window (a FIFO overflow can
     * swallow it) takes its up direction from its filter, which has run over whatever it delivered.
     */
    private void calibrate() {
        Vector3 upperUp = (upperNeutralSamples > 0
                ? new Vector3(upperAccelerometerSum[0], upperAccelerometerSum[1], upperAccelerometerSum[2])
                : upperFilter.orientation6D().inverseRotate(Vector3.UNIT_Z)).normalized();
        Vector3 lowerUp = (lowerNeutralSamples > 0
                ? new Vector3(lowerAccelerometerSum[0], lowerAccelerometerSum[1], lowerAccelerometerSum[2])
                : lowerFilter.orientation6D().inverseRotate(Vector3.UNIT_Z)).normalized();
        Quaternion upperMount = NeutralCalibration.mountFromGravity(upperUp);
        Quaternion lowerMount = NeutralCalibration.mountFromGravity(lowerUp);
        if (checked != null) {
            // the check accepted the stored calibration: its mountings, found on a full stand, are the neutral
            upperMount = checked.upperMount();
            lowerMount = checked.lowerMount();
            upperUp = checked.upperUp();
            lowerUp = checked.lowerUp();
            usedStored = true;
            checked = null;
        }
        upperMountInverse = upperMount.conjugate();
        lowerMountInverse = lowerMount.conjugate();
        double upperHeading = backHeadingRadians(upperFilter.orientation6D().times(upperMountInverse));
        double lowerHeading = backHeadingRadians(lowerFilter.orientation6D().times(lowerMountInverse));
        Quaternion alignment = Quaternion.fromAxisAngle(Vector3.UNIT_Z, lowerHeading - upperHeading);
        calibration = new NeutralCalibration(neutralStartSeconds, neutralEndSeconds, upperMount, lowerMount, alignment,
                upperUp, lowerUp);
        for (StandOrientation stand : standOrientations) {
            SpinalAngles angles = SpinalAngles.fromRelativeOrientation(relativeOrientation(stand.upper(), stand.lower()));
            standAngles.add(new double[] {stand.timeSeconds(), angles.flexionDegrees(), angles.sideBendDegrees(),
                angles.twistDegrees(), pelvisInclinationDegrees(stand.lower())});
        }
        standOrientations.clear();
    }

    /**
     * The angles of the neutral stand itself, which could be computed only once the stand had
     * calibrated the strap: per upper sample of the stand {@code [time s, flexion, side bend, twist,
     * pelvis inclination (degrees)]}, in time order. Handed out once (later calls return nothing), so
     * a streaming consumer can take them before the first live angles.
     */
    public java.util.List<double[]> takeStandAngles() {
        java.util.List<double[]> taken = java.util.List.copyOf(standAngles);
        standAngles.clear();
        return taken;
    }

    /**
     * The pelvis segment's long axis from vertical, degrees (about 0 standing, 90 on hands and
     * knees); NaN until calibrated.
     */
    public double pelvisInclinationDegrees() {
        return calibration == null ? Double.NaN : pelvisInclinationDegrees(lowerFilter.orientation6D());
    }

    /** The pelvis segment's long axis from vertical with the lower sensor at {@code lowerSensor}, degrees. */
    private double pelvisInclinationDegrees(Quaternion lowerSensor) {
        Vector3 longAxis = lowerSensor.times(lowerMountInverse).rotate(Vector3.UNIT_X);
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, longAxis.z()))));
    }

    /** One upper sample of the neutral stand and both sensors' orientations then. */
    private record StandOrientation(double timeSeconds, Quaternion upper, Quaternion lower) {
    }

    private Quaternion relativeOrientation() {
        return relativeOrientation(upperFilter.orientation6D(), lowerFilter.orientation6D());
    }

    /** The upper segment relative to the pelvis segment, with the sensors at these orientations. */
    private Quaternion relativeOrientation(Quaternion upperSensor, Quaternion lowerSensor) {
        Quaternion upperSegment = headingDriftCorrection.times(calibration.upperHeadingAlignment()).times(upperSensor)
                .times(upperMountInverse);
        Quaternion lowerSegment = lowerSensor.times(lowerMountInverse);
        return lowerSegment.conjugate().times(upperSegment).normalized();
    }

    /** Heading (radians, counter-clockwise from earth x) of a segment's back normal (its z axis). */
    private static double backHeadingRadians(Quaternion segmentOrientation) {
        Vector3 backNormal = segmentOrientation.rotate(Vector3.UNIT_Z);
        return Math.atan2(backNormal.y(), backNormal.x());
    }
}
