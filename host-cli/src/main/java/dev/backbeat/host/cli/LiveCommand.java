// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.host.live.LiveBoard;
import dev.backbeat.host.live.LiveLines;
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
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;
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

    /** How often the terminal screen is redrawn, ms (the frames come every 100 ms). */
    private static final long REDRAW_MILLIS = 100;

    private volatile boolean stopping;

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
            String lost;
            if (TerminalOutput.interactive()) {
                try {
                    lost = onScreen(link, board);
                } catch (IOException noScreen) {
                    err.println("backbeat live: cannot draw on this terminal (" + noScreen.getMessage() + "); plain lines");
                    lost = inLines(link, board, out);
                }
            } else {
                lost = inLines(link, board, out);
            }
            if (lost != null) {
                err.println("backbeat live: lost the broker at " + connection.broker.brokerUri + ": " + lost);
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

    /** The plain lines; returns why the connection was lost, or null when it ran its time. */
    private String inLines(MqttLink link, LiveBoard board, PrintWriter out) throws InterruptedException {
        long start = System.nanoTime();
        long intervalNanos = Math.round(intervalSeconds * 1e9);
        long nextLineNanos = start;
        LiveBoard.StrapState shown = null;
        String lastLine = null;
        while (!ended(start)) {
            if (!link.isConnected()) {
                return link.lossReason();
            }
            Optional<MqttLink.InboundMessage> message = link.poll(Duration.ofMillis(50));
            long now = System.nanoTime();
            message.ifPresent(arrived -> board.receive(arrived, now));
            LiveBoard.StrapState state = board.state(now);
            boolean recording = state == LiveBoard.StrapState.RECORDING;
            // a line at once when the state changes; while recording one per interval; otherwise only on changes
            if (state != shown || recording && now >= nextLineNanos) {
                String line = LiveLines.plain(board, now, connection.broker.brokerUri);
                if (!line.equals(lastLine)) {
                    out.println(line);
                    out.flush();
                    lastLine = line;
                }
                shown = state;
                nextLineNanos = now + intervalNanos;
            }
        }
        return null;
    }

    /** The terminal screen, redrawn in place; returns why the connection was lost, or null. */
    private String onScreen(MqttLink link, LiveBoard board) throws InterruptedException, IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            terminal.handle(Terminal.Signal.INT, signal -> stopping = true);
            Display display = new Display(terminal, false);
            terminal.puts(InfoCmp.Capability.cursor_invisible);
            long start = System.nanoTime();
            long nextDrawNanos = start;
            try {
                while (!ended(start) && !stopping) {
                    if (!link.isConnected()) {
                        return link.lossReason();
                    }
                    Optional<MqttLink.InboundMessage> message = link.poll(Duration.ofMillis(20));
                    long now = System.nanoTime();
                    message.ifPresent(arrived -> board.receive(arrived, now));
                    if (now >= nextDrawNanos) {
                        var size = terminal.getSize();
                        int columns = size.getColumns() > 0 ? size.getColumns() : 80;
                        display.resize(size.getRows() > 0 ? size.getRows() : 24, columns);
                        display.update(LiveLines.screen(board, now, columns, connection.broker.brokerUri).stream()
                                .map(AttributedString::new).toList(), -1);
                        terminal.flush();
                        nextDrawNanos = now + REDRAW_MILLIS * 1_000_000;
                    }
                }
                return null;
            } finally {
                terminal.puts(InfoCmp.Capability.cursor_visible);
                terminal.writer().println();
                terminal.flush();
            }
        }
    }

    private boolean ended(long startNanos) {
        return runSeconds > 0 && System.nanoTime() - startNanos >= runSeconds * 1e9;
    }
}
