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

    private final List<SensorPosition> sensors;
    private final List<ImuDriver> drivers;
    private final List<SensorReceiver> receivers = new ArrayList<>();
    private final double sampleRateHz;

    /**
     * Wraps started or unstarted drivers; call {@link #start()} before the first drain if they are not
     * started. All drivers must run at the same output data rate.
     */
    public DriverStrap(Map<SensorPosition, ImuDriver> driversBySensor) {
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
        for (SensorPosition sensor : sensors) {
            receivers.add(new SensorReceiver(sensor));
        }
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

    @Override
    public void drainTo(StrapSampleSink sink) throws IOException {
        for (int index = 0; index < drivers.size(); index++) {
            SensorReceiver receiver = receivers.get(index);
            receiver.sink = sink;
            drivers.get(index).drainTo(receiver);
        }
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

    /** Forwards one driver's output to the current sink, tagged with its sensor. */
    private static final class SensorReceiver implements ImuSampleReceiver {
        private final SensorPosition sensor;
        private StrapSampleSink sink;

        SensorReceiver(SensorPosition sensor) {
            this.sensor = sensor;
        }

        @Override
        public void sample(ImuSample sample) {
            sink.accept(sensor, sample);
        }

        @Override
        public void gap(double fromSeconds, double toSeconds) {
            sink.gap(sensor, fromSeconds, toSeconds);
        }
    }
}
