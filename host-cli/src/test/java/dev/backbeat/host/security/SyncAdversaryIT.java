// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.device.outbox.DeviceSync;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.host.broker.EmbeddedBroker;
import dev.backbeat.host.broker.TlsListenerSettings;
import dev.backbeat.host.cli.BackbeatMain;
import dev.backbeat.host.faults.MosquittoProcess;
import dev.backbeat.host.pairing.ClinicBroker;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.paho.PahoDeviceLink;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.AcknowledgementSigner;
import dev.backbeat.mqtt.sync.ClientIds;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adversarial run of issue 12: a paired strap's certificate ({@code strap-evil}) sends, through
 * the broker's access rules (the embedded TLS broker's, and Mosquitto's with the README's ACL),
 * every record kind mutated ({@link HostileRecords}: truncated, bit-flipped, wrong schema or kind,
 * unreadable, newer or unstorable analysis, NaN samples, bombs, oversized, another strap's
 * records, broken bundles, absurd manifests, replays, conflicting hashes, wrong counts, parts that
 * do not make a session), retained and not, while a real strap ({@code strap-a}, the device's own
 * sender) records and syncs sessions and the host is restarted now and then (a retained record
 * comes again on each start). Afterwards: the host never exited, every legitimate session is
 * stored complete, every bad record is quarantined (its SHA-256 among the quarantined payloads) or
 * a conflict, and the run prints its counts.
 *
 * <p>Short in {@code mvn verify}; {@code bench/sync-adversary} runs it with at least 10 000 hostile
 * records per broker ({@code -Dadversary.records}, {@code -Dadversary.seconds}).
 */
class SyncAdversaryIT {

    private static final String STRAP = "strap-a";
    private static final String EVIL = "strap-evil";
    /** Hostile messages a second at most: the host keeps up, so the broker drops nothing of the host's queue. */
    private static final int MESSAGES_PER_SECOND = 400;
    private static final int HOST_STARTS = 3;
    /**
     * Messages after which the attacker lets the host catch up. A broker keeps at most 1000
     * messages queued for the host (Mosquitto's max_queued_messages) and drops the rest: a strap's
     * are resent, but a hostile record the host never saw cannot be counted as quarantined.
     */
    private static final int CATCH_UP_EVERY = 250;

    @TempDir
    Path directory;

    @Test
    void embeddedTlsBroker_hostileStrapSendsEveryMutation_hostNeverExitsAndEveryLegitimateSessionArrives() throws Exception {
        PairedClinic clinic = PairedClinic.pair(directory, "localhost", STRAP, EVIL);
        List<String> refusals = new CopyOnWriteArrayList<>();
        TlsListenerSettings tls = TlsListenerSettings.defaults(clinic.brokerFiles())
                .withPort(EmbeddedBroker.freeLoopbackPort()).withListenAddress(InetAddress.getByName("127.0.0.1"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(directory.resolve("embedded"), EmbeddedBroker.freeLoopbackPort(),
                EmbeddedBroker.Persistence.IN_MEMORY, Optional.of(tls), refusals::add)) {
            attack("the embedded TLS broker", "ssl://localhost:" + broker.tlsListener().orElseThrow().port(), clinic);
        }
    }

    @Test
    void mosquittoWithTheReadmeAcl_hostileStrapSendsEveryMutation_hostNeverExitsAndEveryLegitimateSessionArrives()
            throws Exception {
        PairedClinic clinic = PairedClinic.pair(directory, "localhost", STRAP, EVIL);
        Path acl = directory.resolve("acl");
        Files.writeString(acl, ClinicBroker.ACL);
        int port = MosquittoProcess.freePort();
        String runAs = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
        try (MosquittoProcess broker = new MosquittoProcess(directory.resolve("mosquitto"), port,
                runAs + ClinicBroker.tlsListener(clinic.brokerFiles(), acl)).start()) {
            attack("Mosquitto with the README's ACL", "ssl://localhost:" + port, clinic);
        }
    }

    /** One host run, restartable. */
    private static final class Host {
        final SessionSync sync;
        final CompletableFuture<SyncReport> report = new CompletableFuture<>();

        Host(String uri, PairedClinic clinic, SessionStore store, List<String> log, int start) throws IOException {
            sync = new SessionSync((subscriptions, willTopic, willPayload) -> PahoHostLink.connect(
                    PairedClinic.endpoint(uri, ClientIds.host("adversary-" + start), clinic.files("host")), subscriptions,
                    willTopic, willPayload), store, Optional.of(AcknowledgementSigner.ofHost(TlsFiles.in(clinic.files("host")))),
                    log::add);
            Thread.ofPlatform().name("adversary-host-" + start).start(() -> {
                try {
                    report.complete(sync.run(null));
                } catch (Throwable e) {
                    report.completeExceptionally(e);
                }
            });
        }

        void awaitConnected() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!sync.isConnected() && !report.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(sync.isConnected(), "the host connected");
        }

        /** Stops it; it must have been running until now, and return normally. */
        SyncReport stop() throws Exception {
            assertFalse(report.isDone(), () -> "the host exited on its own: " + report);
            sync.stop();
            return report.get(60, TimeUnit.SECONDS);
        }
    }

