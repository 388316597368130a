// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.math;

/**
 * An immutable three-dimensional vector. Units are those of the quantity it carries
 * (rad/s for angular rate, m/s² for acceleration, µT for magnetic field, metres for position).
 */
public record Vector3(double x, double y, double z) {

    public static final Vector3 ZERO = new Vector3(0, 0, 0);
    public static final Vector3 UNIT_X = new Vector3(1, 0, 0);
    public static final Vector3 UNIT_Y = new Vector3(0, 1, 0);
    public static final Vector3 UNIT_Z = new Vector3(0, 0, 1);

    public Vector3 plus(Vector3 other) {
        return new Vector3(x + other.x, y + other.y, z + other.z);
    }

    public Vector3 minus(Vector3 other) {
        return new Vector3(x - other.x, y - other.y, z - other.z);
    }

    public Vector3 times(double factor) {
        return new Vector3(x * factor, y * factor, z * factor);
    }

    public double dot(Vector3 other) {
        return x * other.x + y * other.y + z * other.z;
    }

    public Vector3 cross(Vector3 other) {
        return new Vector3(
                y * other.z - z * other.y,
                z * other.x - x * other.z,
                x * other.y - y * other.x);
    }

    public double norm() {
        return Math.sqrt(x * x + y * y + z * z);
    }

    /** This vector scaled to length one; the zero vector stays zero. */
    public Vector3 normalized() {
        double norm = norm();
        return norm == 0 ? this : times(1.0 / norm);
    }

    public boolean isFinite() {
        return Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z);
    }
}
