// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.hardware.bus.ConfiguredChip;
import dev.backbeat.hardware.bus.RegisterBus;
import dev.backbeat.hardware.time.SessionClock;
import dev.backbeat.hardware.time.Sleeper;
import java.io.IOException;
import java.util.Objects;

/**
 * ST LSM6DSOX six-axis IMU (the LSM6DSO shares WHO_AM_I and every register used here), read
 * through its tagged FIFO in continuous mode.
 *
 * <p>References: LSM6DSOX datasheet DS12814 (register description, chapter 9; FIFO, section
 * "FIFO reading procedure") and application note AN5272 (cited by section title).
 *
 * <p>Each FIFO word is 7 bytes: a tag (sensor in bits 7:3, a 2-bit time-slot counter TAG_CNT in
 * bits 2:1) and x, y, z little-endian. Gyroscope and accelerometer words of one output-data-rate
 * tick share a TAG_CNT; the driver pairs them by it. With IF_INC set, a burst starting at
 * FIFO_DATA_OUT_TAG wraps from 0x7E back to 0x78, so several words come in one transaction (the
 * Linux st_lsm6dsx driver reads the FIFO the same way).
 *
 * <p>In continuous mode an overrun overwrites the oldest words and keeps the newest 512, which stay
 * whole; the driver keeps them, stamps the newest at the session clock, and reports what was
 * overwritten as a gap.
 */
public final class Lsm6dsox implements ImuDriver {

    public static final String CHIP_NAME = "LSM6DSOX";
    /** I2C address with SA0 low (DS12814, I2C serial interface). */
    public static final int ADDRESS_SA0_LOW = 0x6A;
    /** I2C address with SA0 high: the second IMU of a pair. */
    public static final int ADDRESS_SA0_HIGH = 0x6B;
    /** WHO_AM_I value. */
    public static final int WHO_AM_I_VALUE = 0x6C;
    /** Bytes per FIFO word: tag and three 16-bit axes. */
    public static final int FIFO_WORD_BYTES = 7;
    /** FIFO depth in uncompressed words (3.5 kbyte; the "9 kbyte" of the front page counts compression). */
    public static final int FIFO_CAPACITY_WORDS = 512;
    /** Tag of an uncompressed gyroscope word (DS12814, FIFO_DATA_OUT_TAG). */
    public static final int TAG_GYROSCOPE = 0x01;
    /** Tag of an uncompressed accelerometer word. */
    public static final int TAG_ACCELEROMETER = 0x02;
    /** Words per bus transaction: 252 bytes. */
    static final int MAX_BURST_WORDS = 36;
    /** DIFF_FIFO is 10 bits. */
    private static final int MAX_WORDS_PER_DRAIN = 1023;

    /** Register addresses (DS12814 chapter 8, register mapping). */
    public static final class Registers {
        /** FIFO_CTRL3: BDR_GY[7:4], BDR_XL[3:0], batching rates. */
        public static final int FIFO_CTRL3 = 0x09;
        /** FIFO_CTRL4: FIFO_MODE[2:0] (000 bypass, 110 continuous). */
        public static final int FIFO_CTRL4 = 0x0A;
        public static final int WHO_AM_I = 0x0F;
        /** CTRL1_XL: ODR_XL[7:4], FS_XL[3:2], LPF2_XL_EN bit 1. */
        public static final int CTRL1_XL = 0x10;
        /** CTRL2_G: ODR_G[7:4], FS_G[3:2], FS_125 bit 1. */
        public static final int CTRL2_G = 0x11;
        /** CTRL3_C: BOOT 7, BDU 6, IF_INC 2, SW_RESET 0. */
        public static final int CTRL3_C = 0x12;
        /** CTRL8_XL: HPCF_XL[7:5], the LPF2 cut-off. */
        public static final int CTRL8_XL = 0x17;
        /** OUTX_L_G..OUTZ_H_G, then OUTX_L_A..OUTZ_H_A at 0x28. */
        public static final int OUTX_L_G = 0x22;
        /** FIFO_STATUS1: DIFF_FIFO[7:0]. */
        public static final int FIFO_STATUS1 = 0x3A;
        /** FIFO_STATUS2: FIFO_WTM_IA 7, FIFO_OVR_IA 6, FIFO_FULL_IA 5, FIFO_OVR_LATCHED 3, DIFF_FIFO[9:8]. */
        public static final int FIFO_STATUS2 = 0x3B;
        /** FIFO_DATA_OUT_TAG, followed by FIFO_DATA_OUT_X_L..Z_H at 0x79..0x7E. */
        public static final int FIFO_DATA_OUT_TAG = 0x78;

