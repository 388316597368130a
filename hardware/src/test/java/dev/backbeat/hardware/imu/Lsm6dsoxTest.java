// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.hardware.bus.ChipConfigurationException;
import dev.backbeat.hardware.bus.WrongChipException;
import dev.backbeat.hardware.bus.RegisterBus;
import dev.backbeat.hardware.imu.Lsm6dsox.Registers;
import dev.backbeat.hardware.sim.chip.FaultyBus;
import dev.backbeat.hardware.sim.chip.InertialSource;
import dev.backbeat.hardware.sim.chip.ManualClock;
import dev.backbeat.hardware.sim.chip.SimulatedLsm6dsox;
import dev.backbeat.hardware.sim.chip.TestSources;
import dev.backbeat.hardware.time.Sleeper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class Lsm6dsoxTest {

    private static final double G = SiUnits.STANDARD_GRAVITY_METERS_PER_SECOND_SQUARED;
    private static final double DEG = SiUnits.RADIANS_PER_DEGREE;
    private static final double GYRO_SCALE = 17.5e-3 * DEG;
    private static final double ACCEL_SCALE = 0.122e-3 * G;

    private final ManualClock clock = new ManualClock();

    @Test
    void drain_goldenFifoWords_pairsByTimeSlotAndDecodesLittleEndian() throws IOException {
        FifoScript bus = new FifoScript();
        bus.words(
                0x0A, 0x80, 0x00, 0x00, 0x80, 0xFF, 0xFF,   // gyro, slot 1:  128, -32768, -1
                0x12, 0x00, 0x20, 0x80, 0xFF, 0x34, 0x12,   // accel, slot 1: 8192, -128, 4660
                0x1A, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00,   // temperature tag (3): skipped
                0x0C, 0x0C, 0xFE, 0xFF, 0x7F, 0x00, 0x80,   // gyro, slot 2: -500, 32767, -32768
                0x14, 0x80, 0x00, 0x00, 0x00, 0xFF, 0x7F);  // accel, slot 2: 128, 0, 32767
        Lsm6dsox driver = new Lsm6dsox(bus, ImuSettings.DEFAULTS, clock, Sleeper.NONE);
        driver.start();
        RecordingReceiver receiver = new RecordingReceiver();
        clock.advance(2 / 208.0); // the two pairs were sampled after the FIFO started, as on a chip

        driver.drainTo(receiver);

        assertEquals(2, receiver.samples.size());
        ImuSample first = receiver.samples.get(0);
        assertVector(new Vector3(128, -32768, -1).times(GYRO_SCALE), first.gyroscopeRadiansPerSecond());
        assertVector(new Vector3(8192, -128, 4660).times(ACCEL_SCALE), first.accelerometerMetersPerSecondSquared());
        ImuSample second = receiver.samples.get(1);
        assertVector(new Vector3(-500, 32767, -32768).times(GYRO_SCALE), second.gyroscopeRadiansPerSecond());
        assertVector(new Vector3(128, 0, 32767).times(ACCEL_SCALE), second.accelerometerMetersPerSecondSquared());
        assertEquals(1 / 208.0, first.timeSeconds(), 1e-12);
        assertEquals(2 / 208.0, second.timeSeconds(), 1e-12);
        assertEquals(1, driver.discardedWordCount());
    }

    @Test
    void drain_halfPairWhosePartnerWasLost_isDroppedNotMispaired() throws IOException {
        FifoScript bus = new FifoScript();
        bus.words(
                0x14, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00,   // accel, slot 2, its gyro overwritten
                0x0E, 0x02, 0x00, 0x02, 0x00, 0x02, 0x00,   // gyro, slot 3
                0x16, 0x03, 0x00, 0x03, 0x00, 0x03, 0x00);  // accel, slot 3
        Lsm6dsox driver = new Lsm6dsox(bus, ImuSettings.DEFAULTS, clock, Sleeper.NONE);
        driver.start();
        RecordingReceiver receiver = new RecordingReceiver();

        driver.drainTo(receiver);

        assertEquals(1, receiver.samples.size());
        assertVector(new Vector3(2, 2, 2).times(GYRO_SCALE), receiver.samples.get(0).gyroscopeRadiansPerSecond());
        assertVector(new Vector3(3, 3, 3).times(ACCEL_SCALE), receiver.samples.get(0).accelerometerMetersPerSecondSquared());
        assertEquals(1, driver.discardedWordCount());
    }

    @Test
    void start_writesConfigurationTheChipReadsBack() throws IOException {
        SimulatedLsm6dsox chip = chip(TestSources.timeEncoding());
        new Lsm6dsox(chip, ImuSettings.DEFAULTS, clock, Sleeper.NONE).start();

        assertEquals(0x5A, chip.peek(Registers.CTRL1_XL));   // 208 Hz, ±4 g, LPF2
        assertEquals(0x54, chip.peek(Registers.CTRL2_G));    // 208 Hz, ±500 °/s
        assertEquals(0x44, chip.peek(Registers.CTRL3_C));    // BDU, IF_INC
        assertEquals(0x55, chip.peek(Registers.FIFO_CTRL3)); // both batched at 208 Hz
        assertEquals(0x06, chip.peek(Registers.FIFO_CTRL4)); // continuous
    }

    @Test
    void configuration_100Hz_picks104HzAndRangeCodes() {
        Lsm6dsox.Configuration configuration = Lsm6dsox.Configuration.forSettings(new ImuSettings(100, 2000, 16));

        assertEquals(104.0, configuration.outputDataRateHz());
        assertEquals(0x46, configuration.ctrl1Xl());
        assertEquals(0x4C, configuration.ctrl2G());
        assertEquals(0x44, configuration.fifoCtrl3());
    }

    @Test
    void start_otherChipAtAddress_namesWhatItLooksLike() {
        FaultyBus bus = new FaultyBus(chip(TestSources.timeEncoding())).reading(Registers.WHO_AM_I, 0x6A);

        WrongChipException failure = assertThrows(WrongChipException.class,
                new Lsm6dsox(bus, ImuSettings.DEFAULTS, clock, Sleeper.NONE)::start);

        assertTrue(failure.getMessage().contains("expected 0x6C for LSM6DSOX; it looks like LSM6DSL"),
                failure.getMessage());
    }

    @Test
    void start_registerThatDoesNotStick_namesRegisterAndValues() {
        FaultyBus bus = new FaultyBus(chip(TestSources.timeEncoding())).ignoringWritesTo(Registers.CTRL2_G);

        ChipConfigurationException failure = assertThrows(ChipConfigurationException.class,
                new Lsm6dsox(bus, ImuSettings.DEFAULTS, clock, Sleeper.NONE)::start);

        assertEquals("LSM6DSOX at 0x6A: CTRL2_G (0x11) reads back 0x00 after writing 0x54", failure.getMessage());
    }

    @Test
    void drain_throughSimulatedChip_deliversEveryTickWithTheSourceValues() throws IOException {
        InertialSource source = TestSources.timeEncoding();
        Lsm6dsox driver = started(chip(source));
        RecordingReceiver receiver = new RecordingReceiver();

        for (int poll = 0; poll < 50; poll++) {
            clock.advance(0.04);
            driver.drainTo(receiver);
        }

        assertEquals(416, receiver.samples.size());
        assertTrue(receiver.gaps.isEmpty());
        for (int index = 0; index < receiver.samples.size(); index++) {
            ImuSample sample = receiver.samples.get(index);
            assertEquals((index + 1) / 208.0, sample.timeSeconds(), 1e-9);
            ImuSample truth = source.sampleAt(sample.timeSeconds());
            assertEquals(truth.gyroscopeRadiansPerSecond().x(), sample.gyroscopeRadiansPerSecond().x(), GYRO_SCALE);
            assertEquals(truth.accelerometerMetersPerSecondSquared().z(),
                    sample.accelerometerMetersPerSecondSquared().z(), ACCEL_SCALE);
        }
    }

    @Test
    void drain_beyondFullScale_saturatesAtTheConfiguredRange() throws IOException {
        Lsm6dsox driver = started(chip(TestSources.constant(new Vector3(20, 0, 0), new Vector3(0, 0, -60))));
        RecordingReceiver receiver = new RecordingReceiver();

        clock.advance(0.05);
        driver.drainTo(receiver);

        assertEquals(32767 * GYRO_SCALE, receiver.samples.get(0).gyroscopeRadiansPerSecond().x(), 1e-9);
        assertEquals(-32768 * ACCEL_SCALE, receiver.samples.get(0).accelerometerMetersPerSecondSquared().z(), 1e-9);
    }

    @Test
    void drain_afterOverrun_keepsNewestSamplesAndReportsTheOverwrittenOnesAsAGap() throws IOException {
        SimulatedLsm6dsox chip = chip(TestSources.timeEncoding());
        Lsm6dsox driver = started(chip);
        RecordingReceiver receiver = new RecordingReceiver();
        clock.advance(0.5);
        driver.drainTo(receiver);
        int before = receiver.samples.size();
        double lastBefore = receiver.samples.get(before - 1).timeSeconds();

        clock.advance(3.0);                     // 624 ticks: the FIFO keeps the newest 256
        driver.drainTo(receiver);

        assertEquals(1, driver.overflowCount());
        assertTrue(chip.overwrittenWordCount() > 0);
        assertEquals(1, receiver.gaps.size());
        double[] gap = receiver.gaps.get(0);
        double period = 1 / 208.0;
        assertEquals(lastBefore + period, gap[0], 1e-9);
        int kept = receiver.samples.size() - before;
        assertEquals(256, kept);
        int lost = (int) Math.round((gap[1] - gap[0]) / period) + 1;
        assertEquals(624, lost + kept, 1);
        assertEquals(3.5, receiver.samples.get(receiver.samples.size() - 1).timeSeconds(), period);
        // the samples kept are stamped with the times they were taken (within one period)
        InertialSource source = TestSources.timeEncoding();
        ImuSample newest = receiver.samples.get(receiver.samples.size() - 1);
        assertEquals(source.sampleAt(newest.timeSeconds()).accelerometerMetersPerSecondSquared().z(),
                newest.accelerometerMetersPerSecondSquared().z(), 3 * period + ACCEL_SCALE);

        clock.advance(0.5);
        driver.drainTo(receiver);
        assertEquals(1, receiver.gaps.size());
        assertEquals(104, receiver.samples.size() - before - kept);
    }

    private static void assertVector(Vector3 expected, Vector3 actual) {
        assertEquals(expected.x(), actual.x(), 1e-12);
        assertEquals(expected.y(), actual.y(), 1e-12);
        assertEquals(expected.z(), actual.z(), 1e-12);
    }

    private SimulatedLsm6dsox chip(InertialSource source) {
        return new SimulatedLsm6dsox(Lsm6dsox.ADDRESS_SA0_LOW, source, clock);
    }

    private Lsm6dsox started(SimulatedLsm6dsox chip) throws IOException {
        Lsm6dsox driver = new Lsm6dsox(chip, ImuSettings.DEFAULTS, clock, Sleeper.NONE);
        driver.start();
        return driver;
    }

    /**
     * Serves fixed FIFO words to the driver: registers keep what is written (so configuration reads
     * back), FIFO_STATUS reports the words left, and bursts from FIFO_DATA_OUT_TAG hand them out.
     */
    private static final class FifoScript implements RegisterBus {
        private final int[] registers = new int[256];
        private final Deque<Integer> fifoBytes = new ArrayDeque<>();

        FifoScript() {
            registers[Registers.WHO_AM_I] = Lsm6dsox.WHO_AM_I_VALUE;
        }

        void words(int... bytes) {
            for (int value : bytes) {
                fifoBytes.add(value);
            }
        }

        @Override
        public int address() {
            return Lsm6dsox.ADDRESS_SA0_LOW;
        }

        @Override
        public int readRegister(int register) {
            return registers[register];
        }

        @Override
        public void readRegisters(int firstRegister, byte[] buffer, int offset, int length) {
            if (firstRegister == Registers.FIFO_STATUS1) {
                int words = fifoBytes.size() / Lsm6dsox.FIFO_WORD_BYTES;
                buffer[offset] = (byte) words;
                buffer[offset + 1] = (byte) (words >> 8);
                return;
            }
            if (firstRegister == Registers.FIFO_DATA_OUT_TAG) {
                for (int index = 0; index < length; index++) {
                    buffer[offset + index] = (byte) fifoBytes.removeFirst().intValue();
                }
                return;
            }
            for (int index = 0; index < length; index++) {
                buffer[offset + index] = (byte) registers[firstRegister + index];
            }
        }

        @Override
        public void writeRegister(int register, int value) {
            registers[register] = register == Registers.CTRL3_C ? value & ~Lsm6dsox.Bits.CTRL3_SW_RESET : value;
        }

        @Override
        public void close() {
        }
    }
}
