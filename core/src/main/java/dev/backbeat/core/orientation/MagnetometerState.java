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

    /** Exponentially weighted sums of the offset fit: {@code Σ R}, {@code Σ R m}, {@code Σ m}. */
    final double[] offsetRotationSum = new double[9];
    final double[] offsetEarthFieldSum = new double[3];
    final double[] offsetSensorFieldSum = new double[3];
    /** Sum of weights {@code s} and weighted sum of squared field norms of the offset fit. */
    double offsetWeightSum;
    double offsetSquaredNormSum;
    double offsetSeconds;
    /** The sensor-fixed magnetic offset subtracted from every magnetometer sample, µT. */
    final double[] offset = new double[3];

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
        java.util.Arrays.fill(offsetRotationSum, 0);
        java.util.Arrays.fill(offsetEarthFieldSum, 0);
        java.util.Arrays.fill(offsetSensorFieldSum, 0);
        offsetWeightSum = 0;
        offsetSquaredNormSum = 0;
        offsetSeconds = 0;
        java.util.Arrays.fill(offset, 0);
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
        System.arraycopy(other.offsetRotationSum, 0, offsetRotationSum, 0, 9);
        System.arraycopy(other.offsetEarthFieldSum, 0, offsetEarthFieldSum, 0, 3);
        System.arraycopy(other.offsetSensorFieldSum, 0, offsetSensorFieldSum, 0, 3);
        offsetWeightSum = other.offsetWeightSum;
        offsetSquaredNormSum = other.offsetSquaredNormSum;
        offsetSeconds = other.offsetSeconds;
        System.arraycopy(other.offset, 0, offset, 0, 3);
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
