// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code backbeat sessions --json --device --since} and {@code backbeat show --json}. */
class JsonListingTest {

    @TempDir
    Path store;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static RecordedSession session(String device, String id, String startedAt) {
        SensorTrack.Builder upper = new SensorTrack.Builder(SensorPosition.UPPER);
        for (int index = 0; index < 100; index++) {
            upper.add(new ImuSample(index / 100.0, new Vector3(0, 0, 0), new Vector3(9.81, 0, 0)));
        }
        return new RecordedSession(device, id, Instant.parse(startedAt), "sim", 100, List.of(upper.build()),
                List.of(new PacerCue(0, BreathPhase.INHALE)), List.of(new Repetition(0.1, 0.9, 20, 10)),
                new SessionSummary(1.0, 1, -10, 20, 6, 1, 0, 0.5));
    }

    /** The JSON without its line breaks and indentation. */
    private static String compact(String json) {
        return json.replaceAll("\\s*\\n\\s*", "");
    }

    @BeforeEach
    void storeThree() throws Exception {
        try (SessionStore sessions = SessionStore.open(store, false)) {
            for (RecordedSession session : List.of(session("strap-01", "a-1", "2026-11-01T08:00:00Z"),
                    session("strap-01", "a-2", "2026-11-20T08:00:00Z"), session("strap-02", "b-1", "2026-11-21T08:00:00Z"))) {
                sessions.store(session, SessionCodec.encode(session));
            }
        }
    }

    @Test
    void sessions_jsonForOneDeviceSinceADay_listsOnlyThose() {
        assertEquals(ExitCodes.OK, run("sessions", "--json", "--device", "strap-01", "--since", "2026-11-10", "--store", store.toString()),
                err.toString());
        String json = compact(out.toString());
        assertTrue(json.startsWith("{\"sessions\": [{\"device_id\": \"strap-01\",\"session_id\": \"a-2\""), json);
        assertFalse(json.contains("a-1") || json.contains("b-1"), json);
    }

    @Test
    void sessions_badSince_namesTheOption() {
        assertEquals(ExitCodes.USAGE, run("sessions", "--since", "yesterday", "--store", store.toString()));
        assertTrue(err.toString().contains("--since must be a day as YYYY-MM-DD, was 'yesterday'"), err.toString());
    }

    @Test
    void show_json_printsWhatTheStrapRecorded() {
        assertEquals(ExitCodes.OK, run("show", "b-1", "--json", "--store", store.toString()), err.toString());
        String json = compact(out.toString());
        assertTrue(json.contains("\"result\": \"recorded on the strap (streaming detector)\""), json);
        assertTrue(json.contains("\"repetitions\": [{\"start_s\": 0.1,\"end_s\": 0.9,\"kind\": \"flexion-extension\""), json);
        assertTrue(json.contains("\"pacer_cues\": [{\"time_s\": 0,\"phase\": \"inhale\"}]"), json);
    }
}
