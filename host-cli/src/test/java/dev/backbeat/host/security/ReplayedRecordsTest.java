package dev.backbeat.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.ScriptedLink;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that reach the host again (replayed by someone on the broker, or resent) are stored once
 * and change nothing; the host says so in one line per batch, not one per record.
 */
class ReplayedRecordsTest {

    @TempDir
    Path directory;

    @Test
    void replayedSession_isStoredOnce_andLoggedInOneLinePerBatch() throws Exception {
        List<MqttLink.InboundMessage> session = new ArrayList<>();
        try (DeviceOutbox outbox = DeviceOutbox.open(directory.resolve("strap"))) {
            PairedClinic.writeSession(outbox, "strap-a", "replayed", 5);
            int chunks = outbox.pending().get(0).sealedChunks();
            session.add(chunkMessage(outbox.startRecord("replayed").orElseThrow()));
            for (int index = 0; index < chunks; index++) {
                session.add(chunkMessage(outbox.chunkRecord("replayed", index).orElseThrow()));
            }
            session.add(chunkMessage(outbox.endRecord("replayed").orElseThrow()));
        }
        ScriptedLink link = new ScriptedLink();
        link.inbound.addAll(session);
        link.inbound.addAll(session); // the replay, in the same batch
        List<String> progress = new CopyOnWriteArrayList<>();
        SyncReport report;
        try (SessionStore store = SessionStore.open(directory.resolve("store"), true)) {
            report = new SessionSync((subscriptions, willTopic, willPayload) -> link, store, progress::add)
                    .run(Duration.ofMillis(300));
            assertEquals(1, store.list().size());
        }
        assertEquals(List.of("strap-a/replayed"), report.stored());
        assertEquals(session.size(), report.duplicates());
        List<String> repeated = progress.stream().filter(line -> line.startsWith("received ")).toList();
        assertEquals(List.of("received " + session.size() + " record(s) already stored (resent, delivered twice or "
                + "replayed; nothing changed): strap-a/replayed ×" + session.size()), repeated, progress.toString());
    }

    private static MqttLink.InboundMessage chunkMessage(byte[] record) {
        return new MqttLink.InboundMessage(SyncTopics.chunks("strap-a"), record, false);
    }
}
