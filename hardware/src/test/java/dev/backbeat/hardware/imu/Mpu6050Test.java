// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.hardware.bus.ChipConfigurationException;
import dev.backbeat.hardware.bus.WrongChipException;
import dev.backbeat.hardware.imu.Mpu6050.Registers;
import dev.backbeat.hardware.sim.chip.FaultyBus;
import dev.backbeat.hardware.sim.chip.InertialSource;
import dev.backbeat.hardware.sim.chip.ManualClock;
import dev.backbeat.hardware.sim.chip.SimulatedMpu6050;
import dev.backbeat.hardware.sim.chip.TestSources;
import dev.backbeat.hardware.time.Sleeper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class Mpu6050Test {

    private static final double G = SiUnits.STANDARD_GRAVITY_METERS_PER_SECOND_SQUARED;
    private static final double DEG = SiUnits.RADIANS_PER_DEGREE;

    private final ManualClock clock = new ManualClock();

    @Test
    void decodeFrame_goldenBytes_negativeValuesAndLowBytesOf0x80() {
        byte[] frame = {
                0x20, 0x00,               // accel x   8192 -> +1 g at ±4 g
                (byte) 0xFF, (byte) 0x80, // accel y   -128
                (byte) 0x80, 0x00,        // accel z -32768 -> -4 g
                0x00, (byte) 0x80,        // gyro x     128 (0x80 low byte stays positive)
                (byte) 0xFF, (byte) 0xFF, // gyro y      -1
                (byte) 0xFE, 0x0C,        // gyro z    -500
        };
        Mpu6050.Configuration configuration = Mpu6050.Configuration.forSettings(ImuSettings.DEFAULTS);

        ImuSample sample = Mpu6050.decodeFrame(frame, 0, 1.25, configuration);

        assertEquals(1.25, sample.timeSeconds());
        assertEquals(G, sample.accelerometerMetersPerSecondSquared().x(), 1e-12);
        assertEquals(-128 * G / 8192, sample.accelerometerMetersPerSecondSquared().y(), 1e-12);
        assertEquals(-4 * G, sample.accelerometerMetersPerSecondSquared().z(), 1e-12);
        assertEquals(128 / 65.5 * DEG, sample.gyroscopeRadiansPerSecond().x(), 1e-12);
        assertEquals(-1 / 65.5 * DEG, sample.gyroscopeRadiansPerSecond().y(), 1e-12);
        assertEquals(-500 / 65.5 * DEG, sample.gyroscopeRadiansPerSecond().z(), 1e-12);
    }

    @Test
    void decodeFrame_anyBytes_neverThrows() {
        Mpu6050.Configuration configuration = Mpu6050.Configuration.forSettings(ImuSettings.DEFAULTS);
        byte[] frame = new byte[12];
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 1000; trial++) {
            random.nextBytes(frame);
            assertTrue(Mpu6050.decodeFrame(frame, 0, 0, configuration).gyroscopeRadiansPerSecond().isFinite());
        }
    }

    @Test
    void configuration_200Hz_dividerFourDlpf42HzAndRanges() {
        Mpu6050.Configuration configuration = Mpu6050.Configuration.forSettings(ImuSettings.DEFAULTS);

        assertEquals(4, configuration.sampleRateDivider());
        assertEquals(200.0, configuration.outputDataRateHz());
        assertEquals(3, configuration.lowPassSetting());
        assertEquals(42.0, configuration.gyroscopeLowPassHz());
        assertEquals(1, configuration.gyroscopeRangeSetting());
        assertEquals(1, configuration.accelerometerRangeSetting());
    }

    @Test
    void configuration_100HzAnd2000DegreesPerSecond16G() {
        Mpu6050.Configuration configuration = Mpu6050.Configuration.forSettings(
                new ImuSettings(100, 2000, 16));

        assertEquals(9, configuration.sampleRateDivider());
        assertEquals(100.0, configuration.outputDataRateHz());
        assertEquals(3, configuration.lowPassSetting());
        assertEquals(3, configuration.gyroscopeRangeSetting());
        assertEquals(3, configuration.accelerometerRangeSetting());
        assertEquals(DEG / 16.4, configuration.gyroscopeRadiansPerSecondPerCount(), 1e-15);
    }

    @Test
    void start_writesConfigurationTheChipReadsBack() throws IOException {
        SimulatedMpu6050 chip = chip(TestSources.timeEncoding());
        Mpu6050 driver = new Mpu6050(chip, ImuSettings.DEFAULTS, clock, Sleeper.NONE);

        driver.start();

        assertEquals(0x01, chip.peek(Registers.PWR_MGMT_1));
        assertEquals(4, chip.peek(Registers.SMPLRT_DIV));
        assertEquals(3, chip.peek(Registers.CONFIG));
        assertEquals(0x08, chip.peek(Registers.GYRO_CONFIG));
        assertEquals(0x08, chip.peek(Registers.ACCEL_CONFIG));
        assertEquals(0x78, chip.peek(Registers.FIFO_EN));
        assertEquals(0x40, chip.peek(Registers.USER_CTRL));
        assertEquals(200.0, chip.sampleRateHz());
    }

    @Test
    void start_otherChipAtAddress_namesWhatItLooksLike() {
        FaultyBus bus = new FaultyBus(chip(TestSources.timeEncoding())).reading(Registers.WHO_AM_I, 0x70);
        Mpu6050 driver = new Mpu6050(bus, ImuSettings.DEFAULTS, clock, Sleeper.NONE);

        WrongChipException failure = assertThrows(WrongChipException.class, driver::start);

        assertEquals(0x70, failure.identity());
        assertTrue(failure.getMessage().contains("WHO_AM_I (0x75) = 0x70, expected 0x68 for MPU-6050"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("looks like MPU-6500"), failure.getMessage());
    }

    @Test
    void start_registerThatDoesNotStick_namesRegisterAndValues() {
        FaultyBus bus = new FaultyBus(chip(TestSources.timeEncoding())).ignoringWritesTo(Registers.GYRO_CONFIG);
        Mpu6050 driver = new Mpu6050(bus, ImuSettings.DEFAULTS, clock, Sleeper.NONE);

        ChipConfigurationException failure = assertThrows(ChipConfigurationException.class, driver::start);

        assertEquals("MPU-6050 at 0x68: GYRO_CONFIG (0x1B) reads back 0x00 after writing 0x08", failure.getMessage());
    }

    @Test
    void drain_deliversEveryTickStampedFromRateAndCount() throws IOException {
        InertialSource source = TestSources.timeEncoding();
        Mpu6050 driver = started(chip(source));
        RecordingReceiver receiver = new RecordingReceiver();

        for (int poll = 0; poll < 25; poll++) {
            clock.advance(0.04);
            driver.drainTo(receiver);
        }

        assertEquals(200, receiver.samples.size());
        assertTrue(receiver.gaps.isEmpty());
        for (int index = 0; index < receiver.samples.size(); index++) {
            ImuSample sample = receiver.samples.get(index);
            double expectedTime = (index + 1) / 200.0;
            assertEquals(expectedTime, sample.timeSeconds(), 1e-9);
            ImuSample truth = source.sampleAt(expectedTime);
            assertEquals(truth.gyroscopeRadiansPerSecond().x(), sample.gyroscopeRadiansPerSecond().x(), DEG / 65.5);
            assertEquals(truth.accelerometerMetersPerSecondSquared().z(),
                    sample.accelerometerMetersPerSecondSquared().z(), G / 8192);
        }
    }

    @Test
    void drain_beyondFullScale_saturatesAtTheConfiguredRange() throws IOException {
        Mpu6050 driver = started(chip(TestSources.constant(new Vector3(20, -20, 0), new Vector3(0, 0, 60))));
        RecordingReceiver receiver = new RecordingReceiver();

        clock.advance(0.05);
        driver.drainTo(receiver);

        ImuSample sample = receiver.samples.get(0);
        assertEquals(32767 / 65.5 * DEG, sample.gyroscopeRadiansPerSecond().x(), 1e-9);
        assertEquals(-32768 / 65.5 * DEG, sample.gyroscopeRadiansPerSecond().y(), 1e-9);
        assertEquals(32767 * G / 8192, sample.accelerometerMetersPerSecondSquared().z(), 1e-9);
    }

    @Test
    void drain_afterPauseLongerThanFifo_reportsGapOfPauseLengthAndRecovers() throws IOException {
        SimulatedMpu6050 chip = chip(TestSources.timeEncoding());
        Mpu6050 driver = started(chip);
        RecordingReceiver receiver = new RecordingReceiver();
        clock.advance(0.3);
        driver.drainTo(receiver);
        assertEquals(60, receiver.samples.size());

        clock.advance(1.0);                     // 200 samples: the FIFO holds 85
        driver.drainTo(receiver);
        clock.advance(0.3);
        driver.drainTo(receiver);

        assertEquals(1, driver.overflowCount());
        assertTrue(chip.fifoOverflowCount() > 0);
        assertEquals(1, receiver.gaps.size());
        double[] gap = receiver.gaps.get(0);
        assertEquals(0.305, gap[0], 1e-9);       // first lost sample: the one after the last delivered
        assertEquals(1.3, gap[1], 1e-9);         // last lost: the recovery time
        assertEquals(200, 200 * (gap[1] - gap[0]) + 1, 1e-6);
        assertEquals(120, receiver.samples.size());
        assertEquals(1.305, receiver.samples.get(60).timeSeconds(), 1e-9);
        assertEquals(1.6, receiver.samples.get(119).timeSeconds(), 1e-9);
        assertSamplesMatchSource(receiver);
    }

    private void assertSamplesMatchSource(RecordingReceiver receiver) {
        InertialSource source = TestSources.timeEncoding();
        for (ImuSample sample : receiver.samples) {
            assertEquals(source.sampleAt(sample.timeSeconds()).accelerometerMetersPerSecondSquared().z(),
                    sample.accelerometerMetersPerSecondSquared().z(), G / 8192, "at " + sample.timeSeconds());
        }
    }

    private SimulatedMpu6050 chip(InertialSource source) {
        return new SimulatedMpu6050(Mpu6050.ADDRESS_AD0_LOW, source, clock);
    }

    private Mpu6050 started(SimulatedMpu6050 chip) throws IOException {
        Mpu6050 driver = new Mpu6050(chip, ImuSettings.DEFAULTS, clock, Sleeper.NONE);
        driver.start();
        return driver;
    }
}
