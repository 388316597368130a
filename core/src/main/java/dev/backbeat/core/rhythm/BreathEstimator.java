// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

import dev.backbeat.core.math.LinearSystem;
import java.util.ArrayList;
import java.util.List;

/**
 * Breathing rate from the trunk's own motion: breathing extends the thoracic spine slightly with
 * each inhale, which the spinal angles (or one sensor's inclination) show as a small oscillation
 * when the trunk is otherwise quiet.
 *
 * <p>Per window: the angles are averaged to 10 Hz, detrended, reduced to their principal component
 * (so it does not matter which angle carries the breath, in the spirit of the PCA method of Hostrup
 * et al. 2025), smoothed over {@value #SMOOTHING_SECONDS} s, and the rate counts the breaths between
 * its zero crossings (with hysteresis), the part-breaths at the window's ends included: breaths
 * differ in length, often pause after the exhale and change rate as a hold begins, so counting them
 * is closer to the rate over the window than an autocorrelation peak. Under three whole breaths the
 * count is averaged with the best-fitting sinusoid's rate. A window reports a rate only when the component is breath-sized (between the
 * minimum and maximum amplitude), mostly slow (the quality index) and spans a whole breath; otherwise
 * it reports nothing rather than a guess. Windows lie inside holds (stands, end-range holds, rests
 * between repetitions), where the trunk is quiet, without the approach and departure; where
 * movement masks the breath there is no window.
 */
public final class BreathEstimator {

    static final double RESAMPLED_RATE_HZ = 10;

    private final BreathSettings settings;

    public BreathEstimator(BreathSettings settings) {
        this.settings = settings;
    }

    /**
     * Estimates over the holds of a recording.
     *
     * @param time sample times, s
     * @param angles three angle series (degrees), same length as {@code time}
     * @param holds the holds found ({@link RhythmDetector}): every window lies inside one
     */
    public List<BreathWindow> estimate(double[] time, double[][] angles, List<Hold> holds) {
        // each hold's windows depend on that hold alone: the holds on all cores, their windows in hold order
        return holds.parallelStream().map(hold -> windows(time, angles, hold)).flatMap(List::stream).toList();
    }

    /** The breath windows within one hold. */
    private List<BreathWindow> windows(double[] time, double[][] angles, Hold hold) {
        int n = time.length;
        List<BreathWindow> windows = new ArrayList<>();
        int found = java.util.Arrays.binarySearch(time, hold.startSeconds());
        int first = found < 0 ? -found - 1 : found;
        if (first >= n) {
            return windows;
        }
        int last = first;
        while (last + 1 < n && time[last + 1] <= hold.endSeconds()) {
            last++;
        }
        // a hold begins where the movement came within its tolerance: leave out the approach and the departure
        while (first < last && speedDegreesPerSecond(time, angles, first) > SETTLED_SPEED_DEGREES_PER_SECOND) {
            first++;
        }
        while (last > first && speedDegreesPerSecond(time, angles, last) > SETTLED_SPEED_DEGREES_PER_SECOND) {
            last--;
        }
        double span = time[last] - time[first];
        if (span < settings.minimumWindowSeconds()) {
            return windows;
        }
        // windows of the longest allowed length (slow breathing needs 1.5 periods); a remainder
        // gets a last window of that length ending with the stretch, overlapping the one before
        double length = Math.min(span, settings.maximumWindowSeconds());
        List<double[]> bounds = new ArrayList<>();
        double windowStart = time[first];
        while (windowStart + length <= time[last] + 1e-9) {
            bounds.add(new double[] {windowStart, windowStart + length});
            windowStart += length;
        }
        if (time[last] - (windowStart) > 0.5) {
            bounds.add(new double[] {time[last] - length, time[last]});
        }
        int searchFrom = first;
        for (double[] bound : bounds) {
            int pieceFirst = searchFrom;
            while (pieceFirst < last && time[pieceFirst] < bound[0] - 1e-9) {
                pieceFirst++;
            }
            while (pieceFirst > first && time[pieceFirst - 1] >= bound[0] - 1e-9) {
                pieceFirst--;
            }
            int pieceLast = pieceFirst;
            while (pieceLast + 1 <= last && time[pieceLast + 1] <= bound[1] + 1e-9) {
                pieceLast++;
            }
            BreathWindow window = estimateWindow(time, angles, pieceFirst, pieceLast);
            if (window == null) {
                window = retryShorter(time, angles, pieceFirst, pieceLast);
            }
            if (window != null) {
                windows.add(window);
            }
            searchFrom = pieceLast;
        }
        return windows;
    }

