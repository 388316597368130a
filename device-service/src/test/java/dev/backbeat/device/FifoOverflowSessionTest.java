// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SampleGap;
import dev.backbeat.hardware.actuator.SimulatedHapticActuator;
import dev.backbeat.hardware.imu.ImuChip;
import dev.backbeat.hardware.imu.ImuSettings;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.sim.SensorErrorSettings;
import dev.backbeat.hardware.sim.SimulatedImuSignal;
import dev.backbeat.hardware.sim.SimulatedWearer;
import dev.backbeat.hardware.sim.SimulationClock;
import dev.backbeat.hardware.sim.WearerSettings;
import dev.backbeat.hardware.sim.chip.SimulatedChipStrap;
import dev.backbeat.hardware.strap.DriverStrap;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The device service over the real drivers and register-level chips when its reading thread stalls. */
class FifoOverflowSessionTest {

    @TempDir
    Path dataDirectory;

    /** Polls every 50 ms of simulated time, but once, at {@code stallAtSeconds}, wakes {@code stallSeconds} late. */
    private static Pacing stallingOnce(SimulationClock clock, double stallAtSeconds, double stallSeconds) {
        return new Pacing() {
            private boolean stalled;

            @Override
            public double pollIntervalSeconds() {
                return 0.05;
            }

            @Override
            public void awaitUntil(double dueSeconds) {
                if (!stalled && dueSeconds >= stallAtSeconds) {
                    stalled = true;
                    clock.advanceTo(clock.nowSeconds() + stallSeconds); // the next wake-up is this late
                } else {
                    clock.advanceTo(dueSeconds);
                }
            }

            @Override
            public boolean stopsWhileTheServiceIsBusy() {
                return true;
            }

            @Override
            public double elapsedSeconds() {
                return clock.nowSeconds();
            }
        };
    }

    private RecordedSession runWithStall(ImuChip chip, double stallSeconds) throws Exception {
        Routine routine = Routine.catCow(3);
        SimulatedWearer wearer = new SimulatedWearer(WearerSettings.DEFAULTS, routine);
        ImuSettings settings = ImuSettings.DEFAULTS.withOutputDataRateHz(200);
        double rateHz = SimulatedChipStrap.outputDataRateHz(chip, settings);
        SimulationClock clock = new SimulationClock();
        DriverStrap strap = SimulatedChipStrap.open(chip,
                new SimulatedImuSignal(wearer, SensorPosition.UPPER, SensorErrorSettings.DEFAULTS, rateHz, 1),
                new SimulatedImuSignal(wearer, SensorPosition.LOWER, SensorErrorSettings.DEFAULTS, rateHz, 1), clock, settings);
        SimulatedHapticActuator actuator = new SimulatedHapticActuator();
        DeviceService service = new DeviceService(DeviceSettings.defaults(dataDirectory), line -> { });
        try (StrapHardware hardware = new StrapHardware(strap, actuator, stallingOnce(clock, 20, stallSeconds), "sim",
                List.of(strap, actuator))) {
            return service.runSession(hardware, routine.durationSeconds()).sessionWithSamples();
        }
    }

    @ParameterizedTest
    @EnumSource(ImuChip.class)
    void runSession_readerPaused150Milliseconds_losesNoSample(ImuChip chip) throws Exception {
        RecordedSession session = runWithStall(chip, 0.15);
        double rateHz = session.sampleRateHz();
        int expected = (int) Math.floor(39.0 * rateHz);
        for (SensorPosition sensor : SensorPosition.values()) {
            assertEquals(expected, session.track(sensor).orElseThrow().sampleCount(), 2, sensor.label());
        }
        assertEquals(List.of(), session.gaps());
    }

    @ParameterizedTest
    @EnumSource(ImuChip.class)
    void runSession_readerPausedFiveSeconds_recordsAGapOfThatLengthPerSensor(ImuChip chip) throws Exception {
        RecordedSession session = runWithStall(chip, 5.0);
        assertEquals(2, session.gaps().size(), session.gaps().toString());
        for (SampleGap gap : session.gaps()) {
            // the FIFO kept its newest samples, so the gap is the stall minus what the FIFO held
            double held = 5.0 - gap.durationSeconds();
            assertTrue(gap.durationSeconds() > 2.0 && gap.durationSeconds() < 5.0, gap.toString());
            int samples = session.track(gap.sensor()).orElseThrow().sampleCount();
            double covered = samples / session.sampleRateHz() + gap.durationSeconds();
            assertEquals(39.0, covered, 3 / session.sampleRateHz() + 0.0, gap + ", FIFO held " + held + " s");
        }
    }
}
