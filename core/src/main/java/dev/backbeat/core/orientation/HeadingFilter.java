// SPDX-License-Identifier: Apache-2.0 AND MIT
// Java port of VQF (https://github.com/dlaidig/vqf), Copyright (c) 2021 Daniel Laidig, MIT; see NOTICE.

package dev.backbeat.core.orientation;

/**
 * The first-order filter of the heading offset {@code δ} towards the magnetometer's heading,
 * shared by the real-time {@link OrientationFilter9D} and both passes of the
 * {@link OfflineOrientationEstimator}: the gain is suspended for up to
 * {@code magneticMaximumRejectionTimeSeconds} of a magnetic disturbance and reduced after that, and
 * raised to a running mean during the first {@code magnetometerTimeConstantSeconds} so the first
 * heading is found at once. Holds the coefficients; the memory is a {@link State}.
 */
final class HeadingFilter {

    /** The memory of one heading filter. */
    static final class State {
        /** The filtered heading offset, rad in [−π, π]. */
        double offsetRadians;
        /** Time the gain has been suspended, paid back at the rejection factor when undisturbed, s. */
        double rejectionSeconds;
        /** Lower bound 1/N for the gain during start-up, zero once the start-up is over. */
        double startUpGain;

        /** Starts from {@code offsetRadians} with {@code rejectionSeconds} of rejection already used. */
        void reset(double offsetRadians, double rejectionSeconds) {
            this.offsetRadians = offsetRadians;
            this.rejectionSeconds = rejectionSeconds;
            this.startUpGain = 1;
        }

        void copyFrom(State other) {
            offsetRadians = other.offsetRadians;
            rejectionSeconds = other.rejectionSeconds;
            startUpGain = other.startUpGain;
        }
    }

    private final OrientationFilterSettings settings;
    private final double samplePeriodSeconds;
    private final double gain;

    HeadingFilter(OrientationFilterSettings settings, double samplePeriodSeconds) {
        this.settings = settings;
        this.samplePeriodSeconds = samplePeriodSeconds;
        this.gain = 1 - Math.exp(-samplePeriodSeconds / settings.magnetometerTimeConstantSeconds());
    }

    /** One step towards {@code headingRadians} (the magnetometer's); returns the new offset. */
    double update(State state, double headingRadians, boolean disturbed) {
        double disagreement = wrapAngle(headingRadians - state.offsetRadians);
        double k = gain(state, disturbed);
        state.offsetRadians = wrapAngle(state.offsetRadians + k * disagreement);
        return state.offsetRadians;
    }

    /** The gain for this sample: suspended or reduced during a disturbance, raised at start-up. */
    private double gain(State state, boolean disturbed) {
        double k = gain;
        double ts = samplePeriodSeconds;
        if (settings.magneticDisturbanceRejectionEnabled()) {
            if (disturbed) {
                if (state.rejectionSeconds <= settings.magneticMaximumRejectionTimeSeconds()) {
                    state.rejectionSeconds += ts;
                    k = 0;
                } else {
                    k /= settings.magneticRejectionFactor();
                }
            } else {
                state.rejectionSeconds =
                        Math.max(state.rejectionSeconds - settings.magneticRejectionFactor() * ts, 0);
            }
        }
        if (state.startUpGain != 0) {
            // the gain is at least 1/N for the N-th sample, i.e. a running mean, until tau has passed
            if (k < state.startUpGain) {
                k = state.startUpGain;
            }
            state.startUpGain = state.startUpGain / (state.startUpGain + 1);
            if (state.startUpGain * settings.magnetometerTimeConstantSeconds() < ts) {
                state.startUpGain = 0;
            }
        }
        return k;
    }

    /** {@code radians} moved into [−π, π] (for values within one turn of it). */
    static double wrapAngle(double radians) {
        if (radians > Math.PI) {
            return radians - 2 * Math.PI;
        }
        if (radians < -Math.PI) {
            return radians + 2 * Math.PI;
        }
        return radians;
    }
}
