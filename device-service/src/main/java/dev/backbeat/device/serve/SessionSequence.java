// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import dev.backbeat.mqtt.DurableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The strap's session counter, {@value #FILE_NAME} in the data directory: 1 for the first session,
 * then one more for each, across restarts and whatever the wall clock says (a Pi without a
 * real-time clock may boot with the time it had when it was switched off, or 1970). Each new value
 * is written to a temporary file, forced to disk and renamed over the old one, so a power cut leaves
 * the old value or the new one, never a torn one; a value taken is never handed out again.
 */
public final class SessionSequence {

    public static final String FILE_NAME = "session-sequence";

    private final Path file;

    public SessionSequence(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE_NAME);
    }

    /** The last number handed out, 0 before the first. */
    public synchronized long current() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException none) {
            return 0;
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + "', not a session number; write the largest session number of this strap (or 0) into it");
        }
    }

    /** The next number, durably taken. */
    public synchronized long next() throws IOException {
        long next = current() + 1;
        DurableFile.replace(file, (next + "\n").getBytes(StandardCharsets.US_ASCII));
        return next;
    }
}
