// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedImuSignalTest {

    private static final WearerSettings NOMINAL_MOUNT = WearerSettings.DEFAULTS.withMounting(0, 0, 0, 0);

    @Test
    void sampleAt_uprightStandWithNominalMount_readsGravityAlongX() {
        SimulatedWearer wearer = new SimulatedWearer(NOMINAL_MOUNT.withBreathsPerMinute(0), Routine.catCow(1));
        for (SensorPosition sensor : SensorPosition.values()) {
            SimulatedImuSignal signal = new SimulatedImuSignal(wearer, sensor, SensorErrorSettings.NONE, 100, 1);
            ImuSample sample = signal.sampleAt(1.0);
            assertEquals(9.81, sample.accelerometerMetersPerSecondSquared().x(), 1e-6, sensor + " x");
            assertEquals(0, sample.accelerometerMetersPerSecondSquared().y(), 1e-6, sensor + " y");
            assertEquals(0, sample.accelerometerMetersPerSecondSquared().z(), 1e-6, sensor + " z");
            assertEquals(0, sample.gyroscopeRadiansPerSecond().norm(), 1e-9, sensor + " gyroscope");
        }
    }

    @Test
    void sampleAt_withoutSensorErrors_equalsTheTrueRateAndForceToTheBit() {
        // a reading takes rate and force from three poses of the wearer at once; the true-rate and
        // true-force methods from its orientation and position one by one: they must agree exactly,
        // kicks and wobble included
        SimulatedWearer wearer = new SimulatedWearer(WearerSettings.DEFAULTS, Routines.mixedTenMinutes(),
                ArtifactSettings.DEFAULTS.withSoftTissueKicks(1.5, 2.0), 7);
        for (SensorPosition sensor : SensorPosition.values()) {
            SimulatedImuSignal reading = new SimulatedImuSignal(wearer, sensor, SensorErrorSettings.NONE, 200, 1);
            SimulatedImuSignal truth = new SimulatedImuSignal(wearer, sensor, SensorErrorSettings.NONE, 200, 1);
            for (double time = 0.0013; time < 600; time += 0.731) {
                ImuSample sample = reading.sampleAt(time);
                assertExactly(truth.trueAngularRate(time), sample.gyroscopeRadiansPerSecond(), sensor + " rate at " + time);
                assertExactly(truth.trueSpecificForce(time), sample.accelerometerMetersPerSecondSquared(),
                        sensor + " force at " + time);
            }
        }
    }

    /** Equal to the bit but for the sign of a zero (the reading adds zero noise and offsets). */
    private static void assertExactly(Vector3 expected, Vector3 actual, String what) {
        assertEquals(expected.x(), actual.x(), 0.0, what);
        assertEquals(expected.y(), actual.y(), 0.0, what);
        assertEquals(expected.z(), actual.z(), 0.0, what);
    }

    @Test
    void trueAngularRate_integrated_reproducesOrientationChange() {
        SimulatedWearer wearer = new SimulatedWearer(WearerSettings.DEFAULTS, Routine.catCow(2));
        SimulatedImuSignal upper = new SimulatedImuSignal(wearer, SensorPosition.UPPER, SensorErrorSettings.NONE, 1000, 1);
        double startSeconds = 4.0;
        double endSeconds = 20.0;
        double stepSeconds = 1e-3;
        Quaternion integrated = wearer.sensorOrientation(SensorPosition.UPPER, startSeconds);
        for (double time = startSeconds; time < endSeconds - 1e-9; time += stepSeconds) {
            Vector3 rate = upper.trueAngularRate(time + stepSeconds / 2);
            integrated = integrated.times(Quaternion.fromRotationVector(rate.times(stepSeconds))).normalized();
        }
        Quaternion truth = wearer.sensorOrientation(SensorPosition.UPPER, endSeconds);
        double errorDegrees = Math.toDegrees(truth.conjugate().times(integrated).angleRadians());
        assertTrue(errorDegrees < 0.01, "integration error " + errorDegrees + "°");
    }

    @Test
    void sampleAt_forwardFlexionUnderway_upperGyroscopeTurnsAboutPositiveY() {
        SimulatedWearer wearer = new SimulatedWearer(NOMINAL_MOUNT.withBreathsPerMinute(0), Routine.catCow(2));
        SimulatedImuSignal upper = new SimulatedImuSignal(wearer, SensorPosition.UPPER, SensorErrorSettings.NONE, 100, 1);
        // neutral stand 5 s + hinge 2 s; the cat starts flexing at t = 7 s, fastest at the start of the cycle
        ImuSample sample = upper.sampleAt(7.1);
        assertTrue(sample.gyroscopeRadiansPerSecond().y() > 0.1, "y rate " + sample.gyroscopeRadiansPerSecond());
        assertEquals(0, sample.gyroscopeRadiansPerSecond().x(), 1e-6);
        assertEquals(0, sample.gyroscopeRadiansPerSecond().z(), 1e-6);
    }

    @Test
    void spinalAnglesDegrees_atPeakOfCat_isTheFlowsFlexion() {
        SimulatedWearer wearer = new SimulatedWearer(WearerSettings.DEFAULTS.withBreathsPerMinute(0), Routine.catCow(2));
        // cycle of 10 s starting at t = 7 s: peak flexion a quarter cycle later
        assertEquals(CatCowFlow.DEFAULT.flexionDegrees(), wearer.spinalAnglesDegrees(9.5)[0], 1e-9);
        assertEquals(-CatCowFlow.DEFAULT.extensionDegrees(), wearer.spinalAnglesDegrees(14.5)[0], 1e-9);
    }

    @Test
    void drainTo_sameSeed_givesSameSamples() {
        assertEquals(drainTwoSeconds(42), drainTwoSeconds(42));
        assertTrue(!drainTwoSeconds(42).equals(drainTwoSeconds(43)));
    }

    @Test
    void drainTo_twoSensors_interleavesInTimeOrderAtTheRate() {
        List<String> samples = drainTwoSeconds(7);
        assertEquals(2 * 200 + 1, samples.size()); // upper ticks at 0, 0.01, .. 2.00; lower at 0.0037 .. 1.9937
        double previous = -1;
        for (String line : samples) {
            double time = Double.parseDouble(line.split(" ")[1]);
            assertTrue(time >= previous, "time order");
            previous = time;
        }
    }

    private static List<String> drainTwoSeconds(long seed) {
        SimulatedWearer wearer = new SimulatedWearer(WearerSettings.DEFAULTS, Routine.catCow(1));
        SimulationClock clock = new SimulationClock();
        SimulatedStrap strap = SimulatedStrap.of(wearer, SensorErrorSettings.DEFAULTS, 100, seed, clock);
        List<String> lines = new java.util.ArrayList<>();
        for (int poll = 0; poll < 20; poll++) {
            clock.advance(0.1);
            strap.drainTo((sensor, sample) -> lines.add(sensor.label() + " " + sample.timeSeconds() + " "
                    + sample.gyroscopeRadiansPerSecond() + " " + sample.accelerometerMetersPerSecondSquared()));
        }
        return lines;
    }
}
