// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

/**
 * Standing still and upright, as routines begin: defines the wearer's neutral posture.
 *
 * @param durationSeconds how long the stand lasts, seconds (routines use at least 3 s)
 */
public record NeutralStand(double durationSeconds) implements RoutinePhase {

    public NeutralStand {
        if (!(durationSeconds > 0)) {
            throw new IllegalArgumentException("durationSeconds must be positive, was " + durationSeconds);
        }
    }

    @Override
    public Posture postureAt(double secondsIntoPhase) {
        return Posture.UPRIGHT;
    }

    @Override
    public String name() {
        return "neutral-stand";
    }
}
