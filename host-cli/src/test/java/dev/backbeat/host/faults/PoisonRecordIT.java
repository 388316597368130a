// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.device.outbox.OutboxRecording;
import dev.backbeat.host.broker.EmbeddedBroker;
import dev.backbeat.host.cli.BackbeatMain;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.SyncStore;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.paho.PahoDeviceLink;
import dev.backbeat.mqtt.sync.ChunkSamples;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One retained message used to stop {@code backbeat sync} on every start: a start and an end with
 * chunk count 0 whose analysis cannot be read was stored, then failed when the session was
 * assembled, aborting the transaction (exit 3). Now every record is checked whole before it is
 * stored, and the rest of the traffic goes on.
 */
class PoisonRecordIT {

    private static final Instant STARTED_AT = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path directory;

    private static SyncRecord.SessionStart start(String device, String session) {
        return new SyncRecord.SessionStart(device, session, STARTED_AT, "sim", 100, List.of(SensorPosition.UPPER), Map.of());
    }

    private static RecordedSession analysis(String device, String session, double pacerBreathsPerMinute) {
        return new RecordedSession(device, session, STARTED_AT, "sim", 100, List.of(), List.of(), List.of(),
                new SessionSummary(1, 0, Double.NaN, Double.NaN, pacerBreathsPerMinute, 0, Double.NaN, Double.NaN));
    }

    private static byte[] endWithAnalysis(String device, String session, int chunkCount, byte[] analysis) {
        return SyncCodec.encode(new SyncRecord.SessionEnd(device, session, SyncRecord.EndStatus.COMPLETE, chunkCount, analysis));
    }

    private static byte[] bundle(String device, byte[]... records) {
        return SyncCodec.encode(new SyncRecord.Bundle(device, List.of(records)));
    }

    private int run(StringWriter out, String... args) {
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        return commandLine.execute(args);
    }

