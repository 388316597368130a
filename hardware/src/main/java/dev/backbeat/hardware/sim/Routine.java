// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A simulated stretching routine: phases played one after another. After the last, the wearer stands upright.
 *
 * <p>The simulated chips ask for the posture several times for every reading, so the phases' end
 * times and the headings they leave behind are worked out once ({@link Timeline}) and the phase
 * under way is found by bisection; a guided session has dozens of phases, and walking them for
 * every reading made the simulated wearer most of a simulated strap's processor time. An
 * {@link OpeningStand}'s length is decided during the session: when it changes, the timeline is
 * worked out again.
 */
public final class Routine {

    private final List<RoutinePhase> phases;
    /** Indexes of the phases whose length may change while the routine plays (opening stands). */
    private final int[] changeablePhases;
    private volatile Timeline timeline;

    public Routine(List<RoutinePhase> phases) {
        this.phases = List.copyOf(phases);
        if (this.phases.isEmpty()) {
            throw new IllegalArgumentException("a routine needs at least one phase");
        }
        this.changeablePhases = IntStream.range(0, this.phases.size())
                .filter(index -> this.phases.get(index) instanceof OpeningStand)
                .toArray();
        this.timeline = new Timeline(this.phases);
    }

    /** The demo routine: a 5 s neutral stand, then a cat-cow flow of {@code cycles} 10-second cycles. */
    public static Routine catCow(int cycles) {
        return new Routine(List.of(new NeutralStand(5.0), CatCowFlow.DEFAULT.withCycles(cycles)));
    }

    public List<RoutinePhase> phases() {
        return phases;
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
        Timeline current = currentTimeline();
        int index = current.phaseAt(timeSeconds);
        if (index == phases.size()) {
            return turned(Posture.UPRIGHT, current.headingBeforeDegrees[index]);
        }
        return turned(phases.get(index).postureAt(Math.max(0, timeSeconds - current.startSeconds(index))),
                current.headingBeforeDegrees[index]);
    }

    /** {@code posture} facing {@code headingDegrees} further round (package-private: the lookup's test walks with it). */
    static Posture turned(Posture posture, double headingDegrees) {
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
        Timeline current = currentTimeline();
        int index = current.phaseAt(timeSeconds);
        if (index == phases.size()) {
            return afterLast;
        }
        return value.at(phases.get(index), Math.max(0, timeSeconds - current.startSeconds(index)));
    }

    /** The timeline, worked out again first if an opening stand's length changed since it was. */
    private Timeline currentTimeline() {
        Timeline current = timeline;
        for (int index : changeablePhases) {
            if (phases.get(index).durationSeconds() != current.durationSeconds[index]) {
                current = new Timeline(phases);
                timeline = current;
                break;
            }
        }
        return current;
    }

    /**
     * When each phase ends and which way the wearer faces as it begins, summed in phase order
     * exactly as a walk through the phases would (so the postures are the same to the bit).
     */
    private static final class Timeline {
        /** Each phase's length when this was worked out, s. */
        final double[] durationSeconds;
        /** Each phase's end since the routine began, s. */
        final double[] endSeconds;
        /** The heading the earlier phases left behind, for each phase and (last) after the routine, degrees. */
        final double[] headingBeforeDegrees;

        Timeline(List<RoutinePhase> phases) {
            int count = phases.size();
            durationSeconds = new double[count];
            endSeconds = new double[count];
            headingBeforeDegrees = new double[count + 1];
            double phaseStart = 0;
            double heading = 0;
            for (int index = 0; index < count; index++) {
                RoutinePhase phase = phases.get(index);
                durationSeconds[index] = phase.durationSeconds();
                endSeconds[index] = phaseStart + durationSeconds[index];
                headingBeforeDegrees[index] = heading;
                heading += phase.postureAt(durationSeconds[index]).headingDegrees();
                phaseStart = endSeconds[index];
            }
            headingBeforeDegrees[count] = heading;
        }

        double startSeconds(int index) {
            return index == 0 ? 0 : endSeconds[index - 1];
        }

        /** The first phase that ends after {@code timeSeconds}; the number of phases once all have ended. */
        int phaseAt(double timeSeconds) {
            int low = 0;
            int high = endSeconds.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (timeSeconds < endSeconds[middle]) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            return low;
        }
    }

    @Override
    public String toString() {
        return "Routine" + Arrays.toString(phases.stream().map(RoutinePhase::name).toArray());
    }
}
