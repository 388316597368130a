// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim.chip;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.hardware.imu.Mpu6050;
import dev.backbeat.hardware.imu.Mpu6050.Registers;
import dev.backbeat.hardware.imu.SiUnits;
import dev.backbeat.hardware.imu.SignedWord;
import dev.backbeat.hardware.time.SessionClock;
import java.util.Objects;

/**
 * A register-level MPU-6050 (RM-MPU-6000A-00 rev 4.2): reset values (PWR_MGMT_1 0x40, asleep;
 * WHO_AM_I 0x68), sample rate from SMPLRT_DIV and DLPF_CFG (8 kHz gyroscope output with the DLPF
 * off, 1 kHz with it on), full-scale ranges applied with saturation, data registers updated at each
 * sample, and the 1024-byte FIFO: frames in register order of the FIFO_EN bits, FIFO_COUNT latched
 * by reading its high byte, a FIFO_R_W port the pointer stays on, FIFO_RESET, and overflow that
 * drops the oldest bytes and raises INT_STATUS.FIFO_OFLOW_INT (cleared on read).
 *
 * <p>Samples are taken on a grid {@code t0 + k / rate} from the time the chip woke or its rate was
 * set, for every tick up to the session clock, each time the bus is used.
 */
public final class SimulatedMpu6050 extends SimulatedRegisterChip {

    private static final double[] GYROSCOPE_COUNTS_PER_DEGREE_PER_SECOND = {131, 65.5, 32.8, 16.4};
    private static final double[] ACCELEROMETER_COUNTS_PER_G = {16384, 8192, 4096, 2048};
    /** TEMP_OUT for 25 °C: (25 - 36.53) * 340 (RM §4.18). */
    private static final int TEMPERATURE_COUNTS_AT_25_C = -3920;

    private final InertialSource source;
    private final SessionClock clock;
    private final byte[] fifo = new byte[Mpu6050.FIFO_CAPACITY_BYTES];
    private final byte[] frame = new byte[14];
    private int fifoReadIndex;
    private int fifoCount;
    private int lastFifoByte;
    private int latchedFifoCount;
    private boolean sampling;
    private double gridStartSeconds;
    private long ticks;
    private long fifoOverflowCount;
    private final double rateErrorFraction;

    /** A chip whose oscillator runs at exactly the nominal rate. */
    public SimulatedMpu6050(int address, InertialSource source, SessionClock clock) {
        this(address, source, clock, 0);
    }

    /**
     * @param rateErrorFraction how far the chip's oscillator runs off nominal: it samples at
     *     {@code (1 + rateErrorFraction)} times the rate its registers set (real parts run about
     *     ±1–2 % off), within ±0.1
     */
    public SimulatedMpu6050(int address, InertialSource source, SessionClock clock, double rateErrorFraction) {
        super(address);
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rateErrorFraction = checkedRateError(rateErrorFraction);
        powerOnReset();
    }

    static double checkedRateError(double rateErrorFraction) {
        if (!(Math.abs(rateErrorFraction) <= 0.1)) {
            throw new IllegalArgumentException("rate error must be within ±0.1, was " + rateErrorFraction);
        }
        return rateErrorFraction;
    }

    /** The rate the chip really samples at, Hz: the register-set rate off by the rate error. */
    public synchronized double trueSampleRateHz() {
        return sampleRateHz() * (1 + rateErrorFraction);
    }

    /** Bytes the FIFO has dropped to overflow, counted in overflow events (for tests). */
    public synchronized long fifoOverflowCount() {
        return fifoOverflowCount;
    }

    /** Bytes in the FIFO now (for tests). */
    public synchronized int fifoByteCount() {
        return fifoCount;
    }

    /** Sample rate set by SMPLRT_DIV and DLPF_CFG, Hz. */
    public synchronized double sampleRateHz() {
        int lowPass = registers[Registers.CONFIG] & 0x07;
        double gyroscopeOutputRateHz = lowPass == 0 || lowPass == 7 ? 8000 : 1000;
        return gyroscopeOutputRateHz / (1 + registers[Registers.SMPLRT_DIV]);
    }

    @Override
    protected void advanceTime() {
        if (!sampling) {
            return;
        }
        double nowSeconds = clock.nowSeconds();
        double rateHz = trueSampleRateHz();
        while (true) {
            double tickSeconds = gridStartSeconds + (ticks + 1) / rateHz;
            if (tickSeconds > nowSeconds) {
                return;
            }
            ticks++;
            takeSample(tickSeconds);
        }
    }

    @Override
    protected int readByte(int register) {
        switch (register) {
            case Registers.INT_STATUS -> {
                int status = registers[Registers.INT_STATUS];
                registers[Registers.INT_STATUS] = 0;
                return status;
            }
            case Registers.FIFO_COUNTH -> {
                latchedFifoCount = fifoCount;
                return latchedFifoCount >> 8;
            }
            case Registers.FIFO_COUNTH + 1 -> {
                return latchedFifoCount & 0xFF;
            }
            case Registers.FIFO_R_W -> {
                if (fifoCount > 0) {
                    lastFifoByte = fifo[fifoReadIndex] & 0xFF;
                    fifoReadIndex = (fifoReadIndex + 1) % fifo.length;
                    fifoCount--;
                }
                return lastFifoByte;
            }
            default -> {
                return registers[register];
            }
        }
    }

    @Override
    protected int nextPointer(int register) {
        return register == Registers.FIFO_R_W ? register : (register + 1) & 0xFF;
    }

