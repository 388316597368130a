// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.paho.PahoHostLink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker with {@link EmbeddedBroker.Persistence#FILE} on a real HiveMQ: retained
 * messages (and their clearing) outlive a restart, are on disk within the save period while it
 * runs (what a kill leaves), and a damaged file is set aside with a notice, not a failed start.
 */
class RetainedMessagesAcrossRestartIT {

    private static final String KEPT = "backbeat/v2/strap-1/configuration/desired";
    private static final String CLEARED = "backbeat/v2/strap-1/health";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path home;

    @Test
    void fileBroker_retainedAndClearedMessages_areAsLeftAfterARestart() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        int port = EmbeddedBroker.freeLoopbackPort();
        try (EmbeddedBroker broker = start(port, EmbeddedBroker.Persistence.FILE, notices);
             MqttLink publisher = connect(broker, "publisher", List.of())) {
            publisher.publish(KEPT, bytes("desired 7"), true, WAIT);
            publisher.publish(CLEARED, bytes("recording"), true, WAIT);
            publisher.publish(CLEARED, new byte[0], true, WAIT);
        }
        try (EmbeddedBroker broker = start(port, EmbeddedBroker.Persistence.FILE, notices);
             MqttLink subscriber = connect(broker, "subscriber", List.of(KEPT, CLEARED))) {
            Map<String, byte[]> received = receive(subscriber, Duration.ofSeconds(2));

            assertEquals(1, broker.restoredRetainedMessages());
            assertArrayEquals(bytes("desired 7"), received.get(KEPT), "the retained message is back");
            assertFalse(received.containsKey(CLEARED), "the cleared one stays cleared");
        }
        assertEquals(List.of(), notices);
    }

    @Test
    void fileBroker_running_keepsANewRetainedMessageOnDiskWithinTheSavePeriod() throws Exception {
        Path file = home.resolve("data").resolve(EmbeddedBroker.RETAINED_MESSAGES_FILE);
        try (EmbeddedBroker broker = start(EmbeddedBroker.freeLoopbackPort(), EmbeddedBroker.Persistence.FILE, notice -> { });
             MqttLink publisher = connect(broker, "publisher", List.of())) {
            publisher.publish(KEPT, bytes("desired 8"), true, WAIT);
            long deadline = System.nanoTime() + Duration.ofMillis(RetainedMessageKeeper.SAVE_PERIOD_MILLIS * 3).toNanos();
            Optional<List<RetainedMessageSnapshot.KeptMessage>> onDisk = Optional.empty();
            while (System.nanoTime() < deadline && onDisk.filter(messages -> !messages.isEmpty()).isEmpty()) {
                Thread.sleep(100);
                onDisk = Files.exists(file) && RetainedMessageSnapshot.decode(Files.readAllBytes(file))
                        instanceof RetainedMessageSnapshot.Decoded.Read(List<RetainedMessageSnapshot.KeptMessage> messages)
                        ? Optional.of(messages) : Optional.empty();
            }

            List<RetainedMessageSnapshot.KeptMessage> kept = onDisk.orElseThrow(() -> new AssertionError(
                    "nothing on disk within " + 3 * RetainedMessageKeeper.SAVE_PERIOD_MILLIS + " ms"));
            assertEquals(1, kept.size());
            assertEquals(KEPT, kept.get(0).topic());
            assertArrayEquals(bytes("desired 8"), kept.get(0).payload());
            assertEquals(1, kept.get(0).qos());
        }
    }

    @Test
    void fileBroker_damagedFile_isSetAsideWithANotice_andTheBrokerServes() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Path file = data.resolve(EmbeddedBroker.RETAINED_MESSAGES_FILE);
        byte[] damaged = RetainedMessageSnapshot.encode(List.of(new RetainedMessageSnapshot.KeptMessage(KEPT, 1,
                java.util.OptionalLong.empty(), bytes("desired 9"))));
        damaged[damaged.length / 2] ^= 0x10;
        Files.write(file, damaged);
        List<String> notices = new CopyOnWriteArrayList<>();

        try (EmbeddedBroker broker = start(EmbeddedBroker.freeLoopbackPort(), EmbeddedBroker.Persistence.FILE, notices::add);
             MqttLink link = connect(broker, "link", List.of(KEPT))) {
            link.publish(KEPT, bytes("desired 10"), true, WAIT);
            assertArrayEquals(bytes("desired 10"), receive(link, Duration.ofSeconds(2)).get(KEPT), "the broker serves");
            assertEquals(0, broker.restoredRetainedMessages());
        }
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("cannot be read (its checksum does not match") && notices.get(0).contains(
                "moved to " + file + ".unreadable"), notices.get(0));
        assertArrayEquals(damaged, Files.readAllBytes(data.resolve(EmbeddedBroker.RETAINED_MESSAGES_FILE + ".unreadable")),
                "the damaged file kept as it was");
        RetainedMessageSnapshot.Decoded now = RetainedMessageSnapshot.decode(Files.readAllBytes(file));
        assertEquals(KEPT, assertInstanceOf(RetainedMessageSnapshot.Decoded.Read.class, now).messages().get(0).topic(),
                "the stop wrote the new retained message");
    }

    @Test
    void fileBroker_closedWhileSaving_logsNoErrorAndKeepsTheMessage() throws Exception {
        // HiveMQ takes a while to stop: a periodic save that ran meanwhile asked its stopped
        // executors for the retained messages, which Guava logged as SEVERE on the console
        List<LogRecord> severe = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    severe.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        List<String> notices = new CopyOnWriteArrayList<>();
        try {
            for (int round = 0; round < 3; round++) {
                try (EmbeddedBroker broker = start(EmbeddedBroker.freeLoopbackPort(), EmbeddedBroker.Persistence.FILE, notices);
                     MqttLink publisher = connect(broker, "publisher-" + round, List.of())) {
                    publisher.publish(KEPT, bytes("desired " + (20 + round)), true, WAIT);
                    Thread.sleep(RetainedMessageKeeper.SAVE_PERIOD_MILLIS + 300L * round);
                }
            }
        } finally {
            root.removeHandler(handler);
        }
        assertEquals(List.of(), severe.stream().map(record -> record.getLoggerName() + ": " + record.getMessage()).toList());
        assertEquals(List.of(), notices);
        RetainedMessageSnapshot.Decoded kept = RetainedMessageSnapshot.decode(Files.readAllBytes(
                home.resolve("data").resolve(EmbeddedBroker.RETAINED_MESSAGES_FILE)));
        assertArrayEquals(bytes("desired 22"), assertInstanceOf(RetainedMessageSnapshot.Decoded.Read.class, kept)
                .messages().get(0).payload());
    }

    @Test
    void inMemoryBroker_retainedMessage_isGoneAfterARestart() throws Exception {
        int port = EmbeddedBroker.freeLoopbackPort();
        try (EmbeddedBroker broker = start(port, EmbeddedBroker.Persistence.IN_MEMORY, notice -> { });
             MqttLink publisher = connect(broker, "publisher", List.of())) {
            publisher.publish(KEPT, bytes("desired 11"), true, WAIT);
        }
        try (EmbeddedBroker broker = start(port, EmbeddedBroker.Persistence.IN_MEMORY, notice -> { });
             MqttLink subscriber = connect(broker, "subscriber", List.of(KEPT))) {
            assertFalse(receive(subscriber, Duration.ofSeconds(2)).containsKey(KEPT));
        }
        assertFalse(Files.exists(home.resolve("data").resolve(EmbeddedBroker.RETAINED_MESSAGES_FILE)));
    }

    private EmbeddedBroker start(int port, EmbeddedBroker.Persistence persistence, java.util.function.Consumer<String> notices)
            throws BrokerStartException {
        return EmbeddedBroker.start(home, port, persistence, Optional.empty(), notices);
    }

    private EmbeddedBroker start(int port, EmbeddedBroker.Persistence persistence, List<String> notices)
            throws BrokerStartException {
        return start(port, persistence, notices::add);
    }

    private static MqttLink connect(EmbeddedBroker broker, String clientId, List<String> subscriptions) throws Exception {
        return PahoHostLink.connect(BrokerEndpoint.plain(broker.uri(), "retained-it-" + clientId), subscriptions, null, "");
    }

    /** Everything that arrives within {@code quiet}, by topic (the last payload of each). */
    private static Map<String, byte[]> receive(MqttLink link, Duration quiet) throws InterruptedException {
        Map<String, byte[]> received = new HashMap<>();
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            link.poll(Duration.ofMillis(100)).ifPresent(message -> received.put(message.topic(), message.payload()));
        }
        return received;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
