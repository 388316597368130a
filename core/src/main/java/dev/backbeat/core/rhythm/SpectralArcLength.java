// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

/**
 * Smoothness of a movement as the spectral arc length (SPARC) of its speed profile
 * (Balasubramanian, Melendez-Calderon, Roby-Brami, Burdet, "On the analysis of movement
 * smoothness", J NeuroEng Rehabil 12:112, 2015).
 *
 * <p>The speed profile's Fourier magnitude is normalised by its value at zero frequency; its arc
 * length is taken over the frequencies up to an adaptive cut-off: the highest frequency below
 * {@value #MAXIMUM_CUTOFF_HZ} Hz where the normalised magnitude still exceeds
 * {@value #AMPLITUDE_THRESHOLD}, with frequency normalised by that cut-off. The result is negative;
 * a smooth movement is closer to zero (about −1.6 for a minimum-jerk reach), jerky movements are
 * more negative. Parameters as recommended in the paper: threshold 0.05, cut-off 10 Hz, zero
 * padding to 2^4 times the next power of two.
 */
public final class SpectralArcLength {

    static final double AMPLITUDE_THRESHOLD = 0.05;
    static final double MAXIMUM_CUTOFF_HZ = 10.0;
    static final int PADDING_LEVEL = 4;

    private SpectralArcLength() {
    }

    /** SPARC of {@code speed[0..length)} sampled at {@code sampleRateHz}; NaN for fewer than 4 samples or no movement. */
    public static double of(double[] speed, int length, double sampleRateHz) {
        if (length < 4) {
            return Double.NaN;
        }
        int size = paddedSize(length);
        return of(speed, length, sampleRateHz, new double[size], new double[size]);
    }

    /** The transform length used for {@code length} samples: the next power of two, times 2^4. */
    public static int paddedSize(int length) {
        return Integer.highestOneBit(Math.max(1, length - 1)) << (1 + PADDING_LEVEL);
    }

    /**
     * As {@link #of(double[], int, double)} with caller-owned work arrays of at least
     * {@link #paddedSize(int)} elements, so a streaming detector allocates nothing.
     */
    public static double of(double[] speed, int length, double sampleRateHz, double[] realWork, double[] imaginaryWork) {
        if (length < 4) {
            return Double.NaN;
        }
        int size = paddedSize(length);
        double[] real = realWork;
        double[] imaginary = imaginaryWork;
        java.util.Arrays.fill(real, 0, size, 0);
        java.util.Arrays.fill(imaginary, 0, size, 0);
        System.arraycopy(speed, 0, real, 0, length);
        fft(real, imaginary, size);
        double frequencyStep = sampleRateHz / size;
        double zero = Math.hypot(real[0], imaginary[0]);
        if (!(zero > 0)) {
            return Double.NaN;
        }
        int maximumIndex = Math.min(size / 2, (int) Math.floor(MAXIMUM_CUTOFF_HZ / frequencyStep));
        int cutoffIndex = 0;
        for (int index = 0; index <= maximumIndex; index++) {
            if (Math.hypot(real[index], imaginary[index]) / zero >= AMPLITUDE_THRESHOLD) {
                cutoffIndex = index;
            }
        }
        if (cutoffIndex == 0) {
            return Double.NaN;
        }
        double arcLength = 0;
        double previous = 1;
        double normalisedStep = 1.0 / cutoffIndex;
        for (int index = 1; index <= cutoffIndex; index++) {
            double magnitude = Math.hypot(real[index], imaginary[index]) / zero;
            double change = magnitude - previous;
            arcLength += Math.sqrt(normalisedStep * normalisedStep + change * change);
            previous = magnitude;
        }
        return -arcLength;
    }

    /** In-place iterative radix-2 FFT of the whole arrays; the length must be a power of two. */
    static void fft(double[] real, double[] imaginary) {
        fft(real, imaginary, real.length);
    }

    /** In-place iterative radix-2 FFT of the first {@code n} elements; {@code n} must be a power of two. */
    static void fft(double[] real, double[] imaginary, int n) {
        for (int index = 1, reversed = 0; index < n; index++) {
            int bit = n >> 1;
            for (; (reversed & bit) != 0; bit >>= 1) {
                reversed ^= bit;
            }
            reversed ^= bit;
            if (index < reversed) {
                double swap = real[index];
                real[index] = real[reversed];
                real[reversed] = swap;
                swap = imaginary[index];
                imaginary[index] = imaginary[reversed];
                imaginary[reversed] = swap;
            }
        }
        for (int length = 2; length <= n; length <<= 1) {
            double angle = -2 * Math.PI / length;
            double stepReal = Math.cos(angle);
            double stepImaginary = Math.sin(angle);
            // each twiddle factor once per stage, for the butterflies of every block (a stage's butterflies
            // touch disjoint pairs, so their order does not matter)
            double twiddleReal = 1;
            double twiddleImaginary = 0;
            for (int offset = 0; offset < length / 2; offset++) {
                for (int start = 0; start < n; start += length) {
                    int even = start + offset;
                    int odd = even + length / 2;
                    double oddReal = real[odd] * twiddleReal - imaginary[odd] * twiddleImaginary;
                    double oddImaginary = real[odd] * twiddleImaginary + imaginary[odd] * twiddleReal;
                    real[odd] = real[even] - oddReal;
                    imaginary[odd] = imaginary[even] - oddImaginary;
                    real[even] += oddReal;
                    imaginary[even] += oddImaginary;
                }
                double nextReal = twiddleReal * stepReal - twiddleImaginary * stepImaginary;
                twiddleImaginary = twiddleReal * stepImaginary + twiddleImaginary * stepReal;
                twiddleReal = nextReal;
            }
        }
    }
}
