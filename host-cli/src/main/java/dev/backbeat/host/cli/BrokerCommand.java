// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.host.broker.BrokerStartException;
import dev.backbeat.host.broker.EmbeddedBroker;
import dev.backbeat.host.broker.TlsListenerSettings;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backbeat broker}: runs the embedded MQTT broker until stopped. */
@Command(name = "broker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs an MQTT broker (embedded HiveMQ CE) on 127.0.0.1 until Ctrl-C.",
            "Straps publish sessions to it; 'backbeat sync' collects them. Retained sessions survive a "
                    + "restart.",
            "With --tls DIR (from 'backbeat pair --broker NAME... --out DIR') it also listens for paired "
                    + "straps on other machines: TLS 1.3 only, a client certificate from the host's CA required, "
                    + "and each strap kept to its own topics (the same rules as the Mosquitto ACL of the clinic "
                    + "set-up)."})
final class BrokerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "1883", description = "TCP port on 127.0.0.1 (plain, this machine only). Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Broker configuration and data. Default: <store>/broker, i.e. $BACKBEAT_HOME/broker or ~/.local/share/backbeat/broker.")
    private Path home;

    @Option(names = "--tls", paramLabel = "DIR",
            description = "Also listen for paired straps over TLS with ca.crt, broker.crt and broker.key from DIR (as 'backbeat pair --broker NAME... --out DIR' writes them).")
    private Path tlsDirectory;

    @Option(names = "--tls-port", paramLabel = "PORT",
            description = "TCP port of the TLS listener. Default: " + TlsListenerSettings.DEFAULT_PORT + ".")
    private Integer tlsPort;

    @Option(names = "--listen", paramLabel = "ADDRESS",
            description = "This machine's address the TLS listener listens on. Default: " + TlsListenerSettings.DEFAULT_LISTEN_ADDRESS
                    + " (every interface).")
    private String listenAddress;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 1 || port > 65535) {
            err.println("backbeat broker: --port must be 1..65535, was " + port);
            return ExitCodes.USAGE;
        }
        Optional<TlsListenerSettings> tls;
        try {
            tls = tlsSettings();
        } catch (IllegalArgumentException invalid) {
            err.println("backbeat broker: " + invalid.getMessage());
            return ExitCodes.USAGE;
        }
        Path brokerHome = home != null ? home : StoreOption.defaultHome().resolve("broker");
        EmbeddedBroker broker;
        long startNanos = System.nanoTime();
        try {
            broker = EmbeddedBroker.start(brokerHome, port, EmbeddedBroker.Persistence.FILE, tls, refusal -> {
                err.println("backbeat broker: " + refusal);
                err.flush();
            });
        } catch (BrokerStartException e) {
            err.println("backbeat broker: " + e.getMessage());
            return switch (e.reason()) {
                case CERTIFICATES -> ExitCodes.INPUT;
                case OPTIONS -> ExitCodes.USAGE;
                case BROKER -> ExitCodes.BROKER;
            };
        }
        long startMillis = (System.nanoTime() - startNanos) / 1_000_000;
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            out.println("backbeat broker: stopping (retained messages stay in " + brokerHome + ")");
            out.flush();
            broker.close();
            out.println("backbeat broker: stopped");
            out.flush();
            stopped.countDown();
        }, "broker-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        out.println("MQTT broker listening on " + broker.uri() + " (plain, this machine only"
                + (broker.tlsListener().isPresent() ? ", and refusing every client while the TLS listener is on" : "")
                + "; data in " + brokerHome + (broker.restoredRetainedMessages() > 0
                        ? ", " + broker.restoredRetainedMessages() + " retained messages kept from its last run" : "")
                + ", started in " + startMillis + " ms); Ctrl-C to stop");
        broker.tlsListener().ifPresent(listener -> {
            out.println("TLS 1.3 listener on " + listener.listenAddress().getHostAddress() + ":" + listener.port()
                    + " for paired straps and hosts: client certificates from " + listener.certificateDirectory().resolve("ca.crt")
                    + " only; each strap kept to its own topics");
            out.println(broker.tlsUris().isEmpty() ? "broker.crt names no host: clients' hostname verification will fail"
                    : "clients connect to " + String.join(" or ", broker.tlsUris()) + " (the names in broker.crt)");
        });
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    /** The TLS listener the options ask for; throws naming a wrong option. */
    private Optional<TlsListenerSettings> tlsSettings() {
        if (tlsDirectory == null) {
            if (tlsPort != null || listenAddress != null) {
                throw new IllegalArgumentException((tlsPort != null ? "--tls-port" : "--listen")
                        + " is for the TLS listener; give its certificates with --tls DIR");
            }
            return Optional.empty();
        }
        TlsListenerSettings settings = TlsListenerSettings.defaults(tlsDirectory);
        if (tlsPort != null) {
            if (tlsPort < 1 || tlsPort > 65535) {
                throw new IllegalArgumentException("--tls-port must be 1..65535, was " + tlsPort);
            }
            settings = settings.withPort(tlsPort);
        }
        if (listenAddress != null) {
            try {
                settings = settings.withListenAddress(InetAddress.getByName(listenAddress));
            } catch (UnknownHostException unknown) {
                throw new IllegalArgumentException("--listen '" + listenAddress + "' is neither an IP address nor a name "
                        + "this machine resolves");
            }
        }
        return Optional.of(settings);
    }
}
