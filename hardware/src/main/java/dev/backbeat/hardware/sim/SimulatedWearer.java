// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.spine.SpinalAngles;

/**
 * A kinematic model of a person wearing the strap: pelvis and thorax segments following a
 * {@link Routine}, breathing moving the chest (at the wearer's own rate, or locked to the movement
 * where the routine says so), and the two sensors attached to the segments with mounting offsets,
 * moving on the skin by wobble while moving and by damped 6–12 Hz ringing when a movement stops
 * ({@link ArtifactSettings}).
 *
 * <p>Earth frame: East-North-Up (z up); with heading 0 the wearer faces north. Segment and nominal
 * sensor axes: x up along the spine, y to the wearer's left, z out of the back. Pure functions of
 * time: the same instance can be queried at any time, by any thread.
 */
public final class SimulatedWearer {

    /** Nominal sensor/segment frame of an upright wearer facing north: x→up, y→west (left), z→south (back). */
    private static final Quaternion UPRIGHT_FACING_NORTH = fromColumns(
            new Vector3(0, 0, 1), new Vector3(-1, 0, 0), new Vector3(0, -1, 0));

    private static final double WOBBLE_FULL_SPEED_DEGREES_PER_SECOND = 30;

    private final WearerSettings settings;
    private final Routine routine;
    private final ArtifactSettings artifacts;
    private final Quaternion upperMount;
    private final Quaternion lowerMount;
    private final double[][] fidgets;
    private final double[][] wobbleComponents;
    private final double breathVariationPhase;
    /** Per sensor (ordinal): the soft-tissue kicks as [time s, size 0..1], in time order. */
    private final double[][][] kicks = new double[2][][];
    /** Per sensor: natural frequency rad/s, damping ratio, then unit weights of rotation about y and z and displacement along x and z. */
    private final double[][] kickModes = new double[2][];

    /** A wearer without wobble or fidgets. */
    public SimulatedWearer(WearerSettings settings, Routine routine) {
        this(settings, routine, ArtifactSettings.NONE, 0);
    }

    /** A wearer with soft-tissue wobble and fidgets drawn from {@code seed}. */
    public SimulatedWearer(WearerSettings settings, Routine routine, ArtifactSettings artifacts, long seed) {
        this.settings = settings;
        this.routine = routine;
        this.artifacts = artifacts;
        this.upperMount = mount(settings.upperMountTiltDegrees(), settings.upperMountRotationDegrees(),
                settings.upperMountSpineRotationDegrees());
        this.lowerMount = mount(settings.lowerMountTiltDegrees(), settings.lowerMountRotationDegrees(),
                settings.lowerMountSpineRotationDegrees());
        java.util.Random random = new java.util.Random(seed ^ 0x5EED_F1D6L);
        int fidgetCount = (int) Math.round(routine.durationSeconds() / 60 * artifacts.fidgetsPerMinute());
        this.fidgets = new double[fidgetCount][];
        for (int index = 0; index < fidgetCount; index++) {
            // centre time, duration, flexion, side bend, twist
            fidgets[index] = new double[] {
                random.nextDouble() * routine.durationSeconds(), 1.0 + random.nextDouble(),
                (2 * random.nextDouble() - 1) * artifacts.fidgetAmplitudeDegrees(),
                (2 * random.nextDouble() - 1) * artifacts.fidgetAmplitudeDegrees(),
                (2 * random.nextDouble() - 1) * artifacts.fidgetAmplitudeDegrees()};
        }
        this.breathVariationPhase = 2 * Math.PI * random.nextDouble();
        // per sensor and axis (y, z): three sinusoids of 4..9 Hz with random phases
        this.wobbleComponents = new double[4][6];
        for (double[] component : wobbleComponents) {
            for (int index = 0; index < 6; index += 2) {
                component[index] = 4 + 5 * random.nextDouble();
                component[index + 1] = 2 * Math.PI * random.nextDouble();
            }
        }

        // a separate stream, so wearers without kicks keep their wobble and fidgets
        java.util.Random kickRandom = new java.util.Random(seed ^ 0x71C5_0BB1L);
        for (SensorPosition sensor : SensorPosition.values()) {
            double frequencyHz = KICK_MIN_FREQUENCY_HZ + (KICK_MAX_FREQUENCY_HZ - KICK_MIN_FREQUENCY_HZ) * kickRandom.nextDouble();
            double damping = 0.1 + 0.1 * kickRandom.nextDouble();
            double direction = 2 * Math.PI * kickRandom.nextDouble();
            double along = 0.2 + 0.3 * kickRandom.nextDouble();
            kickModes[sensor.ordinal()] = new double[] {2 * Math.PI * frequencyHz, damping, Math.cos(direction),
                Math.sin(direction), along, Math.sqrt(1 - along * along)};
            kicks[sensor.ordinal()] = artifacts.softTissueKickDegrees() == 0 && artifacts.softTissueKickMillimeters() == 0
                    ? new double[0][] : findKicks(routine, sensor);
        }
    }

