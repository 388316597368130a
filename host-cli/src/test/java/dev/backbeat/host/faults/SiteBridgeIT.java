// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.DeviceSettings;
import dev.backbeat.device.ServeMode;
import dev.backbeat.device.SimulationOptions;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.device.serve.SimulatedButton;
import dev.backbeat.host.control.DeviceCommander;
import dev.backbeat.host.pairing.ClinicBroker;
import dev.backbeat.host.pairing.HostAuthority;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.testing.ReadmeExample;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.control.DeviceCommand;
import dev.backbeat.mqtt.control.DeviceHealth;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.ClientIds;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain of clinics as the README sets one up ("Many sites: one cluster, a Mosquitto bridge per
 * site"): a site's Mosquitto 2 bridged over TLS 1.3 to a central Mosquitto 2 with the README's own
 * bridge configuration and the README's ACL lines for the site's bridge (both read from README.md,
 * only addresses and file names replaced), the clinic ACL on both brokers, straps at the site (the
 * device's real outbox and sender, and a serving strap on the register-level simulated chips, all
 * with their paired certificates) and two {@code backbeat sync --share} worker processes at the
 * central site storing into one SQLite store. The bridge's uplink runs through a TCP proxy so a test
 * can cut it.
 */
class SiteBridgeIT {

    private static final String GROUP = "chain";
    private static final String SERVING_STRAP = "strap-s";
    /** The straps of each test (each test its own, so either may run first). */
    private static final String NEAR = "near-";
    private static final String FAR = "far-";
    private static final int STRAPS_PER_TEST = 4;
    /** The bridge's client id and certificate name in the README's example. */
    private static final String SITE_BRIDGE = "bridge-site-a";
    private static final String README_BRIDGE = "# /etc/mosquitto/conf.d/backbeat-bridge.conf at site A";
    private static final String README_CENTRAL_ACL = "# central ACL: the bridge of site A";

    @TempDir
    static Path directory;

    private static Chain chain;
    private static Path store;
    private static SyncWorkerProcess first;
    private static SyncWorkerProcess second;

    @BeforeAll
    static void startChainAndWorkers() throws Exception {
        List<String> straps = new ArrayList<>(List.of(SERVING_STRAP));
        for (int strap = 0; strap < STRAPS_PER_TEST; strap++) {
            straps.add(NEAR + String.format(Locale.ROOT, "%02d", strap));
            straps.add(FAR + String.format(Locale.ROOT, "%02d", strap));
        }
        chain = Chain.start(directory.resolve("chain"), straps);
        store = Files.createDirectories(directory.resolve("store"));
        first = chain.launchWorker(store, directory.resolve("worker-1.log"));
        second = chain.launchWorker(store, directory.resolve("worker-2.log"));
        first.awaitListening();
        second.awaitListening();
        // down: both workers' retained presence reaches the site, so its straps send
        await(() -> chain.retainedAtSite(SERVING_STRAP, SyncTopics.ALL_HOST_PRESENCE, 2).values().stream()
                .filter(payload -> new String(payload, StandardCharsets.UTF_8).equals(SyncTopics.ONLINE)).count() == 2,
                Duration.ofSeconds(20), "both workers online at the site");
    }

    @AfterAll
    static void stopChainAndWorkers() throws Exception {
        try {
            if (first != null) {
                first.stop();
            }
            if (second != null) {
                second.stop();
            }
        } finally {
            if (first != null) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
            if (chain != null) {
                chain.close();
            }
        }
    }

    @Test
    void bridgedSite_strapsAndHostTalkThroughTheBridge_storedOnceConfirmedCommandedRetainedKept() throws Exception {
        StrapFleet straps = StrapFleet.write(directory.resolve("near"), NEAR, STRAPS_PER_TEST, 2, 20);
        List<String> strapLog = new CopyOnWriteArrayList<>();
        // a serving strap at the site, started and stopped by the host at the central site with signed commands
        ServeMode serving = chain.serve(directory.resolve("serving"), strapLog);
        CompletableFuture<Void> served = run(serving);
        try {
            commandAndSync(serving, straps, strapLog);
        } finally {
            serving.requestShutdown();
            served.get(30, TimeUnit.SECONDS);
        }
        straps.assertStoredOnceWhole(store);
        try (SessionStore sessions = SessionStore.open(store, false)) {
            assertEquals(1, sessions.list().stream().filter(listing -> listing.deviceId().equals(SERVING_STRAP)).count(),
                    "the commanded session stored once");
        }
    }

    /** The serving strap commanded from the central site, then the fleet's sessions synced through the bridge. */
    private static void commandAndSync(ServeMode serving, StrapFleet straps, List<String> strapLog) throws Exception {
        try (MqttLink host = PahoHostLink.connect(chain.atCentral(ClientIds.host("bridge-it"), "host"),
                List.of(SyncTopics.health(SERVING_STRAP), SyncTopics.live(SERVING_STRAP)),
                SyncTopics.command(SERVING_STRAP), "")) {
            PrivateKey hostKey = TlsFiles.in(chain.files("host")).ownPrivateKey();
            DeviceCommander.Outcome started = DeviceCommander.issue(host, SERVING_STRAP, DeviceCommand.Action.START,
                    Optional.of(hostKey), Duration.ofSeconds(20), Clock.systemUTC());
            assertEquals("started", assertInstanceOf(DeviceCommander.Outcome.Answered.class, started,
                    "the signed start through the bridge and the strap's answer back: " + strapLog).outcome());
            assertTrue(awaitTopic(host, SyncTopics.live(SERVING_STRAP), Duration.ofSeconds(10)),
                    "the recording strap's live frames reach the central site");
            DeviceCommander.Outcome stopped = DeviceCommander.issue(host, SERVING_STRAP, DeviceCommand.Action.STOP,
                    Optional.of(hostKey), Duration.ofSeconds(20), Clock.systemUTC());
            assertEquals("stopped", assertInstanceOf(DeviceCommander.Outcome.Answered.class, stopped, strapLog.toString())
                    .outcome());

            // a retained message from the central site is retained at the site, and so is its clearing
            String desired = SyncTopics.configuration(straps.deviceIds().get(0));
            host.publish(desired, "retained across the bridge".getBytes(StandardCharsets.UTF_8), true, Duration.ofSeconds(10));
            await(() -> chain.retainedAtSite(straps.deviceIds().get(0), desired, 1).containsKey(desired),
                    Duration.ofSeconds(10), "a retained message from the central site retained at the site");
            host.publish(desired, new byte[0], true, Duration.ofSeconds(10));
            await(() -> chain.retainedAtSite(straps.deviceIds().get(0), desired, 0).isEmpty(), Duration.ofSeconds(10),
                    "its clearing cleared it at the site");

            // a retained acknowledgement is seen by both readers the final check uses, so that their
            // finding none at the end means the acknowledgements were cleared, not that they cannot be read
            String probe = SyncTopics.ack(straps.deviceIds().get(0), "probe-session");
            host.publish(probe, "probe".getBytes(StandardCharsets.UTF_8), true, Duration.ofSeconds(10));
            await(() -> chain.retainedAtCentral(SyncTopics.acks(straps.deviceIds().get(0)), 1).containsKey(probe)
                            && chain.retainedAtSite(straps.deviceIds().get(0), SyncTopics.acks(straps.deviceIds().get(0)), 1)
                                    .containsKey(probe),
                    Duration.ofSeconds(10), "a retained acknowledgement readable at the central site and at the site");
            host.publish(probe, new byte[0], true, Duration.ofSeconds(10));
        }

        // up: the straps' sessions, to the workers at the central site; down: their acknowledgements
        long sendingStarted = System.nanoTime();
        List<OutboxSender.Result> results = straps.sendAll(chain::strapAtSite, Duration.ofSeconds(90));
        long sendingMillis = (System.nanoTime() - sendingStarted) / 1_000_000;
        for (OutboxSender.Result result : results) {
            assertTrue(result.allConfirmed(), result + "\n" + straps.log() + "\n" + first.log() + "\n" + second.log());
        }
        straps.pendingSessions().forEach((strap, pending) -> assertEquals(List.of(), pending, strap + "'s outbox emptied"));
        await(() -> health(serving).outboxSessions() == 0 && health(serving).lastConfirmedAt().isPresent(),
                Duration.ofSeconds(30), "the serving strap's session confirmed: " + health(serving) + "\n" + strapLog);

        // what the straps retain is retained at the central site; acknowledgements the straps no longer need are cleared at both
        Map<String, byte[]> manifests = chain.retainedAtCentral("backbeat/v2/devices/+/manifest", 0);
        for (String strap : straps.deviceIds()) {
            assertTrue(manifests.containsKey(SyncTopics.manifest(strap)), "retained manifest of " + strap
                    + " at the central site: " + manifests.keySet());
        }
        assertTrue(chain.retainedAtCentral(SyncTopics.health(SERVING_STRAP), 1).containsKey(SyncTopics.health(SERVING_STRAP)),
                "the serving strap's retained health at the central site");
        String someStrap = straps.deviceIds().get(0);
        await(() -> chain.retainedAtCentral(SyncTopics.acks(someStrap), 0).isEmpty()
                        && chain.retainedAtSite(someStrap, SyncTopics.acks(someStrap), 0).isEmpty(), Duration.ofSeconds(20),
                "acknowledgements of confirmed sessions cleared at both sites");
        System.out.printf(Locale.ROOT, "site bridge: %d sessions of %d straps through the bridge in %d ms%n",
                straps.sessionCount(), STRAPS_PER_TEST, sendingMillis);
    }

    @Test
    void uplinkDownSiteBrokerKilledUplinkCutAgain_everySessionStoredOnceWhole() throws Exception {
        StrapFleet straps = StrapFleet.write(directory.resolve("far"), FAR, STRAPS_PER_TEST, 3, 30);
        int storedBefore = StrapFleet.sessionsStoredSoFar(store);
        try {
            // the site's uplink goes down: the straps send into the site broker, which holds it for the bridge
            chain.uplink.refuse(true);
            chain.uplink.dropAll();
            CompletableFuture<List<OutboxSender.Result>> sending = CompletableFuture.supplyAsync(() -> {
                try {
                    return straps.sendAll(chain::strapAtSite, Duration.ofSeconds(120));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(2_000);
            assertEquals(storedBefore, StrapFleet.sessionsStoredSoFar(store), "nothing crosses a broken uplink");
            assertTrue(!sending.isDone(), "no strap has its sessions confirmed while the uplink is down");
            // the site broker dies with all it held (SIGKILL, nothing saved since it started) and comes back
            chain.site.kill();
            chain.site.start();
            long uplinkBack = System.nanoTime();
            chain.uplink.refuse(false);
            int total = straps.sessionCount();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (StrapFleet.sessionsStoredSoFar(store) - storedBefore < total / 4 && System.nanoTime() < deadline
                    && !sending.isDone()) {
                Thread.sleep(20);
            }
            int storedAtCut = StrapFleet.sessionsStoredSoFar(store) - storedBefore;
            assertTrue(!sending.isDone(), "cut again before the straps had everything confirmed");
            assertTrue(storedAtCut > 0 && storedAtCut < total, "the cut comes mid-transfer: " + storedAtCut + " of "
                    + total + " sessions stored when the uplink broke again");
            chain.uplink.dropAll(); // the uplink breaks again mid-transfer; the bridge reconnects
            long restDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (StrapFleet.sessionsStoredSoFar(store) - storedBefore < total && System.nanoTime() < restDeadline) {
                Thread.sleep(20);
            }
            long storedMillis = (System.nanoTime() - uplinkBack) / 1_000_000;
            long sent = 0;
            long resent = 0;
            for (OutboxSender.Result result : sending.get(150, TimeUnit.SECONDS)) {
                assertTrue(result.allConfirmed(), result + "\n" + straps.log() + "\n" + first.log() + "\n" + second.log());
                sent += result.sent();
                resent += result.resent();
            }
            long confirmedMillis = (System.nanoTime() - uplinkBack) / 1_000_000;
            straps.pendingSessions().forEach((strap, pending) -> assertEquals(List.of(), pending, strap + "'s outbox emptied"));
            System.out.printf(Locale.ROOT, "site bridge faults: %d sessions stored %d ms and confirmed %d ms after the uplink "
                    + "came back (cut again at %d stored); the straps published %d records for the %d of their outboxes (%d "
                    + "counted as resends)%n", total, storedMillis, confirmedMillis, storedAtCut, sent, straps.recordCount(), resent);
        } finally {
            chain.uplink.refuse(false);
        }
        straps.assertStoredOnceWhole(store);
    }

    private static DeviceHealth health(ServeMode serving) {
        return serving.status().health();
    }

    private static CompletableFuture<Void> run(ServeMode serving) {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        Thread.ofPlatform().name("serving-strap").start(() -> {
            try {
                serving.run();
                finished.complete(null);
            } catch (Throwable e) {
                finished.completeExceptionally(e);
            }
        });
        return finished;
    }

    private static boolean awaitTopic(MqttLink link, String topic, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<MqttLink.InboundMessage> message = link.poll(Duration.ofMillis(100));
            if (message.isPresent() && message.get().topic().equals(topic)) {
                return true;
            }
        }
        return false;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, Duration wait, String what) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.holds()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(100);
        }
    }

    /**
     * The certificates, the central broker, the uplink proxy and the site broker bridged through it
     * to the central one.
     */
    private static final class Chain implements AutoCloseable {

        private final Path directory;
        private final MosquittoProcess central;
        private final TcpProxy uplink;
        private final MosquittoProcess site;

        private Chain(Path directory, MosquittoProcess central, TcpProxy uplink, MosquittoProcess site) {
            this.directory = directory;
            this.central = central;
            this.uplink = uplink;
            this.site = site;
        }

        static Chain start(Path directory, List<String> straps) throws Exception {
            MosquittoProcess.binary(); // skips (or fails on CI) before anything is made
            HostAuthority authority = HostAuthority.openOrCreate(directory.resolve("ca"));
            authority.issueBroker(List.of("localhost"), directory.resolve("broker"));
            authority.pairHost(directory.resolve("host"));
            List<String> allStraps = new ArrayList<>(straps);
            allStraps.add(SERVING_STRAP);
            for (String strap : allStraps) {
                authority.pairDevice(strap, directory.resolve(strap));
            }
            authority.pairDevice(SITE_BRIDGE, directory.resolve(SITE_BRIDGE)); // as `backbeat pair bridge-site-a` does
            // as root, Mosquitto would switch to the mosquitto user, who may not read our owner-only files
            String runAs = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
            Path brokerFiles = directory.resolve("broker");
            Path centralAcl = Files.writeString(directory.resolve("central.acl"),
                    ClinicBroker.ACL + "\n" + ReadmeExample.startingWith(README_CENTRAL_ACL).text());
            Path siteAcl = Files.writeString(directory.resolve("site.acl"), ClinicBroker.ACL);
            MosquittoProcess central = new MosquittoProcess(directory.resolve("central"), MosquittoProcess.freePort(),
                    runAs + ClinicBroker.tlsListener(brokerFiles, centralAcl)).start();
            TcpProxy uplink = null;
            try {
                uplink = new TcpProxy(central.port());
                Path bridgeFiles = directory.resolve(SITE_BRIDGE);
                String bridge = ReadmeExample.startingWith(README_BRIDGE)
                        .replacing("address mqtt.central.example:8883", "address localhost:" + uplink.port())
                        .replacing("/etc/backbeat/bridge-site-a/", bridgeFiles + "/")
                        .text()
                        // the test's only addition: retry every 3 s after a cut instead of every 6 s (Mosquitto 2.0.11 with
                        // its default "5 30"; a single value, "restart_timeout 1", did not shorten it)
                        + "restart_timeout 1 2\n";
                // the README's step 3 for the site broker's own configuration, and Debian's default save interval
                // (instead of the test brokers' 1 s), so a killed site broker loses what it held
                String siteSettings = "max_queued_messages 20000\nautosave_interval 1800\n";
                MosquittoProcess site = new MosquittoProcess(directory.resolve("site"), MosquittoProcess.freePort(),
                        runAs + ClinicBroker.tlsListener(brokerFiles, siteAcl) + siteSettings + bridge).start();
                return new Chain(directory, central, uplink, site);
            } catch (Exception | AssertionError failed) {
                if (uplink != null) {
                    uplink.close();
                }
                central.close();
                throw failed;
            }
        }

        Path files(String name) {
            return directory.resolve(name);
        }

        /** {@code backbeat sync --share} at the central site, with the host's certificate (not yet listening). */
        SyncWorkerProcess launchWorker(Path store, Path log) throws Exception {
            return SyncWorkerProcess.launch(GROUP, "ssl://localhost:" + central.port(), store, log,
                    "--tls", files("host").toString());
        }

        /** A strap at the site, with its own certificate. */
        BrokerEndpoint strapAtSite(String deviceId) {
            return atSite(ClientIds.device(deviceId), deviceId);
        }

        BrokerEndpoint atSite(String clientId, String certificate) {
            return new BrokerEndpoint("ssl://localhost:" + site.port(), clientId, Optional.of(TlsFiles.in(files(certificate))),
                    Duration.ofSeconds(2));
        }

        BrokerEndpoint atCentral(String clientId, String certificate) {
            return new BrokerEndpoint("ssl://localhost:" + central.port(), clientId,
                    Optional.of(TlsFiles.in(files(certificate))), Duration.ofSeconds(2));
        }

        /** The serving strap at the site: the device service on the simulated chips, publishing to the site. */
        ServeMode serve(Path data, List<String> log) throws Exception {
            DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of("device.id = " + SERVING_STRAP),
                    "test", data);
            ServeMode serving = ServeMode.start(configuration, DeviceSettings.from(configuration), new SimulationOptions(8, 5, 1),
                    Optional.empty(), Optional.of(new ServeMode.Publishing(strapAtSite(SERVING_STRAP),
                            OutboxSender.Settings.DEFAULTS)), new SimulatedButton(), ServeMode.Probes.SYSTEM, log::add);
            return serving;
        }

        /** The retained messages under {@code filter} at the site, as {@code strap} reads them (its certificate, the site ACL). */
        Map<String, byte[]> retainedAtSite(String strap, String filter, int expected) throws Exception {
            return retained(atSite(strap + "-reader-" + System.nanoTime(), strap), filter, expected);
        }

        /** The retained messages under {@code filter} at the central site, as the host reads them. */
        Map<String, byte[]> retainedAtCentral(String filter, int expected) throws Exception {
            return retained(atCentral(ClientIds.host("reader-" + System.nanoTime()), "host"), filter, expected);
        }

        /**
         * The retained messages (retain flag set, not empty) delivered to a new subscription to
         * {@code filter}: waits until {@code expected} arrived, or 1 s at most (the whole second
         * when {@code expected} is 0).
         */
        private static Map<String, byte[]> retained(BrokerEndpoint endpoint, String filter, int expected) throws Exception {
            Map<String, byte[]> retained = new TreeMap<>();
            try (MqttLink link = PahoHostLink.connect(endpoint, List.of(filter), null, null)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (System.nanoTime() < deadline && (retained.size() < expected || expected == 0)) {
                    Optional<MqttLink.InboundMessage> message = link.poll(Duration.ofMillis(50));
                    if (message.isPresent() && message.get().retained() && message.get().payload().length > 0) {
                        retained.put(message.get().topic(), message.get().payload());
                    }
                }
            }
            return retained;
        }

        @Override
        public void close() {
            site.close();
            uplink.close();
            central.close();
        }
    }
}
