// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

/** A routine or profile file that cannot be used: names the file, the line and what is wrong. */
public final class RoutineFormatException extends Exception {

    private final String source;
    private final int line;

    public RoutineFormatException(String source, int line, String reason) {
        super(source + (line > 0 ? ":" + line : "") + ": " + reason);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    /** 1-based line, 0 for the file as a whole. */
    public int line() {
        return line;
    }
}
