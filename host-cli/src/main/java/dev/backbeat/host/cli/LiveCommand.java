// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.host.live.LiveBoard;
import dev.backbeat.host.live.LiveWatch;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backbeat live}: a recording strap's live frames, as a screen in a terminal or plain lines. */
@Command(name = "live", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows a strap's session as it records (the live topic of 'backbeat-device serve', 10 frames a "
                + "second): the angles as bars, the pacer's inhale and exhale, the repetitions counted and the alerts, "
                + "and says when the strap is idle, offline, or gone (its last will, or no frames for --gone-after "
                + "seconds). In a terminal it redraws one screen; otherwise it writes a plain line every --interval "
                + "seconds and one whenever the strap's state changes."})
final class LiveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private StrapConnection connection;

    @Option(names = "--device", paramLabel = "ID",
            description = "The strap to follow. Default: the first whose live frame arrives.")
    private String deviceId;

    @Option(names = "--gone-after", defaultValue = "3", paramLabel = "SECONDS",
            description = "How long without live frames, while the strap's health still says recording, until it is "
                    + "called gone, s (0.5..60). Default: ${DEFAULT-VALUE}.")
    private double goneAfterSeconds;

    @Option(names = "--interval", defaultValue = "1", paramLabel = "SECONDS",
            description = "Seconds between plain lines when the output is not a terminal (0.1..60). Default: ${DEFAULT-VALUE}.")
    private double intervalSeconds;

    @Option(names = "--seconds", defaultValue = "0", paramLabel = "SECONDS",
            description = "Stop after this many seconds (0: until Ctrl-C). Default: ${DEFAULT-VALUE}.")
    private double runSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(goneAfterSeconds >= 0.5 && goneAfterSeconds <= 60)) {
            err.println("backbeat live: --gone-after must be 0.5..60 seconds, was " + goneAfterSeconds);
            return ExitCodes.USAGE;
        }
        if (!(intervalSeconds >= 0.1 && intervalSeconds <= 60)) {
            err.println("backbeat live: --interval must be 0.1..60 seconds, was " + intervalSeconds);
            return ExitCodes.USAGE;
        }
        if (!(runSeconds >= 0) || Double.isInfinite(runSeconds)) {
            err.println("backbeat live: --seconds must be 0 (until Ctrl-C) or more, was " + runSeconds);
            return ExitCodes.USAGE;
        }
        if (deviceId != null) {
            try {
                SyncTopics.requireId(deviceId);
            } catch (IllegalArgumentException invalid) {
                err.println("backbeat live: --device: " + invalid.getMessage());
                return ExitCodes.USAGE;
            }
        }
        Optional<TlsFiles> tls;
        try {
            tls = connection.tls();
        } catch (IOException unusable) {
            err.println("backbeat live: --tls " + connection.tlsDirectory + ": " + unusable.getMessage());
            return ExitCodes.INPUT;
        }
        List<String> topics = deviceId == null ? List.of(SyncTopics.ALL_LIVE, SyncTopics.ALL_HEALTH)
                : List.of(SyncTopics.live(deviceId), SyncTopics.health(deviceId));
        LiveBoard board = new LiveBoard(Optional.ofNullable(deviceId),
                Duration.ofMillis(Math.round(goneAfterSeconds * 1000)));
        try (MqttLink link = connection.connect(tls, "live", topics, null)) {
            LiveWatch watch = new LiveWatch(link, board, connection.broker.brokerUri,
                    Duration.ofMillis(Math.round(runSeconds * 1000)));
            Duration interval = Duration.ofMillis(Math.round(intervalSeconds * 1000));
            Optional<String> lost;
            if (TerminalOutput.interactive()) {
                try {
                    lost = watch.onScreen();
                } catch (IOException noScreen) {
                    err.println("backbeat live: cannot draw on this terminal (" + noScreen.getMessage() + "); plain lines");
                    lost = watch.inLines(out, interval);
                }
            } else {
                lost = watch.inLines(out, interval);
            }
            if (lost.isPresent()) {
                err.println("backbeat live: lost the broker at " + connection.broker.brokerUri + ": " + lost.get());
                return ExitCodes.BROKER;
            }
            return ExitCodes.OK;
        } catch (BrokerUnreachableException unreachable) {
            err.println("backbeat live: " + unreachable.getMessage());
            return ExitCodes.BROKER;
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return ExitCodes.OK; // asked to stop
        }
    }
}
