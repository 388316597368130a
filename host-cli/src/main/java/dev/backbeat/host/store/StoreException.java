// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

/** The session store cannot be opened, read or written; the message names the store and the problem. */
public class StoreException extends Exception {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
