// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backbeat.mqtt.control.ControlCodec;
import dev.backbeat.mqtt.control.DeviceHealth;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lines of {@code backbeat status}: a working strap, a gone one, bad bytes. */
class HealthLineTest {

    private static final DeviceHealth RECORDING = new DeviceHealth("strap-01", Instant.parse("2026-12-06T12:00:00Z"),
            "0.1.0", 3_725, DeviceHealth.State.RECORDING, "cat-cow", 2, 1_234_567,
            Optional.of(Instant.parse("2026-12-06T11:00:00Z")), 9_100_000_000L, 7_800_000, 17, 1,
            List.of("upper MPU-6050 @ 0x68"), DeviceHealth.ClockStatus.NOT_SYNCHRONIZED, "c0ffee01", "started",
            "disk full: 1.0 MB free");

    @Test
    void line_recordingStrap_saysEverything() {
        assertEquals("strap-01  recording, up 1 h 02 min  routine cat-cow  outbox 2 session(s), 1.2 MB  last confirmed "
                + "2026-12-06 11:00:00 UTC  disk 9.1 GB free (a session needs 7.8 MB)  lost 17 sample(s) in 1 FIFO "
                + "overflow(s)  clock not synchronized  version 0.1.0  chips upper MPU-6050 @ 0x68  last command "
                + "c0ffee01: started  PROBLEM: disk full: 1.0 MB free",
                HealthLine.of("strap-01", ControlCodec.decode(ControlCodec.encode(RECORDING))));
    }

    @Test
    void line_goneOrUnreadable_saysSoPlainly() {
        assertEquals("strap-01  GONE (its connection died without a goodbye: process killed, power or network lost; "
                + "connected since 2026-12-06 12:00:00 UTC, strap clock)  version 0.1.0",
                HealthLine.of("strap-01", ControlCodec.decode(ControlCodec.encode(
                        RECORDING.withState(DeviceHealth.State.GONE, RECORDING.writtenAt())))));
        assertEquals("strap-02  UNREADABLE health: payload does not start with the control magic 'BKCT'",
                HealthLine.of("strap-02", ControlCodec.decode("offline".getBytes())));
    }
}
