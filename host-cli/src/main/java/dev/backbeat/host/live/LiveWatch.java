// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.live;

import dev.backbeat.mqtt.MqttLink;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;

/**
 * {@code backbeat live}'s loop: takes what arrives on a connection subscribed to a strap's live and
 * health topics into a {@link LiveBoard} and shows it, as plain lines ({@link #inLines}) or as a
 * terminal screen redrawn in place with JLine ({@link #onScreen}), until its time is up, the
 * connection is lost or (on the screen) Ctrl-C.
 */
public final class LiveWatch {

    /** How often the terminal screen is redrawn, ms (the frames come every 100 ms). */
    static final long REDRAW_MILLIS = 100;

    private final MqttLink link;
    private final LiveBoard board;
    private final String brokerUri;
    private final Duration runFor;
    private volatile boolean stopping;

    /** @param runFor how long to watch; zero: until stopped */
    public LiveWatch(MqttLink link, LiveBoard board, String brokerUri, Duration runFor) {
        this.link = link;
        this.board = board;
        this.brokerUri = brokerUri;
        this.runFor = runFor;
    }

    /**
     * Plain lines on {@code out}: one at once whenever the strap's state changes, and while it
     * records one every {@code interval} (an unchanged line is not repeated).
     *
     * @return why the connection was lost, or empty when the time was up
     */
    public Optional<String> inLines(PrintWriter out, Duration interval) throws InterruptedException {
        long start = System.nanoTime();
        long nextLineNanos = start;
        LiveBoard.StrapState shown = null;
        String lastLine = null;
        while (!ended(start)) {
            if (!link.isConnected()) {
                return Optional.of(link.lossReason());
            }
            Optional<MqttLink.InboundMessage> message = link.poll(Duration.ofMillis(50));
            long now = System.nanoTime();
            message.ifPresent(arrived -> board.receive(arrived, now));
            LiveBoard.StrapState state = board.state(now);
            boolean recording = state == LiveBoard.StrapState.RECORDING;
            if (state != shown || recording && now >= nextLineNanos) {
                String line = LiveLines.plain(board, now, brokerUri);
                if (!line.equals(lastLine)) {
                    out.println(line);
                    out.flush();
                    lastLine = line;
                }
                shown = state;
                nextLineNanos = now + interval.toNanos();
            }
        }
        return Optional.empty();
    }

    /**
     * The screen of {@link LiveLines#screen} on the system terminal, redrawn every
     * {@value #REDRAW_MILLIS} ms in place (JLine's {@link Display}); Ctrl-C ends it.
     *
     * @return why the connection was lost, or empty when the time was up or Ctrl-C was pressed
     * @throws IOException when the terminal cannot be used
     */
    public Optional<String> onScreen() throws IOException, InterruptedException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            terminal.handle(Terminal.Signal.INT, signal -> stopping = true);
            Display display = new Display(terminal, false);
            terminal.puts(InfoCmp.Capability.cursor_invisible);
            long start = System.nanoTime();
            long nextDrawNanos = start;
            try {
                while (!ended(start) && !stopping) {
                    if (!link.isConnected()) {
                        return Optional.of(link.lossReason());
                    }
                    Optional<MqttLink.InboundMessage> message = link.poll(Duration.ofMillis(20));
                    long now = System.nanoTime();
                    message.ifPresent(arrived -> board.receive(arrived, now));
                    if (now >= nextDrawNanos) {
                        var size = terminal.getSize();
                        int columns = size.getColumns() > 0 ? size.getColumns() : 80;
                        display.resize(size.getRows() > 0 ? size.getRows() : 24, columns);
                        display.update(LiveLines.screen(board, now, columns, brokerUri).stream()
                                .map(AttributedString::new).toList(), -1);
                        terminal.flush();
                        nextDrawNanos = now + REDRAW_MILLIS * 1_000_000;
                    }
                }
                return Optional.empty();
            } finally {
                terminal.puts(InfoCmp.Capability.cursor_visible);
                terminal.writer().println();
                terminal.flush();
            }
        }
    }

    private boolean ended(long startNanos) {
        return !runFor.isZero() && System.nanoTime() - startNanos >= runFor.toNanos();
    }
}
