// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.hardware.diagnostics.Finding;
import dev.backbeat.hardware.diagnostics.StartupDiagnostics;
import dev.backbeat.hardware.diagnostics.StartupDiagnostics.DeviceAccess;
import dev.backbeat.hardware.diagnostics.StartupDiagnostics.Haptics;
import dev.backbeat.hardware.imu.ImuChip;
import dev.backbeat.hardware.imu.ImuSettings;
import dev.backbeat.hardware.strap.DriverStrap;
import dev.backbeat.hardware.strap.StrapSampleSink;
import dev.backbeat.hardware.time.SessionClock;
import dev.backbeat.hardware.time.Sleeper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a Raspberry Pi with the strap attached and lying still:
 * {@code ./build -pl device -am verify -Phardware [-Dbackbeat.imu=LSM6DSOX] [-Dbackbeat.haptics=COIN_MOTOR_PWM]}.
 */
class StrapHardwareIT {

    static final int I2C_BUS = 1;
    static final ImuChip CHIP = ImuChip.valueOf(System.getProperty("backbeat.imu", "MPU_6050"));
    static final Haptics HAPTICS = Haptics.valueOf(System.getProperty("backbeat.haptics", "DRV2605L"));
    static final int PWM_CHIP = Integer.getInteger("backbeat.pwmChip", 0);
    static final int PWM_CHANNEL = Integer.getInteger("backbeat.pwmChannel", 0);

    private Pi4jHardware pi;

    @BeforeEach
    void openPi() throws Exception {
        pi = Pi4jHardware.open(PWM_CHIP);
    }

    @AfterEach
    void closePi() throws Exception {
        pi.close();
    }

    @Test
    void startupDiagnostics_allPass() {
        List<Finding> findings = new StartupDiagnostics(Path.of("/"), pi, DeviceAccess.FILE_PERMISSIONS)
                .checkStrap(I2C_BUS, CHIP, HAPTICS, PWM_CHIP, PWM_CHANNEL);

        findings.forEach(finding -> System.out.println(finding.line()));
        assertTrue(findings.stream().allMatch(Finding::passed), findings.toString());
    }

    @Test
    void selfCheck_atRestReadsOneGAndNoRotation() throws Exception {
        try (DriverStrap strap = openStrap()) {
            Thread.sleep(100);
            for (SensorPosition sensor : strap.sensors()) {
                ImuSample sample = strap.driver(sensor).readLatest();
                assertEquals(9.81, sample.accelerometerMetersPerSecondSquared().norm(), 1.0, sensor.label() + ": " + sample);
                assertTrue(sample.gyroscopeRadiansPerSecond().norm() < 0.15, sensor.label() + ": " + sample);
            }
        }
    }

    @Test
    void threeSecondsOfSampling_deliversEveryTickAtTheOutputDataRate() throws Exception {
        Map<SensorPosition, List<ImuSample>> samples = new EnumMap<>(SensorPosition.class);
        List<String> gaps = new ArrayList<>();
        StrapSampleSink sink = new StrapSampleSink() {
            @Override
            public void accept(SensorPosition sensor, ImuSample sample) {
                samples.computeIfAbsent(sensor, key -> new ArrayList<>()).add(sample);
            }

            @Override
            public void gap(SensorPosition sensor, double fromSeconds, double toSeconds) {
                gaps.add(sensor.label() + " " + fromSeconds + ".." + toSeconds);
            }
        };
        SessionClock clock = SessionClock.monotonicFromNow();
        try (DriverStrap strap = DriverStrap.open(pi, I2C_BUS, CHIP, ImuSettings.DEFAULTS, clock, Sleeper.REAL)) {
            double started = clock.nowSeconds();
            while (clock.nowSeconds() - started < 3.0) {
                Thread.sleep(100);
                strap.drainTo(sink);
            }
            double elapsed = clock.nowSeconds() - started;
            assertTrue(gaps.isEmpty(), gaps.toString());
            for (SensorPosition sensor : strap.sensors()) {
                List<ImuSample> received = samples.get(sensor);
                double expected = elapsed * strap.sampleRateHz();
                // the chip's own oscillator may differ from nominal by a few percent
                assertEquals(expected, received.size(), 0.05 * expected + 3, sensor.label());
                for (int index = 1; index < received.size(); index++) {
                    assertTrue(received.get(index).timeSeconds() > received.get(index - 1).timeSeconds());
                }
            }
        }
    }

    private DriverStrap openStrap() throws Exception {
        return DriverStrap.open(pi, I2C_BUS, CHIP, ImuSettings.DEFAULTS, SessionClock.monotonicFromNow(), Sleeper.REAL);
    }
}
