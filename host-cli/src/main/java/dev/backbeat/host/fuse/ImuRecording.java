// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.fuse;

/**
 * A whole IMU recording as column arrays, read from CSV by {@link ImuCsvReader}.
 *
 * @param timeSeconds sample times, s, strictly increasing
 * @param gyroscope angular rate, rad/s, interleaved x, y, z per sample
 * @param accelerometer specific force, m/s², interleaved
 * @param magnetometer magnetic field, µT, interleaved; {@code null} when the file has no magnetometer columns
 */
public record ImuRecording(double[] timeSeconds, double[] gyroscope, double[] accelerometer, double[] magnetometer) {

    public int sampleCount() {
        return timeSeconds.length;
    }

    public boolean hasMagnetometer() {
        return magnetometer != null;
    }

    /** The mean sampling rate from the first and last time stamps, Hz. */
    public double sampleRateFromTimeHz() {
        int n = timeSeconds.length;
        if (n < 2) {
            return Double.NaN;
        }
        return (n - 1) / (timeSeconds[n - 1] - timeSeconds[0]);
    }
}
