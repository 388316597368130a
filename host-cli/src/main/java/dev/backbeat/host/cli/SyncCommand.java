package dev.backbeat.host.cli;

import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.paho.PahoSessionInbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backbeat sync}: receives sessions from the broker into the store. */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Receives the sessions straps have published into the local store.",
            "Each session is checked, stored once (receiving it again changes nothing), and only then",
            "acknowledged on the broker. Stops when nothing new arrives for --idle seconds, unless --follow."})
final class SyncCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private BrokerOption broker;

    @Mixin
    private StoreOption store;

    @Option(names = "--idle", defaultValue = "2", paramLabel = "SECONDS",
            description = "Stop after this many seconds without a new session. Default: ${DEFAULT-VALUE}.")
    private double idleSeconds;

    @Option(names = "--follow", description = "Keep receiving until Ctrl-C.")
    private boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(idleSeconds > 0 && idleSeconds <= 3600)) {
            err.println("backbeat sync: --idle must be more than 0 and at most 3600 seconds, was " + idleSeconds);
            return ExitCodes.USAGE;
        }
        try (SessionStore sessionStore = store.open()) {
            SyncReport report = sync(broker.brokerUri, sessionStore, follow ? null : Duration.ofMillis((long) (idleSeconds * 1000)),
                    line -> {
                        out.println(line);
                        out.flush();
                    });
            out.printf("synced %d new session(s) into %s%s%s%n", report.stored().size(), sessionStore.file(),
                    report.duplicates() > 0 ? ", " + report.duplicates() + " already stored" : "",
                    report.rejected().isEmpty() ? "" : ", " + report.rejected().size() + " rejected");
            return report.rejected().isEmpty() ? ExitCodes.OK : ExitCodes.INPUT;
        } catch (StoreException e) {
            err.println("backbeat sync: " + e.getMessage());
            return ExitCodes.STORE;
        } catch (IllegalArgumentException e) {
            err.println("backbeat sync: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (BrokerUnreachableException e) {
            err.println("backbeat sync: " + e.getMessage());
            return ExitCodes.BROKER;
        } catch (IOException e) {
            err.println("backbeat sync: " + e.getMessage());
            return ExitCodes.BROKER;
        }
    }

    /** Connects to the broker and runs one sync into {@code sessionStore}. */
    static SyncReport sync(String brokerUri, SessionStore sessionStore, Duration idle, java.util.function.Consumer<String> progress)
            throws IOException, StoreException, InterruptedException {
        String clientId = "backbeat-host-" + ProcessHandle.current().pid();
        try (PahoSessionInbox inbox = PahoSessionInbox.connect(brokerUri, clientId)) {
            return new SessionSync(inbox, sessionStore, progress).run(idle);
        }
    }
}
