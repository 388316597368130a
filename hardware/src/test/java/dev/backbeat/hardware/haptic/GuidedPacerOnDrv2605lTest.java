// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.haptic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.pacer.GuidedPacer;
import dev.backbeat.core.routine.BuiltInRoutines;
import dev.backbeat.core.routine.Profile;
import dev.backbeat.hardware.bus.RegisterBus;
import dev.backbeat.hardware.haptic.Drv2605l.Registers;
import dev.backbeat.hardware.sim.chip.SimulatedDrv2605l;
import dev.backbeat.hardware.time.Sleeper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guided pacer's two cue patterns as the DRV2605L receives them: the real driver on the
 * register-level simulated chip, every register write recorded with its session time.
 */
class GuidedPacerOnDrv2605lTest {

    /** A register write at a session time. */
    record Write(double timeSeconds, int register, int value) {
    }

    /** The simulated chip, with every write recorded. */
    static final class RecordingBus implements RegisterBus {
        final SimulatedDrv2605l chip = new SimulatedDrv2605l();
        final List<Write> writes = new ArrayList<>();
        double timeSeconds;

        @Override
        public int address() {
            return chip.address();
        }

        @Override
        public int readRegister(int register) throws IOException {
            return chip.readRegister(register);
        }

        @Override
        public void readRegisters(int firstRegister, byte[] buffer, int offset, int length) throws IOException {
            chip.readRegisters(firstRegister, buffer, offset, length);
        }

        @Override
        public void writeRegister(int register, int value) throws IOException {
            writes.add(new Write(timeSeconds, register, value));
            chip.writeRegister(register, value);
        }

        @Override
        public void close() {
            chip.close();
        }
    }

    /** The real-time playback levels written over the first breath of cat-cow (after the 10 s stand), driven at 200 Hz. */
    private static List<Write> firstFlowBreath(Profile.CuePattern pattern) throws IOException {
        RecordingBus bus = new RecordingBus();
        Drv2605l driver = new Drv2605l(bus, Drv2605lSettings.ERM_COIN, Sleeper.NONE);
        driver.start();
        Drv2605lActuator actuator = new Drv2605lActuator(driver);
        GuidedPacer pacer = new GuidedPacer(BuiltInRoutines.named("cat-cow").orElseThrow(),
                new GuidedPacer.Settings(pattern, 0.6, 0, Double.NaN));
        bus.writes.clear();
        for (int sample = 0; sample < 200 * 20; sample++) {
            double time = sample / 200.0;
            bus.timeSeconds = time;
            actuator.setIntensity(time, pacer.update(time));
        }
        return bus.writes.stream().filter(write -> write.register() == Registers.RTP_INPUT && write.timeSeconds() >= 10).toList();
    }

    @Test
    void envelope_risesOverTheInhaleThenFallsFromAStrongerLevelOverTheExhale() throws IOException {
        List<Write> levels = firstFlowBreath(Profile.CuePattern.ENVELOPE);
        List<Write> inhale = levels.stream().filter(write -> write.timeSeconds() < 14).toList();
        List<Write> exhale = levels.stream().filter(write -> write.timeSeconds() >= 14).toList();
        for (int index = 1; index < inhale.size(); index++) {
            assertTrue(inhale.get(index).value() > inhale.get(index - 1).value(), "rising: " + inhale);
        }
        for (int index = 1; index < exhale.size(); index++) {
            assertTrue(exhale.get(index).value() < exhale.get(index - 1).value(), "falling: " + exhale);
        }
        assertEquals(Math.round(0.6 * 0.3 * 255), inhale.get(0).value());
        assertEquals(Math.round(0.75 * 255), exhale.get(0).value());
        assertTrue(exhale.get(0).value() > inhale.get(inhale.size() - 1).value(), "the exhale cue is the stronger");
        assertEquals(14.0, exhale.get(0).timeSeconds(), 1e-9);
    }

    @Test
    void pulses_onePulseAtTheInhaleTwoStrongerAtTheExhale() throws IOException {
        List<Write> levels = firstFlowBreath(Profile.CuePattern.PULSES);
        int inhaleLevel = (int) Math.round(0.6 * 255);
        int exhaleLevel = (int) Math.round(0.75 * 255);
        List<Write> expected = List.of(
                new Write(10.0, Registers.RTP_INPUT, inhaleLevel),
                new Write(10.15, Registers.RTP_INPUT, 0),
                new Write(14.0, Registers.RTP_INPUT, exhaleLevel),
                new Write(14.15, Registers.RTP_INPUT, 0),
                new Write(14.3, Registers.RTP_INPUT, exhaleLevel),
                new Write(14.45, Registers.RTP_INPUT, 0));
        List<Write> written = levels.stream().filter(write -> write.timeSeconds() < 20).toList();
        assertEquals(expected.stream().map(Write::value).toList(), written.stream().map(Write::value).toList(), written.toString());
        for (int index = 0; index < expected.size(); index++) {
            // within the 5 ms between the 200 Hz updates that carry them
            assertEquals(expected.get(index).timeSeconds(), written.get(index).timeSeconds(), 0.0051, written.toString());
        }
    }
}
