// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backbeat.core.math.Vector3;
import dev.backbeat.hardware.imu.Mpu6050;
import dev.backbeat.hardware.imu.Mpu6050.Registers;
import dev.backbeat.hardware.imu.SignedWord;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SimulatedMpu6050Test {

    private final ManualClock clock = new ManualClock();
    private final SimulatedMpu6050 chip = new SimulatedMpu6050(0x68,
            TestSources.constant(new Vector3(0, 0, 0), new Vector3(0, 0, 9.80665)), clock);

    @Test
    void powerOn_resetValuesOfTheRegisterMap() throws IOException {
        assertEquals(0x68, chip.readRegister(Registers.WHO_AM_I));
        assertEquals(0x40, chip.readRegister(Registers.PWR_MGMT_1));
        assertEquals(0x00, chip.readRegister(Registers.GYRO_CONFIG));
    }

    @Test
    void burstRead_autoIncrementsThroughTheDataRegisters() throws IOException {
        wake(0x00, 0x08);                       // ±2 g: 1 g = 16384 = 0x4000
        clock.advance(0.002);
        byte[] data = new byte[14];

        chip.readRegisters(Registers.ACCEL_XOUT_H, data, 0, 14);

        assertEquals(0, SignedWord.bigEndian(data, 0));
        assertEquals(0, SignedWord.bigEndian(data, 2));
        assertEquals(16384, SignedWord.bigEndian(data, 4));
        assertEquals(-3920, SignedWord.bigEndian(data, 6));
    }

    @Test
    void fullScaleRange_changesTheCountsOfOneG() throws IOException {
        wake(0x18, 0x08);                       // ±16 g: 1 g = 2048
        clock.advance(0.002);

        assertEquals(2048, (chip.readRegister(Registers.ACCEL_XOUT_H + 4) << 8 | chip.readRegister(Registers.ACCEL_XOUT_H + 5)));
    }

    @Test
    void fifoPort_burstStaysOnFifoRW_andCountLatchesOnHighByte() throws IOException {
        wake(0x08, 0x08);
        chip.writeRegister(Registers.FIFO_EN, Mpu6050.Bits.FIFO_EN_ACCEL | Mpu6050.Bits.FIFO_EN_XG
                | Mpu6050.Bits.FIFO_EN_YG | Mpu6050.Bits.FIFO_EN_ZG);
        chip.writeRegister(Registers.USER_CTRL, Mpu6050.Bits.USER_CTRL_FIFO_EN);
        clock.advance(0.010);                   // 10 samples at 1 kHz

        int high = chip.readRegister(Registers.FIFO_COUNTH);
        int low = chip.readRegister(Registers.FIFO_COUNTH + 1);
        assertEquals(120, high << 8 | low);
        byte[] frames = new byte[24];
        chip.readRegisters(Registers.FIFO_R_W, frames, 0, 24);

        assertEquals(8192, SignedWord.bigEndian(frames, 4));  // accel z of frame 1 (±4 g)
        assertEquals(8192, SignedWord.bigEndian(frames, 16)); // accel z of frame 2: the pointer stayed on the port
        assertEquals(96, chip.fifoByteCount());
    }

    @Test
    void fifoOverflow_dropsOldestBytesAndFlagsIntStatusUntilRead() throws IOException {
        wake(0x08, 0x08);
        chip.writeRegister(Registers.INT_ENABLE, Mpu6050.Bits.INT_FIFO_OFLOW);
        chip.writeRegister(Registers.FIFO_EN, Mpu6050.Bits.FIFO_EN_ACCEL | Mpu6050.Bits.FIFO_EN_XG
                | Mpu6050.Bits.FIFO_EN_YG | Mpu6050.Bits.FIFO_EN_ZG);
        chip.writeRegister(Registers.USER_CTRL, Mpu6050.Bits.USER_CTRL_FIFO_EN);
        clock.advance(0.086);                   // 86 frames = 1032 bytes > 1024

        assertEquals(Mpu6050.Bits.INT_FIFO_OFLOW, chip.readRegister(Registers.INT_STATUS));
        assertEquals(0, chip.readRegister(Registers.INT_STATUS));
        assertEquals(1024, chip.fifoByteCount());
        byte[] first = new byte[2];
        chip.readRegisters(Registers.FIFO_R_W, first, 0, 2);
        // 8 bytes dropped: the FIFO now starts inside a frame, at the first frame's gyro x
        assertEquals(0, SignedWord.bigEndian(first, 0));
    }

    @Test
    void fifoReset_emptiesTheFifo() throws IOException {
        wake(0x08, 0x08);
        chip.writeRegister(Registers.FIFO_EN, Mpu6050.Bits.FIFO_EN_ACCEL);
        chip.writeRegister(Registers.USER_CTRL, Mpu6050.Bits.USER_CTRL_FIFO_EN);
        clock.advance(0.005);
        chip.writeRegister(Registers.USER_CTRL, 0);
        chip.writeRegister(Registers.USER_CTRL, Mpu6050.Bits.USER_CTRL_FIFO_RESET);

        assertEquals(0, chip.fifoByteCount());
        assertEquals(0, chip.readRegister(Registers.USER_CTRL));
    }

    @Test
    void closedChip_refusesTransactions() {
        chip.close();

        assertThrows(IOException.class, () -> chip.readRegister(Registers.WHO_AM_I));
    }

    /** Wakes the chip at 1 kHz (DLPF 1, divider 0) with the given ACCEL_CONFIG and GYRO_CONFIG. */
    private void wake(int accelConfig, int gyroConfig) throws IOException {
        chip.writeRegister(Registers.PWR_MGMT_1, 0x01);
        chip.writeRegister(Registers.CONFIG, 0x01);
        chip.writeRegister(Registers.SMPLRT_DIV, 0);
        chip.writeRegister(Registers.ACCEL_CONFIG, accelConfig);
        chip.writeRegister(Registers.GYRO_CONFIG, gyroConfig);
    }
}
