// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.strap;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.hardware.bus.RegisterBus;
import dev.backbeat.hardware.bus.RegisterBusFactory;
import dev.backbeat.hardware.imu.ImuChip;
import dev.backbeat.hardware.imu.ImuDriver;
import dev.backbeat.hardware.imu.ImuSampleReceiver;
import dev.backbeat.hardware.imu.ImuSettings;
import dev.backbeat.hardware.time.SessionClock;
import dev.backbeat.hardware.time.Sleeper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strap as two IMU drivers, one per sensor position, each read through its chip's FIFO. The
 * same class runs on the Pi (drivers on Pi4J buses) and in simulation (drivers on register-level
 * simulated chips, see {@code dev.backbeat.hardware.sim.chip.SimulatedChipStrap}).
 *
 * <p>On a Pi, with a {@link RegisterBusFactory} from the device's Pi4J adapter:
 * <pre>{@code
 * Strap strap = DriverStrap.open(pi4jBuses, 1, ImuChip.MPU_6050, ImuSettings.DEFAULTS,
 *         SessionClock.monotonicFromNow(), Sleeper.REAL);
 * }</pre>
 */
public final class DriverStrap implements Strap {

    /** Headroom of the merge's rings over the samples a full FIFO and the longest hold can bring. */
    private static final double RING_MARGIN = 1.25;

    private final List<SensorPosition> sensors;
    private final List<ImuDriver> drivers;
    private final List<SensorReceiver> receivers = new ArrayList<>();
    private final double sampleRateHz;
    private final TimeOrderedMerge merge;
    private final double maximumHoldSeconds;
    private StrapSampleSink sink;

    /**
     * Wraps started or unstarted drivers, merging their samples by time with the default hold (see
     * {@link #defaultMaximumHoldSeconds}); call {@link #start()} before the first drain if they are
     * not started. All drivers must run at the same output data rate.
     */
    public DriverStrap(Map<SensorPosition, ImuDriver> driversBySensor) {
        this(driversBySensor, defaultMaximumHoldSeconds(driversBySensor.values()));
    }

    /**
     * The default of how long a sample waits for the other sensors to catch up with it, s of sample
     * time: the shortest FIFO duration among the drivers (0.42 s for an MPU-6050 at 200 Hz, 0.85 s at
     * 100 Hz, 1.23 s for an LSM6DSOX at 208 Hz). Both FIFOs are read in the same poll, so normally a
     * sample waits at most one poll; a sensor later than its FIFO could hold has lost samples (a gap,
     * which releases the wait) or stopped, and must not hold the other back longer.
     */
    public static double defaultMaximumHoldSeconds(java.util.Collection<ImuDriver> drivers) {
        double shortest = Double.POSITIVE_INFINITY;
        for (ImuDriver driver : drivers) {
            shortest = Math.min(shortest, driver.fifoCapacitySeconds());
        }
        return Double.isFinite(shortest) ? shortest : 0;
    }

    /**
     * Wraps drivers as {@link #DriverStrap(Map)}, with samples held back for ordering at most
     * {@code maximumHoldSeconds} of sample time (0 hands every sample over in the poll it was read).
     */
    public DriverStrap(Map<SensorPosition, ImuDriver> driversBySensor, double maximumHoldSeconds) {
        if (driversBySensor.isEmpty()) {
            throw new IllegalArgumentException("a strap needs at least one sensor");
        }
        Map<SensorPosition, ImuDriver> ordered = new EnumMap<>(driversBySensor);
        this.sensors = List.copyOf(ordered.keySet());
        this.drivers = List.copyOf(ordered.values());
        this.sampleRateHz = drivers.get(0).outputDataRateHz();
        for (ImuDriver driver : drivers) {
            if (driver.outputDataRateHz() != sampleRateHz) {
                throw new IllegalArgumentException("sensors run at different rates: " + sampleRateHz + " and "
                        + driver.outputDataRateHz() + " Hz");
            }
        }
        double[] spacing = new double[drivers.size()];
        int capacity = 0;
        for (int index = 0; index < drivers.size(); index++) {
            ImuDriver driver = drivers.get(index);
            spacing[index] = driver.minimumSampleSpacingSeconds();
            capacity = Math.max(capacity, (int) Math.ceil(RING_MARGIN * driver.outputDataRateHz()
                    * (maximumHoldSeconds + driver.fifoCapacitySeconds())) + 8);
            receivers.add(new SensorReceiver(index));
        }
        this.maximumHoldSeconds = maximumHoldSeconds;
        this.merge = new TimeOrderedMerge(sensors, spacing, capacity, maximumHoldSeconds);
    }

