// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import java.util.ArrayList;
import java.util.List;

/**
 * The session's spinal angles as the breathing estimate at its end needs them, and no more: each
 * run of {@link #decimation} consecutive angle samples is kept as its mean time and mean angles in
 * 32-bit floats. The breath estimator averages the angles into 10 Hz bins and measures the speed at a
 * hold's ends over {@code RhythmDetector.SPEED_INTERVAL_SECONDS} (0.4 s), so {@value #TARGET_RATE_HZ}
 * Hz or more keeps what it looks at.
 *
 * <p>Size: 16 bytes per kept point ({@code float} time and three {@code float} angles), kept in
 * blocks of {@value #BLOCK_POINTS} points, so nothing is copied as it grows. At 2 × 200 Hz (decimation
 * 5, 40 points/s) that is 38 KB per minute of session, 2.3 MB per hour; the full-rate {@code double}
 * history it replaces held 32 bytes × 200/s (and up to twice that while its arrays doubled), 23-46 MB
 * per hour. The times are session seconds as floats: 0.5 ms resolution at 2 hours.
 */
final class BreathAngleHistory {

    /** The lowest rate the kept points may have, Hz (the breath estimator's 10 Hz bins, 4 points each). */
    static final double TARGET_RATE_HZ = 40;
    /** Points per block of storage (64 KB a block). */
    static final int BLOCK_POINTS = 4096;
    /**
     * A run of samples to average is cut short where the next sample is later than this many
     * sample periods after the run's first, so a gap never blends angles from both of its sides.
     */
    static final double RUN_SPAN_PERIODS = 1.5;

    private final int decimation;
    private final double runSpanSeconds;
    private final List<float[]> blocks = new ArrayList<>();
    private int count;
    private int runCount;
    private double runFirstSeconds;
    private double runTimeSum;
    private final double[] runAngleSums = new double[3];

    /** A history of angles arriving at {@code sampleRateHz}. */
    BreathAngleHistory(double sampleRateHz) {
        if (!(sampleRateHz > 0)) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRateHz + " Hz");
        }
        this.decimation = Math.max(1, (int) Math.floor(sampleRateHz / TARGET_RATE_HZ));
        this.runSpanSeconds = (decimation - 1 + RUN_SPAN_PERIODS) / sampleRateHz;
    }

    /** Samples averaged into one kept point. */
    int decimation() {
        return decimation;
    }

    /** Adds the angles of one sample, degrees; times must not decrease. */
    void add(double timeSeconds, double flexion, double sideBend, double twist) {
        if (runCount > 0 && timeSeconds - runFirstSeconds > runSpanSeconds) {
            flushRun();
        }
        if (runCount == 0) {
            runFirstSeconds = timeSeconds;
        }
        runTimeSum += timeSeconds;
        runAngleSums[0] += flexion;
        runAngleSums[1] += sideBend;
        runAngleSums[2] += twist;
        runCount++;
        if (runCount == decimation) {
            flushRun();
        }
    }

    private void flushRun() {
        if (runCount == 0) {
            return;
        }
        int offset = 4 * (count % BLOCK_POINTS);
        if (offset == 0) {
            blocks.add(new float[4 * BLOCK_POINTS]);
        }
        float[] block = blocks.get(blocks.size() - 1);
        block[offset] = (float) (runTimeSum / runCount);
        for (int angle = 0; angle < 3; angle++) {
            block[offset + 1 + angle] = (float) (runAngleSums[angle] / runCount);
            runAngleSums[angle] = 0;
        }
        runTimeSum = 0;
        runCount = 0;
        count++;
    }

    /** Points kept so far (an unfinished run not counted). */
    int size() {
        return count;
    }

    /** Bytes held, the partly filled last block counted whole. */
    long bytes() {
        return (long) blocks.size() * 4 * BLOCK_POINTS * Float.BYTES;
    }

    /**
     * The kept points as the breath estimator takes them: {@code [0]} times (s), {@code [1..3]}
     * flexion, side bend and twist (degrees). Closes the unfinished run first.
     */
    double[][] toArrays() {
        flushRun();
        double[][] arrays = new double[4][count];
        for (int point = 0; point < count; point++) {
            float[] block = blocks.get(point / BLOCK_POINTS);
            int offset = 4 * (point % BLOCK_POINTS);
            for (int column = 0; column < 4; column++) {
                arrays[column][point] = block[offset + column];
            }
        }
        return arrays;
    }
}
