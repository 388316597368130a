// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.recording;

/** A raw recording file breaks the interchange format; the message names the file, line and problem. */
public final class RecordingFormatException extends Exception {

    private final long lineNumber;

    public RecordingFormatException(String source, long lineNumber, String problem) {
        super(source + (lineNumber > 0 ? ":" + lineNumber : "") + ": " + problem);
        this.lineNumber = lineNumber;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public long lineNumber() {
        return lineNumber;
    }
}
