// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.ScriptedLink;
import dev.backbeat.mqtt.sync.ChunkRanges;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncDecodeResult;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender's bundling and window, against a link the test plays the host on (the real broker
 * and host are in the host module's integration tests).
 */
class OutboxSenderTest {

    private static final String DEVICE = "strap-07";
    private static final int SESSION_SECONDS = 20;

    @TempDir
    Path directory;

    @Test
    void run_bundlesOfEight_windowOfTwo_neverHasMoreThanTwoMessagesUnacknowledged() throws Exception {
        try (DeviceOutbox outbox = DeviceOutbox.open(directory)) {
            writeSession(outbox, "a");
            writeSession(outbox, "b");
            ScriptedLink link = new ScriptedLink();
            OutboxSender sender = new OutboxSender(outbox, DEVICE, subscriptions -> link,
                    OutboxSender.Settings.DEFAULTS.withWindow(2).withBundleRecords(8), Clock.systemUTC(), line -> { });
            CompletableFuture<OutboxSender.Result> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return sender.run(Duration.ofSeconds(30));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            link.inbound.add(new MqttLink.InboundMessage(SyncTopics.HOST_PRESENCE,
                    SyncTopics.ONLINE.getBytes(StandardCharsets.UTF_8), true));

            Map<String, Received> received = new TreeMap<>();
            int messages = 0;
            String chunksTopic = SyncTopics.chunks(DEVICE);
            while (true) {
                List<byte[]> window = new ArrayList<>();
                byte[] first = link.nextPayloadOn(chunksTopic, Duration.ofSeconds(result.isDone() ? 0 : 5));
                if (first == null) {
                    break;
                }
                window.add(first);
                byte[] second = link.nextPayloadOn(chunksTopic, Duration.ofMillis(300));
                if (second != null) {
                    window.add(second);
                    assertNull(link.nextPayloadOn(chunksTopic, Duration.ofMillis(300)), "a third message before any acknowledgement");
                }
                for (byte[] message : window) {
                    messages++;
                    List<byte[]> records = recordsIn(message);
                    assertTrue(records.size() <= 8, records.size() + " records in one message");
                    for (byte[] record : records) {
                        SyncRecord decoded = assertInstanceOf(SyncDecodeResult.Decoded.class, SyncCodec.decode(record)).record();
                        received.computeIfAbsent(sessionOf(decoded), id -> new Received()).add(decoded);
                    }
                }
                for (Map.Entry<String, Received> session : received.entrySet()) {
                    link.inbound.add(new MqttLink.InboundMessage(SyncTopics.ack(DEVICE, session.getKey()),
                            SyncCodec.encode(session.getValue().acknowledgement(session.getKey())), true));
                }
            }
            OutboxSender.Result done = result.get(10, TimeUnit.SECONDS);
            assertTrue(done.allConfirmed(), done.toString());
            assertEquals(List.of("a", "b"), done.confirmed());
            int recordsPerSession = SESSION_SECONDS + 2; // start, one chunk per second, end
            assertEquals(2L * recordsPerSession, done.sent(), "each record once");
            assertEquals(0, done.resent());
            assertEquals(messages, done.messages());
            assertEquals((2 * recordsPerSession + 7) / 8, messages, "full bundles but for the last");
            for (Received session : received.values()) {
                assertEquals(ChunkRanges.firstN(SESSION_SECONDS), session.chunks());
            }
        }
    }

