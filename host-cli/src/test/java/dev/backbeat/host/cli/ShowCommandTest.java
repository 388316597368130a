// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.pacer.BreathPhase;
import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.host.store.SessionStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code backbeat show} says which result it prints (issue 11): the strap's, not a re-analysis. */
class ShowCommandTest {

    @TempDir
    Path storeDirectory;

    @Test
    void show_storedSession_saysTheRhythmIsTheStrapsStreamingResult() throws Exception {
        SensorTrack.Builder upper = new SensorTrack.Builder(SensorPosition.UPPER);
        SensorTrack.Builder lower = new SensorTrack.Builder(SensorPosition.LOWER);
        for (int index = 0; index < 300; index++) {
            upper.add(new ImuSample(index / 100.0, new Vector3(0, 0, 0), new Vector3(9.81, 0, 0)));
            lower.add(new ImuSample(index / 100.0, new Vector3(0, 0, 0), new Vector3(9.81, 0, 0)));
        }
        RecordedSession session = new RecordedSession("strap-01", "20261206T120000Z-abcd",
                Instant.parse("2026-12-06T12:00:00Z"), "sim", 100, List.of(upper.build(), lower.build()),
                List.of(new PacerCue(0, BreathPhase.INHALE)), List.of(new Repetition(1.0, 2.5, 20.0, 10.0)),
                new SessionSummary(3.0, 1, -10.0, 20.0, 6.0, 1, 0.5, 3.5));
        try (SessionStore store = SessionStore.open(storeDirectory, false)) {
            store.store(session, SessionCodec.encode(session));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute("show", "20261206T1200", "--store", storeDirectory.toString());

        assertEquals(ExitCodes.OK, exitCode, err.toString());
        String shown = out.toString();
        assertTrue(shown.contains("\n  rhythm        as recorded on the strap (streaming detector); re-analyse with "
                + "'backbeat export' then 'backbeat analyze'\n  repetitions   1\n"), shown);
    }
}