    /**
     * Opens both sensors of {@code chip} at their default addresses on I2C bus {@code busNumber}
     * (upper at the jumper-low address, lower at the jumper-high one) and starts them.
     */
    public static DriverStrap open(RegisterBusFactory buses, int busNumber, ImuChip chip, ImuSettings settings,
                                   SessionClock clock, Sleeper sleeper) throws IOException {
        Map<SensorPosition, Integer> addresses = new EnumMap<>(SensorPosition.class);
        for (SensorPosition sensor : SensorPosition.values()) {
            addresses.put(sensor, chip.defaultAddress(sensor));
        }
        return open(buses, busNumber, chip, addresses, settings, clock, sleeper);
    }

    /**
     * Opens one {@code chip} per entry of {@code addresses} (sensor to 7-bit address) on I2C bus
     * {@code busNumber} and starts them. On failure, whatever was opened is closed again.
     */
    public static DriverStrap open(RegisterBusFactory buses, int busNumber, ImuChip chip,
                                   Map<SensorPosition, Integer> addresses, ImuSettings settings,
                                   SessionClock clock, Sleeper sleeper) throws IOException {
        if (addresses.size() != Set.copyOf(addresses.values()).size()) {
            throw new IllegalArgumentException("two sensors on one address: " + addresses);
        }
        Map<SensorPosition, ImuDriver> drivers = new EnumMap<>(SensorPosition.class);
        try {
            for (Map.Entry<SensorPosition, Integer> entry : addresses.entrySet()) {
                RegisterBus bus = buses.open(busNumber, entry.getValue());
                drivers.put(entry.getKey(), chip.driver(bus, settings, clock, sleeper));
            }
            DriverStrap strap = new DriverStrap(drivers);
            strap.start();
            return strap;
        } catch (IOException | RuntimeException failure) {
            for (ImuDriver driver : drivers.values()) {
                try {
                    driver.bus().close();
                } catch (IOException closing) {
                    failure.addSuppressed(closing);
                }
            }
            throw failure;
        }
    }

    /** Starts every driver (identity, configuration, FIFO) at the current session time. */
    public void start() throws IOException {
        for (ImuDriver driver : drivers) {
            driver.start();
        }
    }

    /** The driver of {@code sensor}. */
    public ImuDriver driver(SensorPosition sensor) {
        int index = sensors.indexOf(sensor);
        if (index < 0) {
            throw new IllegalArgumentException("no " + sensor.label() + " sensor on this strap");
        }
        return drivers.get(index);
    }

    @Override
    public List<SensorPosition> sensors() {
        return sensors;
    }

    @Override
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /** How long a sample waits for the other sensors at most, s of sample time. */
    public double maximumHoldSeconds() {
        return maximumHoldSeconds;
    }

    /** Samples handed over before the other sensors had caught up with them (held longer than the bound). */
    public long samplesReleasedByHoldBound() {
        return merge.releasedByBound();
    }

    /**
     * Reads every FIFO, then hands over in time order the samples no other sensor can still precede;
     * the rest wait for the next drain (at most {@link #maximumHoldSeconds()}). Gaps go to the sink at once.
     */
    @Override
    public void drainTo(StrapSampleSink sink) throws IOException {
        this.sink = sink;
        for (int index = 0; index < drivers.size(); index++) {
            drivers.get(index).drainTo(receivers.get(index));
        }
        merge.releaseTo(sink);
    }

    @Override
    public void drainHeldTo(StrapSampleSink sink) {
        merge.releaseAllTo(sink);
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (ImuDriver driver : drivers) {
            try {
                driver.close();
            } catch (IOException closing) {
                if (failure == null) {
                    failure = closing;
                } else {
                    failure.addSuppressed(closing);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Takes one driver's output into the merge, tagged with its sensor; gaps go straight to the sink. */
    private final class SensorReceiver implements ImuSampleReceiver {
        private final int index;

        SensorReceiver(int index) {
            this.index = index;
        }

        @Override
        public void sample(ImuSample sample) {
            merge.add(index, sample, sink);
        }

        @Override
        public void gap(double fromSeconds, double toSeconds) {
            merge.gap(index, toSeconds);
            sink.gap(sensors.get(index), fromSeconds, toSeconds);
        }
    }
}
