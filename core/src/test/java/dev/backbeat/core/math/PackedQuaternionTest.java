// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PackedQuaternionTest {

    private static final Quaternion A = Quaternion.fromAxisAngle(new Vector3(1, -2, 0.5), 0.7);
    private static final Quaternion B = Quaternion.fromAxisAngle(new Vector3(-0.3, 0.4, 1), 2.1);

    private static double[] packed(Quaternion... quaternions) {
        double[] out = new double[4 * quaternions.length];
        for (int i = 0; i < quaternions.length; i++) {
            out[4 * i] = quaternions[i].w();
            out[4 * i + 1] = quaternions[i].x();
            out[4 * i + 2] = quaternions[i].y();
            out[4 * i + 3] = quaternions[i].z();
        }
        return out;
    }

    @Test
    void multiply_atOffsets_matchesQuaternionTimes() {
        double[] in = packed(Quaternion.IDENTITY, A, B);
        double[] out = new double[8];
        PackedQuaternion.multiply(in, 4, in, 8, out, 4);
        assertArrayEquals(packed(A.times(B)), java.util.Arrays.copyOfRange(out, 4, 8), 0.0);
    }

    @Test
    void rotate_packed_matchesQuaternionRotate() {
        Vector3 v = new Vector3(0.2, -3, 7);
        double[] out = new double[3];
        PackedQuaternion.rotate(packed(A), 0, v.x(), v.y(), v.z(), out);
        Vector3 expected = A.rotate(v);
        assertArrayEquals(new double[] {expected.x(), expected.y(), expected.z()}, out, 0.0);
    }

    @Test
    void integrate_constantRateBothBranches_matchesAxisAngle() {
        for (double rate : new double[] {0.7, 25.0}) { // Taylor series and sine/cosine
            Vector3 axis = new Vector3(1, 2, -2).normalized();
            double[] q = packed(Quaternion.IDENTITY);
            for (int i = 0; i < 100; i++) {
                PackedQuaternion.integrate(q, 0, rate * axis.x(), rate * axis.y(), rate * axis.z(), 0.01);
            }
            Quaternion expected = Quaternion.fromAxisAngle(axis, rate);
            assertArrayEquals(packed(expected), q, 1e-12, "rate " + rate);
        }
    }

    @Test
    void rotateAboutVertical_matchesAxisAngleTimes() {
        double[] out = new double[4];
        PackedQuaternion.rotateAboutVertical(packed(A), 0, 1.2, out, 0);
        assertArrayEquals(packed(Quaternion.fromAxisAngle(Vector3.UNIT_Z, 1.2).times(A)), out, 1e-15);
    }

    @Test
    void toRotationMatrix_timesVector_matchesRotate() {
        double[] r = new double[9];
        PackedQuaternion.toRotationMatrix(packed(B), 0, r);
        double[] rotated = new double[3];
        Matrix3.multiply(r, 1, 2, 3, rotated);
        Vector3 expected = B.rotate(new Vector3(1, 2, 3));
        assertArrayEquals(new double[] {expected.x(), expected.y(), expected.z()}, rotated, 1e-14);
    }

    @Test
    void invertInPlace_timesOriginal_givesIdentity() {
        double[] m = {4, 1, -2, 0.5, 3, 1, -1, 2, 5};
        double[] inverse = m.clone();
        Matrix3.invertInPlace(inverse);
        double[] product = new double[9];
        Matrix3.multiply(m, inverse, product);
        double[] identity = new double[9];
        Matrix3.setIdentity(identity);
        assertArrayEquals(identity, product, 1e-15);
        double[] transposedProduct = new double[9];
        Matrix3.multiplyByTransposed(identity, m, transposedProduct);
        assertEquals(m[3], transposedProduct[1], 0.0);
    }
}