    @Test
    void run_whileRecording_sendsWhatWasSealedOnlyEveryLiveSendInterval() throws Exception {
        // chunks of 50 ms sealed in real time for 3 s, a manifest allowed every 100 ms: sending each
        // look's new chunks every 100 ms took about 30 messages; every second it takes 3 bundles a look
        OutboxSender.Settings settings = new OutboxSender.Settings(400, Duration.ofSeconds(10), Duration.ofMillis(100),
                Duration.ofDays(7), 8, Duration.ofSeconds(1));
        try (DeviceOutbox sending = DeviceOutbox.open(directory); DeviceOutbox recording = DeviceOutbox.open(directory)) {
            ScriptedLink link = new ScriptedLink(hostOnline());
            java.util.concurrent.atomic.AtomicBoolean live = new java.util.concurrent.atomic.AtomicBoolean(true);
            OutboxSender sender = new OutboxSender(sending, DEVICE, subscriptions -> link, settings, Clock.systemUTC(),
                    line -> { });
            CompletableFuture<OutboxSender.Result> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return sender.run(Duration.ofSeconds(1), live::get);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            double rateHz = 100;
            ChunkWriter writer = beginSession(recording, "a", rateHz, 0.05);
            long started = System.nanoTime();
            for (int tick = 0; tick < 3 * rateHz; tick++) {
                addSamples(writer, tick / rateHz);
                long due = started + (long) ((tick + 1) / rateHz * 1e9);
                Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
            }
            double recordingSeconds = (System.nanoTime() - started) / 1e9;
            int chunksWhileRecording = (int) link.publishedTopics().stream().filter(SyncTopics.chunks(DEVICE)::equals).count();
            live.set(false);
            int chunks = writer.finish();
            endSession(recording, "a", rateHz, 3, chunks);
            result.get(10, TimeUnit.SECONDS);

            Received received = new Received();
            for (ScriptedLink.Publication publication : link.published) {
                if (publication.topic().equals(SyncTopics.chunks(DEVICE))) {
                    recordsIn(publication.payload()).forEach(record -> received.add(
                            assertInstanceOf(SyncDecodeResult.Decoded.class, SyncCodec.decode(record)).record()));
                }
            }
            assertEquals(ChunkRanges.firstN(chunks), received.chunks(), "every chunk once");
            assertTrue(received.start && received.end);
            int looks = (int) Math.ceil(recordingSeconds / settings.liveSendInterval().toMillis() * 1000);
            assertTrue(chunksWhileRecording >= 1, "nothing was sent while recording");
            assertTrue(chunksWhileRecording <= 3 * looks + 3, chunksWhileRecording + " messages while recording for "
                    + recordingSeconds + " s, more than 3 bundles for each of " + looks + " looks");
        }
    }

    @Test
    void run_connectionLostRightAfterConnecting_reconnectsAndSendsEverything() throws Exception {
        try (DeviceOutbox outbox = DeviceOutbox.open(directory)) {
            writeSession(outbox, "a");
            ScriptedLink broken = new ScriptedLink() {
                @Override
                public boolean offer(String topic, byte[] payload, boolean retained) throws java.io.IOException {
                    throw new java.io.IOException("not connected");
                }
            };
            ScriptedLink link = new ScriptedLink(hostOnline());
            List<ScriptedLink> links = new java.util.ArrayList<>(List.of(broken, link));
            List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
            OutboxSender sender = new OutboxSender(outbox, DEVICE, subscriptions -> links.size() > 1 ? links.removeFirst()
                    : links.getFirst(), OutboxSender.Settings.DEFAULTS, Clock.systemUTC(), log::add);
            OutboxSender.Result done = runWhileAcknowledging(sender, link, () -> false);
            assertEquals(List.of("a"), done.confirmed(), log.toString());
            assertEquals(2, done.connections());
        }
    }

    @Test
    void run_gapRequestForAcknowledgedRecords_sendsThemAgain() throws Exception {
        try (DeviceOutbox outbox = DeviceOutbox.open(directory)) {
            writeSession(outbox, "a");
            // a host that acknowledged the start and chunks 0..9, then asks for 0..4 and the start again
            // (another host, or one whose store lost them): the request wins over the acknowledgement
            ScriptedLink link = new ScriptedLink(hostOnline(),
                    acknowledgement("a", true, false, ChunkRanges.firstN(10)),
                    new MqttLink.InboundMessage(SyncTopics.requests(DEVICE), SyncCodec.encode(new SyncRecord.GapRequest(
                            DEVICE, "a", true, false, ChunkRanges.firstN(5))), false));
            OutboxSender sender = new OutboxSender(outbox, DEVICE, subscriptions -> link, OutboxSender.Settings.DEFAULTS,
                    Clock.systemUTC(), line -> { });
            CompletableFuture<OutboxSender.Result> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return sender.run(Duration.ofSeconds(2));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Received sent = new Received();
            while (true) {
                byte[] message = link.nextPayloadOn(SyncTopics.chunks(DEVICE), Duration.ofMillis(result.isDone() ? 0 : 500));
                if (message == null) {
                    break;
                }
                for (byte[] record : recordsIn(message)) {
                    sent.addAgain(assertInstanceOf(SyncDecodeResult.Decoded.class, SyncCodec.decode(record)).record());
                }
            }
            result.get(10, TimeUnit.SECONDS);
            assertTrue(sent.start, "the start again");
            assertTrue(sent.chunks().containsAll(ChunkRanges.firstN(5)), "chunks 0..4 again: " + sent.chunks());
        }
    }