    static final double KICK_MIN_FREQUENCY_HZ = 6;
    static final double KICK_MAX_FREQUENCY_HZ = 12;
    static final double KICK_ONSET_SECONDS = 0.02;
    /**
     * A stop decelerating the segment at this rate or faster gives a full-size kick, °/s² (a 30°
     * move in 1 s along a raised cosine ends at 148 °/s²; in 0.6 s at 411 °/s²).
     */
    static final double KICK_FULL_DECELERATION_DEGREES_PER_SECOND_SQUARED = 150;

    /**
     * When the segment carrying {@code sensor} stops (its angular speed, summed over its Cardan
     * angles and the heading, falls below 1 °/s after a movement faster than 5 °/s, including the
     * turning points of a flow): [time, size], size the movement's peak deceleration over
     * {@value #KICK_FULL_DECELERATION_DEGREES_PER_SECOND_SQUARED} °/s², at most 1. Soft tissue is
     * shaken by how hard its base decelerates: brisk stops ring, the gentle turning points of a slow
     * flow hardly do.
     */
    private static double[][] findKicks(Routine routine, SensorPosition sensor) {
        java.util.List<double[]> found = new java.util.ArrayList<>();
        double step = 0.005;
        Posture previous = routine.postureAt(0);
        boolean moving = false;
        double peak = 0;
        double previousSpeed = 0;
        for (double time = step; time <= routine.durationSeconds() + 1e-9; time += step) {
            Posture posture = routine.postureAt(time);
            double change = Math.abs(posture.headingDegrees() - previous.headingDegrees())
                    + Math.abs(posture.pelvisFlexionDegrees() - previous.pelvisFlexionDegrees())
                    + Math.abs(posture.pelvisSideBendDegrees() - previous.pelvisSideBendDegrees())
                    + Math.abs(posture.pelvisTwistDegrees() - previous.pelvisTwistDegrees());
            if (sensor == SensorPosition.UPPER) {
                change += Math.abs(posture.spineFlexionDegrees() - previous.spineFlexionDegrees())
                        + Math.abs(posture.spineSideBendDegrees() - previous.spineSideBendDegrees())
                        + Math.abs(posture.spineTwistDegrees() - previous.spineTwistDegrees());
            }
            double speed = change / step;
            if (moving) {
                peak = Math.max(peak, (previousSpeed - speed) / step);
            }
            if (speed > 5) {
                moving = true;
            } else if (moving && speed < 1) {
                found.add(new double[] {time, Math.min(1, peak / KICK_FULL_DECELERATION_DEGREES_PER_SECOND_SQUARED)});
                moving = false;
                peak = 0;
            }
            previous = posture;
            previousSpeed = speed;
        }
        return found.toArray(new double[0][]);
    }

    /**
     * The soft-tissue ringing of {@code sensor} at {@code timeSeconds} as a fraction of a full kick:
     * the impulse response {@code e^(−ζωτ) sin(ω_d τ)} of a damped oscillator, with an onset
     * {@code 1 − e^(−τ/τ_on)} ({@value #KICK_ONSET_SECONDS} s: the stop's force acts over tens of
     * milliseconds, not in an instant, so velocity stays continuous and acceleration finite), summed
     * over the kicks.
     */
    private double kickRinging(SensorPosition sensor, double timeSeconds) {
        double[][] sensorKicks = kicks[sensor.ordinal()];
        if (sensorKicks.length == 0) {
            return 0;
        }
        double omega = kickModes[sensor.ordinal()][0];
        double damping = kickModes[sensor.ordinal()][1];
        double dampedOmega = omega * Math.sqrt(1 - damping * damping);
        double sum = 0;
        for (double[] kick : sensorKicks) {
            double since = timeSeconds - kick[0];
            if (since < 0) {
                break;
            }
            if (since < 2.0) {
                sum += kick[1] * (1 - Math.exp(-since / KICK_ONSET_SECONDS)) * Math.exp(-damping * omega * since)
                        * Math.sin(dampedOmega * since);
            }
        }
        return sum;
    }

