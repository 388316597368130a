// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

import dev.backbeat.core.imu.ImuSample;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a driver delivered. */
final class RecordingReceiver implements ImuSampleReceiver {

    final List<ImuSample> samples = new ArrayList<>();
    final List<double[]> gaps = new ArrayList<>();

    @Override
    public void sample(ImuSample sample) {
        samples.add(sample);
    }

    @Override
    public void gap(double fromSeconds, double toSeconds) {
        gaps.add(new double[] {fromSeconds, toSeconds});
    }
}
