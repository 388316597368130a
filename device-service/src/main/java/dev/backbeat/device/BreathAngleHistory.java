// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

/**
 * The session's recent spinal angles, as the breathing estimate of each hold and the coupling of each
 * guided step need them, in a fixed amount of memory: each run of {@link #decimation} consecutive
 * angle samples is kept as its mean time and mean angles in 32-bit floats, in a ring of the last
 * {@value #RETAINED_SECONDS} s. The breath estimator averages the angles into 10 Hz bins and measures
 * the speed at a hold's ends over {@code RhythmDetector.SPEED_INTERVAL_SECONDS} (0.4 s), so
 * {@value #TARGET_RATE_HZ} Hz or more keeps what it looks at. The pipeline estimates each hold's
 * breathing and each step's coupling soon after it ends, so the ring only has to span the longest
 * hold or step: a longer one is estimated over its last {@value #RETAINED_SECONDS} s.
 *
 * <p>Size: 16 bytes per kept point ({@code float} time and three {@code float} angles), allocated once:
 * at 2 × 200 Hz (decimation 5, 40 points/s) 24 000 points, 375 KB, whatever the session's length
 * (the whole-session history it replaces grew by 2.3 MB an hour). The times are session seconds as
 * floats: 0.5 ms resolution at 2 hours.
 */
final class BreathAngleHistory {

    /** The lowest rate the kept points may have, Hz (the breath estimator's 10 Hz bins, 4 points each). */
    static final double TARGET_RATE_HZ = 40;
    /** How far back the ring reaches, s: the longest hold or guided step estimated whole. Default 600 s. */
    static final double RETAINED_SECONDS = 600;
    /**
     * A run of samples to average is cut short where the next sample is later than this many
     * sample periods after the run's first, so a gap never blends angles from both of its sides.
     */
    static final double RUN_SPAN_PERIODS = 1.5;

    private final int decimation;
    private final double runSpanSeconds;
    private final int capacity;
    private final float[] ring;
    /** Points kept since the start; the ring holds the last {@code capacity} of them. */
    private long count;
    private int runCount;
    private double runFirstSeconds;
    private double runTimeSum;
    private final double[] runAngleSums = new double[3];

    /** A history of angles arriving at {@code sampleRateHz}. */
    BreathAngleHistory(double sampleRateHz) {
        this(sampleRateHz, RETAINED_SECONDS);
    }

    /** As above, reaching {@code retainedSeconds} back. */
    BreathAngleHistory(double sampleRateHz, double retainedSeconds) {
        if (!(sampleRateHz > 0) || !(retainedSeconds > 0)) {
            throw new IllegalArgumentException("sample rate and retained time must be positive, were " + sampleRateHz
                    + " Hz and " + retainedSeconds + " s");
        }
        this.decimation = Math.max(1, (int) Math.floor(sampleRateHz / TARGET_RATE_HZ));
        this.runSpanSeconds = (decimation - 1 + RUN_SPAN_PERIODS) / sampleRateHz;
        this.capacity = (int) Math.ceil(retainedSeconds * sampleRateHz / decimation);
        this.ring = new float[4 * capacity];
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

    /** Closes the unfinished run (the session's end). */
    void flushRun() {
        if (runCount == 0) {
            return;
        }
        int offset = 4 * (int) (count % capacity);
        ring[offset] = (float) (runTimeSum / runCount);
        for (int angle = 0; angle < 3; angle++) {
            ring[offset + 1 + angle] = (float) (runAngleSums[angle] / runCount);
            runAngleSums[angle] = 0;
        }
        runTimeSum = 0;
        runCount = 0;
        count++;
    }

    /** Points kept since the start (an unfinished run not counted), the ones the ring let go included. */
    long size() {
        return count;
    }

    /** Bytes held: the ring, allocated once. */
    long bytes() {
        return (long) ring.length * Float.BYTES;
    }

    /**
     * The retained points with times in {@code [fromSeconds, toSeconds]} as the breath estimator takes
     * them: {@code [0]} times (s), {@code [1..3]} flexion, side bend and twist (degrees). An
     * unfinished run is not included (at most {@code decimation} samples, 25 ms at 200 Hz).
     */
    double[][] toArrays(double fromSeconds, double toSeconds) {
        long first = Math.max(0, count - capacity);
        long from = count;
        long to = count;
        for (long point = first; point < count; point++) {
            double time = ring[4 * (int) (point % capacity)];
            if (from == count && time >= fromSeconds) {
                from = point;
            }
            if (time > toSeconds) {
                to = point;
                break;
            }
        }
        int length = (int) Math.max(0, to - from);
        double[][] arrays = new double[4][length];
        for (int index = 0; index < length; index++) {
            int offset = 4 * (int) ((from + index) % capacity);
            for (int column = 0; column < 4; column++) {
                arrays[column][index] = ring[offset + column];
            }
        }
        return arrays;
    }

    /** Every retained point (the unfinished run closed first). */
    double[][] toArrays() {
        flushRun();
        return toArrays(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }
}
