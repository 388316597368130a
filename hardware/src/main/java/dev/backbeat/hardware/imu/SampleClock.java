// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

/**
 * Timestamps of a chip's FIFO samples on the session clock (the Pi's monotonic clock), at the chip's
 * real output data rate as measured. A chip's rate comes from its own oscillator, about ±1–2 % off
 * the nominal rate (the LSM6DSOX reports its own deviation in INTERNAL_FREQ_FINE); two chips stamped
 * at the nominal rate 2 % apart drift apart by 1.2 s in a minute.
 *
 * <p>Each drain gives an observation: the session time read just after the FIFO's count, and how
 * many samples the chip has produced since its FIFO started (the samples read so far plus those just
 * counted). Sample {@code n} was produced at {@code t0 + n·period}, at or before the time it was
 * counted, less than a period before. The clock keeps the observations of the last
 * {@link SampleClockSettings#windowSeconds()} and fits:
 * <ol>
 *   <li>the period: kept while it agrees with every on-time observation of the window (their
 *       residuals {@code time - n·period} lie within a period of each other, as the sample grid
 *       allows, plus 10 % for read jitter); otherwise least squares of time over count, refitted
 *       over the observations in the lowest 1.5 periods of residual (a poll that read the clock late
 *       falls outside), once the observations span {@link SampleClockSettings#minimumBaselineSeconds()};
 *       until then the nominal period (or the one measured before a FIFO restart). A kept period is
 *       within a period per window of the truth: 0.025 % at 200 Hz over 20 s;</li>
 *   <li>{@code t0}: kept while the observations allow it (each bounds it from above and below),
 *       else moved to the nearest bound; first at the FIFO's start, as for a chip at its nominal rate.</li>
 * </ol>
 * A stamp is never less than {@link #minimumSpacingSeconds()} after the one before it, so a strap
 * knows when every sample before a time has arrived. Slow polls only lengthen the baseline; a FIFO
 * overflow starts a new segment ({@link #restart}) that keeps the measured period.
 *
 * <p>Nothing is allocated after construction.
 */
final class SampleClock {

    /** Observations within this many periods of the lowest residual are on time; later ones read the clock late. */
    private static final double ON_TIME_BAND_PERIODS = 1.5;
    /**
     * While the period is still the nominal one, the origin is fitted over this much of the newest
     * observations, s: a period 2 % off then misplaces the newest samples by at most 5 ms.
     */
    static final double UNMEASURED_ENVELOPE_SECONDS = 0.25;
    /**
     * Session time between full fits once the period is measured, s: in between, each observation
     * only tightens the origin's bounds, so a drain costs O(1) however often the strap is polled.
     */
    static final double REFIT_SECONDS = 0.5;
    /** How much more than a period the on-time residuals may spread (the bus and the scheduler delay reads). */
    static final double READ_JITTER_PERIODS = 0.1;
    /** A stamp is at least this fraction of the nominal period after the one before it. */
    static final double MINIMUM_SPACING_PERIODS = 0.45;

    private final SampleClockSettings settings;
    private final double nominalPeriodSeconds;
    private final double shortestPeriodSeconds;
    private final double longestPeriodSeconds;
    private final double[] observedSeconds;
    private final double[] observedCounts;
    private final double[] residuals;
    /** Per observation: on time, not read late (see {@link #markOnTime}). */
    private final boolean[] onTime;
    private int oldest;
    private int size;
    private long producedCount;
    private long stampedCount;
    private double periodSeconds;
    private boolean periodMeasured;
    private double originSeconds;
    private double lastStampSeconds = Double.NEGATIVE_INFINITY;
    /** Session time of the last full fit (period and origin over the whole window), s. */
    private double lastFitSeconds = Double.NEGATIVE_INFINITY;
    /** The origin's bounds from the on-time observations (see {@link #fitOrigin}), s. */
    private double upperBound;
    private double lowerBound;