    @Override
    protected void writeByte(int register, int value) {
        switch (register) {
            case Registers.WHO_AM_I, Registers.INT_STATUS, Registers.FIFO_COUNTH, Registers.FIFO_COUNTH + 1,
                 Registers.FIFO_R_W -> {
                // read-only here; writing the FIFO port is not modelled
            }
            case Registers.PWR_MGMT_1 -> {
                if ((value & Mpu6050.Bits.PWR_DEVICE_RESET) != 0) {
                    powerOnReset();
                    return;
                }
                registers[register] = value;
                boolean awake = (value & Mpu6050.Bits.PWR_SLEEP) == 0;
                if (awake && !sampling) {
                    restartGrid();
                }
                sampling = awake;
            }
            case Registers.SMPLRT_DIV, Registers.CONFIG -> {
                registers[register] = value;
                restartGrid();
            }
            case Registers.USER_CTRL -> {
                if ((value & Mpu6050.Bits.USER_CTRL_FIFO_RESET) != 0
                        && (value & Mpu6050.Bits.USER_CTRL_FIFO_EN) == 0) {
                    fifoReadIndex = 0;
                    fifoCount = 0;
                }
                registers[register] = value & ~0x07;
            }
            default -> {
                if (register >= Registers.ACCEL_XOUT_H && register < Registers.ACCEL_XOUT_H + 14) {
                    return;
                }
                registers[register] = value;
            }
        }
    }

    private void powerOnReset() {
        clearRegisters();
        registers[Registers.PWR_MGMT_1] = 0x40;
        registers[Registers.WHO_AM_I] = Mpu6050.WHO_AM_I_VALUE;
        fifoReadIndex = 0;
        fifoCount = 0;
        lastFifoByte = 0;
        sampling = false;
    }

    private void restartGrid() {
        gridStartSeconds = clock.nowSeconds();
        ticks = 0;
    }

    private void takeSample(double tickSeconds) {
        ImuSample reading = source.sampleAt(tickSeconds);
        double countsPerG = ACCELEROMETER_COUNTS_PER_G[(registers[Registers.ACCEL_CONFIG] >> 3) & 0x03];
        double countsPerRadianPerSecond = GYROSCOPE_COUNTS_PER_DEGREE_PER_SECOND[(registers[Registers.GYRO_CONFIG] >> 3) & 0x03]
                / SiUnits.RADIANS_PER_DEGREE;
        double accelerometerScale = countsPerG / SiUnits.STANDARD_GRAVITY_METERS_PER_SECOND_SQUARED;
        SignedWord.putBigEndian(frame, 0, counts(reading.accelerometerMetersPerSecondSquared().x(), accelerometerScale));
        SignedWord.putBigEndian(frame, 2, counts(reading.accelerometerMetersPerSecondSquared().y(), accelerometerScale));
        SignedWord.putBigEndian(frame, 4, counts(reading.accelerometerMetersPerSecondSquared().z(), accelerometerScale));
        SignedWord.putBigEndian(frame, 6, TEMPERATURE_COUNTS_AT_25_C);
        SignedWord.putBigEndian(frame, 8, counts(reading.gyroscopeRadiansPerSecond().x(), countsPerRadianPerSecond));
        SignedWord.putBigEndian(frame, 10, counts(reading.gyroscopeRadiansPerSecond().y(), countsPerRadianPerSecond));
        SignedWord.putBigEndian(frame, 12, counts(reading.gyroscopeRadiansPerSecond().z(), countsPerRadianPerSecond));
        for (int index = 0; index < frame.length; index++) {
            registers[Registers.ACCEL_XOUT_H + index] = frame[index] & 0xFF;
        }
        if ((registers[Registers.USER_CTRL] & Mpu6050.Bits.USER_CTRL_FIFO_EN) != 0) {
            pushFrame();
        }
    }

    /** Writes the enabled sensors' registers to the FIFO in register order (RM §4.31). */
    private void pushFrame() {
        int enabled = registers[Registers.FIFO_EN];
        if ((enabled & Mpu6050.Bits.FIFO_EN_ACCEL) != 0) {
            pushBytes(0, 6);
        }
        if ((enabled & Mpu6050.Bits.FIFO_EN_TEMP) != 0) {
            pushBytes(6, 2);
        }
        if ((enabled & Mpu6050.Bits.FIFO_EN_XG) != 0) {
            pushBytes(8, 2);
        }
        if ((enabled & Mpu6050.Bits.FIFO_EN_YG) != 0) {
            pushBytes(10, 2);
        }
        if ((enabled & Mpu6050.Bits.FIFO_EN_ZG) != 0) {
            pushBytes(12, 2);
        }
    }

    private void pushBytes(int from, int length) {
        boolean overflowed = false;
        for (int index = from; index < from + length; index++) {
            if (fifoCount == fifo.length) {
                fifoReadIndex = (fifoReadIndex + 1) % fifo.length;
                fifoCount--;
                overflowed = true;
            }
            fifo[(fifoReadIndex + fifoCount) % fifo.length] = frame[index];
            fifoCount++;
        }
        if (overflowed) {
            fifoOverflowCount++;
            if ((registers[Registers.INT_ENABLE] & Mpu6050.Bits.INT_FIFO_OFLOW) != 0) {
                registers[Registers.INT_STATUS] |= Mpu6050.Bits.INT_FIFO_OFLOW;
            }
        }
    }

    private static int counts(double value, double countsPerUnit) {
        return SignedWord.clamp(Math.round(value * countsPerUnit));
    }
}
