// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.pi4j;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns Pi4J's unchecked exceptions into the {@link IOException}s the hardware module expects. */
final class Pi4jFailures {

    private Pi4jFailures() {
    }

    /**
     * {@code what} failed with {@code failure}: a missing device file becomes
     * {@link NoSuchFileException}, a refused one {@link AccessDeniedException}, anything else an
     * {@link IOException} carrying Pi4J's message (for I2C, "Remote I/O error" means no ACK).
     */
    static IOException translate(String what, RuntimeException failure) {
        String message = messages(failure);
        if (message.contains("Permission denied")) {
            AccessDeniedException denied = new AccessDeniedException(what, null, message);
            denied.initCause(failure);
            return denied;
        }
        if (message.contains("No such file")) {
            NoSuchFileException missing = new NoSuchFileException(what, null, message);
            missing.initCause(failure);
            return missing;
        }
        return new IOException(what + ": " + message, failure);
    }

    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                text.append(cause.getMessage()).append("; ");
            }
        }
        return text.toString();
    }
}
