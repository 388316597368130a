// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.spine.SpinalAngleEstimator;
import dev.backbeat.core.spine.SpinalAngleSettings;
import dev.backbeat.core.spine.SpinalAngles;
import dev.backbeat.hardware.sim.SensorErrorSettings;
import dev.backbeat.hardware.sim.SimulatedStrap;
import dev.backbeat.hardware.sim.SimulatedWearer;
import dev.backbeat.hardware.sim.SimulationClock;

/** The strap's streaming angle estimator at 100 Hz over a simulated strap worn through its wearer's whole routine. */
final class SimulatedStrapAngles {

    /** Receives the live angles of each upper sample once the stand has calibrated. */
    interface AnglesConsumer {
        void accept(double timeSeconds, SpinalAngles angles);
    }

    private SimulatedStrapAngles() {
    }

    /** Runs the routine of {@code wearer} on a strap with {@code errors} (seeded), giving every live angle to {@code consumer}. */
    static void run(SimulatedWearer wearer, SensorErrorSettings errors, long seed, AnglesConsumer consumer) {
        SimulationClock clock = new SimulationClock();
        SimulatedStrap strap = SimulatedStrap.of(wearer, errors, 100, seed, clock);
        SpinalAngleEstimator estimator = new SpinalAngleEstimator(SpinalAngleSettings.DEFAULTS, 100);
        while (clock.nowSeconds() < wearer.routine().durationSeconds()) {
            clock.advance(0.05);
            strap.drainTo((sensor, sample) -> {
                SpinalAngles angles = estimator.update(sensor, sample);
                if (angles != null && sensor == SensorPosition.UPPER) {
                    consumer.accept(sample.timeSeconds(), angles);
                }
            });
        }
    }
}