    @Test
    void sync_retainedEndsWithUnreadableNewerOrUnstorableAnalysis_areQuarantinedOnEveryStartAndTheGoodSessionIsStored()
            throws Exception {
        byte[] newerAnalysis = SessionCodec.encode(analysis("strap-02", "s-newer", 6));
        newerAnalysis[5] = 9; // a strap newer than the host
        byte[] good = OutboxRecording.endRecord(analysis("strap-04", "s-good", 6), SyncRecord.EndStatus.COMPLETE, 1)
                .analysis();
        double[] times = {0.0, 0.01};
        float[] values = {0.1f, 0.2f, 9.8f, 0.1f, 0.2f, 9.8f};
        byte[] goodChunk = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-04", "s-good", 0,
                new ChunkSamples(List.of(new ChunkSamples.Block(SensorPosition.UPPER, times, values, values.clone()))),
                Optional.empty()));
        Map<String, byte[]> retained = Map.of(
                "strap-01", bundle("strap-01", SyncCodec.encode(start("strap-01", "s-garbage")),
                        endWithAnalysis("strap-01", "s-garbage", 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})),
                "strap-02", bundle("strap-02", SyncCodec.encode(start("strap-02", "s-newer")),
                        endWithAnalysis("strap-02", "s-newer", 0, newerAnalysis)),
                "strap-03", bundle("strap-03", SyncCodec.encode(start("strap-03", "s-nan")),
                        endWithAnalysis("strap-03", "s-nan", 0, SessionCodec.encode(analysis("strap-03", "s-nan", Double.NaN)))),
                "strap-04", bundle("strap-04", SyncCodec.encode(start("strap-04", "s-good")), goodChunk,
                        endWithAnalysis("strap-04", "s-good", 1, good)));
        try (EmbeddedBroker broker = EmbeddedBroker.start(directory.resolve("broker"), EmbeddedBroker.freeLoopbackPort(),
                EmbeddedBroker.Persistence.IN_MEMORY)) {
            try (MqttLink strap = PahoDeviceLink.connect(BrokerEndpoint.plain(broker.uri(), "poisoner"), List.of(), 32)) {
                for (Map.Entry<String, byte[]> message : retained.entrySet()) {
                    strap.publish(SyncTopics.chunks(message.getKey()), message.getValue(), true, Duration.ofSeconds(10));
                }
            }
            String store = java.nio.file.Files.createDirectories(directory.resolve("store")).toString();
            for (int start = 1; start <= 2; start++) { // the retained messages come again on every start
                StringWriter out = new StringWriter();
                int exit = run(out, "sync", "--broker", broker.uri(), "--store", store, "--idle", "2");
                assertEquals(6, exit, "start " + start + ": quarantined records are exit 6, never a dead store\n" + out);
                assertTrue(out.toString().contains("analysis"), out.toString());
            }
            StringWriter sessions = new StringWriter();
            assertEquals(0, run(sessions, "sessions", "--store", store), sessions.toString());
            assertTrue(sessions.toString().contains("s-good"), sessions.toString());
            try (SessionStore opened = SessionStore.open(directory.resolve("store"), false)) {
                SyncStore sync = new SyncStore(opened);
                List<String> reasons = sync.quarantineReasons();
                assertEquals(3, reasons.size(), reasons.toString());
                assertTrue(reasons.stream().anyMatch(reason -> reason.contains("strap-01") && reason.contains("analysis")),
                        reasons.toString());
                assertTrue(reasons.stream().anyMatch(reason -> reason.contains("strap-02") && reason.contains("newer")),
                        reasons.toString());
                assertTrue(reasons.stream().anyMatch(reason -> reason.contains("strap-03") && reason.contains("NaN")),
                        reasons.toString());
                assertEquals(List.of("s-good"), opened.list().stream().map(listing -> listing.sessionId()).toList());
            }
        }
    }

    @Test
    void sync_recordTheStoreRefuses_isQuarantinedAloneAndTheRestOfItsBatchIsStored() throws Exception {
        Path storeDirectory = java.nio.file.Files.createDirectories(directory.resolve("store"));
        try (SessionStore store = SessionStore.open(storeDirectory, false);
             java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + store.file());
             java.sql.Statement statement = connection.createStatement()) {
            // a real SQLite refusal the checks cannot foresee (as a full disk for one row, or a bug)
            statement.execute("CREATE TRIGGER refuse_chunk_666 BEFORE INSERT ON sync_chunks WHEN NEW.chunk_index = 666 "
                    + "BEGIN SELECT RAISE(ABORT, 'refused by the test''s trigger'); END");
        }
        double[] times = {0.0, 0.01};
        float[] values = {0.1f, 0.2f, 9.8f, 0.1f, 0.2f, 9.8f};
        ChunkSamples samples = new ChunkSamples(List.of(new ChunkSamples.Block(SensorPosition.UPPER, times, values,
                values.clone())));
        byte[] refused = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s1", 666, samples, Optional.empty()));
        byte[] bundle = bundle("strap-01", SyncCodec.encode(start("strap-01", "s1")),
                SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s1", 0, samples, Optional.empty())), refused,
                endWithAnalysis("strap-01", "s1", 1, SessionCodec.encode(analysis("strap-01", "s1", 6))));
        try (EmbeddedBroker broker = EmbeddedBroker.start(directory.resolve("broker"), EmbeddedBroker.freeLoopbackPort(),
                EmbeddedBroker.Persistence.IN_MEMORY)) {
            try (MqttLink strap = PahoDeviceLink.connect(BrokerEndpoint.plain(broker.uri(), "strap"), List.of(), 32)) {
                strap.publish(SyncTopics.chunks("strap-01"), bundle, true, Duration.ofSeconds(10));
            }
            StringWriter out = new StringWriter();
            assertEquals(6, run(out, "sync", "--broker", broker.uri(), "--store", storeDirectory.toString(), "--idle", "2"),
                    out.toString());
            assertTrue(out.toString().contains("storing them one by one"), out.toString());
            try (SessionStore opened = SessionStore.open(storeDirectory, false)) {
                List<String> reasons = new SyncStore(opened).quarantineReasons();
                assertEquals(1, reasons.size(), reasons.toString());
                assertTrue(reasons.get(0).contains("the store refused it") && reasons.get(0).contains("trigger"),
                        reasons.get(0));
                assertEquals(List.of("s1"), opened.list().stream().map(listing -> listing.sessionId()).toList(),
                        "start, chunk 0 and the end are stored and make the session");
            }
        }
    }
}