        private Registers() {
        }
    }

    /** Bit values used by the driver. */
    public static final class Bits {
        public static final int CTRL3_BOOT = 0x80;
        public static final int CTRL3_BDU = 0x40;
        public static final int CTRL3_IF_INC = 0x04;
        public static final int CTRL3_SW_RESET = 0x01;
        public static final int CTRL1_LPF2_XL_EN = 0x02;
        public static final int FIFO_MODE_BYPASS = 0x00;
        public static final int FIFO_MODE_CONTINUOUS = 0x06;
        public static final int STATUS2_FIFO_OVR_IA = 0x40;
        public static final int STATUS2_FIFO_OVR_LATCHED = 0x08;

        private Bits() {
        }
    }

    /**
     * Register values for one {@link ImuSettings}.
     *
     * @param rateCode ODR_XL = ODR_G = BDR_XL = BDR_GY code (0100: 104 Hz, 0101: 208 Hz)
     * @param accelerometerRangeCode FS_XL (00 ±2 g, 10 ±4 g, 11 ±8 g, 01 ±16 g)
     * @param gyroscopeRangeCode FS_G (00 ±250, 01 ±500, 10 ±1000, 11 ±2000 °/s)
     * @param outputDataRateHz nominal output data rate, Hz
     * @param accelerometerLowPassHz LPF2 cut-off with HPCF_XL = 000: ODR/4, Hz
     * @param gyroscopeRadiansPerSecondPerCount rad/s per count (8.75, 17.5, 35, 70 mdps/LSB)
     * @param accelerometerMetersPerSecondSquaredPerCount m/s² per count (0.061, 0.122, 0.244, 0.488 mg/LSB)
     */
    public record Configuration(int rateCode, int accelerometerRangeCode, int gyroscopeRangeCode,
                                double outputDataRateHz, double accelerometerLowPassHz,
                                double gyroscopeRadiansPerSecondPerCount,
                                double accelerometerMetersPerSecondSquaredPerCount) {

        /** Nominal rates of ODR codes 0100 and 0101 (DS12814 table 3, mechanical characteristics). */
        private static final double[] RATES_HZ = {104, 208};
        private static final int[] RATE_CODES = {0b0100, 0b0101};

        public static Configuration forSettings(ImuSettings settings) {
            int choice = Math.abs(settings.outputDataRateHz() - RATES_HZ[0])
                    <= Math.abs(settings.outputDataRateHz() - RATES_HZ[1]) ? 0 : 1;
            double rateHz = RATES_HZ[choice];
            int accelerometerCode;
            double accelerometerMilliGPerCount;
            switch (settings.accelerometerRangeG()) {
                case 2 -> { accelerometerCode = 0b00; accelerometerMilliGPerCount = 0.061; }
                case 4 -> { accelerometerCode = 0b10; accelerometerMilliGPerCount = 0.122; }
                case 8 -> { accelerometerCode = 0b11; accelerometerMilliGPerCount = 0.244; }
                default -> { accelerometerCode = 0b01; accelerometerMilliGPerCount = 0.488; }
            }
            int gyroscopeCode;
            double gyroscopeMilliDegreesPerSecondPerCount;
            switch (settings.gyroscopeRangeDegreesPerSecond()) {
                case 250 -> { gyroscopeCode = 0b00; gyroscopeMilliDegreesPerSecondPerCount = 8.75; }
                case 500 -> { gyroscopeCode = 0b01; gyroscopeMilliDegreesPerSecondPerCount = 17.5; }
                case 1000 -> { gyroscopeCode = 0b10; gyroscopeMilliDegreesPerSecondPerCount = 35; }
                default -> { gyroscopeCode = 0b11; gyroscopeMilliDegreesPerSecondPerCount = 70; }
            }
            return new Configuration(RATE_CODES[choice], accelerometerCode, gyroscopeCode, rateHz, rateHz / 4,
                    gyroscopeMilliDegreesPerSecondPerCount * 1e-3 * SiUnits.RADIANS_PER_DEGREE,
                    accelerometerMilliGPerCount * 1e-3 * SiUnits.STANDARD_GRAVITY_METERS_PER_SECOND_SQUARED);
        }

        /** CTRL1_XL: rate, range and LPF2 on (cut-off ODR/4 with CTRL8_XL = 0). */
        public int ctrl1Xl() {
            return rateCode << 4 | accelerometerRangeCode << 2 | Bits.CTRL1_LPF2_XL_EN;
        }

        /** CTRL2_G: rate and range. */
        public int ctrl2G() {
            return rateCode << 4 | gyroscopeRangeCode << 2;
        }

        /** FIFO_CTRL3: both sensors batched at the output data rate. */
        public int fifoCtrl3() {
            return rateCode << 4 | rateCode;
        }
    }