    @Test
    void run_oneOfTwoHostWorkersGoesAway_sendsTheUnacknowledgedAgainAtOnceAndKeepsSending() throws Exception {
        try (DeviceOutbox outbox = DeviceOutbox.open(directory)) {
            writeSession(outbox, "a");
            ScriptedLink link = new ScriptedLink(workerPresence("w1", SyncTopics.ONLINE), workerPresence("w2", SyncTopics.ONLINE));
            List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
            OutboxSender sender = new OutboxSender(outbox, DEVICE, subscriptions -> link,
                    OutboxSender.Settings.DEFAULTS.withWindow(1).withBundleRecords(4), Clock.systemUTC(), log::add);
            CompletableFuture<OutboxSender.Result> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return sender.run(Duration.ofSeconds(3));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] first = link.nextPayloadOn(SyncTopics.chunks(DEVICE), Duration.ofSeconds(5));
            assertTrue(first != null, "sends while both workers are online");
            assertNull(link.nextPayloadOn(SyncTopics.chunks(DEVICE), Duration.ofMillis(300)), "window of one, unacknowledged");
            long leftAt = System.nanoTime();
            link.inbound.add(workerPresence("w1", "")); // w1's last will clears its presence
            byte[] again = link.nextPayloadOn(SyncTopics.chunks(DEVICE), Duration.ofSeconds(2));
            assertTrue(again != null, "the unacknowledged message goes out again: " + log);
            assertTrue(System.nanoTime() - leftAt < 2_000_000_000L, "well before the 10 s resend time");
            assertTrue(java.util.Arrays.equals(first, again), "the same records again");
            assertTrue(log.stream().anyMatch(line -> line.contains("a host worker went away")), log.toString());
            assertTrue(log.stream().noneMatch(line -> line.contains("host went offline")), "w2 is still online: " + log);
            result.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void run_theLastHostWorkerGoesAway_waitsForAHost() throws Exception {
        try (DeviceOutbox outbox = DeviceOutbox.open(directory)) {
            writeSession(outbox, "a");
            ScriptedLink link = new ScriptedLink(workerPresence("w1", SyncTopics.ONLINE), workerPresence("w1", ""));
            List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
            OutboxSender sender = new OutboxSender(outbox, DEVICE, subscriptions -> link,
                    OutboxSender.Settings.DEFAULTS.withWindow(1), Clock.systemUTC(), log::add);
            OutboxSender.Result done = sender.run(Duration.ofSeconds(1));
            assertTrue(log.contains("host went offline; waiting for it"), log.toString());
            assertEquals(List.of("a"), done.pending());
        }
    }

    @Test
    void run_completeAcknowledgementOfOtherContent_doesNotLetTheSessionGo() throws Exception {
        try (DeviceOutbox outbox = DeviceOutbox.open(directory)) {
            writeSession(outbox, "a");
            byte[] otherContent = new byte[dev.backbeat.mqtt.sync.SessionContentDigest.BYTES];
            otherContent[0] = 1; // the host assembled someone else's records under this session's keys
            ScriptedLink link = new ScriptedLink(hostOnline(), new MqttLink.InboundMessage(SyncTopics.ack(DEVICE, "a"),
                    SyncCodec.encode(new SyncRecord.Acknowledgement(DEVICE, "a", true, true, ChunkRanges.firstN(SESSION_SECONDS),
                            true, otherContent, new byte[0])), true));
            List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
            OutboxSender.Result done = new OutboxSender(outbox, DEVICE, subscriptions -> link, OutboxSender.Settings.DEFAULTS,
                    Clock.systemUTC(), log::add).run(Duration.ofMillis(800));
            assertEquals(List.of("a"), done.pending(), log.toString());
            assertTrue(log.stream().anyMatch(line -> line.contains("did not let session a go")
                    && line.contains("the host holds other records")), log.toString());
            assertEquals(Optional.of(DeviceOutbox.State.ENDED), outbox.state("a"));
        }
    }

    @Test
    void run_completeAcknowledgementOfTheSameContent_confirms() throws Exception {
        try (DeviceOutbox outbox = DeviceOutbox.open(directory)) {
            writeSession(outbox, "a");
            dev.backbeat.mqtt.sync.SessionContentDigest digest = dev.backbeat.mqtt.sync.SessionContentDigest
                    .startingWithRecord(outbox.startRecord("a").orElseThrow());
            for (int index = 0; index < SESSION_SECONDS; index++) {
                digest.addChunkHash(SyncCodec.chunkHash(outbox.chunkRecord("a", index).orElseThrow()).orElseThrow());
            }
            byte[] content = digest.endingWithRecord(outbox.endRecord("a").orElseThrow());
            ScriptedLink link = new ScriptedLink(hostOnline(), new MqttLink.InboundMessage(SyncTopics.ack(DEVICE, "a"),
                    SyncCodec.encode(new SyncRecord.Acknowledgement(DEVICE, "a", true, true, ChunkRanges.firstN(SESSION_SECONDS),
                            true, content, new byte[0])), true));
            OutboxSender.Result done = new OutboxSender(outbox, DEVICE, subscriptions -> link, OutboxSender.Settings.DEFAULTS,
                    Clock.systemUTC(), line -> { }).run(Duration.ofSeconds(5));
            assertEquals(List.of("a"), done.confirmed());
        }
    }

    /** Runs {@code sender} while playing a host that acknowledges every record it receives. */
    private static OutboxSender.Result runWhileAcknowledging(OutboxSender sender, ScriptedLink link,
                                                             java.util.function.BooleanSupplier recording) throws Exception {
        CompletableFuture<OutboxSender.Result> result = CompletableFuture.supplyAsync(() -> {
            try {
                return sender.run(Duration.ofSeconds(20), recording);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Map<String, Received> received = new TreeMap<>();
        while (!result.isDone()) {
            byte[] message = link.nextPayloadOn(SyncTopics.chunks(DEVICE), Duration.ofMillis(100));
            if (message == null) {
                continue;
            }
            for (byte[] record : recordsIn(message)) {
                SyncRecord decoded = assertInstanceOf(SyncDecodeResult.Decoded.class, SyncCodec.decode(record)).record();
                received.computeIfAbsent(sessionOf(decoded), id -> new Received()).addAgain(decoded);
            }
            for (Map.Entry<String, Received> session : received.entrySet()) {
                link.inbound.add(new MqttLink.InboundMessage(SyncTopics.ack(DEVICE, session.getKey()),
                        SyncCodec.encode(session.getValue().acknowledgement(session.getKey())), true));
            }
        }
        return result.get(10, TimeUnit.SECONDS);
    }

    private static MqttLink.InboundMessage workerPresence(String workerId, String payload) {
        return new MqttLink.InboundMessage(SyncTopics.workerPresence(workerId), payload.getBytes(StandardCharsets.UTF_8), true);
    }

    private static MqttLink.InboundMessage hostOnline() {
        return new MqttLink.InboundMessage(SyncTopics.HOST_PRESENCE, SyncTopics.ONLINE.getBytes(StandardCharsets.UTF_8), true);
    }

    private static MqttLink.InboundMessage acknowledgement(String sessionId, boolean start, boolean end, ChunkRanges chunks) {
        return new MqttLink.InboundMessage(SyncTopics.ack(DEVICE, sessionId), SyncCodec.encode(
                new SyncRecord.Acknowledgement(DEVICE, sessionId, start, end, chunks, false)), true);
    }

    private static List<byte[]> recordsIn(byte[] message) {
        SyncRecord record = assertInstanceOf(SyncDecodeResult.Decoded.class, SyncCodec.decode(message)).record();
        return record instanceof SyncRecord.Bundle bundle ? bundle.records() : List.of(message);
    }

    private static String sessionOf(SyncRecord record) {
        return switch (record) {
            case SyncRecord.SessionStart start -> start.sessionId();
            case SyncRecord.SessionChunk chunk -> chunk.sessionId();
            case SyncRecord.SessionEnd end -> end.sessionId();
            default -> throw new AssertionError("unexpected " + record);
        };
    }

    private static final List<SensorPosition> SENSORS = List.of(SensorPosition.UPPER, SensorPosition.LOWER);
    private static final Instant STARTED_AT = Instant.parse("2026-11-01T08:00:00Z");

    private static void writeSession(DeviceOutbox outbox, String sessionId) throws Exception {
        double rateHz = 50;
        outbox.batch(() -> {
            ChunkWriter writer = beginSession(outbox, sessionId, rateHz, ChunkWriter.DEFAULT_CHUNK_SECONDS);
            for (int tick = 0; tick < SESSION_SECONDS * rateHz; tick++) {
                addSamples(writer, tick / rateHz);
            }
            endSession(outbox, sessionId, rateHz, SESSION_SECONDS, writer.finish());
        });
    }

    /** Writes a session's start record and returns the writer of its chunks. */
    private static ChunkWriter beginSession(DeviceOutbox outbox, String sessionId, double rateHz, double chunkSeconds)
            throws java.io.IOException {
        return ChunkWriter.begin(outbox, OutboxRecording.start(DEVICE, sessionId, STARTED_AT, "test", rateHz, SENSORS,
                Map.of()), Optional.empty(), chunkSeconds);
    }

    /** One sample of each sensor at {@code time}. */
    private static void addSamples(ChunkWriter writer, double time) {
        for (SensorPosition sensor : SENSORS) {
            writer.accept(sensor, new ImuSample(time, new Vector3(0.3 * Math.sin(time), 0.01, -0.02),
                    new Vector3(9.8, 0.1, 0.2)));
        }
    }

    /** Writes a session's end record, after {@code chunks} chunks. */
    private static void endSession(DeviceOutbox outbox, String sessionId, double rateHz, int seconds, int chunks)
            throws java.io.IOException {
        RecordedSession analysis = new RecordedSession(DEVICE, sessionId, STARTED_AT, "test", rateHz, List.of(), List.of(),
                List.of(), new SessionSummary(seconds, 0, Double.NaN, Double.NaN, 6, 0, Double.NaN, Double.NaN));
        outbox.end(sessionId, SyncCodec.encode(OutboxRecording.endRecord(analysis, SyncRecord.EndStatus.COMPLETE, chunks)));
    }

    /** What the test's host has of one session. */
    private static final class Received {
        private final TreeSet<Integer> chunkIndexes = new TreeSet<>();
        private boolean start;
        private boolean end;

        void add(SyncRecord record) {
            if (record instanceof SyncRecord.SessionChunk chunk) {
                assertTrue(!chunkIndexes.contains(chunk.index()), "chunk " + chunk.index() + " twice");
            }
            addAgain(record);
        }

        /** Adds {@code record}, which may have come before. */
        void addAgain(SyncRecord record) {
            switch (record) {
                case SyncRecord.SessionStart ignored -> start = true;
                case SyncRecord.SessionChunk chunk -> chunkIndexes.add(chunk.index());
                case SyncRecord.SessionEnd ignored -> end = true;
                default -> throw new AssertionError("unexpected " + record);
            }
        }

        ChunkRanges chunks() {
            return ChunkRanges.of(chunkIndexes.stream().mapToInt(Integer::intValue).toArray());
        }

        SyncRecord.Acknowledgement acknowledgement(String sessionId) {
            return new SyncRecord.Acknowledgement(DEVICE, sessionId, start, end, chunks(),
                    start && end && chunks().isFirstN(SESSION_SECONDS));
        }
    }
}
