// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.fuse;

import java.io.IOException;

/** The input file of {@code fuse} is unreadable or malformed; the message names the file and line. */
public final class FuseInputException extends IOException {

    private final long lineNumber;

    public FuseInputException(String message, long lineNumber) {
        super(message);
        this.lineNumber = lineNumber;
    }

    public FuseInputException(String message, Throwable cause) {
        super(message, cause);
        this.lineNumber = 0;
    }

    /** The 1-based line of the problem (the header is line 1), or 0 when it concerns the whole file. */
    public long lineNumber() {
        return lineNumber;
    }
}
