// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.fuse;

import dev.backbeat.core.orientation.OfflineOrientationEstimator;
import dev.backbeat.core.orientation.OrientationFilter;
import dev.backbeat.core.orientation.OrientationFilter9D;
import dev.backbeat.core.orientation.OrientationFilterSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The work behind {@code backbeat fuse}: reads an IMU recording, estimates the orientation of every
 * sample and writes it. 9D (relative to East-North-Up) when magnetometer columns are present and
 * used, otherwise 6D (heading relative to the start).
 */
public final class OrientationFusion {

    /** What was done, for the command to report. */
    public record Summary(int samples, double sampleRateHz, boolean usedMagnetometer) {
    }

    private final OrientationFilterSettings settings;

    public OrientationFusion(OrientationFilterSettings settings) {
        this.settings = settings;
    }

    /**
     * @param sampleRateHz the rate to use, or NaN to take it from {@code time_s}
     * @throws FuseInputException if the input is unreadable or malformed
     * @throws IOException if the output cannot be written
     */
    public Summary fuse(Path input, Path output, double sampleRateHz, boolean useMagnetometer) throws IOException {
        return fuse(input, output, sampleRateHz, useMagnetometer, false);
    }

    /**
     * @param offline use the acausal {@link OfflineOrientationEstimator} (every estimate also uses later samples)
     *     instead of the real-time filter
     */
    public Summary fuse(Path input, Path output, double sampleRateHz, boolean useMagnetometer, boolean offline)
            throws IOException {
        return fuse(input, Optional.empty(), output, sampleRateHz, useMagnetometer, offline);
    }

    /** @param sensor only this sensor's rows of a file with a {@code sensor} column */
    public Summary fuse(Path input, Optional<String> sensor, Path output, double sampleRateHz, boolean useMagnetometer,
                        boolean offline) throws IOException {
        ImuRecording recording = ImuCsvReader.read(input, sensor);
        double rate = Double.isNaN(sampleRateHz) ? recording.sampleRateFromTimeHz() : sampleRateHz;
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new FuseInputException(input + ": cannot take the sample rate from time_s (need at least two rows;"
                    + " give --rate)", 0);
        }
        boolean nineD = useMagnetometer && recording.hasMagnetometer();
        double[] quaternions = offline ? estimateOffline(recording, rate, nineD) : estimate(recording, rate, nineD);
        OrientationCsvWriter.write(output, recording.timeSeconds(), quaternions);
        return new Summary(recording.sampleCount(), rate, nineD);
    }

    /** Runs the acausal estimator over the whole recording; interleaved w, x, y, z per sample. */
    public double[] estimateOffline(ImuRecording recording, double sampleRateHz, boolean nineD) {
        OfflineOrientationEstimator.Result result = new OfflineOrientationEstimator(settings, sampleRateHz)
                .estimate(recording.gyroscope(), recording.accelerometer(), nineD ? recording.magnetometer() : null);
        return nineD ? result.orientation9D() : result.orientation6D();
    }

    /** Runs the real-time filter over the recording; interleaved w, x, y, z per sample. */
    public double[] estimate(ImuRecording recording, double sampleRateHz, boolean nineD) {
        int n = recording.sampleCount();
        double[] out = new double[4 * n];
        double[] q = new double[4];
        double[] g = recording.gyroscope();
        double[] a = recording.accelerometer();
        double[] m = recording.magnetometer();
        if (nineD) {
            OrientationFilter9D filter = new OrientationFilter9D(settings, sampleRateHz);
            for (int i = 0; i < n; i++) {
                int j = 3 * i;
                filter.update(g[j], g[j + 1], g[j + 2], a[j], a[j + 1], a[j + 2], m[j], m[j + 1], m[j + 2]);
                filter.copyOrientation9D(q);
                System.arraycopy(q, 0, out, 4 * i, 4);
            }
        } else {
            OrientationFilter filter = new OrientationFilter(settings, sampleRateHz);
            for (int i = 0; i < n; i++) {
                int j = 3 * i;
                filter.update(g[j], g[j + 1], g[j + 2], a[j], a[j + 1], a[j + 2]);
                filter.copyOrientation6D(q);
                System.arraycopy(q, 0, out, 4 * i, 4);
            }
        }
        return out;
    }
}
