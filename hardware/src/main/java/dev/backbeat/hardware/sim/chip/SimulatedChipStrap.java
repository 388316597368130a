// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim.chip;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.hardware.bus.RegisterBus;
import dev.backbeat.hardware.imu.ImuChip;
import dev.backbeat.hardware.imu.ImuDriver;
import dev.backbeat.hardware.imu.ImuSettings;
import dev.backbeat.hardware.sim.SimulatedImuSignal;
import dev.backbeat.hardware.sim.SimulationClock;
import dev.backbeat.hardware.strap.DriverStrap;
import dev.backbeat.hardware.time.SessionClock;
import dev.backbeat.hardware.time.Sleeper;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Builds the strap for {@code --hardware sim}: the real drivers ({@code Mpu6050} or {@code Lsm6dsox})
 * on register-level simulated chips at the real addresses, fed by the simulated wearer.
 *
 * <p>Usage in the device, per session:
 * <pre>{@code
 * SimulationClock clock = new SimulationClock();
 * double rateHz = ImuChip.MPU_6050.outputDataRateHz(ImuSettings.DEFAULTS); // 200 Hz
 * SimulatedImuSignal upper = new SimulatedImuSignal(wearer, SensorPosition.UPPER, errors, rateHz, seed);
 * SimulatedImuSignal lower = new SimulatedImuSignal(wearer, SensorPosition.LOWER, errors, rateHz, seed);
 * DriverStrap strap = SimulatedChipStrap.open(ImuChip.MPU_6050, upper, lower, clock, ImuSettings.DEFAULTS);
 * // loop: clock.advance(dt); strap.drainTo(sink);
 * }</pre>
 * The strap is started (chips configured, FIFOs running) at {@code clock.nowSeconds()}; each drain
 * delivers every output-data-rate tick up to the clock's time. The signals must be built with the
 * rate {@link #outputDataRateHz} returns (208 Hz for the LSM6DSOX) so their noise bandwidth fits.
 */
public final class SimulatedChipStrap {

    private SimulatedChipStrap() {
    }

    /** The rate the drivers will configure for {@code chip} and {@code settings}, Hz. */
    public static double outputDataRateHz(ImuChip chip, ImuSettings settings) {
        return chip.outputDataRateHz(settings);
    }

    /** Upper and lower sensor on the simulated wearer's signals, started. */
    public static DriverStrap open(ImuChip chip, SimulatedImuSignal upper, SimulatedImuSignal lower,
                                   SimulationClock clock, ImuSettings settings) throws IOException {
        Map<SensorPosition, InertialSource> sources = new EnumMap<>(SensorPosition.class);
        sources.put(SensorPosition.UPPER, upper::sampleAt);
        sources.put(SensorPosition.LOWER, lower::sampleAt);
        return open(chip, sources, clock::nowSeconds, settings);
    }

    /**
     * Upper and lower sensor on the simulated wearer's signals, started, each chip's oscillator off
     * nominal by its rate error (a fraction: 0.01 samples 1 % fast).
     */
    public static DriverStrap open(ImuChip chip, SimulatedImuSignal upper, SimulatedImuSignal lower,
                                   SimulationClock clock, ImuSettings settings, double upperRateError,
                                   double lowerRateError) throws IOException {
        Map<SensorPosition, InertialSource> sources = new EnumMap<>(SensorPosition.class);
        sources.put(SensorPosition.UPPER, upper::sampleAt);
        sources.put(SensorPosition.LOWER, lower::sampleAt);
        return open(chip, sources, clock::nowSeconds, settings,
                Map.of(SensorPosition.UPPER, upperRateError, SensorPosition.LOWER, lowerRateError));
    }

    /** One simulated chip per source at the chip's default address for that sensor, started. */
    public static DriverStrap open(ImuChip chip, Map<SensorPosition, InertialSource> sources, SessionClock clock,
                                   ImuSettings settings) throws IOException {
        return open(chip, sources, clock, settings, Map.of());
    }

    /**
     * One simulated chip per source at the chip's default address for that sensor, started; a
     * sensor's chip runs off nominal by its entry in {@code rateErrors} (a fraction; none: nominal).
     */
    public static DriverStrap open(ImuChip chip, Map<SensorPosition, InertialSource> sources, SessionClock clock,
                                   ImuSettings settings, Map<SensorPosition, Double> rateErrors) throws IOException {
        Map<SensorPosition, ImuDriver> drivers = new EnumMap<>(SensorPosition.class);
        for (Map.Entry<SensorPosition, InertialSource> entry : sources.entrySet()) {
            RegisterBus chipBus = chip(chip, chip.defaultAddress(entry.getKey()), entry.getValue(), clock,
                    rateErrors.getOrDefault(entry.getKey(), 0.0));
            drivers.put(entry.getKey(), chip.driver(chipBus, settings, clock, Sleeper.NONE));
        }
        DriverStrap strap = new DriverStrap(drivers);
        strap.start();
        return strap;
    }

    /** A simulated chip of kind {@code chip} at {@code address}, at its nominal rate. */
    public static SimulatedRegisterChip chip(ImuChip chip, int address, InertialSource source, SessionClock clock) {
        return chip(chip, address, source, clock, 0);
    }

    /** A simulated chip of kind {@code chip} at {@code address}, sampling {@code 1 + rateError} times its nominal rate. */
    public static SimulatedRegisterChip chip(ImuChip chip, int address, InertialSource source, SessionClock clock,
                                             double rateError) {
        return switch (chip) {
            case MPU_6050 -> new SimulatedMpu6050(address, source, clock, rateError);
            case LSM6DSOX -> new SimulatedLsm6dsox(address, source, clock, rateError);
        };
    }
}
