// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.mqtt.control.DeviceHealth.ClockStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session counter, the remembered command ids and the clock probe: what must survive a restart and a wrong clock. */
class SessionNumberingTest {

    @TempDir
    Path directory;

    @Test
    void sequence_acrossRestarts_neverRepeatsANumber() throws Exception {
        assertEquals(0, new SessionSequence(directory).current());
        assertEquals(1, new SessionSequence(directory).next());
        assertEquals(2, new SessionSequence(directory).next()); // a new instance: a restart
        assertEquals(2, new SessionSequence(directory).current());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(directory.resolve(SessionSequence.FILE_NAME))));
        assertFalse(Files.exists(directory.resolve(SessionSequence.FILE_NAME + ".tmp")));
    }

    @Test
    void sequence_unreadableFile_isRefusedNamingTheFile() throws Exception {
        Files.writeString(directory.resolve(SessionSequence.FILE_NAME), "twelve\n");
        String message = assertThrows(java.io.IOException.class, () -> new SessionSequence(directory).next()).getMessage();
        assertTrue(message.startsWith(directory.resolve(SessionSequence.FILE_NAME) + " holds 'twelve', not a session number"),
                message);
    }

    @Test
    void sessionId_withTheClockIn1970_isStillUniqueAndNumbered() throws Exception {
        ClockProbe stopped = new ClockProbe(directory, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), List.of());
        ServeSessionControl control = new ServeSessionControl(new SessionSequence(directory), stopped);
        String first = control.sessionId(Instant.EPOCH);
        assertEquals("1", control.startRecordSettings().get(ServeSessionControl.SEQUENCE_SETTING));
        assertEquals("no", control.startRecordSettings().get(ServeSessionControl.CLOCK_SETTING));
        String second = control.sessionId(Instant.EPOCH);
        assertTrue(first.startsWith("19700101T000000Z-n1-"), first);
        assertTrue(second.startsWith("19700101T000000Z-n2-"), second);
        assertEquals("2", control.startRecordSettings().get(ServeSessionControl.SEQUENCE_SETTING));
    }

    @Test
    void clock_timesyncFlagOrNone_isSynchronizedOrUnknown() throws Exception {
        Clock now = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
        assertEquals(ClockStatus.UNKNOWN, new ClockProbe(directory, now, List.of()).status());
        Files.createDirectories(directory.resolve(ClockProbe.TIMESYNC_FLAG).getParent());
        Files.createFile(directory.resolve(ClockProbe.TIMESYNC_FLAG));
        assertEquals(ClockStatus.SYNCHRONIZED, new ClockProbe(directory, now, List.of()).status());
        assertEquals(ClockStatus.NOT_SYNCHRONIZED,
                new ClockProbe(directory, Clock.fixed(Instant.parse("2025-03-01T00:00:00Z"), ZoneOffset.UTC), List.of()).status(),
                "a clock before this code existed is wrong whatever the flag says");
    }

    @Test
    void clock_queryAnswering_isAskedEachTime() throws Exception {
        Clock now = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
        Path asked = directory.resolve("asked");
        ClockProbe probe = new ClockProbe(directory, now, List.of("sh", "-c", "echo x >> '" + asked + "'; echo no"));
        assertEquals(ClockStatus.NOT_SYNCHRONIZED, probe.status());
        assertEquals(ClockStatus.NOT_SYNCHRONIZED, probe.status());
        assertEquals(2, Files.readAllLines(asked).size());
    }

    @Test
    void clock_queryFailing_isNotStartedAgainForHalfAnHour() throws Exception {
        Clock now = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
        Path asked = directory.resolve("asked");
        long[] monotonicNanos = {0};
        // as timedatectl on a system without systemd: a message and exit status 1
        ClockProbe probe = new ClockProbe(directory, now, List.of("sh", "-c",
                "echo x >> '" + asked + "'; echo 'System has not been booted with systemd'; exit 1"), () -> monotonicNanos[0]);
        assertEquals(ClockStatus.UNKNOWN, probe.status());
        monotonicNanos[0] += 60_000_000_000L;
        assertEquals(ClockStatus.UNKNOWN, probe.status());
        monotonicNanos[0] = ClockProbe.RETRY_AFTER_FAILURE_NANOS - 1;
        assertEquals(ClockStatus.UNKNOWN, probe.status());
        assertEquals(1, Files.readAllLines(asked).size(), "asked once in the first half hour");
        monotonicNanos[0] = ClockProbe.RETRY_AFTER_FAILURE_NANOS;
        assertEquals(ClockStatus.UNKNOWN, probe.status());
        assertEquals(2, Files.readAllLines(asked).size(), "asked again after it");
        ClockProbe missing = new ClockProbe(directory, now, List.of(directory.resolve("no-such-command").toString()),
                () -> monotonicNanos[0]);
        assertEquals(ClockStatus.UNKNOWN, missing.status());
        assertEquals(ClockStatus.UNKNOWN, missing.status());
        Files.createDirectories(directory.resolve(ClockProbe.TIMESYNC_FLAG).getParent());
        Files.createFile(directory.resolve(ClockProbe.TIMESYNC_FLAG));
        assertEquals(ClockStatus.SYNCHRONIZED, probe.status(), "the timesyncd flag is still looked at");
    }

    @Test
    void ledger_commandIds_areRememberedAcrossRestarts() throws Exception {
        CommandLedger ledger = CommandLedger.open(directory);
        assertFalse(ledger.handled("c0ffee01"));
        ledger.note("c0ffee01");
        assertTrue(CommandLedger.open(directory).handled("c0ffee01"));
        CommandLedger busy = CommandLedger.open(directory);
        for (int id = 0; id < CommandLedger.REMEMBERED; id++) {
            busy.note("id" + id);
        }
        assertFalse(CommandLedger.open(directory).handled("c0ffee01"), "only the newest are kept");
        assertTrue(CommandLedger.open(directory).handled("id" + (CommandLedger.REMEMBERED - 1)));
    }
}
