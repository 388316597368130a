// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backbeat.core.math.Vector3;
import dev.backbeat.hardware.imu.Lsm6dsox;
import dev.backbeat.hardware.imu.Lsm6dsox.Bits;
import dev.backbeat.hardware.imu.Lsm6dsox.Registers;
import dev.backbeat.hardware.imu.SignedWord;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SimulatedLsm6dsoxTest {

    private final ManualClock clock = new ManualClock();
    private final SimulatedLsm6dsox chip = new SimulatedLsm6dsox(0x6B,
            TestSources.constant(new Vector3(0, 0, 0), new Vector3(0, 0, 9.80665)), clock);

    @Test
    void powerOn_whoAmIAndAutoIncrementOn() throws IOException {
        assertEquals(0x6C, chip.readRegister(Registers.WHO_AM_I));
        assertEquals(Bits.CTRL3_IF_INC, chip.readRegister(Registers.CTRL3_C));
    }

    @Test
    void fifoBurst_wrapsFromZHighBackToTheTag() throws IOException {
        startContinuous(0x58);                  // 208 Hz, ±4 g
        clock.advance(2 / 208.0);

        byte[] words = new byte[4 * 7];
        chip.readRegisters(Registers.FIFO_DATA_OUT_TAG, words, 0, words.length);

        assertEquals(Lsm6dsox.TAG_GYROSCOPE, Lsm6dsox.tagSensor(words[0]));
        assertEquals(Lsm6dsox.TAG_ACCELEROMETER, Lsm6dsox.tagSensor(words[7]));
        assertEquals(8197, SignedWord.littleEndian(words, 7 + 5), 1); // 1 g = 1000 / 0.122 counts
        assertEquals(Lsm6dsox.tagSlot(words[0]), Lsm6dsox.tagSlot(words[7]));
        assertEquals((Lsm6dsox.tagSlot(words[0]) + 1) % 4, Lsm6dsox.tagSlot(words[14]));
        assertEquals(0, chip.fifoWordCount());
    }

    @Test
    void fullScaleRange_changesTheCountsOfOneG() throws IOException {
        startContinuous(0x54);                  // 208 Hz, ±16 g: 0.488 mg per count
        clock.advance(1 / 208.0);
        byte[] accelerometer = new byte[6];

        chip.readRegisters(0x28, accelerometer, 0, 6);

        assertEquals(2049, SignedWord.littleEndian(accelerometer, 4));
    }

    @Test
    void withoutIfInc_burstRereadsOneRegister() throws IOException {
        chip.writeRegister(Registers.CTRL3_C, 0);
        byte[] bytes = new byte[3];

        chip.readRegisters(Registers.WHO_AM_I, bytes, 0, 3);

        assertEquals(0x6C, bytes[2] & 0xFF);
    }

    @Test
    void statusReportsUnreadWordsAndLatchedOverrunClearedOnRead() throws IOException {
        startContinuous(0x58);
        clock.advance(300 / 208.0);             // 600 words into 512

        byte[] status = new byte[2];
        chip.readRegisters(Registers.FIFO_STATUS1, status, 0, 2);
        int words = (status[0] & 0xFF) | (status[1] & 0x03) << 8;
        assertEquals(512, words);
        assertEquals(Bits.STATUS2_FIFO_OVR_LATCHED, status[1] & Bits.STATUS2_FIFO_OVR_LATCHED);
        assertEquals(88, chip.overwrittenWordCount());
        assertEquals(0, chip.readRegister(Registers.FIFO_STATUS2) & Bits.STATUS2_FIFO_OVR_LATCHED);
    }

    @Test
    void bypassMode_emptiesTheFifo() throws IOException {
        startContinuous(0x58);
        clock.advance(0.1);
        chip.writeRegister(Registers.FIFO_CTRL4, Bits.FIFO_MODE_BYPASS);

        assertEquals(0, chip.fifoWordCount());
    }

    @Test
    void softwareReset_restoresDefaults() throws IOException {
        startContinuous(0x58);
        chip.writeRegister(Registers.CTRL3_C, Bits.CTRL3_SW_RESET);

        assertEquals(0, chip.readRegister(Registers.CTRL1_XL));
        assertEquals(Bits.CTRL3_IF_INC, chip.readRegister(Registers.CTRL3_C));
    }

    private void startContinuous(int ctrl1Xl) throws IOException {
        chip.writeRegister(Registers.FIFO_CTRL3, 0x55);
        chip.writeRegister(Registers.FIFO_CTRL4, Bits.FIFO_MODE_CONTINUOUS);
        chip.writeRegister(Registers.CTRL1_XL, ctrl1Xl);
        chip.writeRegister(Registers.CTRL2_G, 0x54);
    }
}
