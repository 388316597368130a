// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.strap;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.hardware.imu.ImuChip;
import dev.backbeat.hardware.imu.ImuSettings;
import dev.backbeat.hardware.sim.SimulationClock;
import dev.backbeat.hardware.sim.chip.InertialSource;
import dev.backbeat.hardware.sim.chip.SimulatedChipStrap;
import dev.backbeat.hardware.strap.DriverStrap;
import dev.backbeat.hardware.strap.StrapSampleSink;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of reading both IMUs through the real drivers and the register-level simulated chips, per
 * sample pair (one upper and one lower sample), on one thread. Target: under 20 µs.
 *
 * <p>What is measured: the chips producing FIFO entries (encoding, full-scale saturation, FIFO
 * bookkeeping), every bus transaction of a drain (status, count, bursts, byte by byte through the
 * register pointer), decoding to SI units and the {@code ImuSample} allocations. The chips are fed a
 * constant reading, so the wearer model's cost is not included. {@code drain40ms} is the device's
 * poll (8 pairs at 200 Hz); {@code drainEveryTick} polls at every sample, the worst case for the
 * per-drain status reads.
 *
 * <p>Run: {@code ./build -q -pl bench -am package -DskipTests && java -cp "bench/target/classes:bench/target/lib/*"
 * org.openjdk.jmh.Main StrapReadBenchmark} (add {@code -prof gc} for allocation).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StrapReadBenchmark {

    private static final int PAIRS_PER_POLL = 8;

    @Param({"MPU_6050", "LSM6DSOX"})
    public ImuChip chip;

    private SimulationClock clock;
    private DriverStrap strap;
    private double periodSeconds;
    private Blackhole blackhole;
    private final StrapSampleSink sink = new StrapSampleSink() {
        @Override
        public void accept(SensorPosition sensor, ImuSample sample) {
            blackhole.consume(sample);
        }
    };

    @Setup
    public void open(Blackhole blackhole) throws IOException {
        this.blackhole = blackhole;
        clock = new SimulationClock();
        ImuSample still = new ImuSample(0, new Vector3(0.01, -0.02, 0.03), new Vector3(9.7, 0.3, -1.2));
        InertialSource source = time -> still;
        Map<SensorPosition, InertialSource> sources = new EnumMap<>(SensorPosition.class);
        sources.put(SensorPosition.UPPER, source);
        sources.put(SensorPosition.LOWER, source);
        strap = SimulatedChipStrap.open(chip, sources, clock::nowSeconds, ImuSettings.DEFAULTS);
        periodSeconds = 1 / strap.sampleRateHz();
    }

    @TearDown
    public void close() throws IOException {
        strap.close();
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS_PER_POLL)
    public void drain40ms() throws IOException {
        clock.advance(PAIRS_PER_POLL * periodSeconds);
        strap.drainTo(sink);
    }

    @Benchmark
    public void drainEveryTick() throws IOException {
        clock.advance(periodSeconds);
        strap.drainTo(sink);
    }
}
