// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

import java.util.List;

/** A simulated stretching routine: phases played one after another. After the last, the wearer stands upright. */
public record Routine(List<RoutinePhase> phases) {

    public Routine {
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a routine needs at least one phase");
        }
    }

    /** The demo routine: a 5 s neutral stand, then a cat-cow flow of {@code cycles} 10-second cycles. */
    public static Routine catCow(int cycles) {
        return new Routine(List.of(new NeutralStand(5.0), CatCowFlow.DEFAULT.withCycles(cycles)));
    }

    public double durationSeconds() {
        double total = 0;
        for (RoutinePhase phase : phases) {
            total += phase.durationSeconds();
        }
        return total;
    }

    /**
     * The posture at {@code timeSeconds} since the routine began. Headings add up: a phase that ends
     * facing another way (a standing turn) turns every later phase with it.
     */
    public Posture postureAt(double timeSeconds) {
        double phaseStart = 0;
        double heading = 0;
        for (RoutinePhase phase : phases) {
            double phaseEnd = phaseStart + phase.durationSeconds();
            if (timeSeconds < phaseEnd) {
                return turned(phase.postureAt(Math.max(0, timeSeconds - phaseStart)), heading);
            }
            heading += phase.postureAt(phase.durationSeconds()).headingDegrees();
            phaseStart = phaseEnd;
        }
        return turned(Posture.UPRIGHT, heading);
    }

    private static Posture turned(Posture posture, double headingDegrees) {
        if (headingDegrees == 0) {
            return posture;
        }
        return new Posture(posture.headingDegrees() + headingDegrees, posture.pelvisFlexionDegrees(),
                posture.pelvisSideBendDegrees(), posture.pelvisTwistDegrees(), posture.spineFlexionDegrees(),
                posture.spineSideBendDegrees(), posture.spineTwistDegrees());
    }

    /** {@link RoutinePhase#breathLockWeight} of the phase under way at {@code timeSeconds}. */
    public double breathLockWeight(double timeSeconds) {
        return ofPhaseAt(timeSeconds, RoutinePhase::breathLockWeight, 0);
    }

    /** {@link RoutinePhase#lockedBreathFraction} of the phase under way at {@code timeSeconds}. */
    public double lockedBreathFraction(double timeSeconds) {
        return ofPhaseAt(timeSeconds, RoutinePhase::lockedBreathFraction, Double.NaN);
    }

    /** A value of one phase at a time into it. */
    @FunctionalInterface
    private interface PhaseValue {
        double at(RoutinePhase phase, double secondsIntoPhase);
    }

    /** {@code value} of the phase under way at {@code timeSeconds}, or {@code afterLast} once the routine is over. */
    private double ofPhaseAt(double timeSeconds, PhaseValue value, double afterLast) {
        double phaseStart = 0;
        for (RoutinePhase phase : phases) {
            double phaseEnd = phaseStart + phase.durationSeconds();
            if (timeSeconds < phaseEnd) {
                return value.at(phase, Math.max(0, timeSeconds - phaseStart));
            }
            phaseStart = phaseEnd;
        }
        return afterLast;
    }
}
