// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import java.time.Duration;

/**
 * How long the sender waits for the host's acknowledgement of a record before sending it again, as
 * TCP does for its segments (RFC 6298): the smoothed time acknowledgements take plus four times its
 * variation, never below the configured minimum ({@link OutboxSender.Settings#resendAfter()}: 10 s by
 * default, twice the MQTT keep-alive in {@code backbeat-device}, 60 s),
 * doubled each time a wait ran out (until the next acknowledgement), at most {@value #MAX_SECONDS} s.
 *
 * <p>Why: a busy host (a clinic's 500 straps ending their sessions together, one host worker
 * killed) acknowledges after tens of seconds while it works through the queue on the broker. A
 * fixed 10 s made every strap send its whole window again every 10 s, so the queue filled with
 * copies of what was already queued and nothing was confirmed ({@code bench/sync-fleet}: after 7
 * minutes of 500 straps, 1 session stored and 15 000 records a batch already stored). A lost message
 * is still sent again: when its wait runs out, when the host asks for it (gap request), and at once
 * when the connection, the host or one of its workers is lost.
 */
final class ResendTimer {

    /** The longest wait, s (120). */
    static final long MAX_SECONDS = 120;
    private static final long MAX_NANOS = MAX_SECONDS * 1_000_000_000L;

    private final long minimumNanos;
    private double smoothedNanos = -1;
    private double variationNanos;
    private long resendAfterNanos;

    ResendTimer(Duration minimum) {
        this.minimumNanos = minimum.toNanos();
        this.resendAfterNanos = minimumNanos;
    }

    /** How long a record may wait for its acknowledgement now, ns. */
    long resendAfterNanos() {
        return resendAfterNanos;
    }

    /** A record sent once (not resent) was acknowledged {@code elapsedNanos} after it was sent. */
    void acknowledgedAfter(long elapsedNanos) {
        if (smoothedNanos < 0) {
            smoothedNanos = elapsedNanos;
            variationNanos = elapsedNanos / 2.0;
        } else {
            variationNanos = 0.75 * variationNanos + 0.25 * Math.abs(smoothedNanos - elapsedNanos);
            smoothedNanos = 0.875 * smoothedNanos + 0.125 * elapsedNanos;
        }
        resendAfterNanos = Math.min(MAX_NANOS, Math.max(minimumNanos, (long) (smoothedNanos + 4 * variationNanos)));
    }

    /** A wait ran out: wait twice as long until an acknowledgement says how long they take. */
    void timedOut() {
        resendAfterNanos = Math.min(MAX_NANOS, Math.max(minimumNanos, 2 * resendAfterNanos));
    }
}
