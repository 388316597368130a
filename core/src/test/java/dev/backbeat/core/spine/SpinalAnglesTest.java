// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SpinalAnglesTest {

    @ParameterizedTest
    @CsvSource({"30,0,0", "-20,0,0", "0,15,0", "0,-15,0", "0,0,25", "25,-10,12", "-35,20,-30", "60,5,40"})
    void fromRelativeOrientation_ofComposedAngles_roundTrips(double flexion, double sideBend, double twist) {
        SpinalAngles angles = SpinalAngles.fromRelativeOrientation(
                new SpinalAngles(flexion, sideBend, twist).toRelativeOrientation());
        assertEquals(flexion, angles.flexionDegrees(), 1e-9);
        assertEquals(sideBend, angles.sideBendDegrees(), 1e-9);
        assertEquals(twist, angles.twistDegrees(), 1e-9);
    }

    @Test
    void toRelativeOrientation_positiveFlexion_tipsTheSpineAxisTowardTheFront() {
        // segment axes: x up, y left, z out of the back, so the front is -z
        Vector3 spineAxis = new SpinalAngles(30, 0, 0).toRelativeOrientation().rotate(Vector3.UNIT_X);
        assertTrue(spineAxis.z() < -0.49, "axis " + spineAxis);
    }

    @Test
    void toRelativeOrientation_positiveSideBend_tipsTheSpineAxisToTheRight() {
        Vector3 spineAxis = new SpinalAngles(0, 20, 0).toRelativeOrientation().rotate(Vector3.UNIT_X);
        assertTrue(spineAxis.y() < -0.3, "axis " + spineAxis); // right is -y
    }

    @Test
    void toRelativeOrientation_positiveTwist_turnsTheBackNormalToTheRight() {
        // turning right seen from above: the back normal (z, pointing behind) swings toward the left (+y)
        Vector3 backNormal = new SpinalAngles(0, 0, 20).toRelativeOrientation().rotate(Vector3.UNIT_Z);
        assertTrue(backNormal.y() > 0.3, "normal " + backNormal);
    }

    @Test
    void mountFromGravity_tiltedSensor_mapsMeasuredUpOntoX() {
        Vector3 upInSensor = new Vector3(Math.cos(0.3), 0, Math.sin(0.3));
        Quaternion mount = NeutralCalibration.mountFromGravity(upInSensor.times(9.81));
        Vector3 mapped = mount.rotate(upInSensor);
        assertEquals(1, mapped.x(), 1e-12);
        assertEquals(0.3, mount.angleRadians(), 1e-12);
    }
}
