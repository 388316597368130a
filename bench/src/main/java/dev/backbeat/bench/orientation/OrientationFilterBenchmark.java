// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.orientation;

import dev.backbeat.core.orientation.OrientationFilter;
import dev.backbeat.core.orientation.OrientationFilter9D;
import dev.backbeat.core.orientation.OrientationFilterSettings;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Update throughput of {@link OrientationFilter} (6D) and {@link OrientationFilter9D} on one thread, in
 * samples per second (one operation is one update). The input is a synthetic recording at 285.7 Hz (BROAD's rate) that alternates
 * between motion and rest, so that every branch of the filter (rest and motion bias updates,
 * magnetic disturbance detection) is exercised. Allocation: run with {@code -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Threads(1)
@Fork(value = 5, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class OrientationFilterBenchmark {

    private static final double RATE_HZ = 285.714;
    private static final int SAMPLES = 1 << 14;
    private static final int BATCH = 1024;

    private final double[] gyroscope = new double[3 * SAMPLES];
    private final double[] accelerometer = new double[3 * SAMPLES];
    private final double[] magnetometer = new double[3 * SAMPLES];
    private final double[] orientation = new double[4];
    private OrientationFilter filter;
    private OrientationFilter9D filter9D;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        for (int i = 0; i < SAMPLES; i++) {
            double t = i / RATE_HZ;
            boolean moving = (i / 2048) % 2 == 0;
            double amplitude = moving ? 1.5 : 0;
            gyroscope[3 * i] = amplitude * Math.sin(1.3 * t) + 0.002 * random.nextGaussian();
            gyroscope[3 * i + 1] = amplitude * Math.cos(0.9 * t) + 0.002 * random.nextGaussian();
            gyroscope[3 * i + 2] = amplitude * Math.sin(0.4 * t) + 0.002 * random.nextGaussian();
            accelerometer[3 * i] = 0.5 * amplitude * Math.sin(2.1 * t) + 0.05 * random.nextGaussian();
            accelerometer[3 * i + 1] = 0.5 * amplitude * Math.cos(1.7 * t) + 0.05 * random.nextGaussian();
            accelerometer[3 * i + 2] = 9.81 + 0.05 * random.nextGaussian();
            magnetometer[3 * i] = 15 * Math.cos(0.3 * t) + 0.3 * random.nextGaussian();
            magnetometer[3 * i + 1] = 15 * Math.sin(0.3 * t) + 0.3 * random.nextGaussian();
            magnetometer[3 * i + 2] = -40 + 0.3 * random.nextGaussian();
        }
        filter = new OrientationFilter(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        filter9D = new OrientationFilter9D(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        next = 0;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void update6D(Blackhole blackhole) {
        double[] g = gyroscope;
        double[] a = accelerometer;
        int start = next;
        for (int i = start; i < start + BATCH; i++) {
            int j = 3 * i;
            filter.update(g[j], g[j + 1], g[j + 2], a[j], a[j + 1], a[j + 2]);
        }
        next = (start + BATCH) & (SAMPLES - 1);
        filter.copyOrientation6D(orientation);
        blackhole.consume(orientation[0]);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void update9D(Blackhole blackhole) {
        double[] g = gyroscope;
        double[] a = accelerometer;
        double[] m = magnetometer;
        int start = next;
        for (int i = start; i < start + BATCH; i++) {
            int j = 3 * i;
            filter9D.update(g[j], g[j + 1], g[j + 2], a[j], a[j + 1], a[j + 2], m[j], m[j + 1], m[j + 2]);
        }
        next = (start + BATCH) & (SAMPLES - 1);
        blackhole.consume(filter9D.headingOffsetRadians());
    }
}
