// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import dev.backbeat.core.math.Vector3;

/**
 * The gyroscope offset measured on a still stand, removed before the orientation filters run (on
 * the host's analysis and on the device). The filter estimates offsets only up to its bias clip
 * (2 °/s by default, as in VQF) and recognises rest only below it; low-cost gyroscopes are often
 * further off (the MPU-6050 product specification allows ±20 °/s zero-rate offset), so the stand
 * measures the bulk and the filter follows the remainder at rest and in motion.
 */
public final class StandingGyroscopeOffset {

    private StandingGyroscopeOffset() {
    }

    /** Window of the standing-offset search, s. */
    static final double OFFSET_WINDOW_SECONDS = 0.5;
    /** The standing-offset search looks at the first this many seconds, s. */
    static final double OFFSET_SEARCH_SECONDS = 30;
    /**
     * Largest spread of the angular rate in a still window, °/s: breathing moves the chest by about
     * 0.2 °/s; a deliberate movement far more. Raising it accepts less still stands.
     */
    static final double STILL_RATE_SPREAD_DEGREES_PER_SECOND = 0.5;
    /** Largest spread of the specific force in a still window, m/s² (sensor noise is about 0.03). */
    static final double STILL_FORCE_SPREAD_METERS_PER_SECOND_SQUARED = 0.1;
    /**
     * Largest turn of gravity's direction across a still window, degrees: it keeps a slow, steady
     * rotation (whose rate barely varies) from passing for an offset.
     */
    static final double STILL_GRAVITY_TURN_DEGREES = 0.5;
    /** A still stretch must last this long to measure the gyroscope offset, s. */
    static final double OFFSET_STILL_SECONDS = 2;

    /**
     * The gyroscope's offset (rad/s, x y z) as measured while the wearer stands still near the start
     * (breathing included), to subtract before the orientation filter runs; null without a still
     * stretch. Still means: in consecutive windows of
     * {@value #OFFSET_WINDOW_SECONDS} s the angular rate varies (standard deviation) by less than
     * {@value #STILL_RATE_SPREAD_DEGREES_PER_SECOND} °/s, the specific force by less than
     * {@value #STILL_FORCE_SPREAD_METERS_PER_SECOND_SQUARED} m/s², and gravity's direction turns by less
     * than {@value #STILL_GRAVITY_TURN_DEGREES}°; the still run must
     * last {@value #OFFSET_STILL_SECONDS} s.
     */
    public static double[] measure(double[] gyroscope, double[] accelerometer, double rateHz) {
        int n = gyroscope.length / 3;
        int window = Math.max(2, (int) Math.round(OFFSET_WINDOW_SECONDS * rateHz));
        int searchEnd = Math.min(n, (int) Math.round(OFFSET_SEARCH_SECONDS * rateHz));
        int needed = (int) Math.ceil(OFFSET_STILL_SECONDS / OFFSET_WINDOW_SECONDS);
        int runStart = -1;
        int runWindows = 0;
        for (int start = 0; start + window <= searchEnd; start += window) {
            if (stillWindow(gyroscope, accelerometer, start, window)) {
                if (runWindows++ == 0) {
                    runStart = start;
                }
                if (runWindows >= needed) {
                    // keep extending while still, for the best average
                    int end = start + window;
                    while (end + window <= n && stillWindow(gyroscope, accelerometer, end, window)) {
                        end += window;
                    }
                    double[] offset = new double[3];
                    for (int index = runStart; index < end; index++) {
                        for (int axis = 0; axis < 3; axis++) {
                            offset[axis] += gyroscope[3 * index + axis];
                        }
                    }
                    for (int axis = 0; axis < 3; axis++) {
                        offset[axis] /= end - runStart;
                    }
                    return offset;
                }
            } else {
                runWindows = 0;
            }
        }
        return null;
    }

    /** Subtracts {@code offset} (rad/s, x y z) from every interleaved gyroscope sample; nothing if null. */
    public static void subtract(double[] gyroscope, double[] offset) {
        if (offset == null) {
            return;
        }
        for (int index = 0; index < gyroscope.length; index++) {
            gyroscope[index] -= offset[index % 3];
        }
    }

    private static boolean stillWindow(double[] gyroscope, double[] accelerometer, int start, int length) {
        double[] gyroscopeMean = new double[3];
        double[] forceFirst = new double[3];
        double[] forceLast = new double[3];
        int half = length / 2;
        for (int index = start; index < start + length; index++) {
            for (int axis = 0; axis < 3; axis++) {
                gyroscopeMean[axis] += gyroscope[3 * index + axis] / length;
                (index - start < half ? forceFirst : forceLast)[axis] += accelerometer[3 * index + axis];
            }
        }
        double rateVariance = 0;
        double forceVariance = 0;
        double[] forceMean = {(forceFirst[0] + forceLast[0]) / length, (forceFirst[1] + forceLast[1]) / length,
            (forceFirst[2] + forceLast[2]) / length};
        for (int index = start; index < start + length; index++) {
            for (int axis = 0; axis < 3; axis++) {
                double rate = gyroscope[3 * index + axis] - gyroscopeMean[axis];
                double force = accelerometer[3 * index + axis] - forceMean[axis];
                rateVariance += rate * rate / length;
                forceVariance += force * force / length;
            }
        }
        Vector3 first = new Vector3(forceFirst[0], forceFirst[1], forceFirst[2]).normalized();
        Vector3 last = new Vector3(forceLast[0], forceLast[1], forceLast[2]).normalized();
        double turnDegrees = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, first.dot(last)))));
        return Math.sqrt(rateVariance) < Math.toRadians(STILL_RATE_SPREAD_DEGREES_PER_SECOND)
                && Math.sqrt(forceVariance) < STILL_FORCE_SPREAD_METERS_PER_SECOND_SQUARED
                && turnDegrees < STILL_GRAVITY_TURN_DEGREES;
    }

}