    /** The ends of a hold where the angles still move faster than this are not part of its window, °/s (breathing moves them by under 0.6 °/s). */
    static final double SETTLED_SPEED_DEGREES_PER_SECOND = 1.0;
    /** Speed is measured over the interval the detector measures it over, s. */
    static final double SPEED_INTERVAL_SECONDS = RhythmDetector.SPEED_INTERVAL_SECONDS;

    /** Angular speed at sample {@code index}, °/s: a centred difference over {@value #SPEED_INTERVAL_SECONDS} s. */
    private static double speedDegreesPerSecond(double[] time, double[][] angles, int index) {
        int before = index;
        while (before > 0 && time[index] - time[before - 1] <= SPEED_INTERVAL_SECONDS / 2) {
            before--;
        }
        int after = index;
        while (after + 1 < time.length && time[after + 1] - time[index] <= SPEED_INTERVAL_SECONDS / 2) {
            after++;
        }
        double dt = time[after] - time[before];
        if (!(dt > 0)) {
            return 0;
        }
        double sum = 0;
        for (double[] angle : angles) {
            double change = angle[after] - angle[before];
            sum += change * change;
        }
        return Math.sqrt(sum) / dt;
    }

    /** Share of a failed window kept when retrying its first or last part. */
    static final double RETRY_FRACTION = 0.7;
    /** A retried (shorter) window must reach this quality, a stricter bar than a first try. */
    static final double RETRY_QUALITY = 0.7;

    /**
     * A quiet stretch often begins or ends with something that is not breathing (the hips hinging
     * into a flow, a settling strap). When the whole window fails, its first and then its last
     * {@value #RETRY_FRACTION} are tried, each held to the stricter quality {@value #RETRY_QUALITY}.
     */
    private BreathWindow retryShorter(double[] time, double[][] angles, int first, int last) {
        double span = time[last] - time[first];
        if (RETRY_FRACTION * span < settings.minimumWindowSeconds()) {
            return null;
        }
        int firstPartLast = first;
        while (firstPartLast < last && time[firstPartLast + 1] - time[first] <= RETRY_FRACTION * span) {
            firstPartLast++;
        }
        int lastPartFirst = last;
        while (lastPartFirst > first && time[last] - time[lastPartFirst - 1] <= RETRY_FRACTION * span) {
            lastPartFirst--;
        }
        for (int[] part : new int[][] {{first, firstPartLast}, {lastPartFirst, last}}) {
            BreathWindow window = estimateWindow(time, angles, part[0], part[1]);
            if (window != null && window.quality() >= RETRY_QUALITY) {
                return window;
            }
        }
        return null;
    }

    private static boolean insideHold(double timeSeconds, List<Hold> holds) {
        for (Hold hold : holds) {
            if (timeSeconds >= hold.startSeconds() && timeSeconds <= hold.endSeconds()) {
                return true;
            }
        }
        return false;
    }

