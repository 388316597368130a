// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.host.sync.WorkerGroup;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.AcknowledgementSigner;
import dev.backbeat.mqtt.sync.ClientIds;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backbeat sync}: receives sessions from the broker into the store. */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Receives the sessions straps send into the local store.",
            "Every chunk is checked and stored once, keyed by (device, session, chunk), and only after "
                    + "the commit acknowledged; a session is complete when its start, end and every chunk are in.",
            "Bad payloads are quarantined with their reason. Stops when nothing new arrives for --idle "
                    + "seconds, unless --follow."})
final class SyncCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ProgressOption progressOption;

    @Mixin
    private BrokerOption broker;

    @Mixin
    private StoreOption store;

    @Option(names = "--idle", defaultValue = "2", paramLabel = "SECONDS",
            description = "Stop after this many seconds without a new session. Default: ${DEFAULT-VALUE}.")
    private double idleSeconds;

    @Option(names = "--follow", description = "Keep receiving until Ctrl-C.")
    private boolean follow;

    @Option(names = "--share", paramLabel = "GROUP",
            description = {"Be one of several workers (on this or other machines) that split the straps' traffic: "
                    + "subscribes through MQTT 5 shared subscriptions ($share/GROUP/...), so the broker gives each "
                    + "message to one worker of GROUP. Every worker of a group must use the same store "
                    + "(a PostgreSQL store for several machines). Letters, digits, . _ -."})
    private String shareGroup;

    @Option(names = "--tls", paramLabel = "DIR",
            description = "Directory with ca.crt, client.crt and client.key from 'backbeat pair --host' (for ssl:// brokers); "
                    + "acknowledgements are then signed with the host's key, as paired straps require.")
    private Path tlsDirectory;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(idleSeconds > 0 && idleSeconds <= 3600)) {
            err.println("backbeat sync: --idle must be more than 0 and at most 3600 seconds, was " + idleSeconds);
            return ExitCodes.USAGE;
        }
        Optional<AcknowledgementSigner> signer = Optional.empty();
        if (tlsDirectory != null) {
            try {
                TlsFiles.in(tlsDirectory).checkOwnIdentity(Optional.empty()); // key, CA and validity, naming the file
                signer = Optional.of(AcknowledgementSigner.ofHost(TlsFiles.in(tlsDirectory)));
            } catch (IOException unusable) {
                err.println("backbeat sync: --tls " + tlsDirectory + ": " + unusable.getMessage());
                return ExitCodes.INPUT;
            }
        }
        Optional<WorkerGroup> workerGroup;
        try {
            workerGroup = shareGroup == null ? Optional.empty() : Optional.of(new WorkerGroup(shareGroup, workerId()));
        } catch (IllegalArgumentException e) {
            err.println("backbeat sync: --share: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (SessionStore sessionStore = store.open()) {
            BrokerEndpoint endpoint = new BrokerEndpoint(broker.brokerUri,
                    ClientIds.host(workerGroup.map(WorkerGroup::workerId).orElse(String.valueOf(ProcessHandle.current().pid()))),
                    tlsDirectory == null ? Optional.empty() : Optional.of(TlsFiles.in(tlsDirectory)),
                    BrokerEndpoint.DEFAULT_KEEP_ALIVE);
            // a backlog's progress on standard error (a bar in a terminal), the sync's lines above it
            Progress backlog = progressOption.start(err, "sync", "sessions of the backlog", 0);
            SessionSync sync = new SessionSync(links(endpoint), sessionStore, signer, workerGroup, line -> backlog.above(out, line));
            sync.backlogProgress(backlog::update);
            CountDownLatch reported = new CountDownLatch(1);
            Thread stopOnInterrupt = new Thread(() -> {
                out.println("backbeat sync: stopping (finishing the batch in hand)");
                out.flush();
                sync.stop();
                try {
                    reported.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // the JVM is going down anyway
                }
            }, "sync-shutdown");
            if (follow) {
                Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
            }
            try (backlog) {
                SyncReport report = sync.run(follow ? null : Duration.ofMillis((long) (idleSeconds * 1000)));
                backlog.close();
                out.printf("synced %s into %s%s%s%n", report.stored().size() == 1 ? "1 new session"
                                : report.stored().size() + " new sessions", sessionStore.location(),
                        report.duplicates() > 0 ? ", " + report.duplicates() + " already stored" : "",
                        report.rejected().isEmpty() ? "" : ", " + report.rejected().size() + " rejected");
                out.flush();
                return report.rejected().isEmpty() ? ExitCodes.OK : ExitCodes.INPUT;
            } finally {
                reported.countDown();
                if (follow) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running: it waited for the report above
                    }
                }
            }
        } catch (StoreException e) {
            err.println("backbeat sync: " + e.getMessage());
            return ExitCodes.STORE;
        } catch (IllegalArgumentException e) {
            err.println("backbeat sync: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (BrokerUnreachableException e) {
            err.println("backbeat sync: " + e.getMessage() + hintForRefusedPlainConnection(e));
            return ExitCodes.BROKER;
        } catch (IOException e) {
            err.println("backbeat sync: " + e.getMessage());
            return ExitCodes.BROKER;
        }
    }

    /**
     * A worker id unique across machines (its client id and presence topic): the process id and
     * 32 random bits, e.g. {@code 4711-9f3a0c2e}.
     */
    private static String workerId() {
        return ProcessHandle.current().pid() + "-" + java.util.HexFormat.of().toHexDigits(new java.security.SecureRandom().nextInt());
    }

    /**
     * A broker that refuses a plain connection as "not authorized" is most likely the embedded one
     * running with its TLS listener, which takes no plain clients: say how to connect instead.
     */
    private String hintForRefusedPlainConnection(BrokerUnreachableException refused) {
        boolean plain = tlsDirectory == null && broker.brokerUri.startsWith("tcp://");
        return plain && String.valueOf(refused.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("not authorized")
                ? "; a broker started with 'backbeat broker --tls' takes clients over TLS only: use --broker "
                        + "ssl://HOST:8883 --tls DIR with the host's files from 'backbeat pair --host'"
                : "";
    }

    /** Connects to the broker and runs one sync into {@code sessionStore}, signing acknowledgements with {@code signer}. */
    static SyncReport sync(BrokerEndpoint endpoint, Optional<AcknowledgementSigner> signer, SessionStore sessionStore,
                           Duration idle, Consumer<String> progress)
            throws IOException, StoreException, InterruptedException {
        return new SessionSync(links(endpoint), sessionStore, signer, progress).run(idle);
    }

    /** The host's MQTT 5 connections to {@code endpoint}. */
    static SessionSync.LinkFactory links(BrokerEndpoint endpoint) {
        return (subscriptions, willTopic, willPayload) -> PahoHostLink.connect(endpoint, subscriptions, willTopic, willPayload);
    }

    /** A unit of work run while the host syncs in the background. */
    @FunctionalInterface
    interface WhileSyncing {
        void run() throws IOException, InterruptedException;
    }

    /**
     * Syncs into {@code sessionStore} on a background thread while {@code work} runs (the demo's
     * device), then stops the sync and returns what it did.
     */
    static SyncReport syncWhile(String brokerUri, SessionStore sessionStore, Consumer<String> progress, WhileSyncing work)
            throws IOException, StoreException, InterruptedException {
        BrokerEndpoint endpoint = BrokerEndpoint.plain(brokerUri, "backbeat-host-" + ProcessHandle.current().pid());
        SessionSync sync = new SessionSync(links(endpoint), sessionStore, progress);
        java.util.concurrent.CompletableFuture<SyncReport> running = new java.util.concurrent.CompletableFuture<>();
        Thread host = Thread.ofPlatform().name("backbeat-host-sync").start(() -> {
            try {
                running.complete(sync.run(null));
            } catch (Exception | Error e) {
                running.completeExceptionally(e);
            }
        });
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!sync.isConnected() && !running.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            work.run();
        } finally {
            sync.stop();
            host.join(15_000);
        }
        if (!running.isDone()) {
            host.interrupt();
            throw new IOException("the host sync did not stop within 15 s of being asked to");
        }
        try {
            return running.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof StoreException store) {
                throw store;
            }
            throw new IOException("the host sync failed: " + cause, cause);
        }
    }
}
