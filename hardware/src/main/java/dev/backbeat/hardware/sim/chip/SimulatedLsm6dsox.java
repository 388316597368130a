// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim.chip;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.hardware.imu.Lsm6dsox;
import dev.backbeat.hardware.imu.Lsm6dsox.Bits;
import dev.backbeat.hardware.imu.Lsm6dsox.Registers;
import dev.backbeat.hardware.imu.SiUnits;
import dev.backbeat.hardware.imu.SignedWord;
import dev.backbeat.hardware.time.SessionClock;
import java.util.Objects;

/**
 * A register-level LSM6DSOX (DS12814): WHO_AM_I 0x6C, CTRL3_C reset value 0x04 (IF_INC), SW_RESET,
 * output data rates and full-scale ranges from CTRL1_XL and CTRL2_G applied with saturation, output
 * registers little-endian, and the tagged FIFO: 7-byte words (tag with TAG_CNT time slot, then x, y,
 * z), batching per FIFO_CTRL3, bypass / FIFO / continuous modes per FIFO_CTRL4, DIFF_FIFO and the
 * overrun flags in FIFO_STATUS1/2 (FIFO_OVR_LATCHED cleared by reading FIFO_STATUS2), 512 words
 * deep, and a read pointer that wraps from FIFO_DATA_OUT_Z_H (0x7E) to FIFO_DATA_OUT_TAG (0x78).
 *
 * <p>Simplification: one sampling grid at the gyroscope's rate (the accelerometer's if the
 * gyroscope is off), with each batched sensor written at every tick; the strap runs both at one
 * rate. The gyroscope word of a tick precedes its accelerometer word.
 */
public final class SimulatedLsm6dsox extends SimulatedRegisterChip {

    private static final double[] RATE_HZ_BY_CODE = {0, 12.5, 26, 52, 104, 208, 416, 833, 1666, 3332, 6664};
    /** Accelerometer mg per count by FS_XL code 00, 01, 10, 11 (±2, ±16, ±4, ±8 g). */
    private static final double[] ACCELEROMETER_MILLI_G_PER_COUNT = {0.061, 0.488, 0.122, 0.244};
    /** Gyroscope mdps per count by FS_G code 00..11 (±250..±2000 °/s). */
    private static final double[] GYROSCOPE_MILLI_DEGREES_PER_SECOND_PER_COUNT = {8.75, 17.5, 35, 70};
    private static final int STATUS_REG = 0x1E;
    private static final int OUTX_L_A = 0x28;
    private static final int FIFO_MODE_FIFO = 0x01;

    private final InertialSource source;
    private final SessionClock clock;
    private final byte[] fifo = new byte[Lsm6dsox.FIFO_CAPACITY_WORDS * Lsm6dsox.FIFO_WORD_BYTES];
    private final byte[] outputWord = new byte[Lsm6dsox.FIFO_WORD_BYTES];
    private final byte[] scratch = new byte[6];
    private int fifoReadWord;
    private int fifoWords;
    private boolean overrunLatched;
    private boolean overrunNow;
    private double gridStartSeconds;
    private long ticks;
    private double gridRateHz;
    private long overwrittenWordCount;

    private final double rateErrorFraction;

    /** A chip whose oscillator runs at exactly the nominal rate. */
    public SimulatedLsm6dsox(int address, InertialSource source, SessionClock clock) {
        this(address, source, clock, 0);
    }

    /**
     * @param rateErrorFraction how far the chip's oscillator runs off nominal: it samples at
     *     {@code (1 + rateErrorFraction)} times the rate its registers set (real parts run about
     *     ±1–2 % off; the chip reports its own deviation in INTERNAL_FREQ_FINE), within ±0.1
     */
    public SimulatedLsm6dsox(int address, InertialSource source, SessionClock clock, double rateErrorFraction) {
        super(address);
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rateErrorFraction = SimulatedMpu6050.checkedRateError(rateErrorFraction);
        reset();
    }

    /** The rate the chip really samples at, Hz: the register-set rate off by the rate error (0 when off). */
    public synchronized double trueSampleRateHz() {
        return gridRateHz * (1 + rateErrorFraction);
    }

    /** FIFO words lost to overrun so far (for tests). */
    public synchronized long overwrittenWordCount() {
        return overwrittenWordCount;
    }

