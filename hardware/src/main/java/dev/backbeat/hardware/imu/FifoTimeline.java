// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

/**
 * Timestamps of FIFO samples from the output data rate and a sample count: sample {@code n}
 * (1-based) after an anchor is at {@code anchor + n / rateHz}. Counting, not accumulating, keeps
 * a 10-minute session free of rounding drift.
 */
final class FifoTimeline {

    private final double rateHz;
    private double anchorSeconds;
    private long count;

    FifoTimeline(double rateHz) {
        this.rateHz = rateHz;
    }

    /** The chip's FIFO (re)starts at {@code anchorSeconds}; its first sample is one period later. */
    void restart(double anchorSeconds) {
        this.anchorSeconds = anchorSeconds;
        this.count = 0;
    }

    /** The time of the next sample, and counts it. */
    double next() {
        count++;
        return anchorSeconds + count / rateHz;
    }

    /** The time the next sample will have, without counting it. */
    double peekNext() {
        return anchorSeconds + (count + 1) / rateHz;
    }

    double periodSeconds() {
        return 1.0 / rateHz;
    }
}
