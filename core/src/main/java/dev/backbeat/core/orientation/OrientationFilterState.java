// SPDX-License-Identifier: Apache-2.0 AND MIT
// Java port of VQF (https://github.com/dlaidig/vqf), Copyright (c) 2021 Daniel Laidig, MIT; see NOTICE.

package dev.backbeat.core.orientation;

import dev.backbeat.core.math.PackedQuaternion;

/**
 * Everything a 6D {@link OrientationFilter} learns while it runs (VQF's state): the strapdown and
 * inclination quaternions, the gyroscope bias and its covariance, rest detection and the memory of
 * its low-pass filters. {@link OrientationFilter#state()} hands out a copy and
 * {@link OrientationFilter#setState} restores one, so a filter can be paused, saved and resumed, or
 * two filters compared; the content is otherwise internal.
 */
public final class OrientationFilterState {

    /** Strapdown quaternion {@code g}: sensor frame relative to the almost-inertial frame (w, x, y, z). */
    final double[] inertial = new double[4];
    /** Inclination correction {@code a}: almost-inertial frame relative to the 6D earth frame. */
    final double[] inclination = new double[4];
    /** Gyroscope bias estimate, sensor frame, rad/s. */
    final double[] bias = new double[3];
    /** Bias covariance, row-major 3×3, in (0.01 °/s)². */
    final double[] biasCovariance = new double[9];
    boolean restDetected;
    double restDurationSeconds;
    /** The low-passed gyroscope and accelerometer of the rest detection (rad/s, m/s²). */
    final double[] restGyroscopeFiltered = new double[3];
    final double[] restAccelerometerFiltered = new double[3];
    boolean accelerometerSampleRejected;
    long samplesProcessed;
    final ButterworthLowPass.State accelerometerLowPass = new ButterworthLowPass.State(3);
    final ButterworthLowPass.State rotationMatrixLowPass = new ButterworthLowPass.State(9);
    final ButterworthLowPass.State rotatedBiasLowPass = new ButterworthLowPass.State(2);
    final ButterworthLowPass.State restGyroscopeLowPass = new ButterworthLowPass.State(3);
    final ButterworthLowPass.State restAccelerometerLowPass = new ButterworthLowPass.State(3);

    OrientationFilterState() {
    }

    /** The state of a filter that has seen nothing, with the bias variance {@code biasInitialVariance}. */
    void reset(double biasInitialVariance) {
        PackedQuaternion.setIdentity(inertial, 0);
        PackedQuaternion.setIdentity(inclination, 0);
        java.util.Arrays.fill(bias, 0);
        java.util.Arrays.fill(biasCovariance, 0);
        biasCovariance[0] = biasCovariance[4] = biasCovariance[8] = biasInitialVariance;
        restDetected = false;
        restDurationSeconds = 0;
        java.util.Arrays.fill(restGyroscopeFiltered, 0);
        java.util.Arrays.fill(restAccelerometerFiltered, 0);
        accelerometerSampleRejected = false;
        samplesProcessed = 0;
        accelerometerLowPass.reset();
        rotationMatrixLowPass.reset();
        rotatedBiasLowPass.reset();
        restGyroscopeLowPass.reset();
        restAccelerometerLowPass.reset();
    }

    void copyFrom(OrientationFilterState other) {
        System.arraycopy(other.inertial, 0, inertial, 0, 4);
        System.arraycopy(other.inclination, 0, inclination, 0, 4);
        System.arraycopy(other.bias, 0, bias, 0, 3);
        System.arraycopy(other.biasCovariance, 0, biasCovariance, 0, 9);
        restDetected = other.restDetected;
        restDurationSeconds = other.restDurationSeconds;
        System.arraycopy(other.restGyroscopeFiltered, 0, restGyroscopeFiltered, 0, 3);
        System.arraycopy(other.restAccelerometerFiltered, 0, restAccelerometerFiltered, 0, 3);
        accelerometerSampleRejected = other.accelerometerSampleRejected;
        samplesProcessed = other.samplesProcessed;
        accelerometerLowPass.copyFrom(other.accelerometerLowPass);
        rotationMatrixLowPass.copyFrom(other.rotationMatrixLowPass);
        rotatedBiasLowPass.copyFrom(other.rotatedBiasLowPass);
        restGyroscopeLowPass.copyFrom(other.restGyroscopeLowPass);
        restAccelerometerLowPass.copyFrom(other.restAccelerometerLowPass);
    }

    /** A deep copy. */
    public OrientationFilterState copy() {
        OrientationFilterState copy = new OrientationFilterState();
        copy.copyFrom(this);
        return copy;
    }
}
