// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.sync;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.mqtt.sync.ChunkSamples;
import dev.backbeat.mqtt.sync.SampleResolution;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncDecodeResult;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the host's {@code sync} spends checking one arriving chunk record ({@link SyncCodec#decode}:
 * the header, the SHA-256 of the compressed samples against the one the strap sent, inflating, and
 * every sample decoded and checked), per record of one second at 2 × 200 Hz (2.1 KB, as
 * {@code bench/backlog-processes} sends 42 000 of). The samples are the backlog benchmark's: a
 * 10 s cat-cow cycle with sensor noise, quantised to the LSM6DSOX's steps.
 *
 * <p>Forked as {@code backbeat sync} runs: C1 only ({@code -XX:TieredStopAtLevel=1}, the launcher's
 * option for the host's commands), and with C2 for comparison.
 *
 * <p>Run: {@code ./build -q -pl bench -am package -DskipTests && java -cp "bench/target/classes:bench/target/lib/*"
 * org.openjdk.jmh.Main ChunkCheckBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ChunkCheckBenchmark {

    private static final double RATE_HZ = 200;
    private byte[] record;

    @Setup
    public void encodeOneSecond() {
        SampleResolution resolution = SampleResolution.LSM6DSOX_500DPS_4G;
        Random random = new Random(3);
        List<ChunkSamples.Block> blocks = new ArrayList<>();
        for (SensorPosition sensor : List.of(SensorPosition.UPPER, SensorPosition.LOWER)) {
            int count = (int) RATE_HZ;
            double[] times = new double[count];
            float[] gyroscope = new float[3 * count];
            float[] accelerometer = new float[3 * count];
            for (int index = 0; index < count; index++) {
                double time = (600 + index + (sensor == SensorPosition.LOWER ? 0.37 : 0)) / RATE_HZ;
                double phase = 2 * Math.PI * time / 10;
                double gyroStep = resolution.gyroscopeRadiansPerSecondPerCount();
                double accelerometerStep = resolution.accelerometerMetersPerSecondSquaredPerCount();
                times[index] = time;
                gyroscope[3 * index] = quantised(0.4 * Math.cos(phase) + 0.0015 * random.nextGaussian(), gyroStep);
                gyroscope[3 * index + 1] = quantised(0.05 * Math.sin(3 * phase) + 0.0015 * random.nextGaussian(), gyroStep);
                gyroscope[3 * index + 2] = quantised(0.02 + 0.0015 * random.nextGaussian(), gyroStep);
                accelerometer[3 * index] = quantised(9.81 * Math.cos(0.4 * Math.sin(phase)) + 0.02 * random.nextGaussian(),
                        accelerometerStep);
                accelerometer[3 * index + 1] = quantised(0.3 * Math.sin(phase) + 0.02 * random.nextGaussian(), accelerometerStep);
                accelerometer[3 * index + 2] = quantised(9.81 * Math.sin(0.4 * Math.sin(phase)) + 0.02 * random.nextGaussian(),
                        accelerometerStep);
            }
            blocks.add(new ChunkSamples.Block(sensor, times, gyroscope, accelerometer));
        }
        record = SyncCodec.encode(SyncRecord.SessionChunk.seal("bench-strap", "bench-000", 3, new ChunkSamples(blocks),
                Optional.of(resolution)));
    }

    private static float quantised(double value, double step) {
        return SampleResolution.value(Math.round(value / step), step);
    }

    /** The check as {@code backbeat sync} ships (C1 only). */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-XX:TieredStopAtLevel=1"})
    public SyncDecodeResult checkC1() {
        return SyncCodec.decode(record);
    }

    /** The same with C2. */
    @Benchmark
    @Fork(value = 2)
    public SyncDecodeResult checkC2() {
        return SyncCodec.decode(record);
    }
}