    /** The estimate for samples {@code first..last}, or null when the breath cannot be told. */
    BreathWindow estimateWindow(double[] time, double[][] angles, int first, int last) {
        double duration = time[last] - time[first];
        int m = (int) Math.floor(duration * RESAMPLED_RATE_HZ);
        if (m < 20) {
            return null;
        }
        // average into 10 Hz bins
        double[][] binned = new double[3][m];
        int[] counts = new int[m];
        for (int index = first; index <= last; index++) {
            int bin = (int) ((time[index] - time[first]) * RESAMPLED_RATE_HZ);
            if (bin >= m) {
                bin = m - 1;
            }
            for (int angle = 0; angle < 3; angle++) {
                binned[angle][bin] += angles[angle][index];
            }
            counts[bin]++;
        }
        for (int bin = 0; bin < m; bin++) {
            if (counts[bin] == 0) {
                return null;
            }
            for (int angle = 0; angle < 3; angle++) {
                binned[angle][bin] /= counts[bin];
            }
        }
        for (double[] series : binned) {
            detrend(series);
        }
        double[] component = principalComponent(binned);
        double variance = 0;
        for (double value : component) {
            variance += value * value;
        }
        variance /= m;
        if (Math.sqrt(variance) < settings.minimumAmplitudeDegrees()) {
            return null;
        }
        if (Math.sqrt(variance) > settings.maximumAmplitudeDegrees()) {
            return null; // movement, not breath
        }
        double[] smoothed = component.clone();
        smooth(smoothed, (int) Math.round(SMOOTHING_SECONDS * RESAMPLED_RATE_HZ));
        Breaths breaths = breaths(smoothed, Math.sqrt(variance));
        double windowStart = time[first];
        double windowEnd = time[last];
        double periodSeconds = breaths == null ? Double.NaN : breaths.meanPeriodSeconds;
        double dominantSeconds = autocorrelationPeriodSeconds(smoothed, variance);
        if (!Double.isNaN(dominantSeconds) && !(periodSeconds <= (1 + AGREEMENT) * dominantSeconds)) {
            // breaths missed by the crossings (a slower wander on top of the breath): the dominant period holds
            periodSeconds = dominantSeconds;
            breaths = null;
        }
        double fitQuality = Double.NaN;
        double windowSeconds = m / RESAMPLED_RATE_HZ;
        if (breaths != null && breaths.longestCount >= WHOLE_WINDOW_BREATHS) {
            // the breaths in the window, part-breaths at its ends included: the rate over the window
            // even where it changes inside it (a last quick breath as the hold begins)
            periodSeconds = windowSeconds / breaths.cycles;
        } else if (breaths != null && breaths.longestCount < WHOLE_WINDOW_BREATHS || breaths == null && Double.isNaN(periodSeconds)) {
            // too few whole breaths: counting them favours short ones (a long breath does not fit);
            // the sinusoid that fits the whole window best counts the part-breaths at its ends too
            Fit fit = bestFittingRate(smoothed, settings.minimumRateBreathsPerMinute(),
                    settings.maximumRateBreathsPerMinute());
            periodSeconds = 60 / fit.rateBreathsPerMinute();
            if (breaths != null) {
                // the fit assumes one steady rate, the count is told by two or three crossings: each
                // errs its own way, so the rate is their mean
                periodSeconds = 60 / (0.5 * (60 * breaths.cycles / windowSeconds) + 0.5 * fit.rateBreathsPerMinute());
            }
            fitQuality = fit.explainedFraction();
            if (windowEnd - windowStart < FIT_MINIMUM_BREATHS * periodSeconds) {
                return null; // under one and a half breaths: the fit cannot tell the rate
            }
        }
        double rate = 60 / periodSeconds;
        if (rate < settings.minimumRateBreathsPerMinute() || rate > settings.maximumRateBreathsPerMinute()) {
            return null;
        }
        double smoothedPower = 0;
        for (double value : smoothed) {
            smoothedPower += value * value;
        }
        double quality = Math.min(1, smoothedPower / m / variance);
        if (!Double.isNaN(fitQuality)) {
            quality = Math.min(quality, fitQuality);
        }
        if (quality < settings.minimumQuality()) {
            return null;
        }
        return new BreathWindow(windowStart, windowEnd, rate, quality);
    }

    /** The breathing component is smoothed over this long before its crossings are found, s (removes wobble and noise). */
    static final double SMOOTHING_SECONDS = 0.5;
    /** A crossing counts once the component has gone this many standard deviations past zero (hysteresis). */
    static final double CROSSING_HYSTERESIS = 0.3;

    /** A crossing period longer than the autocorrelation's by more than this fraction means missed breaths: the autocorrelation's is used. */
    static final double AGREEMENT = 0.25;
    /** An autocorrelation peak this high marks a dominant period. */
    static final double DOMINANT_PEAK = 0.3;

    /**
     * The period of the first autocorrelation peak of at least {@value #DOMINANT_PEAK} within the
     * plausible breath rates and at most two thirds of the window (so 1.5 breaths fit), refined by
     * parabolic interpolation; NaN when there is none.
     */
    private double autocorrelationPeriodSeconds(double[] component, double variance) {
        int m = component.length;
        double minimumLag = 60 / settings.maximumRateBreathsPerMinute() * RESAMPLED_RATE_HZ;
        double maximumLag = Math.min(60 / settings.minimumRateBreathsPerMinute() * RESAMPLED_RATE_HZ, m / 1.5);
        int lagLimit = (int) Math.ceil(maximumLag) + 1;
        if (lagLimit <= minimumLag + 1 || lagLimit >= m) {
            return Double.NaN;
        }
        double[] correlation = new double[lagLimit + 1];
        for (int lag = 0; lag <= lagLimit; lag++) {
            double sum = 0;
            for (int sample = 0; sample + lag < m; sample++) {
                sum += component[sample] * component[sample + lag];
            }
            correlation[lag] = sum / (m - lag) / variance;
        }
        for (int lag = Math.max(1, (int) Math.ceil(minimumLag)); lag < lagLimit && lag <= maximumLag; lag++) {
            if (correlation[lag] > correlation[lag - 1] && correlation[lag] >= correlation[lag + 1]
                    && correlation[lag] >= DOMINANT_PEAK) {
                double left = correlation[lag - 1];
                double right = correlation[lag + 1];
                double denominator = left - 2 * correlation[lag] + right;
                double offset = denominator < 0 ? 0.5 * (left - right) / denominator : 0;
                return (lag + Math.max(-0.5, Math.min(0.5, offset))) / RESAMPLED_RATE_HZ;
            }
        }
        return Double.NaN;
    }

