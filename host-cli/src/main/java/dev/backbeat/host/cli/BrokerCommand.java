package dev.backbeat.host.cli;

import dev.backbeat.host.broker.BrokerStartException;
import dev.backbeat.host.broker.EmbeddedBroker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backbeat broker}: runs the embedded MQTT broker until stopped. */
@Command(name = "broker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs an MQTT broker (embedded HiveMQ CE) on 127.0.0.1 until Ctrl-C.",
            "Straps publish sessions to it; 'backbeat sync' collects them. Retained sessions survive a restart."})
final class BrokerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "1883", description = "TCP port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Broker configuration and data. Default: <store>/broker, i.e. $BACKBEAT_HOME/broker or ~/.local/share/backbeat/broker.")
    private Path home;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 1 || port > 65535) {
            err.println("backbeat broker: --port must be 1..65535, was " + port);
            return ExitCodes.USAGE;
        }
        Path brokerHome = home != null ? home : StoreOption.defaultHome().resolve("broker");
        EmbeddedBroker broker;
        try {
            broker = EmbeddedBroker.start(brokerHome, port, EmbeddedBroker.Persistence.FILE);
        } catch (BrokerStartException e) {
            err.println("backbeat broker: " + e.getMessage());
            return ExitCodes.BROKER;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        out.println("MQTT broker listening on " + broker.uri() + " (data in " + brokerHome + "); Ctrl-C to stop");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
