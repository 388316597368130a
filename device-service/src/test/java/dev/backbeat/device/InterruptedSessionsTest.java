// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterruptedSessionsTest {

    private static SyncRecord.SessionStart start(Map<String, String> settings) {
        return new SyncRecord.SessionStart("strap-07", "s-1", Instant.parse("2026-11-26T10:00:00Z"), "sim-mpu6050", 100,
                List.of(SensorPosition.UPPER, SensorPosition.LOWER), settings);
    }

    @Test
    void recordedSettings_startRecordWithItsPacerRate_replaysWithThatRateNotTodays() {
        DeviceSettings today = DeviceSettings.defaults(Path.of("/tmp/unused"));
        DeviceSettings recorded = InterruptedSessions.recordedSettings(today,
                start(Map.of("pacer.breaths_per_minute", "4.5")));
        assertEquals(4.5, recorded.pacer().breathsPerMinute());
        assertEquals("strap-07", recorded.deviceId());
    }

    @Test
    void recordedSettings_unreadableRate_keepsTodaysPacer() {
        DeviceSettings today = DeviceSettings.defaults(Path.of("/tmp/unused"));
        assertEquals(6, InterruptedSessions.recordedSettings(today, start(Map.of("pacer.breaths_per_minute", "fast")))
                .pacer().breathsPerMinute());
        assertEquals(6, InterruptedSessions.recordedSettings(today, start(Map.of())).pacer().breathsPerMinute());
    }
}
