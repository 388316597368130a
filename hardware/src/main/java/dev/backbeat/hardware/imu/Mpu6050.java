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
 * InvenSense MPU-6050 six-axis IMU, read through its 1024-byte FIFO.
 *
 * <p>References: "MPU-6000 and MPU-6050 Register Map and Descriptions", RM-MPU-6000A-00 rev 4.2
 * (cited as RM §n), and "MPU-6000 and MPU-6050 Product Specification", PS-MPU-6000A-00 rev 3.4
 * (cited as PS §n).
 *
 * <p>Each FIFO frame holds accelerometer then gyroscope, 12 bytes, big-endian: the FIFO writes the
 * enabled sensor registers in register order (RM §4.31). The FIFO holds 85 whole frames (0.42 s at
 * 200 Hz). On overflow the chip drops the oldest <em>bytes</em> (RM §4.31), and since 1024 is not a
 * multiple of 12 the frame boundaries are lost; the driver therefore discards the FIFO, restarts it,
 * and reports everything since the last good sample as a gap.
 */
public final class Mpu6050 implements ImuDriver {

    public static final String CHIP_NAME = "MPU-6050";
    /** I2C address with AD0 low (PS §9.2). */
    public static final int ADDRESS_AD0_LOW = 0x68;
    /** I2C address with AD0 high: the second IMU of a pair. */
    public static final int ADDRESS_AD0_HIGH = 0x69;
    /** WHO_AM_I value, the same whatever AD0 is (RM register 117). */
    public static final int WHO_AM_I_VALUE = 0x68;
    /** FIFO size, bytes (PS §7.17). */
    public static final int FIFO_CAPACITY_BYTES = 1024;
    /** Bytes per FIFO frame: accelerometer x, y, z then gyroscope x, y, z, 16 bits each. */
    public static final int FIFO_FRAME_BYTES = 12;
    /** Frames per bus transaction: 240 bytes, well inside what Linux i2c-dev moves in one transfer. */
    static final int MAX_BURST_FRAMES = 20;

    /** Register addresses (RM §3). */
    public static final class Registers {
        /** Register 25, sample rate divider: rate = gyroscope output rate / (1 + SMPLRT_DIV) (RM §4.2). */
        public static final int SMPLRT_DIV = 0x19;
        /** Register 26, DLPF_CFG[2:0] (RM §4.3). */
        public static final int CONFIG = 0x1A;
        /** Register 27, FS_SEL[4:3] (RM §4.4). */
        public static final int GYRO_CONFIG = 0x1B;
        /** Register 28, AFS_SEL[4:3] (RM §4.5). */
        public static final int ACCEL_CONFIG = 0x1C;
        /** Register 35, which sensors go into the FIFO (RM §4.6). */
        public static final int FIFO_EN = 0x23;
        /** Register 56, interrupt enables; FIFO_OFLOW_EN is bit 4. */
        public static final int INT_ENABLE = 0x38;
        /** Register 58, interrupt status, cleared on read; FIFO_OFLOW_INT is bit 4. */
        public static final int INT_STATUS = 0x3A;
        /** Registers 59..64, accelerometer measurements, big-endian (RM §4.17). */
        public static final int ACCEL_XOUT_H = 0x3B;
        /** Registers 65..66, temperature (RM §4.18). */
        public static final int TEMP_OUT_H = 0x41;
        /** Registers 67..72, gyroscope measurements, big-endian (RM §4.19). */
        public static final int GYRO_XOUT_H = 0x43;
        /** Register 106: FIFO_EN bit 6, FIFO_RESET bit 2. */
        public static final int USER_CTRL = 0x6A;
        /** Register 107: DEVICE_RESET bit 7, SLEEP bit 6, CLKSEL[2:0]; resets to 0x40 (asleep). */
        public static final int PWR_MGMT_1 = 0x6B;
        /** Registers 114..115, bytes in the FIFO; read high byte first to latch both (RM §4.30). */
        public static final int FIFO_COUNTH = 0x72;
        /** Register 116, FIFO read port; the register pointer stays here during a burst (RM §4.31). */
        public static final int FIFO_R_W = 0x74;
        /** Register 117, WHO_AM_I. */
        public static final int WHO_AM_I = 0x75;

