// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.strap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.spine.SpinalAngleEstimator;
import dev.backbeat.core.spine.SpinalAngleSettings;
import dev.backbeat.core.spine.SpinalAngles;
import dev.backbeat.hardware.imu.ImuChip;
import dev.backbeat.hardware.imu.ImuSettings;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.sim.SensorErrorSettings;
import dev.backbeat.hardware.sim.SimulatedImuSignal;
import dev.backbeat.hardware.sim.SimulatedWearer;
import dev.backbeat.hardware.sim.SimulationClock;
import dev.backbeat.hardware.sim.WearerSettings;
import dev.backbeat.hardware.sim.chip.SimulatedChipStrap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 14, "sample order": the live spinal angles of a session read through the real drivers on
 * register-level simulated chips equal those of the same raw samples replayed in time order (as an
 * interrupted session is replayed) through the same streaming estimator. Before the strap merged its
 * FIFOs by time, every upper sample met a lower orientation up to one poll old.
 */
class DriverStrapSampleOrderTest {

    /** The bound on the live angles against the time-ordered replay, degrees RMSE. */
    static final double MAXIMUM_RMSE_DEGREES = 0.3;

    @ParameterizedTest(name = "{0} at {1} Hz, polled every {2} s")
    @CsvSource({"MPU_6050, 100, 0.05", "MPU_6050, 200, 0.2", "LSM6DSOX, 104, 0.05"})
    void liveAngles_equalTimeOrderedReplayOfTheSameSamples(ImuChip chip, double requestedRateHz, double pollSeconds)
            throws IOException {
        ImuSettings settings = ImuSettings.DEFAULTS.withOutputDataRateHz(requestedRateHz);
        Routine routine = Routine.catCow(6);
        Session live = record(chip, settings, routine, pollSeconds, 1, 0, 0);
        double[] replay = replayInTimeOrder(live.upper, live.lower, live.rateHz);

        double[] rmse = rmseDegrees(live.angles, replay);
        String figures = String.format(Locale.ROOT, "%s %.0f Hz, polls %.2f s: live against time-ordered replay RMSE "
                + "flexion %.3f°, side bend %.3f°, twist %.3f° over %d upper samples", chip, live.rateHz, pollSeconds,
                rmse[0], rmse[1], rmse[2], (int) rmse[3]);
        System.out.println(figures);
        assertTrue(rmse[3] > 0.9 * routine.durationSeconds() * live.rateHz - 10 * live.rateHz, "too few angles: " + figures);
        for (int angle = 0; angle < 3; angle++) {
            assertTrue(rmse[angle] <= MAXIMUM_RMSE_DEGREES, figures);
        }
    }

    /** What a session on the strap read: every sample per sensor, and the live angles per upper sample. */
    record Session(double rateHz, List<ImuSample> upper, List<ImuSample> lower, double[] angles) {
    }

    /** Records {@code routine} polling every {@code pollSeconds}, the chips off nominal by the rate errors (fractions). */
    static Session record(ImuChip chip, ImuSettings settings, Routine routine, double pollSeconds, long seed,
                          double upperRateError, double lowerRateError) throws IOException {
        SimulationClock clock = new SimulationClock();
        SimulatedWearer wearer = new SimulatedWearer(WearerSettings.DEFAULTS, routine);
        double rateHz = chip.outputDataRateHz(settings);
        SimulatedImuSignal upper = new SimulatedImuSignal(wearer, SensorPosition.UPPER, SensorErrorSettings.DEFAULTS,
                rateHz, seed);
        SimulatedImuSignal lower = new SimulatedImuSignal(wearer, SensorPosition.LOWER, SensorErrorSettings.DEFAULTS,
                rateHz, seed);
        SpinalAngleEstimator estimator = new SpinalAngleEstimator(SpinalAngleSettings.DEFAULTS, rateHz);
        List<ImuSample> upperSamples = new ArrayList<>();
        List<ImuSample> lowerSamples = new ArrayList<>();
        AngleList angles = new AngleList();
        StrapSampleSink sink = (sensor, sample) -> {
            (sensor == SensorPosition.UPPER ? upperSamples : lowerSamples).add(sample);
            angles.add(sensor, sample, estimator.update(sensor, sample));
        };
        try (DriverStrap strap = SimulatedChipStrap.open(chip, upper, lower, clock, settings, upperRateError,
                lowerRateError)) {
            while (clock.nowSeconds() < routine.durationSeconds()) {
                clock.advance(pollSeconds);
                strap.drainTo(sink);
            }
            strap.drainHeldTo(sink);
        }
        return new Session(rateHz, upperSamples, lowerSamples, angles.toArray());
    }

    /** The samples merged by time (upper first on equal times) through a fresh streaming estimator. */
    static double[] replayInTimeOrder(List<ImuSample> upper, List<ImuSample> lower, double rateHz) {
        SpinalAngleEstimator estimator = new SpinalAngleEstimator(SpinalAngleSettings.DEFAULTS, rateHz);
        AngleList angles = new AngleList();
        int upperIndex = 0;
        int lowerIndex = 0;
        while (upperIndex < upper.size() || lowerIndex < lower.size()) {
            boolean takeUpper = lowerIndex >= lower.size() || (upperIndex < upper.size()
                    && upper.get(upperIndex).timeSeconds() <= lower.get(lowerIndex).timeSeconds());
            SensorPosition sensor = takeUpper ? SensorPosition.UPPER : SensorPosition.LOWER;
            ImuSample sample = takeUpper ? upper.get(upperIndex++) : lower.get(lowerIndex++);
            angles.add(sensor, sample, estimator.update(sensor, sample));
        }
        return angles.toArray();
    }

    /**
     * RMSE of flexion, side bend and twist between two runs' angles per upper sample (as
     * {@link AngleList#toArray()} gives them), over the upper samples both have angles for; the
     * fourth value is that count.
     */
    static double[] rmseDegrees(double[] first, double[] second) {
        double[] sums = new double[3];
        int count = 0;
        for (int index = 0; index + 3 < Math.min(first.length, second.length); index += 4) {
            if (Double.isNaN(first[index + 1]) || Double.isNaN(second[index + 1])) {
                continue;
            }
            for (int angle = 0; angle < 3; angle++) {
                double difference = first[index + 1 + angle] - second[index + 1 + angle];
                sums[angle] += difference * difference;
            }
            count++;
        }
        return new double[] {Math.sqrt(sums[0] / count), Math.sqrt(sums[1] / count), Math.sqrt(sums[2] / count), count};
    }

    /** Time, flexion, side bend, twist per upper sample in arrival order; NaN angles where the estimator gave none. */
    static final class AngleList {
        private double[] values = new double[4 * 4096];
        private int count;

        void add(SensorPosition sensor, ImuSample sample, SpinalAngles angles) {
            if (sensor != SensorPosition.UPPER) {
                return;
            }
            if (count + 4 > values.length) {
                values = java.util.Arrays.copyOf(values, 2 * values.length);
            }
            values[count++] = sample.timeSeconds();
            values[count++] = angles == null ? Double.NaN : angles.flexionDegrees();
            values[count++] = angles == null ? Double.NaN : angles.sideBendDegrees();
            values[count++] = angles == null ? Double.NaN : angles.twistDegrees();
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(values, count);
        }
    }
}