    /** Unread FIFO words (for tests). */
    public synchronized int fifoWordCount() {
        return fifoWords;
    }

    @Override
    protected void advanceTime() {
        if (gridRateHz == 0) {
            return;
        }
        double nowSeconds = clock.nowSeconds();
        while (true) {
            double tickSeconds = gridStartSeconds + (ticks + 1) / trueSampleRateHz();
            if (tickSeconds > nowSeconds) {
                return;
            }
            ticks++;
            takeSample(tickSeconds, (int) (ticks & 0x03));
        }
    }

    @Override
    protected int readByte(int register) {
        if (register == Registers.FIFO_STATUS1) {
            return fifoWords & 0xFF;
        }
        if (register == Registers.FIFO_STATUS2) {
            int status = (overrunNow ? Bits.STATUS2_FIFO_OVR_IA : 0)
                    | (fifoWords == Lsm6dsox.FIFO_CAPACITY_WORDS ? 0x20 : 0)
                    | (overrunLatched ? Bits.STATUS2_FIFO_OVR_LATCHED : 0)
                    | ((fifoWords >> 8) & 0x03);
            overrunLatched = false;
            return status;
        }
        if (register == Registers.FIFO_DATA_OUT_TAG) {
            popWord();
            return outputWord[0] & 0xFF;
        }
        if (register > Registers.FIFO_DATA_OUT_TAG && register < Registers.FIFO_DATA_OUT_TAG + Lsm6dsox.FIFO_WORD_BYTES) {
            return outputWord[register - Registers.FIFO_DATA_OUT_TAG] & 0xFF;
        }
        if (register == STATUS_REG) {
            return gridRateHz > 0 ? 0x03 : 0x00;
        }
        return registers[register];
    }

    @Override
    protected int nextPointer(int register) {
        if ((registers[Registers.CTRL3_C] & Bits.CTRL3_IF_INC) == 0) {
            return register;
        }
        if (register == Registers.FIFO_DATA_OUT_TAG + Lsm6dsox.FIFO_WORD_BYTES - 1) {
            return Registers.FIFO_DATA_OUT_TAG;
        }
        return (register + 1) & 0xFF;
    }

    @Override
    protected void writeByte(int register, int value) {
        switch (register) {
            case Registers.WHO_AM_I, Registers.FIFO_STATUS1, Registers.FIFO_STATUS2, STATUS_REG -> {
                // read-only
            }
            case Registers.CTRL3_C -> {
                if ((value & (Bits.CTRL3_SW_RESET | Bits.CTRL3_BOOT)) != 0) {
                    reset();
                    return;
                }
                registers[register] = value;
            }
            case Registers.CTRL1_XL, Registers.CTRL2_G -> {
                registers[register] = value;
                updateGrid();
            }
            case Registers.FIFO_CTRL4 -> {
                registers[register] = value;
                if ((value & 0x07) == Bits.FIFO_MODE_BYPASS) {
                    fifoReadWord = 0;
                    fifoWords = 0;
                    overrunNow = false;
                    overrunLatched = false;
                }
            }
            default -> {
                boolean outputRegister = register >= 0x20 && register < 0x2E;
                boolean fifoOutput = register >= Registers.FIFO_DATA_OUT_TAG
                        && register < Registers.FIFO_DATA_OUT_TAG + Lsm6dsox.FIFO_WORD_BYTES;
                if (!outputRegister && !fifoOutput) {
                    registers[register] = value;
                }
            }
        }
    }

    private void reset() {
        clearRegisters();
        registers[Registers.WHO_AM_I] = Lsm6dsox.WHO_AM_I_VALUE;
        registers[Registers.CTRL3_C] = Bits.CTRL3_IF_INC;
        fifoReadWord = 0;
        fifoWords = 0;
        overrunLatched = false;
        overrunNow = false;
        gridRateHz = 0;
    }

    private void updateGrid() {
        int gyroscopeCode = registers[Registers.CTRL2_G] >> 4;
        int accelerometerCode = registers[Registers.CTRL1_XL] >> 4;
        int code = gyroscopeCode != 0 ? gyroscopeCode : accelerometerCode;
        double rateHz = code < RATE_HZ_BY_CODE.length ? RATE_HZ_BY_CODE[code] : 0;
        if (rateHz != gridRateHz) {
            gridRateHz = rateHz;
            gridStartSeconds = clock.nowSeconds();
            ticks = 0;
        }
    }

