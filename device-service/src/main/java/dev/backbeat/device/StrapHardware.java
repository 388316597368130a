// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.hardware.actuator.HapticActuator;
import dev.backbeat.hardware.bus.RegisterBusFactory;
import dev.backbeat.hardware.diagnostics.Finding;
import dev.backbeat.hardware.diagnostics.StartupDiagnostics;
import dev.backbeat.hardware.haptic.CoinMotorActuator;
import dev.backbeat.hardware.haptic.Drv2605l;
import dev.backbeat.hardware.haptic.Drv2605lActuator;
import dev.backbeat.hardware.haptic.Drv2605lSettings;
import dev.backbeat.hardware.imu.ImuSettings;
import dev.backbeat.hardware.sim.ArtifactSettings;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.sim.SensorErrorSettings;
import dev.backbeat.hardware.sim.SimulatedImuSignal;
import dev.backbeat.hardware.sim.SimulatedWearer;
import dev.backbeat.hardware.sim.SimulationClock;
import dev.backbeat.hardware.sim.WearerSettings;
import dev.backbeat.hardware.sim.chip.SimulatedChipStrap;
import dev.backbeat.hardware.sim.chip.SimulatedDrv2605l;
import dev.backbeat.hardware.strap.DriverStrap;
import dev.backbeat.hardware.strap.Strap;
import dev.backbeat.hardware.time.SessionClock;
import dev.backbeat.hardware.time.Sleeper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The strap a session runs on: IMUs, motor and the pace of polling, assembled from the
 * configuration. Both kinds run the same drivers: on {@code sim} over register-level simulated
 * chips fed by a simulated wearer, on {@code pi} over the buses of a {@link PiBoard} (Pi4J, in the
 * {@code backbeat-device} launcher).
 *
 * @param strap the IMUs
 * @param actuator the vibration motor
 * @param pacing when to poll
 * @param label what produced the samples, recorded with the session (e.g. {@code sim-mpu6050})
 * @param closeables released in this order by {@link #close()}: the reverse of how they were opened
 */
record StrapHardware(Strap strap, HapticActuator actuator, Pacing pacing, String label, List<AutoCloseable> closeables)
        implements AutoCloseable {

    /** The I2C address of the DRV2605L (fixed by the part). */
    static final int HAPTIC_DRIVER_ADDRESS = Drv2605l.ADDRESS;
    /** PWM frequency for a coin motor, Hz: above hearing, well within a transistor's switching speed. */
    static final int COIN_MOTOR_PWM_FREQUENCY_HZ = 20_000;

    static ImuSettings imuSettings(DeviceConfiguration configuration) {
        return new ImuSettings(configuration.sampleRateHz(), configuration.gyroscopeRangeDegreesPerSecond(),
                configuration.accelerometerRangeG());
    }

    /**
     * The simulated strap: a wearer doing {@code routine}, the configured chips simulated at register
     * level at their addresses behind the real drivers, and a simulated DRV2605L behind its real driver.
     */
    static StrapHardware simulated(DeviceConfiguration configuration, Routine routine, SimulationOptions options)
            throws IOException {
        return simulated(configuration, routine, options, WearerSettings.DEFAULTS);
    }

    /**
     * As above, the wearer's body and the strap's mounting on it from {@code body} (its breathing
     * rate replaced by the configuration's pacer rate), e.g. a strap re-mounted at another angle.
     */
    static StrapHardware simulated(DeviceConfiguration configuration, Routine routine, SimulationOptions options,
                                   WearerSettings body) throws IOException {
        ImuSettings settings = imuSettings(configuration);
        double rateHz = SimulatedChipStrap.outputDataRateHz(configuration.chip(), settings);
        SimulatedWearer wearer = new SimulatedWearer(body.withBreathsPerMinute(
                configuration.pacerBreathsPerMinute()), routine, ArtifactSettings.NONE, options.seed());
        SimulationClock clock = new SimulationClock();
        SimulatedImuSignal upper = new SimulatedImuSignal(wearer, SensorPosition.UPPER, SensorErrorSettings.DEFAULTS,
                rateHz, options.seed());
        SimulatedImuSignal lower = new SimulatedImuSignal(wearer, SensorPosition.LOWER, SensorErrorSettings.DEFAULTS,
                rateHz, options.seed());
        DriverStrap strap = SimulatedChipStrap.open(configuration.chip(), upper, lower, clock, settings);
        List<AutoCloseable> closeables = new ArrayList<>(List.of(strap));
        HapticActuator actuator;
        try {
            actuator = switch (configuration.haptics()) {
                case DRV2605L -> {
                    Drv2605l driver = new Drv2605l(new SimulatedDrv2605l(), drv2605lSettings(configuration), Sleeper.NONE);
                    driver.start();
                    yield new Drv2605lActuator(driver);
                }
                case COIN_PWM, NONE -> new dev.backbeat.hardware.actuator.SimulatedHapticActuator();
            };
        } catch (IOException | RuntimeException failure) {
            closeAll(closeables, failure);
            throw failure;
        }
        closeables.add(0, actuator);
        String label = "sim-" + configuration.chip().name().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        return new StrapHardware(strap, actuator, new SimulatedPacing(clock, options.timeScale()), label, closeables);
    }

    /**
     * The real strap on a Raspberry Pi. Runs the start-up diagnostics first and refuses to start,
     * with one line per problem and what to do, if any fails.
     */
    static StrapHardware raspberryPi(DeviceConfiguration configuration, PiBoard.Opener board)
            throws IOException, HardwareUnavailableException {
        // the bus device must exist before the board (Pi4J) is worth starting
        RegisterBusFactory noBusYet = (bus, address) -> {
            throw new IOException("I2C bus " + bus + " is not open yet");
        };
        List<String> busFailures = diagnose(noBusYet, configuration, Path.of("/"),
                StartupDiagnostics.DeviceAccess.FILE_PERMISSIONS, false);
        if (!busFailures.isEmpty()) {
            throw new HardwareUnavailableException(busFailures);
        }
        PiBoard pi = board.open(configuration.pwmChip());
        List<AutoCloseable> closeables = new ArrayList<>(List.of(pi));
        try {
            List<String> failures = diagnose(pi, configuration, Path.of("/"), StartupDiagnostics.DeviceAccess.FILE_PERMISSIONS, true);
            if (!failures.isEmpty()) {
                throw new HardwareUnavailableException(failures);
            }
            Map<SensorPosition, Integer> addresses = new EnumMap<>(SensorPosition.class);
            for (SensorPosition sensor : SensorPosition.values()) {
                addresses.put(sensor, configuration.address(sensor));
            }
            SessionClock clock = SessionClock.monotonicFromNow();
            DriverStrap strap = DriverStrap.open(pi, configuration.i2cBus(), configuration.chip(), addresses,
                    imuSettings(configuration), clock, Sleeper.REAL);
            closeables.add(0, strap);
            HapticActuator actuator = piActuator(configuration, pi, true);
            closeables.add(0, actuator);
            String label = configuration.chip().name().toLowerCase(java.util.Locale.ROOT).replace("_", "");
            return new StrapHardware(strap, actuator, new RealTimePacing(clock), label, closeables);
        } catch (IOException | HardwareUnavailableException | RuntimeException failure) {
            closeAll(closeables, failure);
            throw failure;
        }
    }

    /**
     * The configured motor on {@code pi}'s bus or PWM, started ({@code calibrate}: an LRA is
     * auto-calibrated first, as at a session's start; the haptic signals between sessions skip it).
     */
    static HapticActuator piActuator(DeviceConfiguration configuration, PiBoard pi, boolean calibrate) throws IOException {
        return switch (configuration.haptics()) {
            case DRV2605L -> {
                Drv2605l driver = new Drv2605l(pi.open(configuration.i2cBus(), HAPTIC_DRIVER_ADDRESS),
                        drv2605lSettings(configuration), Sleeper.REAL);
                driver.start();
                if (calibrate && configuration.motor() == Drv2605lSettings.Actuator.LRA) {
                    driver.calibrate();
                }
                yield new Drv2605lActuator(driver);
            }
            case COIN_PWM -> new CoinMotorActuator(pi.pwm(configuration.pwmChannel(), COIN_MOTOR_PWM_FREQUENCY_HZ),
                    CoinMotorActuator.Settings.DEFAULTS);
            case NONE -> new dev.backbeat.hardware.actuator.SimulatedHapticActuator();
        };
    }

    /**
     * The failed start-up checks for this configuration, one line each with the remedy; empty if all
     * pass. With {@code probeChips} false only the I2C bus device and the PWM overlay are checked.
     */
    static List<String> diagnose(RegisterBusFactory buses, DeviceConfiguration configuration, Path root,
                                 StartupDiagnostics.DeviceAccess access, boolean probeChips) {
        StartupDiagnostics diagnostics = new StartupDiagnostics(root, buses, access);
        List<Finding> findings = new ArrayList<>();
        findings.add(diagnostics.checkI2cBus(configuration.i2cBus()));
        if (findings.get(0).passed() && probeChips) {
            for (SensorPosition sensor : SensorPosition.values()) {
                findings.add(diagnostics.checkImu(configuration.i2cBus(), sensor, configuration.chip(),
                        configuration.address(sensor)));
            }
            if (configuration.haptics() == DeviceConfiguration.Haptics.DRV2605L) {
                findings.add(diagnostics.checkHapticDriver(configuration.i2cBus(), HAPTIC_DRIVER_ADDRESS));
            }
        }
        if (configuration.haptics() == DeviceConfiguration.Haptics.COIN_PWM) {
            findings.add(diagnostics.checkPwm(configuration.pwmChip(), configuration.pwmChannel()));
        }
        return findings.stream().filter(finding -> !finding.passed()).map(Finding::line).toList();
    }

    private static Drv2605lSettings drv2605lSettings(DeviceConfiguration configuration) {
        return configuration.motor() == Drv2605lSettings.Actuator.LRA ? Drv2605lSettings.LRA_175_HZ : Drv2605lSettings.ERM_COIN;
    }

    @Override
    public void close() throws IOException {
        IOException failure = new IOException("closing the strap hardware failed");
        closeAll(closeables, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static void closeAll(List<AutoCloseable> closeables, Exception failure) {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception closing) {
                failure.addSuppressed(closing);
            }
        }
    }
}
