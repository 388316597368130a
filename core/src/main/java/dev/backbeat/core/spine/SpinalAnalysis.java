// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import java.util.List;

/**
 * The spinal angles of a whole recording, at the upper sensor's sample times (or the only
 * sensor's), with how the neutral posture was found.
 *
 * <p>With two sensors: {@code flexionDegrees}, {@code sideBendDegrees} and {@code twistDegrees}
 * (see {@link SpinalAngles}). With one sensor: only the trunk's inclination
 * ({@code sagittalInclinationDegrees}, positive leaning forward; {@code frontalInclinationDegrees},
 * positive leaning right), since curvature needs two sensors; the angle arrays are then null.
 *
 * @param sensorCount 1 or 2
 * @param timeSeconds sample times, seconds
 * @param flexionDegrees flexion per sample (null with one sensor)
 * @param sideBendDegrees side bend per sample (null with one sensor)
 * @param twistDegrees twist per sample (null with one sensor)
 * @param sagittalInclinationDegrees the upper (or only) segment's forward lean from vertical, degrees
 * @param frontalInclinationDegrees its lean to the right, degrees
 * @param neutral how the neutral posture was found
 * @param twistReferenceTimesSeconds times of later neutral stands at which twist drift was re-zeroed
 * @param maximumTwistDriftDegrees the largest twist drift possible anywhere given the time from the
 *     nearest reference (NaN with one sensor)
 * @param pelvisInclinationDegrees the pelvis segment's long axis from vertical per sample, degrees
 *     (about 0 standing, 90 on hands and knees; null with one sensor)
 */
public record SpinalAnalysis(
        int sensorCount,
        double[] timeSeconds,
        double[] flexionDegrees,
        double[] sideBendDegrees,
        double[] twistDegrees,
        double[] sagittalInclinationDegrees,
        double[] frontalInclinationDegrees,
        NeutralEstimate neutral,
        List<Double> twistReferenceTimesSeconds,
        double maximumTwistDriftDegrees,
        double[] pelvisInclinationDegrees) {

    public int sampleCount() {
        return timeSeconds.length;
    }

    public boolean hasCurvature() {
        return sensorCount == 2;
    }
}
