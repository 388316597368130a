// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * What decides, from outside a session, how it is named and when it ends early: the one-shot
 * command's sessions are named by their start time and run their routine to the end
 * ({@link #ONE_SHOT}); {@code backbeat-device serve} numbers its sessions from a counter in the
 * data directory and ends one when the wearer, the host or SIGTERM asks.
 */
public interface SessionControl {

    /** A new session's id (letters, digits, {@code . _ -}; unique on this strap). */
    String sessionId(Instant startedAt) throws IOException;

    /** Entries added to the session's start record settings (name → value, for the record). */
    Map<String, String> startRecordSettings();

    /** Whether the running session should end now; checked at every poll of the strap (50 ms). */
    boolean stopRequested();

    /**
     * Whether the wearer asked, since the last call, to snooze the guards for the rest of the step
     * (serve: a long press during a guided session); checked at every poll. Clears the request.
     */
    default boolean takeSnoozeRequest() {
        return false;
    }

    /** Today's behaviour: the start time and a random suffix as the id; nothing added; never stopped early. */
    SessionControl ONE_SHOT = new SessionControl() {
        @Override
        public String sessionId(Instant startedAt) {
            return DeviceService.newSessionId(startedAt);
        }

        @Override
        public Map<String, String> startRecordSettings() {
            return Map.of();
        }

        @Override
        public boolean stopRequested() {
            return false;
        }
    };
}
