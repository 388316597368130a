// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.host.control.HealthBoard;
import dev.backbeat.host.control.HealthLine;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.control.ControlDecodeResult;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backbeat status}: each strap's health, one line per strap. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints the health each strap running 'backbeat-device serve' keeps on the broker, one line per strap: state (idle, recording, sending; OFFLINE when stopped, GONE when its connection died), uptime, routine, outbox, last confirmed sync, free disk, samples lost, clock, version, chips, the last command's outcome and any problem."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private StrapConnection connection;

    @Option(names = "--wait", defaultValue = "1", paramLabel = "SECONDS",
            description = "How long to wait after the last health arrived. Default: ${DEFAULT-VALUE}.")
    private double waitSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(waitSeconds > 0 && waitSeconds <= 60)) {
            err.println("backbeat status: --wait must be more than 0 and at most 60 seconds, was " + waitSeconds);
            return ExitCodes.USAGE;
        }
        Optional<TlsFiles> tls;
        try {
            tls = connection.tls();
        } catch (IOException unusable) {
            err.println("backbeat status: --tls " + connection.tlsDirectory + ": " + unusable.getMessage());
            return ExitCodes.INPUT;
        }
        Map<String, ControlDecodeResult> board;
        try (MqttLink link = connection.connect(tls, "status", List.of(SyncTopics.ALL_HEALTH), null)) {
            board = HealthBoard.collect(link, Duration.ofMillis((long) (waitSeconds * 1000)));
        } catch (BrokerUnreachableException unreachable) {
            err.println("backbeat status: " + unreachable.getMessage());
            return ExitCodes.BROKER;
        } catch (IllegalArgumentException invalid) {
            err.println("backbeat status: " + invalid.getMessage());
            return ExitCodes.USAGE;
        }
        if (board.isEmpty()) {
            out.println("no strap has published its health on " + connection.broker.brokerUri
                    + " (is 'backbeat-device serve' running and publishing to this broker?)");
            return ExitCodes.OK;
        }
        board.forEach((deviceId, health) -> out.println(HealthLine.of(deviceId, health)));
        return ExitCodes.OK;
    }
}
