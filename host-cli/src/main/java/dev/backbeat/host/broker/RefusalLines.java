// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The lines the embedded broker reports for refused clients, bounded whatever a client sends: a
 * client's own strings (client id, topic) are shown {@link #quote quoted} and cut to
 * {@value #QUOTED_CHARACTERS} characters with control characters escaped, each line to
 * {@value #LINE_CHARACTERS} characters, and at most {@value #LINES_PER_WINDOW} lines go out per
 * {@value #WINDOW_SECONDS} s; the rest are counted in one line when the next window opens. So an
 * unauthenticated local user who connects in a loop with a 64 KiB client id costs the log a few
 * hundred bytes a second, not 64 KiB an attempt.
 */
final class RefusalLines implements Consumer<String> {

    /** Longest client string shown (client id, topic), characters. */
    static final int QUOTED_CHARACTERS = 80;
    /** Longest line, characters. */
    static final int LINE_CHARACTERS = 400;
    /** Lines reported per window; more are only counted. */
    static final int LINES_PER_WINDOW = 20;
    /** The window, seconds. */
    static final int WINDOW_SECONDS = 10;

    private final Consumer<String> out;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int linesInWindow;
    private long leftOut;

    RefusalLines(Consumer<String> out) {
        this(out, System::nanoTime);
    }

    RefusalLines(Consumer<String> out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    @Override
    public void accept(String line) {
        String report;
        synchronized (this) { // called on HiveMQ's threads
            long now = nanoTime.getAsLong();
            String summary = null;
            if (now - windowStart >= WINDOW_SECONDS * 1_000_000_000L) {
                if (leftOut > 0) {
                    summary = "… and " + leftOut + " more refusal(s) in " + WINDOW_SECONDS + " s not shown";
                }
                windowStart = now;
                linesInWindow = 0;
                leftOut = 0;
            }
            if (summary != null) {
                out.accept(summary);
            }
            if (linesInWindow == LINES_PER_WINDOW) {
                leftOut++;
                return;
            }
            linesInWindow++;
            report = line.length() <= LINE_CHARACTERS ? line : line.substring(0, LINE_CHARACTERS) + "…";
        }
        out.accept(report);
    }

    /**
     * {@code text} as a client sent it, in single quotes, for a message: control characters escaped
     * ({@code \u001b}), cut after {@value #QUOTED_CHARACTERS} characters with its length said.
     */
    static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder quoted = new StringBuilder("'");
        int shown = Math.min(text.length(), QUOTED_CHARACTERS);
        for (int index = 0; index < shown; index++) {
            char character = text.charAt(index);
            if (character < 0x20 || character == 0x7f || Character.isSurrogate(character) || character == '\'') {
                quoted.append(String.format("\\u%04x", (int) character));
            } else {
                quoted.append(character);
            }
        }
        quoted.append('\'');
        if (text.length() > shown) {
            quoted.append("… (").append(text.length()).append(" characters)");
        }
        return quoted.toString();
    }
}
