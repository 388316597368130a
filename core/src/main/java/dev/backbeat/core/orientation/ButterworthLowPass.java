// SPDX-License-Identifier: Apache-2.0 AND MIT
// Java port of VQF (https://github.com/dlaidig/vqf), Copyright (c) 2021 Daniel Laidig, MIT; see NOTICE.

package dev.backbeat.core.orientation;

/**
 * The coefficients of a second-order Butterworth low-pass; the filter's memory is a separate
 * {@link State} (one per filtered signal, any number of channels), so one set of coefficients serves
 * every signal filtered with the same time constant, and a filter's state can be copied and restored
 * with the rest of the orientation filter's state. Filters in place, with no allocation after
 * construction.
 *
 * <p>As VQF's {@code filterCoeffs} and {@code filterVec}: the cut-off frequency is chosen from a time
 * constant {@code tau} as {@code f_c = √2 / (2π τ)},
 * so that the step response has roughly the settling behaviour of a first-order filter with that
 * time constant. The discrete filter is the bilinear transform of the analogue prototype with
 * pre-warping, in direct form II transposed.
 *
 * <p>Start-up: for the first {@code τ / T_s} samples the output is the running mean of the inputs
 * seen so far (so the very first output equals the first input); then the state is set to the
 * steady state of that mean and the recursive filter takes over. This avoids the long transient of
 * a filter started from zero.
 */
final class ButterworthLowPass {

    /** The memory of one filtered signal. */
    static final class State {

        /** Direct form II transposed state; during warm-up {@code first} holds the running sums. */
        private final double[] first;
        private final double[] second;
        private int samplesSeen;
        private boolean warmedUp;

        State(int channels) {
            this.first = new double[channels];
            this.second = new double[channels];
        }

        void reset() {
            java.util.Arrays.fill(first, 0);
            java.util.Arrays.fill(second, 0);
            samplesSeen = 0;
            warmedUp = false;
        }

        void copyFrom(State other) {
            System.arraycopy(other.first, 0, first, 0, first.length);
            System.arraycopy(other.second, 0, second, 0, second.length);
            samplesSeen = other.samplesSeen;
            warmedUp = other.warmedUp;
        }

        int channels() {
            return first.length;
        }
    }

    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private final double warmUpSamples;

    ButterworthLowPass(double timeConstantSeconds, double samplePeriodSeconds) {
        if (!(timeConstantSeconds > 0) || !(samplePeriodSeconds > 0)) {
            throw new IllegalArgumentException("time constant and sample period must be positive");
        }
        double cutoffHz = Math.sqrt(2) / (2 * Math.PI) / timeConstantSeconds;
        double c = Math.tan(Math.PI * cutoffHz * samplePeriodSeconds);
        double d = c * c + Math.sqrt(2) * c + 1;
        this.b0 = c * c / d;
        this.b1 = 2 * b0;
        this.b2 = b0;
        this.a1 = 2 * (c * c - 1) / d;
        this.a2 = (1 - Math.sqrt(2) * c + c * c) / d;
        this.warmUpSamples = timeConstantSeconds / samplePeriodSeconds;
    }

    /** Skips the warm-up: sets {@code state} to the steady state of a constant input {@code values}. */
    void startAt(double[] values, State state) {
        for (int i = 0; i < state.first.length; i++) {
            state.first[i] = values[i] * (1 - b0);
            state.second[i] = values[i] * (b2 - a2);
        }
        state.samplesSeen = 0;
        state.warmedUp = true;
    }

    /** Replaces {@code values[0 .. channels-1]} by the filtered values, advancing {@code state}. */
    void filter(double[] values, State state) {
        if (!state.warmedUp) {
            warmUp(values, state);
            return;
        }
        double[] first = state.first;
        double[] second = state.second;
        for (int i = 0; i < first.length; i++) {
            double x = values[i];
            double y = b0 * x + first[i];
            first[i] = b1 * x - a1 * y + second[i];
            second[i] = b2 * x - a2 * y;
            values[i] = y;
        }
    }

    private void warmUp(double[] values, State state) {
        double[] first = state.first;
        state.samplesSeen++;
        double inverseCount = 1.0 / state.samplesSeen;
        for (int i = 0; i < first.length; i++) {
            first[i] += values[i];
            values[i] = first[i] * inverseCount;
        }
        if (state.samplesSeen >= warmUpSamples) {
            startAt(values, state);
        }
    }
}
