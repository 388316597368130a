// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.recording;

import dev.backbeat.core.session.SensorTrack;

/**
 * A sensor track's samples on its own sample grid, with the samples it lost filled in: the
 * orientation filters step one sample period per sample, so a sample lost (a radio link dropping
 * one, a busy reader) would lose the rotation made while it was missing: with 2 % of its samples lost,
 * about 2 % of every rotation, and the error stays (simulated sessions read up to 1.6° and 2.5° off,
 * {@code LostSamplesAnalysisTest}). Where a sample lands one or more grid
 * slots after the next one due (a loss no longer than a gap, {@link SampleGaps#limitSeconds}), each
 * skipped slot gets a sample, the linear interpolation of the samples on either side. A gap stays a
 * gap: its angles are blanked and the analysis splits there.
 */
public final class LostSamples {

    /**
     * How far the grid moves towards each sample's timestamp (default 0.1: it follows over about ten
     * samples). Each sample is placed on the grid slot nearest its timestamp counted from the grid's
     * time of the sample before, so timestamp jitter of up to about 0.4 periods is not taken for a
     * lost sample, and a sensor clock off by ±200 ppm is followed.
     */
    static final double GRID_FOLLOWING = 0.1;

    private final double[] gyroscope;
    private final double[] accelerometer;
    private final int[] gridIndex;
    private final int filledCount;

    private LostSamples(double[] gyroscope, double[] accelerometer, int[] gridIndex, int filledCount) {
        this.gyroscope = gyroscope;
        this.accelerometer = accelerometer;
        this.gridIndex = gridIndex;
        this.filledCount = filledCount;
    }

    /**
     * The track's samples with its lost samples filled, on the grid of {@code sampleRateHz} (its
     * median rate).
     */
    public static LostSamples fill(SensorTrack track, double sampleRateHz) {
        int n = track.sampleCount();
        double[] gyroscope = track.gyroscopeInterleaved();
        double[] accelerometer = track.accelerometerInterleaved();
        double periodSeconds = 1 / sampleRateHz;
        double gapSeconds = SampleGaps.limitSeconds(periodSeconds);
        int[] skipped = new int[n];
        int filledCount = 0;
        // the grid's time of the last sample: it follows the timestamps slowly, so a sample read late
        // (and the next on time) is not taken for a loss, and a clock a little fast or slow is followed
        double gridSeconds = n == 0 ? 0 : track.timeSeconds(0);
        for (int index = 1; index < n; index++) {
            double timeSeconds = track.timeSeconds(index);
            double stepSeconds = timeSeconds - track.timeSeconds(index - 1);
            if (!(stepSeconds > 0) || stepSeconds > gapSeconds) {
                gridSeconds = timeSeconds; // a gap (or time not moving on): the grid starts again
                continue;
            }
            long periods = Math.max(1, Math.round((timeSeconds - gridSeconds) / periodSeconds));
            if (periods >= 2) {
                skipped[index] = (int) (periods - 1);
                filledCount += skipped[index];
            }
            gridSeconds += periods * periodSeconds;
            gridSeconds += GRID_FOLLOWING * (timeSeconds - gridSeconds);
        }
        int[] gridIndex = new int[n];
        if (filledCount == 0) {
            for (int index = 0; index < n; index++) {
                gridIndex[index] = index;
            }
            return new LostSamples(gyroscope, accelerometer, gridIndex, 0);
        }
        double[] filledGyroscope = new double[3 * (n + filledCount)];
        double[] filledAccelerometer = new double[3 * (n + filledCount)];
        int grid = 0;
        for (int index = 0; index < n; index++) {
            for (int lost = 1; lost <= skipped[index]; lost++) {
                double fraction = lost / (skipped[index] + 1.0);
                for (int axis = 0; axis < 3; axis++) {
                    int before = 3 * (index - 1) + axis;
                    int after = 3 * index + axis;
                    filledGyroscope[3 * grid + axis] = gyroscope[before] + fraction * (gyroscope[after] - gyroscope[before]);
                    filledAccelerometer[3 * grid + axis] =
                            accelerometer[before] + fraction * (accelerometer[after] - accelerometer[before]);
                }
                grid++;
            }
            System.arraycopy(gyroscope, 3 * index, filledGyroscope, 3 * grid, 3);
            System.arraycopy(accelerometer, 3 * index, filledAccelerometer, 3 * grid, 3);
            gridIndex[index] = grid;
            grid++;
        }
        return new LostSamples(filledGyroscope, filledAccelerometer, gridIndex, filledCount);
    }

    /** Angular rate, rad/s, interleaved x, y, z per grid sample (the track's own and the filled ones). */
    public double[] gyroscopeInterleaved() {
        return gyroscope;
    }

    /** Specific force, m/s², interleaved x, y, z per grid sample. */
    public double[] accelerometerInterleaved() {
        return accelerometer;
    }

    /** Samples on the grid: the track's own and the filled ones. */
    public int gridSampleCount() {
        return gyroscope.length / 3;
    }

    /** Where the track's sample {@code index} is on the grid. */
    public int gridIndex(int index) {
        return gridIndex[index];
    }

    /** How many samples were filled in. */
    public int filledCount() {
        return filledCount;
    }
}
