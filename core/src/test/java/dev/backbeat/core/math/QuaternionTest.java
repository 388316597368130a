// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuaternionTest {

    private static void assertVector(Vector3 expected, Vector3 actual) {
        assertEquals(expected.x(), actual.x(), 1e-12, "x");
        assertEquals(expected.y(), actual.y(), 1e-12, "y");
        assertEquals(expected.z(), actual.z(), 1e-12, "z");
    }

    @Test
    void rotate_quarterTurnAboutZ_mapsXToY() {
        Quaternion quarterTurn = Quaternion.fromAxisAngle(Vector3.UNIT_Z, Math.PI / 2);
        assertVector(Vector3.UNIT_Y, quarterTurn.rotate(Vector3.UNIT_X));
        assertVector(Vector3.UNIT_X, quarterTurn.inverseRotate(Vector3.UNIT_Y));
    }

    @Test
    void times_composesRotationsRightToLeft() {
        Quaternion aboutZ = Quaternion.fromAxisAngle(Vector3.UNIT_Z, Math.PI / 2);
        Quaternion aboutX = Quaternion.fromAxisAngle(Vector3.UNIT_X, Math.PI / 2);
        // first about X (y -> z), then about Z (z stays z)
        assertVector(Vector3.UNIT_Z, aboutZ.times(aboutX).rotate(Vector3.UNIT_Y));
        // first about Z (y -> -x), then about X (-x stays -x)
        assertVector(new Vector3(-1, 0, 0), aboutX.times(aboutZ).rotate(Vector3.UNIT_Y));
    }

    @Test
    void toRotationVector_roundTripsFromRotationVector() {
        Vector3 rotationVector = new Vector3(0.3, -1.1, 2.0);
        assertVector(rotationVector, Quaternion.fromRotationVector(rotationVector).toRotationVector());
        Quaternion negated = Quaternion.fromRotationVector(rotationVector);
        negated = new Quaternion(-negated.w(), -negated.x(), -negated.y(), -negated.z());
        assertVector(rotationVector, negated.toRotationVector());
    }

    @Test
    void angleRadians_ofHalfTurn_isPi() {
        assertEquals(Math.PI, Quaternion.fromAxisAngle(Vector3.UNIT_Y, Math.PI).angleRadians(), 1e-12);
    }
}
