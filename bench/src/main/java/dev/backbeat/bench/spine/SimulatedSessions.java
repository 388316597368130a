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
        Random random = new Random(seed * 7919 + type.hashCode());
        WearerSettings wearerSettings = WearerSettings.DEFAULTS
                .withMounting(5 + 15 * random.nextDouble(), -20 + 40 * random.nextDouble(),
                        -15 * random.nextDouble(), -20 + 40 * random.nextDouble())
                .withBreathsPerMinute(Double.isNaN(breathsPerMinute) ? 6 + 6 * random.nextDouble() : breathsPerMinute);
        SimulatedWearer wearer = new SimulatedWearer(wearerSettings, routine, ArtifactSettings.DEFAULTS, seed);
        SensorErrorSettings defaults = SensorErrorSettings.DEFAULTS;
        SensorErrorSettings errors = new SensorErrorSettings(
                defaults.gyroscopeNoiseDensityRadiansPerSecondPerRootHertz(),
                defaults.accelerometerNoiseDensityMetersPerSecondSquaredPerRootHertz(),
                GYROSCOPE_BIAS_MAX_RADIANS_PER_SECOND, GYROSCOPE_BIAS_RANDOM_WALK,
                defaults.accelerometerBiasMaxMetersPerSecondSquared());
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
