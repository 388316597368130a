// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.haptic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.hardware.haptic.Drv2605l.Registers;
import dev.backbeat.hardware.bus.ChipConfigurationException;
import dev.backbeat.hardware.bus.WrongChipException;
import dev.backbeat.hardware.sim.chip.FaultyBus;
import dev.backbeat.hardware.sim.chip.SimulatedDrv2605l;
import dev.backbeat.hardware.time.Sleeper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class Drv2605lTest {

    private final SimulatedDrv2605l chip = new SimulatedDrv2605l();

    @Test
    void settings_ratedVoltageRegistersFollowTheDataSheetEquations() {
        assertEquals(142, Drv2605lSettings.ERM_COIN.ratedVoltageRegister());  // 3.0 V / 21.18 mV
        assertEquals(0x53, Drv2605lSettings.LRA_175_HZ.ratedVoltageRegister()); // 2 Vrms at 175 Hz
        assertEquals(166, Drv2605lSettings.ERM_COIN.overdriveClampRegister());
        assertEquals(24, Drv2605lSettings.LRA_175_HZ.driveTimeRegister());    // 2.86 ms half period
        assertEquals(0x13, Drv2605lSettings.ERM_COIN.driveTimeRegister());
    }

    @Test
    void start_erm_writesAndReadsBackConfigurationAndStandsBy() throws IOException {
        new Drv2605l(chip, Drv2605lSettings.ERM_COIN, Sleeper.NONE).start();

        assertEquals(142, chip.peek(Registers.RATED_VOLTAGE));
        assertEquals(166, chip.peek(Registers.OD_CLAMP));
        assertEquals(0x36, chip.peek(Registers.FEEDBACK_CONTROL));
        assertEquals(0x93, chip.peek(Registers.CONTROL1));
        assertEquals(0xA8, chip.peek(Registers.CONTROL3));
        assertEquals(1, chip.peek(Registers.LIBRARY_SEL));
        assertEquals(0x40, chip.peek(Registers.MODE));
    }

    @Test
    void start_lra_selectsLraFeedbackDriveTimeAndLibrary() throws IOException {
        new Drv2605l(chip, Drv2605lSettings.LRA_175_HZ, Sleeper.NONE).start();

        assertEquals(0xB6, chip.peek(Registers.FEEDBACK_CONTROL));
        assertEquals(0x80 | 24, chip.peek(Registers.CONTROL1));
        assertEquals(6, chip.peek(Registers.LIBRARY_SEL));
    }

    @Test
    void start_otherHapticDriver_namesIt() {
        FaultyBus bus = new FaultyBus(chip).reading(Registers.STATUS, 0x80);   // DEVICE_ID 4

        WrongChipException failure = assertThrows(WrongChipException.class,
                new Drv2605l(bus, Drv2605lSettings.ERM_COIN, Sleeper.NONE)::start);

        assertTrue(failure.getMessage().contains("looks like DRV2604"), failure.getMessage());
    }

    @Test
    void start_registerThatDoesNotStick_namesIt() {
        FaultyBus bus = new FaultyBus(chip).ignoringWritesTo(Registers.OD_CLAMP);

        ChipConfigurationException failure = assertThrows(ChipConfigurationException.class,
                new Drv2605l(bus, Drv2605lSettings.ERM_COIN, Sleeper.NONE)::start);

        assertEquals("DRV2605L at 0x5A: OD_CLAMP (0x17) reads back 0x8C after writing 0xA6", failure.getMessage());
    }

    @Test
    void calibrate_lra_runsAutoCalibrationAndReadsResults() throws IOException {
        Drv2605l driver = new Drv2605l(chip, Drv2605lSettings.LRA_175_HZ, Sleeper.NONE);
        driver.start();

        CalibrationResult result = driver.calibrate();

        assertTrue(result.succeeded());
        assertEquals(new CalibrationResult(true, 0x0D, 0x76, 2), result);
        assertEquals(1, chip.calibrationCount());
        assertEquals(0x30, chip.peek(Registers.CONTROL4));
        assertEquals(0x40, chip.peek(Registers.MODE));
    }

    @Test
    void calibrate_withoutMotor_reportsFailure() throws IOException {
        chip.disconnectMotor();
        Drv2605l driver = new Drv2605l(chip, Drv2605lSettings.LRA_175_HZ, Sleeper.NONE);
        driver.start();

        assertFalse(driver.calibrate().succeeded());
    }

    @Test
    void actuator_envelopeThroughRealTimePlayback_skipsRepeatedLevels() throws IOException {
        Drv2605l driver = new Drv2605l(chip, Drv2605lSettings.ERM_COIN, Sleeper.NONE);
        driver.start();
        Drv2605lActuator actuator = new Drv2605lActuator(driver);

        actuator.setIntensity(0.0, 0.5);
        assertEquals(128 / 255.0, chip.outputFraction(), 1e-12);
        long transactions = chip.transactionCount();
        actuator.setIntensity(0.1, 0.5);
        assertEquals(transactions, chip.transactionCount());
        actuator.setIntensity(0.2, 1.0);
        assertEquals(1.0, chip.outputFraction());

        actuator.alert(LibraryEffect.STRONG_BUZZ);
        assertEquals(List.of(14), chip.playedEffects());
        assertEquals(0.0, chip.outputFraction());
        actuator.setIntensity(0.3, 0.25);
        assertEquals(64 / 255.0, chip.outputFraction(), 1e-12);

        actuator.close();
        assertEquals(0.0, chip.outputFraction());
        assertThrows(IOException.class, () -> chip.readRegister(Registers.STATUS));
    }

    @Test
    void actuator_intensityOutsideZeroToOne_throws() throws IOException {
        Drv2605l driver = new Drv2605l(chip, Drv2605lSettings.ERM_COIN, Sleeper.NONE);
        driver.start();
        Drv2605lActuator actuator = new Drv2605lActuator(driver);

        assertThrows(IllegalArgumentException.class, () -> actuator.setIntensity(0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> actuator.setIntensity(0, Double.NaN));
    }
}