    private void attack(String brokerName, String uri, PairedClinic clinic) throws Exception {
        int minimumRecords = Integer.getInteger("adversary.records", 600);
        long minimumNanos = TimeUnit.SECONDS.toNanos(Long.getLong("adversary.seconds", 0));
        long seed = Long.getLong("adversary.seed", 12);
        Path storeDirectory = Files.createDirectories(directory.resolve("store"));
        List<String> hostLog = new CopyOnWriteArrayList<>();
        HostileRecords generator = new HostileRecords(EVIL, STRAP, seed);
        List<HostileRecords.Message> sent = new ArrayList<>();
        List<String> legitimate = new CopyOnWriteArrayList<>();
        List<OutboxSender.Result> strapResults = new CopyOnWriteArrayList<>();
        int retained = 0;
        int records = 0;
        long started = System.nanoTime();
        try (SessionStore store = SessionStore.open(storeDirectory, false)) {
            int hostStarts = 1;
            Host host = new Host(uri, clinic, store, hostLog, hostStarts);
            host.awaitConnected();
            // the real strap: records a session, syncs it until confirmed, again and again
            AtomicBoolean attackOver = new AtomicBoolean();
            CompletableFuture<Void> strap = new CompletableFuture<>();
            Thread.ofPlatform().name("adversary-legitimate-strap").start(() -> {
                Path data = directory.resolve("strap-data");
                try {
                    int index = 0;
                    boolean lastRound = false;
                    while (!lastRound) {
                        lastRound = attackOver.get();
                        String sessionId = String.format(Locale.ROOT, "legit-%04d", index++);
                        try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
                            PairedClinic.writeSession(outbox, STRAP, sessionId, 5);
                        }
                        legitimate.add(sessionId);
                        try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
                            strapResults.add(DeviceSync.run(outbox, STRAP, PairedClinic.endpoint(uri,
                                    ClientIds.device(STRAP), clinic.files(STRAP)), OutboxSender.Settings.DEFAULTS,
                                    Duration.ofSeconds(120), line -> { }));
                        }
                    }
                    strap.complete(null);
                } catch (Exception | Error e) {
                    strap.completeExceptionally(e);
                }
            });
            MqttLink attacker = connectAttacker(uri, clinic);
            long messages = 0;
            int restartEvery = -1;
            try {
                while (records < minimumRecords || System.nanoTime() - started < minimumNanos) {
                    for (HostileRecords.Message message : generator.next()) {
                        attacker = publish(attacker, message, uri, clinic);
                        sent.add(message);
                        records += message.records().size();
                        retained += message.retained() ? 1 : 0;
                        if (++messages % CATCH_UP_EVERY == 0) {
                            drain(store, Duration.ofMillis(300));
                        }
                        long due = started + messages * 1_000_000_000L / MESSAGES_PER_SECOND;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                    if (restartEvery < 0) {
                        restartEvery = Math.max(1, minimumRecords / HOST_STARTS);
                    }
                    if (records >= hostStarts * restartEvery && hostStarts < HOST_STARTS) {
                        // a new host: the last retained hostile records come again on its start; nothing
                        // hostile is sent while it is away (what it did not see it could not quarantine)
                        drain(store, Duration.ofSeconds(1));
                        host.stop();
                        host = new Host(uri, clinic, store, hostLog, ++hostStarts);
                        host.awaitConnected();
                    }
                }
            } finally {
                attacker.close();
            }
            long attackNanos = System.nanoTime() - started;
            attackOver.set(true);
            strap.get(10, TimeUnit.MINUTES);
            drain(store, Duration.ofSeconds(1));
            host.stop();

            // every bad record quarantined or a conflict
            Set<String> quarantined = strings(store, "SELECT payload_sha256 FROM quarantine");
            Set<String> conflicts = strings(store, "SELECT session_id || '/' || kind || '/' || chunk_index || '/' || record_sha256 "
                    + "FROM sync_conflicts WHERE device_id = '" + EVIL + "'");
            Set<String> unassembled = strings(store, "SELECT session_id FROM sync_unassembled WHERE device_id = '" + EVIL + "'");
            Map<HostileRecords.Expected, Integer> expected = new TreeMap<>();
            List<String> missed = new ArrayList<>();
            Set<String> distinctBad = new HashSet<>();
            for (HostileRecords.Message message : sent) {
                for (HostileRecords.Hostile record : message.records()) {
                    expected.merge(record.expected(), 1, Integer::sum);
                    switch (record.expected()) {
                        case QUARANTINE -> {
                            distinctBad.add(record.sha256Hex());
                            if (!quarantined.contains(record.sha256Hex())) {
                                missed.add(record.kind() + " " + record.sha256Hex());
                            }
                        }
                        case CONFLICT -> {
                            if (!conflicts.contains(record.conflictKey())) {
                                missed.add(record.kind() + " conflict " + record.conflictKey());
                            }
                        }
                        case UNASSEMBLED -> {
                            if (!unassembled.contains(record.conflictKey())) {
                                missed.add(record.kind() + " session " + record.conflictKey());
                            }
                        }
                        case VALID -> { }
                    }
                }
            }
            // every legitimate session complete, nothing of the real strap refused or set aside
            Map<String, SessionListing> stored = new TreeMap<>();
            for (SessionListing listing : store.list()) {
                if (listing.deviceId().equals(STRAP)) {
                    stored.put(listing.sessionId(), listing);
                }
            }
            int strapQuarantined = strings(store, "SELECT payload_sha256 FROM quarantine WHERE topic LIKE '%/" + STRAP + "/%'")
                    .size();
            int strapConflicts = strings(store, "SELECT record_sha256 FROM sync_conflicts WHERE device_id = '" + STRAP + "'")
                    .size();
            StringWriter listing = new StringWriter();
            BackbeatMain.commandLine().setOut(new PrintWriter(listing, true)).setErr(new PrintWriter(listing, true))
                    .execute("sessions", "--store", storeDirectory.toString());
            String tally = String.format(Locale.ROOT, "adversary run on %s: %d hostile records in %d messages (%d retained) "
                            + "over %.0f s, %d host starts, the host never exited; by kind %s; expected %s; %d distinct bad "
                            + "records all quarantined (%d quarantine rows), %d conflict rows, %d sessions kept as unassembled "
                            + "conflicts, %d missed; legitimate: %d/%d sessions of %s stored complete, %d of its records "
                            + "quarantined, %d in conflict",
                    brokerName, records, sent.size(), retained, attackNanos / 1e9, hostStarts, generator.counts(), expected,
                    distinctBad.size(), quarantined.size(), conflicts.size(), unassembled.size(), missed.size(),
                    stored.size(), legitimate.size(), STRAP, strapQuarantined, strapConflicts);
            System.out.println(tally);
            assertEquals(List.of(), missed.subList(0, Math.min(20, missed.size())), tally);
            for (String sessionId : legitimate) {
                SessionListing session = stored.get(sessionId);
                assertTrue(session != null, sessionId + " stored; " + tally);
                assertEquals("complete", session.status());
                assertEquals(1000, session.upperSamples() + session.lowerSamples(), sessionId);
            }
            assertTrue(strapResults.get(strapResults.size() - 1).allConfirmed(), "the strap let every session go");
            assertEquals(0, strapQuarantined, tally);
            assertEquals(0, strapConflicts, tally);
            assertTrue(listing.toString().contains("CONFLICT"), "backbeat sessions shows the unassembled sessions:\n"
                    + listing.toString().lines().limit(5).toList());
        }
    }

    /**
     * Publishes {@code message} and waits for the broker's PUBACK. Paho releases a confirmed
     * publish's in-flight slot a moment after the confirmation, so a fast sender is at times told
     * "too many publishes in progress" for a publish that was never sent: it is tried again.
     */
    private static MqttLink publish(MqttLink attacker, HostileRecords.Message message, String uri, PairedClinic clinic)
            throws IOException, InterruptedException {
        MqttLink link = attacker;
        for (int attempt = 0; ; attempt++) {
            if (!link.isConnected()) {
                link.close();
                link = connectAttacker(uri, clinic);
            }
            try {
                link.publish(message.topic(), message.payload(), message.retained(), Duration.ofSeconds(60));
                return link;
            } catch (IOException refused) {
                if (attempt == 100 || !String.valueOf(refused.getMessage()).contains("Too many publishes in progress")) {
                    throw refused;
                }
                Thread.sleep(10);
            }
        }
    }

    private static MqttLink connectAttacker(String uri, PairedClinic clinic) throws IOException {
        return PahoDeviceLink.connect(PairedClinic.endpoint(uri, ClientIds.device(EVIL), clinic.files(EVIL)), List.of(), 64);
    }

    /** Waits until the host has taken everything sent: quarantine and conflicts stop growing for {@code quiet}. */
    private static void drain(SessionStore store, Duration quiet) throws Exception {
        int last = -1;
        int stable = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stable < quiet.toMillis() / 100 && System.nanoTime() < deadline) {
            // its own connection: the host's is busy on its own thread
            int now = Integer.parseInt(strings(store, "SELECT (SELECT COUNT(*) FROM quarantine) + "
                    + "(SELECT COUNT(*) FROM sync_conflicts)").iterator().next());
            stable = now == last ? stable + 1 : 0;
            last = now;
            Thread.sleep(100);
        }
    }

    private static Set<String> strings(SessionStore store, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store.file());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            Set<String> values = new LinkedHashSet<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