        private Registers() {
        }
    }

    /** Bit values used by the driver. */
    public static final class Bits {
        public static final int FIFO_EN_TEMP = 0x80;
        public static final int FIFO_EN_XG = 0x40;
        public static final int FIFO_EN_YG = 0x20;
        public static final int FIFO_EN_ZG = 0x10;
        public static final int FIFO_EN_ACCEL = 0x08;
        public static final int INT_FIFO_OFLOW = 0x10;
        public static final int USER_CTRL_FIFO_EN = 0x40;
        public static final int USER_CTRL_FIFO_RESET = 0x04;
        public static final int PWR_DEVICE_RESET = 0x80;
        public static final int PWR_SLEEP = 0x40;
        /** CLKSEL = 1: PLL on the X gyroscope, which the register map recommends over the internal oscillator. */
        public static final int PWR_CLKSEL_PLL_X_GYRO = 0x01;

        private Bits() {
        }
    }

    /**
     * Register values for one {@link ImuSettings}, and the scale factors that go with them.
     *
     * @param sampleRateDivider SMPLRT_DIV
     * @param lowPassSetting DLPF_CFG
     * @param gyroscopeRangeSetting FS_SEL
     * @param accelerometerRangeSetting AFS_SEL
     * @param outputDataRateHz 1 kHz / (1 + SMPLRT_DIV), Hz (RM §4.2, DLPF enabled)
     * @param gyroscopeLowPassHz gyroscope bandwidth of the chosen DLPF_CFG, Hz (RM §4.3)
     * @param gyroscopeRadiansPerSecondPerCount scale, rad/s per count (PS §6.1)
     * @param accelerometerMetersPerSecondSquaredPerCount scale, m/s² per count (PS §6.2)
     */
    public record Configuration(int sampleRateDivider, int lowPassSetting, int gyroscopeRangeSetting,
                                int accelerometerRangeSetting, double outputDataRateHz, double gyroscopeLowPassHz,
                                double gyroscopeRadiansPerSecondPerCount,
                                double accelerometerMetersPerSecondSquaredPerCount) {

        /** DLPF_CFG 1..6 gyroscope bandwidths, Hz (RM §4.3); index = DLPF_CFG. */
        private static final double[] GYROSCOPE_BANDWIDTH_HZ = {256, 188, 98, 42, 20, 10, 5};
        /** Gyroscope counts per °/s for FS_SEL 0..3 (PS §6.1). */
        private static final double[] GYROSCOPE_COUNTS_PER_DEGREE_PER_SECOND = {131, 65.5, 32.8, 16.4};
        /** Accelerometer counts per g for AFS_SEL 0..3 (PS §6.2). */
        private static final double[] ACCELEROMETER_COUNTS_PER_G = {16384, 8192, 4096, 2048};
        private static final int[] GYROSCOPE_RANGES = {250, 500, 1000, 2000};
        private static final int[] ACCELEROMETER_RANGES = {2, 4, 8, 16};
        /** Gyroscope output rate with the DLPF enabled, Hz (RM §4.2). */
        private static final double DLPF_GYROSCOPE_OUTPUT_RATE_HZ = 1000;

        /**
         * The nearest rate 1 kHz / (1 + divider) to the request, and the widest DLPF whose gyroscope
         * bandwidth stays below 45 % of that rate (so little is aliased: 42 Hz at 200 Hz and at 100 Hz).
         */
        public static Configuration forSettings(ImuSettings settings) {
            int divider = (int) Math.round(DLPF_GYROSCOPE_OUTPUT_RATE_HZ / settings.outputDataRateHz() - 1);
            divider = Math.max(0, Math.min(255, divider));
            double rateHz = DLPF_GYROSCOPE_OUTPUT_RATE_HZ / (1 + divider);
            int lowPass = 6;
            for (int setting = 1; setting <= 6; setting++) {
                if (GYROSCOPE_BANDWIDTH_HZ[setting] <= 0.45 * rateHz) {
                    lowPass = setting;
                    break;
                }
            }
            int gyroscopeSetting = indexOf(GYROSCOPE_RANGES, settings.gyroscopeRangeDegreesPerSecond());
            int accelerometerSetting = indexOf(ACCELEROMETER_RANGES, settings.accelerometerRangeG());
            return new Configuration(divider, lowPass, gyroscopeSetting, accelerometerSetting, rateHz,
                    GYROSCOPE_BANDWIDTH_HZ[lowPass],
                    SiUnits.RADIANS_PER_DEGREE / GYROSCOPE_COUNTS_PER_DEGREE_PER_SECOND[gyroscopeSetting],
                    SiUnits.STANDARD_GRAVITY_METERS_PER_SECOND_SQUARED / ACCELEROMETER_COUNTS_PER_G[accelerometerSetting]);
        }

        private static int indexOf(int[] values, int value) {
            for (int index = 0; index < values.length; index++) {
                if (values[index] == value) {
                    return index;
                }
            }
            throw new IllegalArgumentException("unsupported range " + value);
        }
    }

