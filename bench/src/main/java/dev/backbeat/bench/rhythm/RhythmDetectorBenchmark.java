// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.rhythm;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.rhythm.RhythmDetector;
import dev.backbeat.core.rhythm.RhythmSettings;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.core.spine.SpinalAngleEstimator;
import dev.backbeat.core.spine.SpinalAngleSettings;
import dev.backbeat.bench.spine.SimulatedSessions;
import dev.backbeat.hardware.sim.Routines;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of the device's streaming core per sample pair (one upper and one lower sample), in
 * microseconds: {@code rhythmDetector} is the repetition and hold detector alone (target < 5 µs,
 * no allocation: run with {@code -prof gc}); {@code anglesAndRhythm} adds the two orientation
 * filters and the spinal angles, i.e. all the device computes per pair. The input is a simulated
 * ten-minute mixed session (cat-cow, extensions with holds, side bends, twists) at 100 Hz, replayed
 * in a loop.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RhythmDetectorBenchmark {

    private static final int BATCH = 1000;
    private static final double RATE_HZ = 100;

    private double[] times;
    private double[][] angles;
    private SensorTrack upper;
    private SensorTrack lower;
    private RhythmDetector detector;
    private SpinalAngleEstimator estimator;
    private RhythmDetector pipelineDetector;
    private int next;
    private double timeOffset;

    @Setup
    public void setUp() {
        SimulatedSessions.Session session = SimulatedSessions.generate("mixed-10-min", Routines.mixedTenMinutes(), 1, RATE_HZ);
        upper = session.tracks().get(SensorPosition.UPPER);
        lower = session.tracks().get(SensorPosition.LOWER);
        int n = Math.min(upper.sampleCount(), lower.sampleCount());
        times = new double[n];
        angles = new double[3][n];
        for (int index = 0; index < n; index++) {
            times[index] = upper.timeSeconds(index);
            double[] truth = session.wearer().spinalAnglesDegrees(times[index]);
            angles[0][index] = truth[0];
            angles[1][index] = truth[1];
            angles[2][index] = truth[2];
        }
        detector = new RhythmDetector(RhythmSettings.DEFAULTS, RATE_HZ);
        estimator = new SpinalAngleEstimator(SpinalAngleSettings.DEFAULTS, RATE_HZ);
        pipelineDetector = new RhythmDetector(RhythmSettings.DEFAULTS, RATE_HZ);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rhythmDetector(Blackhole blackhole) {
        for (int step = 0; step < BATCH; step++) {
            if (next == times.length) {
                next = 0;
                timeOffset += times[times.length - 1] + 1;
            }
            detector.update(timeOffset + times[next], angles[0][next], angles[1][next], angles[2][next]);
            next++;
        }
        blackhole.consume(detector.endRangeHoldLimitExceeded());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void anglesAndRhythm(Blackhole blackhole) {
        for (int step = 0; step < BATCH; step++) {
            if (next == times.length) {
                next = 0;
                timeOffset += times[times.length - 1] + 1;
            }
            // both sensors shifted by the same offset on each replay, so time runs on for both
            ImuSample lowerSample = lower.sample(next);
            estimator.update(SensorPosition.LOWER, new ImuSample(timeOffset + lowerSample.timeSeconds(),
                    lowerSample.gyroscopeRadiansPerSecond(), lowerSample.accelerometerMetersPerSecondSquared()));
            ImuSample upperSample = upper.sample(next);
            var spinal = estimator.update(SensorPosition.UPPER, new ImuSample(timeOffset + upperSample.timeSeconds(),
                    upperSample.gyroscopeRadiansPerSecond(), upperSample.accelerometerMetersPerSecondSquared()));
            if (spinal != null) {
                pipelineDetector.update(timeOffset + upperSample.timeSeconds(), spinal.flexionDegrees(),
                        spinal.sideBendDegrees(), spinal.twistDegrees());
            }
            next++;
        }
        blackhole.consume(pipelineDetector.endRangeHoldLimitExceeded());
    }
}
