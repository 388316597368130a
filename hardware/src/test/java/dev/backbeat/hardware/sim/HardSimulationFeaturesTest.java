// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's harder conditions: kicks, locked breathing, turns, hip hinges, coupled side bends, bias drift. */
class HardSimulationFeaturesTest {

    private static double angleBetweenDegrees(Quaternion a, Quaternion b) {
        return Math.toDegrees(a.conjugate().times(b).toRotationVector().norm());
    }

    @Test
    void softTissueKick_ringsAfterAStopAndDiesOut_truthUnchanged() {
        Routine routine = new Routine(List.of(new NeutralStand(2), Routines.hipHingeBends(1, 50, 15, 1.0, 3, 3)));
        ArtifactSettings kicks = ArtifactSettings.NONE.withSoftTissueKicks(1.0, 0.5);
        SimulatedWearer plain = new SimulatedWearer(WearerSettings.DEFAULTS, routine, ArtifactSettings.NONE, 4);
        SimulatedWearer kicked = new SimulatedWearer(WearerSettings.DEFAULTS, routine, kicks, 4);
        // the bend ends at 3 s: ringing shortly after, nothing before the movement and long after the stop
        double ringing = 0;
        for (double time = 3.0; time < 3.3; time += 0.002) {
            ringing = Math.max(ringing, angleBetweenDegrees(plain.sensorOrientation(SensorPosition.UPPER, time),
                    kicked.sensorOrientation(SensorPosition.UPPER, time)));
        }
        assertTrue(ringing > 0.4 && ringing <= 1.0 + 1e-9, "ringing " + ringing);
        assertEquals(0, angleBetweenDegrees(plain.sensorOrientation(SensorPosition.UPPER, 1.0),
                kicked.sensorOrientation(SensorPosition.UPPER, 1.0)), 1e-9);
        assertTrue(angleBetweenDegrees(plain.sensorOrientation(SensorPosition.UPPER, 5.5),
                kicked.sensorOrientation(SensorPosition.UPPER, 5.5)) < 0.02);
        assertEquals(plain.spinalAnglesDegrees(3.1)[0], kicked.spinalAnglesDegrees(3.1)[0], 1e-12);
        // the accelerometer sees the displacement: 0.5 mm at 6-12 Hz is 0.7-2.8 m/s²
        SimulatedImuSignal plainSignal = new SimulatedImuSignal(plain, SensorPosition.LOWER, SensorErrorSettings.NONE, 100, 1);
        SimulatedImuSignal kickedSignal = new SimulatedImuSignal(kicked, SensorPosition.LOWER, SensorErrorSettings.NONE, 100, 1);
        double spike = 0;
        for (double time = 3.0; time < 3.3; time += 0.002) {
            spike = Math.max(spike, kickedSignal.trueSpecificForce(time).minus(plainSignal.trueSpecificForce(time)).norm());
        }
        assertTrue(spike > 0.3 && spike < 5, "accelerometer spike " + spike);
    }

    @Test
    void lockedBreathing_inhalesIntoExtension() {
        CatCowFlow flow = new CatCowFlow(3, 10, 20, 15, 25, 2, 0.3).withBreathLocked(true);
        SimulatedWearer wearer = new SimulatedWearer(WearerSettings.DEFAULTS.withBreathsPerMinute(17),
                new Routine(List.of(new NeutralStand(1), flow)));
        // flow starts at 3 s; peak flexion at 5.5 s, peak extension at 10.5 s
        assertEquals(0, wearer.breathFraction(5.5), 1e-9);
        assertEquals(1, wearer.breathFraction(10.5), 1e-9);
        assertEquals(1, wearer.breathFraction(20.5), 1e-9);
        assertEquals(0.6, -wearer.spinalAnglesDegrees(10.5)[0] - 15, 1e-9);
    }

    @Test
    void standingTurn_turnsEveryLaterPhase_withoutLastingSpinalMotion() {
        Routine routine = new Routine(List.of(new NeutralStand(1), Routines.standingTurn(60, 3, 4),
                Routines.sideBends(1, 20), Routines.standingTurn(-30, 2, 4)));
        assertEquals(60, routine.postureAt(10).headingDegrees(), 1e-9);
        assertEquals(30, routine.postureAt(routine.durationSeconds() + 1).headingDegrees(), 1e-9);
        assertEquals(-4, routine.postureAt(2.5).spineTwistDegrees(), 1e-9);
        assertEquals(0, routine.postureAt(4.0).spineTwistDegrees(), 1e-9);
        assertEquals(20, routine.postureAt(7.0).spineSideBendDegrees(), 1e-9);
    }

    @Test
    void hipHinge_tiltsThePelvisALot_andTheSpineLittle() {
        Posture bottom = Routines.hipHingeBends(2, 55, 15, 2, 1, 1).postureAt(2.5);
        assertEquals(55, bottom.pelvisFlexionDegrees(), 1e-9);
        assertEquals(15, bottom.spineFlexionDegrees(), 1e-9);
    }

    @Test
    void fastCoupledSideBends_flexForwardOnBothSides() {
        KeyframePhase set = Routines.sideBends(2, 30, 0.35, 0.6, 0, 0);
        assertEquals(4 * 1.2, set.durationSeconds(), 1e-9);
        assertEquals(30, set.postureAt(0.6).spineSideBendDegrees(), 1e-9);
        assertEquals(-30, set.postureAt(1.8).spineSideBendDegrees(), 1e-9);
        assertEquals(10.5, set.postureAt(0.6).spineFlexionDegrees(), 1e-9);
        assertEquals(10.5, set.postureAt(1.8).spineFlexionDegrees(), 1e-9);
    }

    @Test
    void gyroscopeBiasDrift_growsSteadily() {
        double perMinute = Math.toRadians(0.5);
        SensorErrorSettings errors = SensorErrorSettings.NONE.withGyroscopeBiasDrift(perMinute);
        SimulatedWearer wearer = new SimulatedWearer(WearerSettings.DEFAULTS.withBreathsPerMinute(0),
                new Routine(List.of(new NeutralStand(200))));
        SimulatedImuSignal signal = new SimulatedImuSignal(wearer, SensorPosition.UPPER, errors, 50, 3);
        Vector3 early = signal.sampleAt(0).gyroscopeRadiansPerSecond();
        Vector3 late = signal.sampleAt(120).gyroscopeRadiansPerSecond();
        Vector3 change = late.minus(early);
        assertTrue(change.norm() > 0 && change.norm() <= Math.sqrt(3) * 2 * perMinute + 1e-12, change.toString());
        assertEquals(signal.gyroscopeBias().x(), late.x(), 1e-12);
    }

    @Test
    void defaults_keepKicksAndDriftOff() {
        assertEquals(0, ArtifactSettings.DEFAULTS.softTissueKickDegrees());
        assertEquals(0, ArtifactSettings.DEFAULTS.softTissueKickMillimeters());
        assertEquals(0, SensorErrorSettings.DEFAULTS.gyroscopeBiasDriftMaxRadiansPerSecondPerMinute());
        assertTrue(!CatCowFlow.DEFAULT.breathLocked());
    }
}
