// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.hardware.strap.Strap;
import dev.backbeat.hardware.strap.StrapSampleSink;
import java.util.List;

/**
 * A sample-level simulated strap: each sensor's readings come straight from its
 * {@link SimulatedImuSignal} at the sensor's own clock ticks, up to the {@link SimulationClock}'s
 * time. Fast, for long evaluations; the register-level chips are the faithful path.
 *
 * <p>The two sensors tick at the same rate but not at the same instants: the lower sensor's ticks
 * are offset by {@value #LOWER_SENSOR_TICK_OFFSET_FRACTION} of a period, as two free-running chips are.
 */
public final class SimulatedStrap implements Strap {

    static final double LOWER_SENSOR_TICK_OFFSET_FRACTION = 0.37;

    private final SimulationClock clock;
    private final double sampleRateHz;
    private final List<SimulatedImuSignal> signals;
    private final long[] nextTick;

    public SimulatedStrap(SimulationClock clock, double sampleRateHz, List<SimulatedImuSignal> signals) {
        if (!(sampleRateHz > 0)) {
            throw new IllegalArgumentException("sampleRateHz must be positive, was " + sampleRateHz);
        }
        this.clock = clock;
        this.sampleRateHz = sampleRateHz;
        this.signals = List.copyOf(signals);
        this.nextTick = new long[this.signals.size()];
    }

    /** Both sensors on one wearer, seeded. */
    public static SimulatedStrap of(SimulatedWearer wearer, SensorErrorSettings errors, double sampleRateHz,
                                    long seed, SimulationClock clock) {
        return new SimulatedStrap(clock, sampleRateHz, List.of(
                new SimulatedImuSignal(wearer, SensorPosition.UPPER, errors, sampleRateHz, seed),
                new SimulatedImuSignal(wearer, SensorPosition.LOWER, errors, sampleRateHz, seed)));
    }

    /** Session time of tick {@code tick} of {@code sensor}'s clock, seconds. */
    public static double tickTimeSeconds(SensorPosition sensor, long tick, double sampleRateHz) {
        double offset = sensor == SensorPosition.LOWER ? LOWER_SENSOR_TICK_OFFSET_FRACTION : 0;
        return (tick + offset) / sampleRateHz;
    }

    @Override
    public List<SensorPosition> sensors() {
        return signals.stream().map(SimulatedImuSignal::sensor).toList();
    }

    @Override
    public double sampleRateHz() {
        return sampleRateHz;
    }

    @Override
    public void drainTo(StrapSampleSink sink) {
        double now = clock.nowSeconds();
        // Interleave the sensors in time order, as a reader polling both FIFOs would see them.
        while (true) {
            int earliest = -1;
            double earliestTime = Double.POSITIVE_INFINITY;
            for (int index = 0; index < signals.size(); index++) {
                double time = tickTimeSeconds(signals.get(index).sensor(), nextTick[index], sampleRateHz);
                if (time <= now && time < earliestTime) {
                    earliest = index;
                    earliestTime = time;
                }
            }
            if (earliest < 0) {
                return;
            }
            SimulatedImuSignal signal = signals.get(earliest);
            sink.accept(signal.sensor(), signal.sampleAt(earliestTime));
            nextTick[earliest]++;
        }
    }

    @Override
    public void close() {
    }
}
