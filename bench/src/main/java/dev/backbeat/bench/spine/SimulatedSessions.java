// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.spine;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.hardware.sim.ArtifactSettings;
import dev.backbeat.hardware.sim.CatCowFlow;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.sim.RoutinePhase;
import dev.backbeat.hardware.sim.Routines;
import dev.backbeat.hardware.sim.SensorErrorSettings;
import dev.backbeat.hardware.sim.SimulatedStrap;
import dev.backbeat.hardware.sim.SimulatedWearer;
import dev.backbeat.hardware.sim.SimulationClock;
import dev.backbeat.hardware.sim.WearerSettings;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The labelled simulated sessions of the curvature evaluation: each session type with random strap
 * mounting (rotation in the plane of the back up to ±20°, kyphosis and lordosis tilt), gyroscope
 * offsets up to ±2 °/s drifting slowly, sensor noise, soft-tissue wobble, fidgets and breathing.
 */
public final class SimulatedSessions {

    /** Gyroscope offsets are drawn up to ±2 °/s per axis. */
    static final double GYROSCOPE_BIAS_MAX_RADIANS_PER_SECOND = Math.toRadians(2.0);
    /** Slow drift of the offsets, rad/s/√s (about 0.1 °/s over ten minutes). */
    static final double GYROSCOPE_BIAS_RANDOM_WALK = 7e-5;

    /**
     * How a session is recorded and worn, beyond what every session has (random mounting in the plane
     * of the back, gyroscope offsets up to ±2 °/s with a slow random walk, noise, wobble, fidgets).
     *
     * @param sampleRateHz both sensors' rate, Hz
     * @param spineRotationMaxDegrees each strap's rotation about the spine's axis, drawn from ± this, degrees
     *     (a strap on the paraspinal muscles; a neutral stand cannot reveal it)
     * @param upperSensorAbovePivotMeters the upper sensor's height above the lumbar pivot, m (0.30 ≈ T4, 0.40 ≈ C7–T1)
     * @param upperTiltMinDegrees lower end of the upper sensor's tilt (kyphosis), degrees
     * @param upperTiltMaxDegrees upper end of it, degrees
     * @param lowerTiltMinDegrees most negative tilt of the lower sensor (sacral slope), degrees; the
     *     tilt is drawn from [this, {@code lowerTiltMaxDegrees}]
     * @param lowerTiltMaxDegrees least negative tilt of the lower sensor, degrees
     * @param softTissueKickDegrees peak soft-tissue kick rotation, degrees ({@link ArtifactSettings})
     * @param softTissueKickMillimeters peak soft-tissue kick displacement, mm
     * @param gyroscopeBiasDriftDegreesPerSecondPerMinute steady drift of each gyroscope axis's offset,
     *     drawn from ± this, °/s per minute
     */
    public record Conditions(double sampleRateHz, double spineRotationMaxDegrees, double upperSensorAbovePivotMeters,
                             double upperTiltMinDegrees, double upperTiltMaxDegrees, double lowerTiltMinDegrees,
                             double lowerTiltMaxDegrees, double softTissueKickDegrees, double softTissueKickMillimeters,
                             double gyroscopeBiasDriftDegreesPerSecondPerMinute) {

        /** What the evaluations always used: 100 Hz, straps flat on the back at T4 and S1, no kicks, no steady drift. */
        public static final Conditions STANDARD = new Conditions(100, 0, 0.30, 5, 20, -15, 0, 0, 0, 0);

        /**
         * Real recordings as issue 11 and the independent simulator's README describe them: 50 Hz,
         * straps rotated up to ±5° about the spine, the upper sensor as high as C7–T1 (0.40 m above
         * the lumbar pivot) tilted 10–30°, the lower tilted −40 to −20°, soft-tissue kicks of 1° and
         * 0.5 mm, and gyroscope offsets drifting by up to 0.1 °/s per minute.
         */
        public static final Conditions REAL = new Conditions(50, 5, 0.40, 10, 30, -40, -20, 1.0, 0.5, 0.1);

        /** A copy at another rate. */
        public Conditions withSampleRateHz(double newRateHz) {
            return new Conditions(newRateHz, spineRotationMaxDegrees, upperSensorAbovePivotMeters, upperTiltMinDegrees,
                    upperTiltMaxDegrees, lowerTiltMinDegrees, lowerTiltMaxDegrees, softTissueKickDegrees,
                    softTissueKickMillimeters, gyroscopeBiasDriftDegreesPerSecondPerMinute);
        }
    }

    /** One generated session: the wearer (for the truth) and both sensors' samples. */
    public record Session(String type, long seed, SimulatedWearer wearer, Map<SensorPosition, SensorTrack> tracks) {
    }

    private SimulatedSessions() {
    }

