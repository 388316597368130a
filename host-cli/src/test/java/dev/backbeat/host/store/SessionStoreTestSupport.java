// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import dev.backbeat.core.session.RecordedSession;

/** The store tests' sample session, for the tests of other packages. */
public final class SessionStoreTestSupport {

    private SessionStoreTestSupport() {
    }

    /** A three-second session of strap-01 with one repetition (see {@link SessionStoreTest#session}). */
    public static RecordedSession session(String sessionId) {
        return SessionStoreTest.session(sessionId, 20.0);
    }
}
