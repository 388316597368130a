// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

/**
 * A session id prefix matches more than one stored session: the command line was not precise
 * enough, the store itself is fine (the commands exit 2, not 3). The message names two matches.
 */
public final class AmbiguousSessionIdException extends StoreException {

    public AmbiguousSessionIdException(String message) {
        super(message);
    }
}
