// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backbeat.core.imu.SensorPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkSamplesTest {

    private static ChunkSamples.Block block(SensorPosition sensor, int samples) {
        return new ChunkSamples.Block(sensor, new double[samples], new float[3 * samples], new float[3 * samples]);
    }

    @Test
    void new_twoBlocksOfTheSameSensor_isRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new ChunkSamples(
                List.of(block(SensorPosition.UPPER, 2), block(SensorPosition.LOWER, 2), block(SensorPosition.UPPER, 1))));
        assertEquals("a chunk holds at most one block per sensor", refused.getMessage());
    }

    @Test
    void sampleCount_blocksOfBothSensors_addsThemUp() {
        ChunkSamples samples = new ChunkSamples(List.of(block(SensorPosition.UPPER, 3), block(SensorPosition.LOWER, 5)));
        assertEquals(8, samples.sampleCount());
        assertEquals(3, samples.sampleCount(SensorPosition.UPPER));
        assertEquals(0, new ChunkSamples(List.of()).sampleCount());
    }
}