    private void takeSample(double tickSeconds, int slot) {
        ImuSample reading = source.sampleAt(tickSeconds);
        double accelerometerCountsPerMeterPerSecondSquared = 1.0 / (ACCELEROMETER_MILLI_G_PER_COUNT[
                (registers[Registers.CTRL1_XL] >> 2) & 0x03] * 1e-3 * SiUnits.STANDARD_GRAVITY_METERS_PER_SECOND_SQUARED);
        double gyroscopeCountsPerRadianPerSecond = 1.0 / (GYROSCOPE_MILLI_DEGREES_PER_SECOND_PER_COUNT[
                (registers[Registers.CTRL2_G] >> 2) & 0x03] * 1e-3 * SiUnits.RADIANS_PER_DEGREE);
        encode(reading.gyroscopeRadiansPerSecond().x(), reading.gyroscopeRadiansPerSecond().y(),
                reading.gyroscopeRadiansPerSecond().z(), gyroscopeCountsPerRadianPerSecond);
        for (int index = 0; index < 6; index++) {
            registers[Registers.OUTX_L_G + index] = scratch[index] & 0xFF;
        }
        boolean collecting = (registers[Registers.FIFO_CTRL4] & 0x07) != Bits.FIFO_MODE_BYPASS;
        if (collecting && (registers[Registers.FIFO_CTRL3] >> 4) != 0) {
            pushWord(Lsm6dsox.TAG_GYROSCOPE, slot);
        }
        encode(reading.accelerometerMetersPerSecondSquared().x(), reading.accelerometerMetersPerSecondSquared().y(),
                reading.accelerometerMetersPerSecondSquared().z(), accelerometerCountsPerMeterPerSecondSquared);
        for (int index = 0; index < 6; index++) {
            registers[OUTX_L_A + index] = scratch[index] & 0xFF;
        }
        if (collecting && (registers[Registers.FIFO_CTRL3] & 0x0F) != 0) {
            pushWord(Lsm6dsox.TAG_ACCELEROMETER, slot);
        }
    }

    private void encode(double x, double y, double z, double countsPerUnit) {
        SignedWord.putLittleEndian(scratch, 0, SignedWord.clamp(Math.round(x * countsPerUnit)));
        SignedWord.putLittleEndian(scratch, 2, SignedWord.clamp(Math.round(y * countsPerUnit)));
        SignedWord.putLittleEndian(scratch, 4, SignedWord.clamp(Math.round(z * countsPerUnit)));
    }

    private void pushWord(int tagSensor, int slot) {
        if (fifoWords == Lsm6dsox.FIFO_CAPACITY_WORDS) {
            if ((registers[Registers.FIFO_CTRL4] & 0x07) == FIFO_MODE_FIFO) {
                return;
            }
            fifoReadWord = (fifoReadWord + 1) % Lsm6dsox.FIFO_CAPACITY_WORDS;
            fifoWords--;
            overwrittenWordCount++;
            overrunLatched = true;
            overrunNow = true;
        }
        int start = ((fifoReadWord + fifoWords) % Lsm6dsox.FIFO_CAPACITY_WORDS) * Lsm6dsox.FIFO_WORD_BYTES;
        fifo[start] = (byte) (tagSensor << 3 | slot << 1);
        System.arraycopy(scratch, 0, fifo, start + 1, 6);
        fifoWords++;
    }

    private void popWord() {
        if (fifoWords == 0) {
            java.util.Arrays.fill(outputWord, (byte) 0);
            return;
        }
        System.arraycopy(fifo, fifoReadWord * Lsm6dsox.FIFO_WORD_BYTES, outputWord, 0, Lsm6dsox.FIFO_WORD_BYTES);
        fifoReadWord = (fifoReadWord + 1) % Lsm6dsox.FIFO_CAPACITY_WORDS;
        fifoWords--;
        if (fifoWords < Lsm6dsox.FIFO_CAPACITY_WORDS) {
            overrunNow = false;
        }
    }
}
