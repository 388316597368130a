package dev.backbeat.core.rhythm;

import java.util.ArrayList;
import java.util.List;

/**
 * Breathing rate from the trunk's own motion: breathing extends the thoracic spine slightly with
 * each inhale, which the spinal angles (or one sensor's inclination) show as a small oscillation
 * when the trunk is otherwise quiet.
 *
 * <p>Per window: the angles are averaged to 10 Hz, detrended, reduced to their principal component
 * (so it does not matter which angle carries the breath, in the spirit of the PCA and
 * autocorrelation method of Hostrup et al. 2025), and the breathing period is the first
 * autocorrelation peak within the plausible range, refined by parabolic interpolation. A window
 * reports a rate only when the peak is high (regular breathing), the breathing component is above
 * the noise and the window spans at least 1.5 periods; otherwise it reports nothing rather than a
 * guess. Windows never include the movement of a repetition with more than
 * {@link BreathSettings#movingRangeDegrees()} of range (its holds may be used).
 */
public final class BreathEstimator {

    static final double RESAMPLED_RATE_HZ = 10;

    private final BreathSettings settings;

    public BreathEstimator(BreathSettings settings) {
        this.settings = settings;
    }

    /**
     * Estimates over the quiet stretches of a recording.
     *
     * @param time sample times, s
     * @param angles three angle series (degrees), same length as {@code time}
     * @param repetitions the repetitions found (their movement is excluded)
     * @param holds the holds found (allowed even inside repetitions)
     */
    public List<BreathWindow> estimate(double[] time, double[][] angles, List<Repetition> repetitions, List<Hold> holds) {
        int n = time.length;
        boolean[] quiet = new boolean[n];
        java.util.Arrays.fill(quiet, true);
        for (Repetition repetition : repetitions) {
            if (repetition.rangeDegrees() <= settings.movingRangeDegrees()) {
                continue;
            }
            int first = java.util.Arrays.binarySearch(time, repetition.startSeconds());
            for (int index = first < 0 ? -first - 1 : first; index < n && time[index] <= repetition.endSeconds(); index++) {
                quiet[index] = insideHold(time[index], holds);
            }
        }
        List<BreathWindow> windows = new ArrayList<>();
        int index = 0;
        while (index < n) {
            if (!quiet[index]) {
                index++;
                continue;
            }
            int first = index;
            while (index + 1 < n && quiet[index + 1] && time[index + 1] - time[index] < 0.5) {
                index++;
            }
            int last = index;
            index++;
            double span = time[last] - time[first];
            if (span < settings.minimumWindowSeconds()) {
                continue;
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
        }
        return windows;
    }

    /** Share of a failed window kept when retrying its first or last part. */
    static final double RETRY_FRACTION = 0.7;
    /** A retried (shorter) window must be this regular, a stricter bar than a first try. */
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
        double minimumLag = 60 / settings.maximumRateBreathsPerMinute() * RESAMPLED_RATE_HZ;
        double maximumLag = Math.min(60 / settings.minimumRateBreathsPerMinute() * RESAMPLED_RATE_HZ, m / 1.5);
        int lagLimit = (int) Math.ceil(maximumLag) + 1;
        if (lagLimit <= minimumLag + 1) {
            return null;
        }
        double[] correlation = new double[lagLimit + 1];
        for (int lag = 0; lag <= lagLimit && lag < m; lag++) {
            double sum = 0;
            for (int sample = 0; sample + lag < m; sample++) {
                sum += component[sample] * component[sample + lag];
            }
            // unbiased, normalised by the zero-lag power
            correlation[lag] = sum / (m - lag) / variance;
        }
        int peak = -1;
        for (int lag = (int) Math.ceil(minimumLag); lag < lagLimit && lag + 1 < correlation.length; lag++) {
            if (lag > maximumLag) {
                break;
            }
            if (correlation[lag] > correlation[lag - 1] && correlation[lag] >= correlation[lag + 1]
                    && (peak < 0 || correlation[lag] > correlation[peak])) {
                peak = lag;
                if (correlation[lag] >= settings.minimumQuality()) {
                    break; // the first good peak is the period, later ones are its multiples
                }
            }
        }
        if (peak < 0 || correlation[peak] < settings.minimumQuality()) {
            return null;
        }
        double left = correlation[peak - 1];
        double centre = correlation[peak];
        double right = correlation[peak + 1];
        double denominator = left - 2 * centre + right;
        double offset = denominator < 0 ? 0.5 * (left - right) / denominator : 0;
        double periodSeconds = (peak + Math.max(-0.5, Math.min(0.5, offset))) / RESAMPLED_RATE_HZ;
        if (duration < 1.5 * periodSeconds) {
            return null;
        }
        return new BreathWindow(time[first], time[last], 60 / periodSeconds, Math.min(1, centre));
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
