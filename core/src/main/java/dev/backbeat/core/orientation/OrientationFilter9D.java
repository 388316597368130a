// SPDX-License-Identifier: Apache-2.0 AND MIT
// Java port of VQF (https://github.com/dlaidig/vqf), Copyright (c) 2021 Daniel Laidig, MIT; see NOTICE.

package dev.backbeat.core.orientation;

import dev.backbeat.core.math.PackedQuaternion;
import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;

/**
 * Real-time 9D orientation estimation: a 6D {@link OrientationFilter} (gyroscope and accelerometer)
 * whose earth frame is turned to East-North-Up by a heading offset {@code δ} corrected from the
 * magnetometer ({@link MagneticHeadingCorrection}: VQF's heading correction and magnetic disturbance
 * rejection, ported from its reference implementation (see NOTICE), plus our magnetometer latency
 * compensation, sensor-fixed offset fit and first field reference at rest). The 9D orientation is
 * {@code δ ⊗ a ⊗ g}; the 6D result {@code a ⊗ g} never sees magnetic data, so it is exactly what an
 * {@link OrientationFilter} alone gives for the same samples.
 *
 * <p>Units: angular rate rad/s, acceleration m/s², magnetic field µT (any consistent unit works
 * for the magnetometer). Updates do not allocate. Not thread-safe.
 */
public final class OrientationFilter9D {

    /**
     * Everything an {@link OrientationFilter9D} has learned: its 6D filter's and its magnetometer
     * correction's state.
     */
    public record State(OrientationFilterState orientation, MagnetometerState magnetometer) {
    }

    private final OrientationFilter sixD;
    private final MagneticHeadingCorrection heading;
    private final MagnetometerState magnetometer;

    /**
     * @param settings the tuning, usually {@link OrientationFilterSettings#DEFAULTS}
     * @param sampleRateHz the rate at which {@code update} is called, Hz
     */
    public OrientationFilter9D(OrientationFilterSettings settings, double sampleRateHz) {
        this.sixD = new OrientationFilter(settings, sampleRateHz);
        this.heading = new MagneticHeadingCorrection(settings, sampleRateHz);
        this.magnetometer = heading.newState();
    }

    public OrientationFilterSettings settings() {
        return sixD.settings();
    }

    public double sampleRateHz() {
        return sixD.sampleRateHz();
    }

    /** Forgets everything learned: orientation, bias, rest, magnetic reference, offset and heading. */
    public void reset() {
        sixD.reset();
        heading.reset(magnetometer);
    }

    /** A copy of everything the filter has learned so far. Allocates. */
    public State state() {
        return new State(sixD.state(), magnetometer.copy());
    }

    /**
     * Continues from {@code saved} (copies are taken), as if this filter had produced it.
     *
     * @throws IllegalArgumentException if {@code saved} is of a filter with another magnetometer
     *     latency in samples
     */
    public void setState(State saved) {
        magnetometer.copyFrom(saved.magnetometer());
        sixD.setState(saved.orientation());
    }

    /**
     * A 6D step (see {@link OrientationFilter#update}) without a magnetometer sample: the heading
     * offset stays as it is.
     */
    public void update(double gyrX, double gyrY, double gyrZ, double accX, double accY, double accZ) {
        sixD.update(gyrX, gyrY, gyrZ, accX, accY, accZ);
        heading.rememberInertialOrientation(magnetometer, sixD.state);
    }

    /**
     * One 9D step: the 6D step, then the heading offset is corrected from the magnetometer (µT,
     * sensor frame). A zero or non-finite magnetometer sample leaves the heading offset unchanged.
     */
    public void update(double gyrX, double gyrY, double gyrZ, double accX, double accY, double accZ,
                       double magX, double magY, double magZ) {
        update(gyrX, gyrY, gyrZ, accX, accY, accZ);
        if (!(Double.isFinite(magX) && Double.isFinite(magY) && Double.isFinite(magZ))
                || (magX == 0 && magY == 0 && magZ == 0)) {
            return;
        }
        heading.correct(magnetometer, sixD.state, magX, magY, magZ);
    }

    /** The 6D orientation {@code a ⊗ g}: sensor frame relative to an earth frame with z up. Allocates. */
    public Quaternion orientation6D() {
        return sixD.orientation6D();
    }

    /** The 9D orientation {@code δ ⊗ a ⊗ g}: sensor frame relative to East-North-Up. Allocates. */
    public Quaternion orientation9D() {
        double[] q = new double[4];
        copyOrientation9D(q);
        return new Quaternion(q[0], q[1], q[2], q[3]);
    }

    /** Writes the 6D orientation (w, x, y, z) into {@code wxyz[0..3]}; no allocation. */
    public void copyOrientation6D(double[] wxyz) {
        sixD.copyOrientation6D(wxyz);
    }

    /** Writes the 9D orientation (w, x, y, z) into {@code wxyz[0..3]}; no allocation. */
    public void copyOrientation9D(double[] wxyz) {
        sixD.copyOrientation6D(wxyz);
        PackedQuaternion.rotateAboutVertical(wxyz, 0, magnetometer.heading.offsetRadians, wxyz, 0);
    }

    /** The current heading offset between the 6D frame and East-North-Up, rad. */
    public double headingOffsetRadians() {
        return magnetometer.heading.offsetRadians;
    }

    /** A snapshot of the 6D part: rest, bias, rejected samples. Allocates. */
    public OrientationDiagnostics diagnostics() {
        return sixD.diagnostics();
    }

    /** A snapshot of the magnetometer part: disturbance and sensor-fixed offset. Allocates. */
    public MagneticDiagnostics magneticDiagnostics() {
        double[] offset = magnetometer.offsetFit.offset;
        return new MagneticDiagnostics(magnetometer.disturbanceDetected, new Vector3(offset[0], offset[1], offset[2]));
    }

    // ---- for the offline estimator ----

    OrientationFilter sixD() {
        return sixD;
    }

    boolean magneticDisturbanceDetected() {
        return magnetometer.disturbanceDetected;
    }

    /** Writes the sensor-fixed magnetic offset (µT) into {@code out[0..2]}. */
    void copyMagneticOffset(double[] out) {
        System.arraycopy(magnetometer.offsetFit.offset, 0, out, 0, 3);
    }
}
