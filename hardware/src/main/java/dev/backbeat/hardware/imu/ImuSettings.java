// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

import java.util.Set;

/**
 * What the strap asks of each IMU. Drivers pick the nearest setting their chip supports and report
 * what they chose ({@link ImuDriver#outputDataRateHz()}).
 *
 * @param outputDataRateHz requested output data rate, Hz, 100..200 (default 200). Raising it gives
 *     finer timing and more bus traffic; the FIFO then covers a shorter reader pause.
 * @param gyroscopeRangeDegreesPerSecond full scale of the gyroscope, ±°/s: 250, 500, 1000 or 2000
 *     (default 500). A wider range clips less during fast moves and resolves slow ones more coarsely.
 * @param accelerometerRangeG full scale of the accelerometer, ±g: 2, 4, 8 or 16 (default 4).
 */
public record ImuSettings(double outputDataRateHz, int gyroscopeRangeDegreesPerSecond, int accelerometerRangeG) {

    private static final Set<Integer> GYROSCOPE_RANGES = Set.of(250, 500, 1000, 2000);
    private static final Set<Integer> ACCELEROMETER_RANGES = Set.of(2, 4, 8, 16);

    /** 200 Hz, ±500 °/s, ±4 g. */
    public static final ImuSettings DEFAULTS = new ImuSettings(200, 500, 4);

    public ImuSettings {
        if (!(outputDataRateHz >= 100 && outputDataRateHz <= 200)) {
            throw new IllegalArgumentException("outputDataRateHz must be 100..200 Hz, was " + outputDataRateHz);
        }
        if (!GYROSCOPE_RANGES.contains(gyroscopeRangeDegreesPerSecond)) {
            throw new IllegalArgumentException("gyroscopeRangeDegreesPerSecond must be 250, 500, 1000 or 2000, was "
                    + gyroscopeRangeDegreesPerSecond);
        }
        if (!ACCELEROMETER_RANGES.contains(accelerometerRangeG)) {
            throw new IllegalArgumentException("accelerometerRangeG must be 2, 4, 8 or 16, was " + accelerometerRangeG);
        }
    }

    public ImuSettings withOutputDataRateHz(double newRateHz) {
        return new ImuSettings(newRateHz, gyroscopeRangeDegreesPerSecond, accelerometerRangeG);
    }

    public ImuSettings withRanges(int newGyroscopeRangeDegreesPerSecond, int newAccelerometerRangeG) {
        return new ImuSettings(outputDataRateHz, newGyroscopeRangeDegreesPerSecond, newAccelerometerRangeG);
    }
}
