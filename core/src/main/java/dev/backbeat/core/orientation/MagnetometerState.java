// SPDX-License-Identifier: Apache-2.0 AND MIT
// Java port of VQF (https://github.com/dlaidig/vqf), Copyright (c) 2021 Daniel Laidig, MIT; see NOTICE.

package dev.backbeat.core.orientation;

/**
 * Everything the magnetometer heading correction of an {@link OrientationFilter9D} learns while it
 * runs: the recent strapdown orientations (latency compensation), the sums of the sensor-fixed
 * offset fit and the offset applied, the reference field and disturbance detection, and the heading
 * offset. Copied out and restored with {@link OrientationFilter9D#state()}; the content is internal.
 */
public final class MagnetometerState {

    /** Ring buffer of strapdown quaternions {@code g}, four doubles each; empty without latency compensation. */
    final double[] inertialHistory;
    int inertialHistoryNewest;
    long inertialHistoryCount;

    /** The sensor-fixed offset fit and the offset applied. */
    final MagneticOffsetFit.State offsetFit = new MagneticOffsetFit.State();

    double referenceNorm;
    double referenceDipRadians;
    double candidateNorm;
    double candidateDipRadians;
    double candidateSeconds;
    boolean disturbanceDetected;
    double undisturbedSeconds;
    final ButterworthLowPass.State normDipLowPass = new ButterworthLowPass.State(2);

    /** The heading offset {@code δ} of the 6D earth frame relative to East-North-Up and its gain. */
    final HeadingFilter.State heading = new HeadingFilter.State();

    MagnetometerState(int inertialHistoryLength) {
        this.inertialHistory = new double[4 * inertialHistoryLength];
    }

    /** The state before any sample; the heading gain starts with {@code maximumRejectionSeconds} used. */
    void reset(double maximumRejectionSeconds) {
        inertialHistoryNewest = 0;
        inertialHistoryCount = 0;
        offsetFit.reset();
        referenceNorm = 0;
        referenceDipRadians = 0;
        candidateNorm = -1;
        candidateDipRadians = 0;
        candidateSeconds = 0;
        disturbanceDetected = true;
        undisturbedSeconds = 0;
        normDipLowPass.reset();
        heading.reset(0, maximumRejectionSeconds);
    }

    void copyFrom(MagnetometerState other) {
        if (other.inertialHistory.length != inertialHistory.length) {
            throw new IllegalArgumentException("the state is of a filter with another magnetometer latency ("
                    + other.inertialHistory.length / 4 + " samples of history, this one " + inertialHistory.length / 4 + ")");
        }
        System.arraycopy(other.inertialHistory, 0, inertialHistory, 0, inertialHistory.length);
        inertialHistoryNewest = other.inertialHistoryNewest;
        inertialHistoryCount = other.inertialHistoryCount;
        offsetFit.copyFrom(other.offsetFit);
        referenceNorm = other.referenceNorm;
        referenceDipRadians = other.referenceDipRadians;
        candidateNorm = other.candidateNorm;
        candidateDipRadians = other.candidateDipRadians;
        candidateSeconds = other.candidateSeconds;
        disturbanceDetected = other.disturbanceDetected;
        undisturbedSeconds = other.undisturbedSeconds;
        normDipLowPass.copyFrom(other.normDipLowPass);
        heading.copyFrom(other.heading);
    }

    /** A deep copy. */
    public MagnetometerState copy() {
        MagnetometerState copy = new MagnetometerState(inertialHistory.length / 4);
        copy.copyFrom(this);
        return copy;
    }
}
