// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.spine.SpinalAngleEstimator;
import dev.backbeat.core.spine.SpinalAngleSettings;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.sim.SensorErrorSettings;
import dev.backbeat.hardware.sim.SimulatedStrap;
import dev.backbeat.hardware.sim.SimulatedWearer;
import dev.backbeat.hardware.sim.SimulationClock;
import dev.backbeat.hardware.sim.WearerSettings;
import org.junit.jupiter.api.Test;

/** The first core pipeline against the simulator's ground truth (issue 4 tightens this to 1°). */
class SpinalFlexionOnSimulatedStrapTest {

    private static double flexionRmseDegrees(WearerSettings wearerSettings, SensorErrorSettings errors, long seed) {
        SimulatedWearer wearer = new SimulatedWearer(wearerSettings, Routine.catCow(8));
        double[] sumSquared = new double[1];
        int[] count = new int[1];
        SimulatedStrapAngles.run(wearer, errors, seed, (timeSeconds, angles) -> {
            double error = angles.flexionDegrees() - wearer.spinalAnglesDegrees(timeSeconds)[0];
            sumSquared[0] += error * error;
            count[0]++;
        });
        assertTrue(count[0] > 8000, "angles for most samples: " + count[0]);
        return Math.sqrt(sumSquared[0] / count[0]);
    }

    @Test
    void flexion_perfectSensors_staysWithinOneDegree() {
        double rmse = flexionRmseDegrees(WearerSettings.DEFAULTS, SensorErrorSettings.NONE, 1);
        assertTrue(rmse < 1.0, "flexion RMSE " + rmse + "°");
    }

    @Test
    void flexion_noisyBiasedSensorsAndTiltedMounts_staysWithinTwoDegrees() {
        WearerSettings tilted = WearerSettings.DEFAULTS.withMounting(15, 10, -12, -8);
        for (long seed = 1; seed <= 3; seed++) {
            double rmse = flexionRmseDegrees(tilted, SensorErrorSettings.DEFAULTS, seed);
            assertTrue(rmse < 2.0, "seed " + seed + ": flexion RMSE " + rmse + "°");
        }
    }

    @Test
    void flexion_gyroscopeOffsetsFarBeyondTheFiltersClip_areMeasuredOnTheStand() {
        // the MPU-6050 allows ±20 °/s zero-rate offset; the filter alone follows only ±2 °/s
        SensorErrorSettings farOff = SensorErrorSettings.DEFAULTS.withGyroscopeBiasMaxRadiansPerSecond(Math.toRadians(10));
        double rmse = flexionRmseDegrees(WearerSettings.DEFAULTS, farOff, 4);
        assertTrue(rmse < 2.0, "flexion RMSE " + rmse + "°");
    }

    @Test
    void calibration_lowerSensorsStandLostToAGap_stillCalibratesFromItsFilter() {
        SimulatedWearer wearer = new SimulatedWearer(WearerSettings.DEFAULTS, Routine.catCow(2));
        SimulationClock clock = new SimulationClock();
        SimulatedStrap strap = SimulatedStrap.of(wearer, SensorErrorSettings.DEFAULTS, 100, 5, clock);
        SpinalAngleEstimator estimator = new SpinalAngleEstimator(SpinalAngleSettings.DEFAULTS, 100);
        int[] angles = new int[1];
        while (clock.nowSeconds() < wearer.routine().durationSeconds()) {
            clock.advance(0.05);
            strap.drainTo((sensor, sample) -> {
                // the lower sensor's FIFO overflowed for the whole stand window
                if (sensor == SensorPosition.LOWER && sample.timeSeconds() < 3.6) {
                    return;
                }
                if (estimator.update(sensor, sample) != null) {
                    angles[0]++;
                }
            });
        }
        assertTrue(estimator.calibration() != null, "calibrated");
        assertTrue(angles[0] > 2000, "angles after calibration: " + angles[0]);
    }
}