    SampleClock(double nominalRateHz, SampleClockSettings settings) {
        this.settings = settings;
        this.nominalPeriodSeconds = 1.0 / nominalRateHz;
        this.shortestPeriodSeconds = nominalPeriodSeconds / (1 + settings.maximumRateErrorFraction());
        this.longestPeriodSeconds = nominalPeriodSeconds / (1 - settings.maximumRateErrorFraction());
        this.observedSeconds = new double[settings.observationCapacity()];
        this.observedCounts = new double[settings.observationCapacity()];
        this.residuals = new double[settings.observationCapacity()];
        this.onTime = new boolean[settings.observationCapacity()];
        this.periodSeconds = nominalPeriodSeconds;
    }

    /** The chip's FIFO (re)starts at {@code anchorSeconds}: a new segment, counted from zero; the period is kept. */
    void restart(double anchorSeconds) {
        originSeconds = anchorSeconds;
        producedCount = 0;
        stampedCount = 0;
        oldest = 0;
        size = 0;
    }

    /**
     * At session time {@code clockSeconds}, read just after the FIFO's count, the FIFO held
     * {@code newSamples} samples not observed before.
     */
    void observe(double clockSeconds, int newSamples) {
        producedCount += newSamples;
        keep(clockSeconds, producedCount);
        if (periodMeasured && size > 3 && clockSeconds - lastFitSeconds < REFIT_SECONDS) {
            addToFit(index(size - 1));
            return;
        }
        lastFitSeconds = clockSeconds;
        if (hasBaseline()) {
            double slope = fitSlope();
            if (!Double.isNaN(slope) && spread(periodSeconds) > (1 + READ_JITTER_PERIODS) * periodSeconds) {
                periodSeconds = Math.max(shortestPeriodSeconds, Math.min(longestPeriodSeconds, slope));
            }
            periodMeasured = true;
        } else {
            markOnTime(periodSeconds, !periodMeasured);
        }
        fitOrigin();
    }

    /** Between refits: the observation in {@code slot} tightens the origin's bounds if it is on time. */
    private void addToFit(int slot) {
        double residual = observedSeconds[slot] - periodSeconds * observedCounts[slot];
        onTime[slot] = residual <= upperBound + ON_TIME_BAND_PERIODS * periodSeconds;
        if (onTime[slot]) {
            upperBound = Math.min(upperBound, residual);
            lowerBound = Math.max(lowerBound, residual - periodSeconds);
            originSeconds = Math.max(Math.min(lowerBound, upperBound), Math.min(originSeconds, upperBound));
        }
    }

    /** The time of the next sample, and counts it. */
    double next() {
        stampedCount++;
        lastStampSeconds = Math.max(originSeconds + stampedCount * periodSeconds,
                lastStampSeconds + minimumSpacingSeconds());
        return lastStampSeconds;
    }

    /** The time the next sample will have (as things stand), without counting it. */
    double peekNext() {
        return Math.max(originSeconds + (stampedCount + 1) * periodSeconds, lastStampSeconds + minimumSpacingSeconds());
    }

    /** The period samples are stamped at now, s. */
    double periodSeconds() {
        return periodSeconds;
    }

    /** The measured output data rate, Hz; the nominal one until measured. */
    double rateHz() {
        return 1.0 / periodSeconds;
    }

    /** Whether {@link #rateHz()} is measured rather than nominal. */
    boolean rateMeasured() {
        return periodMeasured;
    }

    /** The least time between two stamps, s. */
    double minimumSpacingSeconds() {
        return MINIMUM_SPACING_PERIODS * nominalPeriodSeconds;
    }

    private void keep(double clockSeconds, long count) {
        int capacity = observedSeconds.length;
        while (size > 0 && clockSeconds - observedSeconds[oldest] > settings.windowSeconds()) {
            oldest = (oldest + 1) % capacity;
            size--;
        }
        if (size >= 2 && clockSeconds - observedSeconds[index(size - 2)] < settings.observationSpacingSeconds()) {
            size--; // the newest kept observation is too close to the one before: this one replaces it
        } else if (size == capacity) {
            oldest = (oldest + 1) % capacity;
            size--;
        }
        int slot = index(size);
        observedSeconds[slot] = clockSeconds;
        observedCounts[slot] = count;
        size++;
    }

    private boolean hasBaseline() {
        return size >= 3 && observedSeconds[index(size - 1)] - observedSeconds[oldest] >= settings.minimumBaselineSeconds();
    }

