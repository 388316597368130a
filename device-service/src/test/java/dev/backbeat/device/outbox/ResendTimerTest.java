// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResendTimerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void resendAfter_quickAcknowledgements_staysAtTheMinimum() {
        ResendTimer timer = new ResendTimer(Duration.ofSeconds(10));
        for (int ack = 0; ack < 20; ack++) {
            timer.acknowledgedAfter(SECOND / 20);
        }
        assertEquals(10 * SECOND, timer.resendAfterNanos());
    }

    @Test
    void resendAfter_acknowledgementsTakingThirtySeconds_growsPastThem() {
        ResendTimer timer = new ResendTimer(Duration.ofSeconds(10));
        timer.acknowledgedAfter(30 * SECOND); // first sample: 30 s + 4 x 15 s
        assertEquals(90 * SECOND, timer.resendAfterNanos());
        for (int ack = 0; ack < 40; ack++) {
            timer.acknowledgedAfter(30 * SECOND);
        }
        long settled = timer.resendAfterNanos();
        assertEquals(true, settled > 30 * SECOND && settled < 32 * SECOND, "settles just above 30 s: " + settled);
    }

    @Test
    void timedOut_doublesUpToTwoMinutes_andAnAcknowledgementSetsItAgain() {
        ResendTimer timer = new ResendTimer(Duration.ofSeconds(10));
        timer.timedOut();
        assertEquals(20 * SECOND, timer.resendAfterNanos());
        for (int timeout = 0; timeout < 10; timeout++) {
            timer.timedOut();
        }
        assertEquals(ResendTimer.MAX_SECONDS * SECOND, timer.resendAfterNanos());
        timer.acknowledgedAfter(SECOND);
        assertEquals(10 * SECOND, timer.resendAfterNanos());
    }
}
