// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import java.io.IOException;

/**
 * The device's outbox (its SQLite file and data directory) could not be created, read or written:
 * a storage problem, told apart from the strap hardware failing (other {@link IOException}s during
 * a session) so the service can say which it was.
 */
public class OutboxException extends IOException {

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }

    public OutboxException(String message) {
        super(message);
    }
}