    /**
     * The least-squares slope of time over count (s per sample), refitted over the observations on
     * time against it, which it marks; NaN (all marked) if they span too little.
     */
    private double fitSlope() {
        java.util.Arrays.fill(onTime, true);
        double slope = slope();
        if (Double.isNaN(slope)) {
            return slope;
        }
        markOnTime(slope, false);
        double onTimeSlope = slope();
        if (Double.isNaN(onTimeSlope)) {
            java.util.Arrays.fill(onTime, true);
            return slope;
        }
        markOnTime(onTimeSlope, false);
        return onTimeSlope;
    }

    /**
     * Marks the observations on time at {@code period}: residuals {@code time - n·period} within
     * {@link #ON_TIME_BAND_PERIODS} of the lowest (with {@code recentOnly}, of the last
     * {@link #UNMEASURED_ENVELOPE_SECONDS} only); fills {@link #residuals}.
     */
    private void markOnTime(double period, boolean recentOnly) {
        double newestSeconds = observedSeconds[index(size - 1)];
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            int slot = index(i);
            residuals[slot] = observedSeconds[slot] - period * observedCounts[slot];
            onTime[slot] = !recentOnly || newestSeconds - observedSeconds[slot] <= UNMEASURED_ENVELOPE_SECONDS;
            if (onTime[slot]) {
                lowest = Math.min(lowest, residuals[slot]);
            }
        }
        for (int i = 0; i < size; i++) {
            int slot = index(i);
            onTime[slot] &= residuals[slot] <= lowest + ON_TIME_BAND_PERIODS * period;
        }
    }

    /** How far the residuals of the on-time observations at {@code period} spread, s. */
    private double spread(double period) {
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            int slot = index(i);
            if (onTime[slot]) {
                double residual = observedSeconds[slot] - period * observedCounts[slot];
                lowest = Math.min(lowest, residual);
                highest = Math.max(highest, residual);
            }
        }
        return highest - lowest;
    }

    /** The least-squares slope (s per sample) over the on-time observations; NaN if they span too little. */
    private double slope() {
        double sumCount = 0;
        double sumSeconds = 0;
        int used = 0;
        for (int i = 0; i < size; i++) {
            int slot = index(i);
            if (onTime[slot]) {
                sumCount += observedCounts[slot];
                sumSeconds += observedSeconds[slot];
                used++;
            }
        }
        if (used < 3) {
            return Double.NaN;
        }
        double meanCount = sumCount / used;
        double meanSeconds = sumSeconds / used;
        double countVariance = 0;
        double covariance = 0;
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            int slot = index(i);
            if (onTime[slot]) {
                double count = observedCounts[slot] - meanCount;
                countVariance += count * count;
                covariance += count * (observedSeconds[slot] - meanSeconds);
                first = Math.min(first, observedSeconds[slot]);
                last = Math.max(last, observedSeconds[slot]);
            }
        }
        if (countVariance == 0 || last - first < settings.minimumBaselineSeconds()) {
            return Double.NaN;
        }
        return covariance / countVariance;
    }

    /**
     * Where sample 0 of the segment lies. Each on-time observation bounds it: sample {@code n} was
     * produced by the time it was counted ({@code origin <= time - n·period}, the lower envelope) and
     * sample {@code n + 1} was not ({@code origin > time - (n + 1)·period}). The origin stays where
     * it is while it lies within the bounds (first at the FIFO's start, where a chip at its nominal
     * rate has it), else moves to the nearest: stamps are steady and never off the observations by
     * more than a period. While the period is nominal (perhaps 2 % off) only the observations of
     * the last {@link #UNMEASURED_ENVELOPE_SECONDS} bound it.
     */
    private void fitOrigin() {
        upperBound = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            int slot = index(i);
            if (onTime[slot]) {
                upperBound = Math.min(upperBound, observedSeconds[slot] - periodSeconds * observedCounts[slot]);
            }
        }
        lowerBound = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            int slot = index(i);
            if (onTime[slot]) {
                lowerBound = Math.max(lowerBound, observedSeconds[slot] - periodSeconds * (observedCounts[slot] + 1));
            }
        }
        originSeconds = Math.max(Math.min(lowerBound, upperBound), Math.min(originSeconds, upperBound));
    }

    private int index(int i) {
        return (oldest + i) % observedSeconds.length;
    }
}
