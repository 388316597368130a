// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.orientation;

import dev.backbeat.core.math.Matrix3;
import dev.backbeat.core.math.PackedQuaternion;

/**
 * Our addition to VQF in {@link OrientationFilter9D}: a sensor-fixed magnetic offset (hard iron, such
 * as a magnet attached to the sensor), fitted over a short exponential window from the requirement
 * that the field, seen in the 6D earth frame, be the same at every orientation once the offset is
 * removed (see {@link #update}). Holds the coefficients; the memory is a {@link State}.
 */
final class MagneticOffsetFit {

    /** The memory of the fit, and the offset it applies. */
    static final class State {
        /** Exponentially weighted sums of the fit: {@code Σ R}, {@code Σ R m}, {@code Σ m}. */
        final double[] rotationSum = new double[9];
        final double[] earthFieldSum = new double[3];
        final double[] sensorFieldSum = new double[3];
        /** Sum of weights {@code s} and weighted sum of squared field norms. */
        double weightSum;
        double squaredNormSum;
        /** Time the fit has been running, s. */
        double seconds;
        /** The sensor-fixed magnetic offset subtracted from every magnetometer sample, sensor frame, µT. */
        final double[] offset = new double[3];

        void reset() {
            java.util.Arrays.fill(rotationSum, 0);
            java.util.Arrays.fill(earthFieldSum, 0);
            java.util.Arrays.fill(sensorFieldSum, 0);
            weightSum = 0;
            squaredNormSum = 0;
            seconds = 0;
            java.util.Arrays.fill(offset, 0);
        }

        void copyFrom(State other) {
            System.arraycopy(other.rotationSum, 0, rotationSum, 0, 9);
            System.arraycopy(other.earthFieldSum, 0, earthFieldSum, 0, 3);
            System.arraycopy(other.sensorFieldSum, 0, sensorFieldSum, 0, 3);
            weightSum = other.weightSum;
            squaredNormSum = other.squaredNormSum;
            seconds = other.seconds;
            System.arraycopy(other.offset, 0, offset, 0, 3);
        }
    }

    /** The magnetic offset fit is solved every this many samples (a power of two). */
    private static final int SOLVE_INTERVAL_SAMPLES = 16;
    /**
     * Rotation spread needed for an offset fit: the smallest of the normalised eigenvalue measures
     * {@code det(M) / (tr(M)/3)³} of {@code M = s²I − SᵀS} (1 for rotations spread evenly over all
     * axes, 0 for rotation about one axis only, where the offset along that axis is unobservable).
     */
    private static final double MINIMUM_SPREAD = 0.2;
    /** Smallest {@code tr(M)/s²} (0 without rotation, up to 3) for an offset fit. */
    private static final double MINIMUM_ROTATION = 0.3;
    /** A fitted offset must leave less than this fraction of the squared residual of the applied one. */
    private static final double RESIDUAL_RATIO = 0.3;

    private final OrientationFilterSettings settings;
    private final double samplePeriodSeconds;
    /** Forgetting factor of the fit per sample. */
    private final double forgetting;

    // ---- scratch of one update ----
    private final double[] rotation = new double[9];
    private final double[] normalMatrix = new double[9];
    /** {@code |c|²} of the last {@link #residual}. */
    private double fieldSquared;

    /** For a positive {@code magneticOffsetTimeConstantSeconds}. */
    MagneticOffsetFit(OrientationFilterSettings settings, double samplePeriodSeconds) {
        this.settings = settings;
        this.samplePeriodSeconds = samplePeriodSeconds;
        this.forgetting = Math.exp(-samplePeriodSeconds / settings.magneticOffsetTimeConstantSeconds());
    }

    /**
     * Fits a sensor-fixed magnetic offset {@code b} and the field {@code c} in the 6D earth frame to
     * {@code R m = c + R b} over an exponentially weighted window ({@code R}: rotation of the 6D
     * orientation, {@code m}: raw field). The normal equations reduce to the 3×3 system
     * {@code (s²I − SᵀS) b = s Σm − Sᵀ Σ(R m)} with {@code s = Σ1}, {@code S = ΣR}, solved every
     * few samples. A fit counts only when the rotations spread enough to make every component
     * observable and it explains the field to within the norm threshold. An offset is first applied
     * when it exceeds the norm threshold and explains the field much better than none; once applied,
     * it follows every fit that is no worse, and returns to zero when the fitted offset falls below
     * the threshold (smaller offsets are tolerated by the disturbance detection).
     */
    void update(State state, double[] orientation6D, long samplesProcessed, double mx, double my, double mz) {
        double[] r = rotation;
        PackedQuaternion.toRotationMatrix(orientation6D, 0, r);
        double lambda = forgetting;
        double[] rs = state.rotationSum;
        for (int i = 0; i < 9; i++) {
            rs[i] = lambda * rs[i] + r[i];
        }
        double[] ys = state.earthFieldSum;
        ys[0] = lambda * ys[0] + r[0] * mx + r[1] * my + r[2] * mz;
        ys[1] = lambda * ys[1] + r[3] * mx + r[4] * my + r[5] * mz;
        ys[2] = lambda * ys[2] + r[6] * mx + r[7] * my + r[8] * mz;
        double[] ms = state.sensorFieldSum;
        ms[0] = lambda * ms[0] + mx;
        ms[1] = lambda * ms[1] + my;
        ms[2] = lambda * ms[2] + mz;
        state.weightSum = lambda * state.weightSum + 1;
        state.squaredNormSum = lambda * state.squaredNormSum + mx * mx + my * my + mz * mz;
        state.seconds += samplePeriodSeconds;
        if ((samplesProcessed & (SOLVE_INTERVAL_SAMPLES - 1)) != 0
                || state.seconds < settings.magneticOffsetTimeConstantSeconds()) {
            return;
        }
        solve(state);
    }

