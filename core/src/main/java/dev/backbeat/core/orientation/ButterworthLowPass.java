package dev.backbeat.core.orientation;

/**
 * A second-order Butterworth low-pass over a fixed number of channels, filtering in place, with no
 * allocation after construction.
 *
 * <p>The cut-off frequency is chosen from a time constant {@code tau} as {@code f_c = √2 / (2π τ)},
 * so that the step response has roughly the settling behaviour of a first-order filter with that
 * time constant (as in Laidig &amp; Seel 2023, arXiv:2203.17024, section on the inclination
 * correction). The discrete filter is the bilinear transform of the analogue prototype with
 * pre-warping, in direct form II transposed.
 *
 * <p>Start-up: for the first {@code τ / T_s} samples the output is the running mean of the inputs
 * seen so far (so the very first output equals the first input); then the state is set to the
 * steady state of that mean and the recursive filter takes over. This avoids the long transient of
 * a filter started from zero.
 */
final class ButterworthLowPass {

    private final int channels;
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private final double warmUpSamples;

    /** Direct form II transposed state; during warm-up {@code firstState} holds the running sums. */
    private final double[] firstState;
    private final double[] secondState;
    private int samplesSeen;
    private boolean warmedUp;

    ButterworthLowPass(int channels, double timeConstantSeconds, double samplePeriodSeconds) {
        if (!(timeConstantSeconds > 0) || !(samplePeriodSeconds > 0)) {
            throw new IllegalArgumentException("time constant and sample period must be positive");
        }
        this.channels = channels;
        double cutoffHz = Math.sqrt(2) / (2 * Math.PI) / timeConstantSeconds;
        double c = Math.tan(Math.PI * cutoffHz * samplePeriodSeconds);
        double d = c * c + Math.sqrt(2) * c + 1;
        this.b0 = c * c / d;
        this.b1 = 2 * b0;
        this.b2 = b0;
        this.a1 = 2 * (c * c - 1) / d;
        this.a2 = (1 - Math.sqrt(2) * c + c * c) / d;
        this.warmUpSamples = timeConstantSeconds / samplePeriodSeconds;
        this.firstState = new double[channels];
        this.secondState = new double[channels];
        reset();
    }

    void reset() {
        java.util.Arrays.fill(firstState, 0);
        java.util.Arrays.fill(secondState, 0);
        samplesSeen = 0;
        warmedUp = false;
    }

    /** Skips the warm-up: sets the state to the steady state of a constant input {@code values}. */
    void startAt(double[] values) {
        for (int i = 0; i < channels; i++) {
            firstState[i] = values[i] * (1 - b0);
            secondState[i] = values[i] * (b2 - a2);
        }
        samplesSeen = 0;
        warmedUp = true;
    }

    /** Replaces {@code values[0 .. channels-1]} by the filtered values. */
    void filter(double[] values) {
        if (!warmedUp) {
            warmUp(values);
            return;
        }
        for (int i = 0; i < channels; i++) {
            double x = values[i];
            double y = b0 * x + firstState[i];
            firstState[i] = b1 * x - a1 * y + secondState[i];
            secondState[i] = b2 * x - a2 * y;
            values[i] = y;
        }
    }

    private void warmUp(double[] values) {
        samplesSeen++;
        double inverseCount = 1.0 / samplesSeen;
        for (int i = 0; i < channels; i++) {
            firstState[i] += values[i];
            values[i] = firstState[i] * inverseCount;
        }
        if (samplesSeen >= warmUpSamples) {
            for (int i = 0; i < channels; i++) {
                double mean = values[i];
                firstState[i] = mean * (1 - b0);
                secondState[i] = mean * (b2 - a2);
            }
            warmedUp = true;
        }
    }
}