    private final RegisterBus bus;
    private final ConfiguredChip chip;
    private final Configuration configuration;
    private final SessionClock clock;
    private final Sleeper sleeper;
    private final SampleClock timeline;
    private final byte[] statusBuffer = new byte[2];
    private final byte[] wordBuffer = new byte[MAX_BURST_WORDS * FIFO_WORD_BYTES];
    /** Raw counts of the complete pairs of one drain: gyroscope x, y, z, accelerometer x, y, z. */
    private final int[] pairCounts = new int[(MAX_WORDS_PER_DRAIN / 2 + 2) * 6];
    private final int[] pendingGyroscope = new int[3];
    private final int[] pendingAccelerometer = new int[3];
    private boolean hasPendingGyroscope;
    private boolean hasPendingAccelerometer;
    private int pendingSlot = -1;
    private long overflowCount;
    private long discardedWordCount;

    public Lsm6dsox(RegisterBus bus, ImuSettings settings, SessionClock clock, Sleeper sleeper) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.chip = new ConfiguredChip(bus, CHIP_NAME);
        this.configuration = Configuration.forSettings(settings);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.timeline = new SampleClock(configuration.outputDataRateHz(), SampleClockSettings.DEFAULTS);
    }

    @Override
    public String chipName() {
        return CHIP_NAME;
    }

    @Override
    public RegisterBus bus() {
        return bus;
    }

    public Configuration configuration() {
        return configuration;
    }

    @Override
    public double outputDataRateHz() {
        return configuration.outputDataRateHz();
    }

    @Override
    public double fifoCapacitySeconds() {
        return (FIFO_CAPACITY_WORDS / 2) / configuration.outputDataRateHz();
    }

    @Override
    public double estimatedOutputDataRateHz() {
        return timeline.rateHz();
    }

    @Override
    public boolean outputDataRateMeasured() {
        return timeline.rateMeasured();
    }

    @Override
    public double minimumSampleSpacingSeconds() {
        return timeline.minimumSpacingSeconds();
    }

    @Override
    public long overflowCount() {
        return overflowCount;
    }

    /** FIFO words dropped because their tag was unexpected or their partner was overwritten. */
    public long discardedWordCount() {
        return discardedWordCount;
    }

    @Override
    public void start() throws IOException {
        chip.requireIdentity("WHO_AM_I", Registers.WHO_AM_I, 0xFF, WHO_AM_I_VALUE);
        bus.writeRegister(Registers.CTRL3_C, Bits.CTRL3_SW_RESET);
        sleeper.sleep(10);
        for (int attempt = 0; (bus.readRegister(Registers.CTRL3_C) & Bits.CTRL3_SW_RESET) != 0; attempt++) {
            if (attempt == 10) {
                throw new IOException(String.format("%s at 0x%02X: SW_RESET did not clear within 110 ms",
                        CHIP_NAME, bus.address()));
            }
            sleeper.sleep(10);
        }
        chip.writeAndVerify("CTRL3_C", Registers.CTRL3_C, Bits.CTRL3_BDU | Bits.CTRL3_IF_INC);
        chip.writeAndVerify("CTRL8_XL", Registers.CTRL8_XL, 0x00);
        chip.writeAndVerify("FIFO_CTRL4", Registers.FIFO_CTRL4, Bits.FIFO_MODE_BYPASS);
        chip.writeAndVerify("FIFO_CTRL3", Registers.FIFO_CTRL3, configuration.fifoCtrl3());
        chip.writeAndVerify("CTRL1_XL", Registers.CTRL1_XL, configuration.ctrl1Xl());
        chip.writeAndVerify("CTRL2_G", Registers.CTRL2_G, configuration.ctrl2G());
        chip.writeAndVerify("FIFO_CTRL4", Registers.FIFO_CTRL4, Bits.FIFO_MODE_CONTINUOUS);
        bus.readRegisters(Registers.FIFO_STATUS1, statusBuffer, 0, 2);
        clearPending();
        timeline.restart(clock.nowSeconds());
    }

    @Override
    public void drainTo(ImuSampleReceiver receiver) throws IOException {
        bus.readRegisters(Registers.FIFO_STATUS1, statusBuffer, 0, 2);
        double countedSeconds = clock.nowSeconds(); // right after the count: the chip's rate is measured against it
        int words = (statusBuffer[0] & 0xFF) | ((statusBuffer[1] & 0x03) << 8);
        boolean overrun = (statusBuffer[1] & (Bits.STATUS2_FIFO_OVR_LATCHED | Bits.STATUS2_FIFO_OVR_IA)) != 0;
        int pairs = 0;
        int remaining = words;
        while (remaining > 0) {
            int burst = Math.min(remaining, MAX_BURST_WORDS);
            bus.readRegisters(Registers.FIFO_DATA_OUT_TAG, wordBuffer, 0, burst * FIFO_WORD_BYTES);
            for (int word = 0; word < burst; word++) {
                pairs = acceptWord(wordBuffer, word * FIFO_WORD_BYTES, pairs);
            }
            remaining -= burst;
        }
        if (overrun) {
            reanchorAfterOverrun(receiver, pairs);
        }
        timeline.observe(countedSeconds, pairs);
        double gyroscopeScale = configuration.gyroscopeRadiansPerSecondPerCount();
        double accelerometerScale = configuration.accelerometerMetersPerSecondSquaredPerCount();
        for (int pair = 0; pair < pairs; pair++) {
            int base = pair * 6;
            receiver.sample(new ImuSample(timeline.next(),
                    new Vector3(pairCounts[base] * gyroscopeScale, pairCounts[base + 1] * gyroscopeScale,
                            pairCounts[base + 2] * gyroscopeScale),
                    new Vector3(pairCounts[base + 3] * accelerometerScale, pairCounts[base + 4] * accelerometerScale,
                            pairCounts[base + 5] * accelerometerScale)));
        }
    }

    /**
     * The newest reading from the output registers, gyroscope and accelerometer in one 12-byte
     * burst (BDU keeps them from one instant), stamped with the session clock. For checks.
     */
    @Override
    public ImuSample readLatest() throws IOException {
        byte[] registers = new byte[12];
        bus.readRegisters(Registers.OUTX_L_G, registers, 0, 12);
        double gyroscopeScale = configuration.gyroscopeRadiansPerSecondPerCount();
        double accelerometerScale = configuration.accelerometerMetersPerSecondSquaredPerCount();
        return new ImuSample(clock.nowSeconds(),
                new Vector3(SignedWord.littleEndian(registers, 0) * gyroscopeScale,
                        SignedWord.littleEndian(registers, 2) * gyroscopeScale,
                        SignedWord.littleEndian(registers, 4) * gyroscopeScale),
                new Vector3(SignedWord.littleEndian(registers, 6) * accelerometerScale,
                        SignedWord.littleEndian(registers, 8) * accelerometerScale,
                        SignedWord.littleEndian(registers, 10) * accelerometerScale));
    }

    /** TAG_SENSOR of a FIFO tag byte. */
    public static int tagSensor(int tagByte) {
        return (tagByte & 0xFF) >>> 3;
    }

    /** TAG_CNT (time slot, 0..3) of a FIFO tag byte. */
    public static int tagSlot(int tagByte) {
        return (tagByte >>> 1) & 0x03;
    }

    @Override
    public void close() throws IOException {
        try {
            bus.writeRegister(Registers.FIFO_CTRL4, Bits.FIFO_MODE_BYPASS);
            bus.writeRegister(Registers.CTRL1_XL, 0);
            bus.writeRegister(Registers.CTRL2_G, 0);
        } finally {
            bus.close();
        }
    }

    /**
     * Takes one FIFO word; returns the number of complete pairs. Unknown tags (temperature,
     * timestamp, compressed data, garbage) are dropped, as is a half pair whose partner never came.
     */
    private int acceptWord(byte[] bytes, int offset, int pairs) {
        int tagByte = bytes[offset] & 0xFF;
        int sensor = tagSensor(tagByte);
        if (sensor != TAG_GYROSCOPE && sensor != TAG_ACCELEROMETER) {
            discardedWordCount++;
            return pairs;
        }
        int slot = tagSlot(tagByte);
        if (pendingSlot >= 0 && pendingSlot != slot) {
            discardedWordCount++;
            clearPending();
        }
        int[] target = sensor == TAG_GYROSCOPE ? pendingGyroscope : pendingAccelerometer;
        if (sensor == TAG_GYROSCOPE ? hasPendingGyroscope : hasPendingAccelerometer) {
            discardedWordCount++;
        }
        target[0] = SignedWord.littleEndian(bytes, offset + 1);
        target[1] = SignedWord.littleEndian(bytes, offset + 3);
        target[2] = SignedWord.littleEndian(bytes, offset + 5);
        if (sensor == TAG_GYROSCOPE) {
            hasPendingGyroscope = true;
        } else {
            hasPendingAccelerometer = true;
        }
        pendingSlot = slot;
        if (hasPendingGyroscope && hasPendingAccelerometer) {
            int base = pairs * 6;
            System.arraycopy(pendingGyroscope, 0, pairCounts, base, 3);
            System.arraycopy(pendingAccelerometer, 0, pairCounts, base + 3, 3);
            clearPending();
            return pairs + 1;
        }
        return pairs;
    }

    private void clearPending() {
        hasPendingGyroscope = false;
        hasPendingAccelerometer = false;
        pendingSlot = -1;
    }

    /**
     * After an overrun the FIFO held the newest samples: the last pair read is stamped at about
     * now (within one period), the pairs before it one period apart, and what lies between the last
     * sample delivered before and the first kept is reported lost.
     */
    private void reanchorAfterOverrun(ImuSampleReceiver receiver, int pairs) {
        double period = timeline.periodSeconds();
        double nowSeconds = clock.nowSeconds();
        double firstLostSeconds = timeline.peekNext();
        double firstKeptSeconds = nowSeconds - (pairs - 1) * period;
        double lastLostSeconds = firstKeptSeconds - period;
        overflowCount++;
        if (lastLostSeconds >= firstLostSeconds - period / 2) {
            receiver.gap(firstLostSeconds, Math.max(firstLostSeconds, lastLostSeconds));
            timeline.restart(firstKeptSeconds - period);
        }
    }
}