    private void solve(State state) {
        double s = state.weightSum;
        double[] rs = state.rotationSum;
        double[] ys = state.earthFieldSum;
        double[] ms = state.sensorFieldSum;
        double[] m = normalMatrix;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[3 * i + j] = (i == j ? s * s : 0) - (rs[i] * rs[j] + rs[3 + i] * rs[3 + j] + rs[6 + i] * rs[6 + j]);
            }
        }
        double trace = m[0] + m[4] + m[8];
        double determinant = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
        double third = trace / 3;
        if (!(trace > MINIMUM_ROTATION * s * s)
                || !(determinant > MINIMUM_SPREAD * third * third * third)) {
            return;
        }
        double vx = s * ms[0] - (rs[0] * ys[0] + rs[3] * ys[1] + rs[6] * ys[2]);
        double vy = s * ms[1] - (rs[1] * ys[0] + rs[4] * ys[1] + rs[7] * ys[2]);
        double vz = s * ms[2] - (rs[2] * ys[0] + rs[5] * ys[1] + rs[8] * ys[2]);
        Matrix3.invertInPlace(m);
        double bx = m[0] * vx + m[1] * vy + m[2] * vz;
        double by = m[3] * vx + m[4] * vy + m[5] * vz;
        double bz = m[6] * vx + m[7] * vy + m[8] * vz;
        double fitted = residual(state, bx, by, bz);
        double fittedFieldSquared = fieldSquared;
        double[] offset = state.offset;
        double applied = residual(state, offset[0], offset[1], offset[2]);
        double threshold = OrientationFilterCoefficients.square(settings.magneticNormThresholdRelative());
        if (!(fitted < threshold * fittedFieldSquared * s)) {
            return; // the field is not explained by any sensor-fixed offset: a disturbance, or turning too fast
        }
        boolean offsetApplied = offset[0] != 0 || offset[1] != 0 || offset[2] != 0;
        boolean large = bx * bx + by * by + bz * bz >= threshold * fittedFieldSquared;
        if (offsetApplied ? fitted <= applied : large && fitted < RESIDUAL_RATIO * applied) {
            // offsets below the norm threshold are not worth the risk: the disturbance detection tolerates them
            offset[0] = large ? bx : 0;
            offset[1] = large ? by : 0;
            offset[2] = large ? bz : 0;
        }
    }

    /**
     * Weighted sum of squared residuals {@code Σ|R m − c − R b|²} of the offset fit for offset
     * {@code b} with the best field {@code c = (Σ R m − S b) / s}; leaves {@code |c|²} in
     * {@link #fieldSquared}.
     */
    private double residual(State state, double bx, double by, double bz) {
        double s = state.weightSum;
        double[] rs = state.rotationSum;
        double[] ys = state.earthFieldSum;
        double[] ms = state.sensorFieldSum;
        double sbx = rs[0] * bx + rs[1] * by + rs[2] * bz;
        double sby = rs[3] * bx + rs[4] * by + rs[5] * bz;
        double sbz = rs[6] * bx + rs[7] * by + rs[8] * bz;
        double cx = (ys[0] - sbx) / s;
        double cy = (ys[1] - sby) / s;
        double cz = (ys[2] - sbz) / s;
        fieldSquared = cx * cx + cy * cy + cz * cz;
        // Σ|y|² + s|c|² + s|b|² − 2 c·Σy − 2 b·Σm + 2 cᵀ S b, using |R m| = |m| and (R m)·(R b) = m·b
        return state.squaredNormSum + s * fieldSquared + s * (bx * bx + by * by + bz * bz)
                - 2 * (cx * ys[0] + cy * ys[1] + cz * ys[2]) - 2 * (bx * ms[0] + by * ms[1] + bz * ms[2])
                + 2 * (cx * sbx + cy * sby + cz * sbz);
    }
}