    /** The kick's rotation of the sensor on the skin, at a {@link #kickRinging} of {@code ringing}. */
    private Quaternion kickRotation(SensorPosition sensor, double ringing) {
        if (artifacts.softTissueKickDegrees() == 0) {
            return Quaternion.IDENTITY;
        }
        double angle = Math.toRadians(artifacts.softTissueKickDegrees()) * ringing;
        double[] mode = kickModes[sensor.ordinal()];
        return Quaternion.fromRotationVector(new Vector3(0, angle * mode[2], angle * mode[3]));
    }

    /** The kick's displacement of the sensor on the skin, in the segment frame, m, at a {@link #kickRinging} of {@code ringing}. */
    private Vector3 kickDisplacement(SensorPosition sensor, double ringing) {
        if (artifacts.softTissueKickMillimeters() == 0) {
            return Vector3.ZERO;
        }
        double meters = artifacts.softTissueKickMillimeters() / 1000 * ringing;
        double[] mode = kickModes[sensor.ordinal()];
        return new Vector3(meters * mode[4], 0, meters * mode[5]);
    }

    public ArtifactSettings artifacts() {
        return artifacts;
    }

    public Routine routine() {
        return routine;
    }

    public WearerSettings settings() {
        return settings;
    }

    /** Period of the slow swing of the breathing rate, s. */
    static final double BREATH_VARIATION_PERIOD_SECONDS = 45;

    /**
     * The breathing signal at {@code timeSeconds}: 0 at full exhale, 1 at full inhale. Where the
     * routine locks breathing to the movement ({@link RoutinePhase#breathLockWeight}) it follows the
     * movement instead of the wearer's own rate (blended over the lock's ramps).
     */
    public double breathFraction(double timeSeconds) {
        double free = 0.5 - 0.5 * Math.cos(breathPhaseRadians(timeSeconds));
        double lock = routine.breathLockWeight(timeSeconds);
        if (lock == 0) {
            return free;
        }
        return (1 - lock) * free + lock * routine.lockedBreathFraction(timeSeconds);
    }

    /** The breathing rate at {@code timeSeconds}, breaths/min (it swings slowly around the set rate). */
    public double breathsPerMinuteAt(double timeSeconds) {
        return settings.breathsPerMinute() * (1 + artifacts.breathRateVariationFraction()
                * Math.sin(2 * Math.PI * timeSeconds / BREATH_VARIATION_PERIOD_SECONDS + breathVariationPhase));
    }

    /**
     * The mean breathing rate between two times, breaths/min: the truth a rate estimate is judged by
     * (the wearer's own rhythm; where breathing is locked to a movement the movement's tempo is the truth).
     */
    public double meanBreathsPerMinute(double fromSeconds, double toSeconds) {
        return (breathPhaseRadians(toSeconds) - breathPhaseRadians(fromSeconds)) / (2 * Math.PI) / (toSeconds - fromSeconds) * 60;
    }

    /** Breathing phase, radians: 2π times the integral of the breathing rate. */
    private double breathPhaseRadians(double timeSeconds) {
        double frequencyHz = settings.breathsPerMinute() / 60.0;
        double swing = artifacts.breathRateVariationFraction() * BREATH_VARIATION_PERIOD_SECONDS / (2 * Math.PI)
                * (Math.cos(breathVariationPhase) - Math.cos(2 * Math.PI * timeSeconds / BREATH_VARIATION_PERIOD_SECONDS
                        + breathVariationPhase));
        return 2 * Math.PI * frequencyHz * (timeSeconds + swing);
    }

    /**
     * The true spinal angles at {@code timeSeconds} (thorax relative to pelvis, breathing included),
     * as {@code [flexion, sideBend, twist]} in degrees: what a perfect strap reports.
     */
    public double[] spinalAnglesDegrees(double timeSeconds) {
        Posture posture = postureAt(timeSeconds);
        return new double[] {
            posture.spineFlexionDegrees() - settings.breathExtensionDegrees() * breathFraction(timeSeconds),
            posture.spineSideBendDegrees(),
            posture.spineTwistDegrees()
        };
    }

