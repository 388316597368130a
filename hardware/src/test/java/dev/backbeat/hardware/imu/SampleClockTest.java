// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleClockTest {

    private static final double NOMINAL_RATE_HZ = 200;

    @Test
    void chipOffNominal_withJitteryAndLateReads_rateAndStampsFollowTheChip() {
        double trueRateHz = NOMINAL_RATE_HZ * 1.015;
        Chip chip = new Chip(trueRateHz, 0.0031);
        SampleClock clock = new SampleClock(NOMINAL_RATE_HZ, SampleClockSettings.DEFAULTS);
        clock.restart(0);
        Random random = new Random(7);
        double sumSquares = 0;
        double worst = 0;
        int count = 0;
        double pollSeconds = 0;
        while (pollSeconds < 60) {
            pollSeconds += 0.04 + 0.02 * random.nextDouble();            // polls 40-60 ms apart
            double delay = 0.0002 * random.nextDouble();                 // bus and scheduler: up to 0.2 ms
            if (random.nextInt(20) == 0) {
                delay += 0.002 + 0.02 * random.nextDouble();            // one read in 20 is 2-22 ms late
            }
            int produced = chip.producedBy(pollSeconds);
            int newSamples = produced - chip.delivered;
            clock.observe(pollSeconds + delay, newSamples);
            for (int sample = 0; sample < newSamples; sample++) {
                double error = clock.next() - chip.timeOf(++chip.delivered);
                if (pollSeconds > 5) {
                    sumSquares += error * error;
                    worst = Math.max(worst, Math.abs(error));
                    count++;
                }
            }
        }
        double rms = Math.sqrt(sumSquares / count);
        String figures = String.format(Locale.ROOT, "rate %.3f Hz of %.3f (%.4f %%), stamp error RMS %.3f ms, worst %.3f ms",
                clock.rateHz(), trueRateHz, 100 * Math.abs(clock.rateHz() / trueRateHz - 1), 1000 * rms, 1000 * worst);
        System.out.println("SampleClockTest: " + figures);
        assertTrue(clock.rateMeasured());
        assertEquals(trueRateHz, clock.rateHz(), 0.001 * trueRateHz, figures);
        assertTrue(rms < 0.001, figures);
        assertTrue(worst < 1.0 / NOMINAL_RATE_HZ, figures);
    }

    @Test
    void restart_keepsTheMeasuredRate() {
        SampleClock clock = new SampleClock(NOMINAL_RATE_HZ, SampleClockSettings.DEFAULTS);
        clock.restart(0);
        Chip chip = new Chip(NOMINAL_RATE_HZ * 0.98, 0.001);
        for (double poll = 0.05; poll < 10; poll += 0.05) {
            int produced = chip.producedBy(poll);
            clock.observe(poll, produced - chip.delivered);
            while (chip.delivered < produced) {
                clock.next();
                chip.delivered++;
            }
        }
        double measured = clock.rateHz();
        clock.restart(12);
        assertEquals(NOMINAL_RATE_HZ * 0.98, measured, 0.0005 * measured);
        assertEquals(measured, clock.rateHz());
        assertTrue(clock.rateMeasured());
    }

    @Test
    void observeAndNext_allocateNothing() {
        SampleClock clock = new SampleClock(NOMINAL_RATE_HZ, SampleClockSettings.DEFAULTS);
        clock.restart(0);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        double sink = 0;
        long before = 0;
        for (int poll = 1; poll <= 4000; poll++) {
            if (poll == 2000) {
                before = threads.getThreadAllocatedBytes(thread);
            }
            clock.observe(poll * 0.05, 10);
            for (int sample = 0; sample < 10; sample++) {
                sink += clock.next();
            }
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(sink > 0);
        assertEquals(0, allocated, "bytes allocated by 2000 observations and 20 000 stamps");
    }

    /** A chip sampling at {@code rateHz}, its first sample {@code firstSeconds} after its FIFO started at 0. */
    private static final class Chip {
        final double rateHz;
        final double firstSeconds;
        int delivered;

        Chip(double rateHz, double firstSeconds) {
            this.rateHz = rateHz;
            this.firstSeconds = firstSeconds;
        }

        int producedBy(double seconds) {
            return seconds < firstSeconds ? 0 : (int) Math.floor((seconds - firstSeconds) * rateHz) + 1;
        }

        double timeOf(int sample) {
            return firstSeconds + (sample - 1) / rateHz;
        }
    }
}
