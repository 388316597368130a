// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.pacer.PacerSettings;
import dev.backbeat.core.rhythm.RhythmSettings;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.spine.SpinalAngleSettings;
import dev.backbeat.hardware.actuator.SimulatedHapticActuator;
import dev.backbeat.hardware.imu.ImuChip;
import dev.backbeat.hardware.imu.ImuSettings;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.sim.Routines;
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

/** The device's rhythm core on a controlled-extension set: holds, breathing, and the end-range hold warning. */
class EndRangeWarningTest {

    @TempDir
    Path dataDirectory;

    @Test
    void runSession_extensionHeldPastTheLimit_buzzesAndRecordsHoldsAndBreathing() throws Exception {
        // stand 5 s, then 2 × (4 s down to 15° extension, hold 30 s, 4 s up, 5 s rest), stand 3 s
        Routine routine = new Routine(List.of(Routines.stand(5), Routines.controlledExtensions(2, 15, 30), Routines.stand(3)));
        SimulatedWearer wearer = new SimulatedWearer(WearerSettings.DEFAULTS.withBreathsPerMinute(12), routine);
        ImuSettings imu = ImuSettings.DEFAULTS.withOutputDataRateHz(100);
        double rateHz = SimulatedChipStrap.outputDataRateHz(ImuChip.MPU_6050, imu);
        SimulationClock clock = new SimulationClock();
        DriverStrap strap = SimulatedChipStrap.open(ImuChip.MPU_6050,
                new SimulatedImuSignal(wearer, SensorPosition.UPPER, SensorErrorSettings.DEFAULTS, rateHz, 2),
                new SimulatedImuSignal(wearer, SensorPosition.LOWER, SensorErrorSettings.DEFAULTS, rateHz, 2), clock, imu);
        SimulatedHapticActuator actuator = new SimulatedHapticActuator();
        DeviceSettings settings = new DeviceSettings("strap-01", dataDirectory, PacerSettings.DEFAULTS,
                SpinalAngleSettings.DEFAULTS, RhythmSettings.DEFAULTS.withEndRangeHoldLimitSeconds(20));
        RecordedSession session;
        try (StrapHardware hardware = new StrapHardware(strap, actuator, new SimulatedPacing(clock, 0), "sim",
                List.of(strap, actuator))) {
            session = new DeviceService(settings, line -> { }).runSession(hardware, routine.durationSeconds()).session();
        }

        assertEquals(2, session.summary().repetitionCount());
        long endRangeHolds = session.holds().stream().filter(hold -> hold.meanFlexionDegrees() < -10).count();
        assertEquals(2, endRangeHolds, session.holds().toString());
        // each 30 s hold passes the 20 s limit once: full-strength buzzes about 20 s into each hold
        long buzzes = actuator.changes().stream().filter(change -> change.intensityFraction() == 1.0).count();
        assertEquals(2 * 3, buzzes, actuator.changes().toString());
        double firstBuzz = actuator.changes().stream().filter(change -> change.intensityFraction() == 1.0)
                .mapToDouble(SimulatedHapticActuator.IntensityChange::timeSeconds).min().orElseThrow();
        assertEquals(9 + 20, firstBuzz, 1.0);
        assertTrue(!session.breath().isEmpty(), "breathing measured in the holds");
        session.breath().forEach(window -> assertEquals(12, window.rateBreathsPerMinute(), 1.0, window.toString()));
    }
}