    /** Orientation of {@code sensor}'s frame relative to the East-North-Up earth frame. */
    public Quaternion sensorOrientation(SensorPosition sensor, double timeSeconds) {
        return sensorPose(sensor, timeSeconds).orientation();
    }

    /**
     * Where a sensor is and how it is turned at one time.
     *
     * @param orientation of the sensor's frame relative to the East-North-Up earth frame
     * @param position in the earth frame, m
     */
    public record SensorPose(Quaternion orientation, Vector3 position) {
    }

    /**
     * {@link #sensorOrientation} and {@link #sensorPosition} of {@code sensor} at {@code timeSeconds}
     * from one evaluation of the posture, the breathing and the soft tissue: a simulated reading
     * needs both at three times, and evaluating them apart cost the simulated strap twice the work.
     */
    public SensorPose sensorPose(SensorPosition sensor, double timeSeconds) {
        Posture posture = postureAt(timeSeconds);
        Quaternion pelvis = pelvisOrientation(posture);
        double ringing = kickRinging(sensor, timeSeconds);
        Vector3 hip = new Vector3(0, 0, settings.hipHeightMeters());
        if (sensor == SensorPosition.LOWER) {
            Quaternion orientation = pelvis.times(lowerMount).times(wobble(sensor, timeSeconds))
                    .times(kickRotation(sensor, ringing));
            Vector3 position = hip.plus(pelvis.rotate(new Vector3(settings.sacrumHeightAboveHipMeters(), 0,
                    settings.backDepthMeters()).plus(kickDisplacement(sensor, ringing))));
            return new SensorPose(orientation, position);
        }
        double breath = breathFraction(timeSeconds);
        Quaternion thorax = thoraxOrientation(pelvis, posture, breath);
        Quaternion orientation = thorax.times(upperMount).times(wobble(sensor, timeSeconds))
                .times(kickRotation(sensor, ringing));
        Vector3 lumbarPivot = hip.plus(pelvis.rotate(new Vector3(settings.lumbarPivotAboveHipMeters(), 0, 0)));
        double depth = settings.backDepthMeters() + settings.breathChestExcursionMeters() * breath;
        Vector3 position = lumbarPivot.plus(thorax.rotate(new Vector3(settings.upperSensorAbovePivotMeters(), 0, depth)
                .plus(kickDisplacement(sensor, ringing))));
        return new SensorPose(orientation, position);
    }

    /** The routine's posture plus any fidget under way at {@code timeSeconds}. */
    public Posture postureAt(double timeSeconds) {
        Posture posture = routine.postureAt(timeSeconds);
        for (double[] fidget : fidgets) {
            double offset = Math.abs(timeSeconds - fidget[0]);
            if (offset < fidget[1] / 2) {
                double window = Math.cos(Math.PI * offset / fidget[1]);
                window *= window;
                posture = new Posture(posture.headingDegrees(), posture.pelvisFlexionDegrees(),
                        posture.pelvisSideBendDegrees(), posture.pelvisTwistDegrees(),
                        posture.spineFlexionDegrees() + window * fidget[2],
                        posture.spineSideBendDegrees() + window * fidget[3],
                        posture.spineTwistDegrees() + window * fidget[4]);
            }
        }
        return posture;
    }

    /** Skin movement of a sensor relative to its bone: small, fast, growing with the segment's speed. */
    private Quaternion wobble(SensorPosition sensor, double timeSeconds) {
        if (artifacts.softTissueWobbleDegrees() == 0) {
            return Quaternion.IDENTITY;
        }
        double step = 0.01;
        Posture before = routine.postureAt(timeSeconds - step);
        Posture after = routine.postureAt(timeSeconds + step);
        double speed = (Math.abs(after.pelvisFlexionDegrees() - before.pelvisFlexionDegrees())
                + Math.abs(after.pelvisSideBendDegrees() - before.pelvisSideBendDegrees())
                + Math.abs(after.spineFlexionDegrees() - before.spineFlexionDegrees())
                + Math.abs(after.spineSideBendDegrees() - before.spineSideBendDegrees())
                + Math.abs(after.spineTwistDegrees() - before.spineTwistDegrees())) / (2 * step);
        double scale = artifacts.softTissueWobbleDegrees() * Math.min(1, speed / WOBBLE_FULL_SPEED_DEGREES_PER_SECOND);
        if (scale == 0) {
            return Quaternion.IDENTITY;
        }
        int base = 2 * sensor.ordinal();
        double aboutY = scale * oscillation(wobbleComponents[base], timeSeconds);
        double aboutZ = scale * oscillation(wobbleComponents[base + 1], timeSeconds);
        return Quaternion.fromRotationVector(new Vector3(0, Math.toRadians(aboutY), Math.toRadians(aboutZ)));
    }