    /** A rate from the sinusoid fit needs a window this many of its breaths long. */
    static final double FIT_MINIMUM_BREATHS = 1.5;
    /** Rate step of the sinusoid fit, breaths/min. */
    static final double FIT_STEP_BREATHS_PER_MINUTE = 0.05;

    /** The best-fitting sinusoid's rate, breaths/min, and the share of the series' variance it explains. */
    record Fit(double rateBreathsPerMinute, double explainedFraction) {
    }

    /**
     * The rate of the sinusoid (with an offset and a linear trend) that fits {@code series} (at
     * {@value #RESAMPLED_RATE_HZ} Hz) with the least squared error, searched from {@code lowest} to
     * {@code highest} breaths/min.
     */
    static Fit bestFittingRate(double[] series, double lowest, double highest) {
        int m = series.length;
        double bestRate = Double.NaN;
        double bestError = Double.POSITIVE_INFINITY;
        double[] matrix = new double[FIT_TERMS * FIT_TERMS];
        double[] right = new double[FIT_TERMS];
        double[] basis = new double[FIT_TERMS];
        for (double rate = lowest; rate <= highest + 1e-9; rate += FIT_STEP_BREATHS_PER_MINUTE) {
            double omega = 2 * Math.PI * rate / 60 / RESAMPLED_RATE_HZ;
            java.util.Arrays.fill(matrix, 0);
            java.util.Arrays.fill(right, 0);
            for (int sample = 0; sample < m; sample++) {
                fitBasis(sample, m, omega, basis);
                for (int row = 0; row < FIT_TERMS; row++) {
                    right[row] += basis[row] * series[sample];
                    for (int column = 0; column < FIT_TERMS; column++) {
                        matrix[FIT_TERMS * row + column] += basis[row] * basis[column];
                    }
                }
            }
            double[] coefficients = LinearSystem.solve(matrix, right);
            if (coefficients == null) {
                continue;
            }
            double error = 0;
            for (int sample = 0; sample < m; sample++) {
                fitBasis(sample, m, omega, basis);
                double fitted = 0;
                for (int term = 0; term < FIT_TERMS; term++) {
                    fitted += coefficients[term] * basis[term];
                }
                error += (series[sample] - fitted) * (series[sample] - fitted);
            }
            if (error < bestError) {
                bestError = error;
                bestRate = rate;
            }
        }
        double mean = 0;
        for (double value : series) {
            mean += value;
        }
        mean /= m;
        double total = 0;
        for (double value : series) {
            total += (value - mean) * (value - mean);
        }
        return new Fit(bestRate, total > 0 ? Math.max(0, 1 - bestError / total) : 0);
    }

    /**
     * Terms of the fit: offset, linear trend (a slow wander of the posture), cosine and sine. No
     * quadratic trend: over a window of one or two breaths it takes up part of a slow breath, and
     * the fit then favours faster rates (windows of 6–8 s read 2 /min high on average with it).
     */
    static final int FIT_TERMS = 4;

    private static void fitBasis(int sample, int m, double omega, double[] basis) {
        basis[0] = 1;
        basis[1] = (sample - 0.5 * (m - 1)) / m;
        basis[2] = Math.cos(omega * sample);
        basis[3] = Math.sin(omega * sample);
    }

    /** With fewer whole breaths than this in a window, its rate comes from the best-fitting sinusoid, not from counting. */
    static final int WHOLE_WINDOW_BREATHS = 3;

    /**
     * Whole breaths in the window, from the component's zero crossings.
     *
     * @param meanPeriodSeconds mean breath length, both crossing directions pooled
     * @param longestCount whole breaths between the first and last crossing of the direction that spans most
     * @param cycles breaths in the whole window: half a breath between consecutive crossings, and the
     *     part-breaths before the first and after the last crossing as fractions of the breath next to
     *     them (at most half a breath each)
     */
    record Breaths(double meanPeriodSeconds, int longestCount, double cycles) {
    }