    /** The session types, each beginning with a 5 s neutral stand. */
    public static Map<String, Routine> types() {
        Map<String, Routine> types = new java.util.LinkedHashMap<>();
        types.put("cat-cow", withStand(CatCowFlow.DEFAULT.withCycles(8)));
        types.put("extensions-30s-holds", withStand(Routines.controlledExtensions(5, 15, 30)));
        types.put("side-bends", withStand(Routines.sideBends(4, 20)));
        types.put("seated-twists", withStand(Routines.seatedTwists(4, 30)));
        types.put("mixed-10-min", Routines.mixedTenMinutes());
        return types;
    }

    private static Routine withStand(RoutinePhase phase) {
        return new Routine(List.of(Routines.stand(5), phase, Routines.stand(3)));
    }

    /** Generates one session of {@code routine} at {@code sampleRateHz} with everything drawn from {@code seed}. */
    public static Session generate(String type, Routine routine, long seed, double sampleRateHz) {
        return generate(type, routine, seed, sampleRateHz, Double.NaN);
    }

    /** As {@link #generate(String, Routine, long, double)} with a set breathing rate (NaN: 6..12 breaths/min). */
    public static Session generate(String type, Routine routine, long seed, double sampleRateHz, double breathsPerMinute) {
        return generate(type, routine, seed, Conditions.STANDARD.withSampleRateHz(sampleRateHz), breathsPerMinute);
    }

    /**
     * One session of {@code routine} recorded and worn as {@code conditions} says, with a set breathing
     * rate (NaN: 6..12 breaths/min). {@link Conditions#STANDARD} gives the same session as
     * {@link #generate(String, Routine, long, double, double)}.
     */
    public static Session generate(String type, Routine routine, long seed, Conditions conditions, double breathsPerMinute) {
        Random random = new Random(seed * 7919 + type.hashCode());
        double upperTilt = conditions.upperTiltMinDegrees()
                + (conditions.upperTiltMaxDegrees() - conditions.upperTiltMinDegrees()) * random.nextDouble();
        double upperRotation = -20 + 40 * random.nextDouble();
        double lowerTilt = conditions.lowerTiltMaxDegrees()
                - (conditions.lowerTiltMaxDegrees() - conditions.lowerTiltMinDegrees()) * random.nextDouble();
        double lowerRotation = -20 + 40 * random.nextDouble();
        WearerSettings wearerSettings = WearerSettings.DEFAULTS
                .withMounting(upperTilt, upperRotation, lowerTilt, lowerRotation)
                .withBreathsPerMinute(Double.isNaN(breathsPerMinute) ? 6 + 6 * random.nextDouble() : breathsPerMinute);
        // the harder conditions draw from their own stream, so standard sessions stay as they were
        Random hard = new Random(seed * 104729 + type.hashCode());
        double spineRotation = conditions.spineRotationMaxDegrees();
        wearerSettings = wearerSettings
                .withSpineRotation(spineRotation * (2 * hard.nextDouble() - 1), spineRotation * (2 * hard.nextDouble() - 1))
                .withUpperSensorAbovePivotMeters(conditions.upperSensorAbovePivotMeters());
        ArtifactSettings artifacts = ArtifactSettings.DEFAULTS.withSoftTissueKicks(conditions.softTissueKickDegrees(),
                conditions.softTissueKickMillimeters());
        SimulatedWearer wearer = new SimulatedWearer(wearerSettings, routine, artifacts, seed);
        SensorErrorSettings defaults = SensorErrorSettings.DEFAULTS;
        SensorErrorSettings errors = new SensorErrorSettings(
                defaults.gyroscopeNoiseDensityRadiansPerSecondPerRootHertz(),
                defaults.accelerometerNoiseDensityMetersPerSecondSquaredPerRootHertz(),
                GYROSCOPE_BIAS_MAX_RADIANS_PER_SECOND, GYROSCOPE_BIAS_RANDOM_WALK,
                defaults.accelerometerBiasMaxMetersPerSecondSquared())
                .withGyroscopeBiasDrift(Math.toRadians(conditions.gyroscopeBiasDriftDegreesPerSecondPerMinute()));
        double sampleRateHz = conditions.sampleRateHz();
        SimulationClock clock = new SimulationClock();
        SimulatedStrap strap = SimulatedStrap.of(wearer, errors, sampleRateHz, seed, clock);
        Map<SensorPosition, SensorTrack.Builder> builders = new EnumMap<>(SensorPosition.class);
        for (SensorPosition sensor : SensorPosition.values()) {
            builders.put(sensor, new SensorTrack.Builder(sensor));
        }
        clock.advance(routine.durationSeconds());
        strap.drainTo((sensor, sample) -> builders.get(sensor).add(sample));
        Map<SensorPosition, SensorTrack> tracks = new EnumMap<>(SensorPosition.class);
        builders.forEach((sensor, builder) -> tracks.put(sensor, builder.build()));
        return new Session(type, seed, wearer, tracks);
    }
}