    private static double oscillation(double[] components, double timeSeconds) {
        double sum = 0;
        for (int index = 0; index < components.length; index += 2) {
            sum += Math.sin(2 * Math.PI * components[index] * timeSeconds + components[index + 1]);
        }
        return sum / 3;
    }

    /** Position of {@code sensor} in the earth frame, metres. */
    public Vector3 sensorPosition(SensorPosition sensor, double timeSeconds) {
        return sensorPose(sensor, timeSeconds).position();
    }

    private static Quaternion pelvisOrientation(Posture posture) {
        Quaternion heading = Quaternion.fromAxisAngle(Vector3.UNIT_Z, Math.toRadians(posture.headingDegrees()));
        return heading.times(UPRIGHT_FACING_NORTH).times(cardan(
                posture.pelvisFlexionDegrees(), posture.pelvisSideBendDegrees(), posture.pelvisTwistDegrees()));
    }

    /** The thorax at {@code posture} with the breathing at {@code breath} ({@link #breathFraction}). */
    private Quaternion thoraxOrientation(Quaternion pelvis, Posture posture, double breath) {
        double breathExtension = settings.breathExtensionDegrees() * breath;
        return pelvis.times(cardan(posture.spineFlexionDegrees() - breathExtension,
                posture.spineSideBendDegrees(), posture.spineTwistDegrees()));
    }

    /**
     * The segment rotation for the Cardan sequence used throughout Backbeat: flexion about y
     * (positive forward), then side bend about z (positive to the right, hence the minus sign:
     * a positive rotation about z tips x toward the wearer's left), then twist about x (positive to
     * the right, again a negative rotation about x, which points up).
     */
    public static Quaternion cardan(double flexionDegrees, double sideBendDegrees, double twistDegrees) {
        return new SpinalAngles(flexionDegrees, sideBendDegrees, twistDegrees).toRelativeOrientation();
    }

    private static Quaternion mount(double tiltDegrees, double rotationInBackPlaneDegrees, double spineRotationDegrees) {
        return Quaternion.fromAxisAngle(Vector3.UNIT_X, Math.toRadians(spineRotationDegrees))
                .times(Quaternion.fromAxisAngle(Vector3.UNIT_Z, Math.toRadians(rotationInBackPlaneDegrees)))
                .times(Quaternion.fromAxisAngle(Vector3.UNIT_Y, Math.toRadians(tiltDegrees)));
    }

    /** The rotation whose matrix has the given columns (an orthonormal right-handed basis). */
    private static Quaternion fromColumns(Vector3 xColumn, Vector3 yColumn, Vector3 zColumn) {
        double m00 = xColumn.x(), m10 = xColumn.y(), m20 = xColumn.z();
        double m01 = yColumn.x(), m11 = yColumn.y(), m21 = yColumn.z();
        double m02 = zColumn.x(), m12 = zColumn.y(), m22 = zColumn.z();
        double trace = m00 + m11 + m22;
        if (trace > 0) {
            double s = 2 * Math.sqrt(1 + trace);
            return new Quaternion(0.25 * s, (m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s).normalized();
        } else if (m00 > m11 && m00 > m22) {
            double s = 2 * Math.sqrt(1 + m00 - m11 - m22);
            return new Quaternion((m21 - m12) / s, 0.25 * s, (m01 + m10) / s, (m02 + m20) / s).normalized();
        } else if (m11 > m22) {
            double s = 2 * Math.sqrt(1 + m11 - m00 - m22);
            return new Quaternion((m02 - m20) / s, (m01 + m10) / s, 0.25 * s, (m12 + m21) / s).normalized();
        } else {
            double s = 2 * Math.sqrt(1 + m22 - m00 - m11);
            return new Quaternion((m10 - m01) / s, (m02 + m20) / s, (m12 + m21) / s, 0.25 * s).normalized();
        }
    }
}