    /**
     * The breaths from the component's zero crossings: each breath crosses zero once downwards and
     * once upwards, so the time from the first to the last crossing of one direction spans whole
     * breaths, whatever their lengths (breaths vary, and a pause after the exhale is common). Null
     * when neither direction spans a whole breath.
     */
    static Breaths breaths(double[] component, double deviation) {
        double threshold = CROSSING_HYSTERESIS * deviation;
        int state = 0;
        double[] firstCrossing = {Double.NaN, Double.NaN};
        double[] lastCrossing = {Double.NaN, Double.NaN};
        int[] crossings = new int[2];
        double[] all = new double[component.length];
        int allCount = 0;
        int lastSignChange = -1;
        for (int index = 0; index < component.length; index++) {
            double value = component[index];
            if (index > 0 && (component[index - 1] < 0) != (value < 0)) {
                lastSignChange = index;
            }
            int next = value > threshold ? 1 : value < -threshold ? -1 : state;
            if (state != 0 && next != state && lastSignChange > 0) {
                // interpolated zero crossing between lastSignChange - 1 and lastSignChange
                double before = component[lastSignChange - 1];
                double after = component[lastSignChange];
                double at = (lastSignChange - 1 + before / (before - after)) / RESAMPLED_RATE_HZ;
                int direction = next > 0 ? 0 : 1;
                if (crossings[direction] == 0) {
                    firstCrossing[direction] = at;
                }
                lastCrossing[direction] = at;
                crossings[direction]++;
                all[allCount++] = at;
            }
            state = next;
        }
        double span = 0;
        int count = 0;
        int longest = -1;
        for (int direction = 0; direction < 2; direction++) {
            if (crossings[direction] >= 2) {
                double directionSpan = lastCrossing[direction] - firstCrossing[direction];
                span += directionSpan;
                count += crossings[direction] - 1;
                if (longest < 0 || directionSpan > lastCrossing[longest] - firstCrossing[longest]) {
                    longest = direction;
                }
            }
        }
        if (count == 0) {
            return null;
        }
        double length = component.length / RESAMPLED_RATE_HZ;
        double cycles = (allCount - 1) / 2.0;
        if (allCount >= 3) {
            cycles += Math.min(0.5, all[0] / (all[2] - all[0]));
            cycles += Math.min(0.5, (length - all[allCount - 1]) / (all[allCount - 1] - all[allCount - 3]));
        } else {
            cycles += Math.min(0.5, 0.5 * all[0] / (all[1] - all[0]));
            cycles += Math.min(0.5, 0.5 * (length - all[1]) / (all[1] - all[0]));
        }
        return new Breaths(span / count, crossings[longest] - 1, cycles);
    }

    /** Centred moving average over {@code width} samples, in place. */
    private static void smooth(double[] series, int width) {
        if (width < 2) {
            return;
        }
        double[] copy = series.clone();
        int half = width / 2;
        for (int index = 0; index < series.length; index++) {
            int from = Math.max(0, index - half);
            int to = Math.min(series.length - 1, index + half);
            double sum = 0;
            for (int sample = from; sample <= to; sample++) {
                sum += copy[sample];
            }
            series[index] = sum / (to - from + 1);
        }
    }

    private static void detrend(double[] series) {
        int m = series.length;
        double meanX = (m - 1) / 2.0;
        double meanY = 0;
        for (double value : series) {
            meanY += value;
        }
        meanY /= m;
        double covariance = 0;
        double variance = 0;
        for (int index = 0; index < m; index++) {
            covariance += (index - meanX) * (series[index] - meanY);
            variance += (index - meanX) * (index - meanX);
        }
        double slope = variance > 0 ? covariance / variance : 0;
        for (int index = 0; index < m; index++) {
            series[index] -= meanY + slope * (index - meanX);
        }
    }

    /** Projection of the three series on their direction of largest variance (power iteration). */
    private static double[] principalComponent(double[][] series) {
        int m = series[0].length;
        double[] covariance = new double[9];
        for (int sample = 0; sample < m; sample++) {
            for (int row = 0; row < 3; row++) {
                for (int column = 0; column < 3; column++) {
                    covariance[3 * row + column] += series[row][sample] * series[column][sample];
                }
            }
        }
        double[] direction = {1, 0.5, 0.25};
        for (int iteration = 0; iteration < 60; iteration++) {
            double[] next = new double[3];
            for (int row = 0; row < 3; row++) {
                next[row] = covariance[3 * row] * direction[0] + covariance[3 * row + 1] * direction[1]
                        + covariance[3 * row + 2] * direction[2];
            }
            double norm = Math.sqrt(next[0] * next[0] + next[1] * next[1] + next[2] * next[2]);
            if (norm == 0) {
                break;
            }
            direction = new double[] {next[0] / norm, next[1] / norm, next[2] / norm};
        }
        double[] component = new double[m];
        for (int sample = 0; sample < m; sample++) {
            component[sample] = direction[0] * series[0][sample] + direction[1] * series[1][sample]
                    + direction[2] * series[2][sample];
        }
        return component;
    }
}