    private final RegisterBus bus;
    private final ConfiguredChip chip;
    private final Configuration configuration;
    private final SessionClock clock;
    private final Sleeper sleeper;
    private final SampleClock timeline;
    private final byte[] countBuffer = new byte[2];
    private final byte[] frameBuffer = new byte[MAX_BURST_FRAMES * FIFO_FRAME_BYTES];
    private long overflowCount;

    /**
     * @param bus the chip's register bus (the test seam: a simulated chip or Pi4J)
     * @param settings requested rate and ranges
     * @param clock session time, read only to anchor the FIFO timeline
     * @param sleeper waits after reset ({@link Sleeper#NONE} for simulated chips)
     */
    public Mpu6050(RegisterBus bus, ImuSettings settings, SessionClock clock, Sleeper sleeper) {
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
        return (FIFO_CAPACITY_BYTES / FIFO_FRAME_BYTES) / configuration.outputDataRateHz();
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

    @Override
    public void start() throws IOException {
        chip.requireIdentity("WHO_AM_I", Registers.WHO_AM_I, 0xFF, WHO_AM_I_VALUE);
        reset();
        chip.writeAndVerify("PWR_MGMT_1", Registers.PWR_MGMT_1, Bits.PWR_CLKSEL_PLL_X_GYRO);
        chip.writeAndVerify("SMPLRT_DIV", Registers.SMPLRT_DIV, configuration.sampleRateDivider());
        chip.writeAndVerify("CONFIG", Registers.CONFIG, configuration.lowPassSetting());
        chip.writeAndVerify("GYRO_CONFIG", Registers.GYRO_CONFIG, configuration.gyroscopeRangeSetting() << 3);
        chip.writeAndVerify("ACCEL_CONFIG", Registers.ACCEL_CONFIG, configuration.accelerometerRangeSetting() << 3);
        chip.writeAndVerify("INT_ENABLE", Registers.INT_ENABLE, Bits.INT_FIFO_OFLOW);
        restartFifo();
    }

    @Override
    public void drainTo(ImuSampleReceiver receiver) throws IOException {
        int status = bus.readRegister(Registers.INT_STATUS);
        bus.readRegisters(Registers.FIFO_COUNTH, countBuffer, 0, 2);
        double countedSeconds = clock.nowSeconds(); // right after the count: the chip's rate is measured against it
        int byteCount = ((countBuffer[0] & 0xFF) << 8) | (countBuffer[1] & 0xFF);
        if ((status & Bits.INT_FIFO_OFLOW) != 0 || byteCount >= FIFO_CAPACITY_BYTES) {
            recoverFromOverflow(receiver);
            return;
        }
        int frames = byteCount / FIFO_FRAME_BYTES;
        timeline.observe(countedSeconds, frames);
        while (frames > 0) {
            int burst = Math.min(frames, MAX_BURST_FRAMES);
            bus.readRegisters(Registers.FIFO_R_W, frameBuffer, 0, burst * FIFO_FRAME_BYTES);
            for (int frame = 0; frame < burst; frame++) {
                receiver.sample(decodeFrame(frameBuffer, frame * FIFO_FRAME_BYTES, timeline.next(), configuration));
            }
            frames -= burst;
        }
    }

    /**
     * The newest reading from the data registers, read in one 14-byte burst so that all axes come
     * from the same sampling instant (RM §4.19), stamped with the session clock. For checks, not for
     * the sampled stream.
     */
    @Override
    public ImuSample readLatest() throws IOException {
        byte[] registers = new byte[14];
        bus.readRegisters(Registers.ACCEL_XOUT_H, registers, 0, 14);
        byte[] frame = new byte[FIFO_FRAME_BYTES];
        System.arraycopy(registers, 0, frame, 0, 6);
        System.arraycopy(registers, 8, frame, 6, 6);
        return decodeFrame(frame, 0, clock.nowSeconds(), configuration);
    }

    /**
     * Decodes one FIFO frame (accelerometer x, y, z then gyroscope x, y, z; big-endian, two's
     * complement) into SI units. Any 12 bytes decode; nothing here throws on bad data.
     */
    public static ImuSample decodeFrame(byte[] bytes, int offset, double timeSeconds, Configuration configuration) {
        double accelerometerScale = configuration.accelerometerMetersPerSecondSquaredPerCount();
        double gyroscopeScale = configuration.gyroscopeRadiansPerSecondPerCount();
        return new ImuSample(timeSeconds,
                new Vector3(SignedWord.bigEndian(bytes, offset + 6) * gyroscopeScale,
                        SignedWord.bigEndian(bytes, offset + 8) * gyroscopeScale,
                        SignedWord.bigEndian(bytes, offset + 10) * gyroscopeScale),
                new Vector3(SignedWord.bigEndian(bytes, offset) * accelerometerScale,
                        SignedWord.bigEndian(bytes, offset + 2) * accelerometerScale,
                        SignedWord.bigEndian(bytes, offset + 4) * accelerometerScale));
    }

    @Override
    public void close() throws IOException {
        try {
            bus.writeRegister(Registers.PWR_MGMT_1, Bits.PWR_SLEEP);
        } finally {
            bus.close();
        }
    }

    /** DEVICE_RESET, then wait for the bit to clear (it clears itself when the reset is done, RM register 107). */
    private void reset() throws IOException {
        bus.writeRegister(Registers.PWR_MGMT_1, Bits.PWR_DEVICE_RESET);
        sleeper.sleep(100);
        for (int attempt = 0; attempt < 10; attempt++) {
            if ((bus.readRegister(Registers.PWR_MGMT_1) & Bits.PWR_DEVICE_RESET) == 0) {
                return;
            }
            sleeper.sleep(10);
        }
        throw new IOException(String.format("%s at 0x%02X: DEVICE_RESET did not clear within 200 ms",
                CHIP_NAME, bus.address()));
    }

    /**
     * Stops, empties and restarts the FIFO with accelerometer and gyroscope frames, and anchors the
     * timeline now: FIFO_RESET works only while USER_CTRL.FIFO_EN is 0 (RM register 106).
     */
    private void restartFifo() throws IOException {
        bus.writeRegister(Registers.USER_CTRL, 0);
        bus.writeRegister(Registers.USER_CTRL, Bits.USER_CTRL_FIFO_RESET);
        chip.writeAndVerify("FIFO_EN", Registers.FIFO_EN,
                Bits.FIFO_EN_XG | Bits.FIFO_EN_YG | Bits.FIFO_EN_ZG | Bits.FIFO_EN_ACCEL);
        chip.writeAndVerify("USER_CTRL", Registers.USER_CTRL, Bits.USER_CTRL_FIFO_EN);
        bus.readRegister(Registers.INT_STATUS);
        timeline.restart(clock.nowSeconds());
    }

    private void recoverFromOverflow(ImuSampleReceiver receiver) throws IOException {
        double firstLostSeconds = timeline.peekNext();
        restartFifo();
        double lastLostSeconds = clock.nowSeconds();
        overflowCount++;
        receiver.gap(firstLostSeconds, Math.max(firstLostSeconds, lastLostSeconds));
    }
}
