// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The routine's phase lookup: the worked-out timeline gives the posture, breath lock and locked
 * breath fraction that a walk through the phases gave, to the bit, including after an opening
 * stand's length changes during the session.
 */
class RoutineTest {

    @Test
    void postureAt_anyTime_equalsTheWalkThroughThePhasesToTheBit() {
        OpeningStand opening = new OpeningStand(4);
        // turns (headings that add up), a 1 ms stand, a breath-locked flow, holds
        List<RoutinePhase> phases = List.of(opening, Routines.controlledExtensions(2, 15, 5),
                Routines.standingTurn(60, 3, 4), new NeutralStand(0.001), CatCowFlow.DEFAULT.withCycles(3).withBreathLocked(true),
                Routines.standingTurn(-150, 4, 3), Routines.sideBends(2, 20), Routines.stand(2),
                Routines.seatedTwists(1, 30));
        Routine routine = new Routine(phases);
        SplittableRandom random = new SplittableRandom(20);
        for (double openingSeconds : new double[] {4, 9.5, 0.75}) {
            opening.lasts(openingSeconds);
            List<Double> times = new ArrayList<>(List.of(-1.0, 0.0, Double.NaN, routine.durationSeconds(),
                    routine.durationSeconds() + 3, Math.nextDown(routine.durationSeconds())));
            double end = 0;
            for (RoutinePhase phase : phases) {
                end += phase.durationSeconds();
                times.add(end);
                times.add(Math.nextUp(end));
                times.add(Math.nextDown(end));
            }
            for (int draw = 0; draw < 5_000; draw++) {
                times.add(random.nextDouble(-0.5, routine.durationSeconds() + 0.5));
            }
            for (double time : times) {
                String where = "opening stand " + openingSeconds + " s, at " + time + " s";
                assertEquals(walkedPostureAt(phases, time), routine.postureAt(time), where);
                assertEquals(walkedValue(phases, time, RoutinePhase::breathLockWeight, 0),
                        routine.breathLockWeight(time), where);
                assertEquals(walkedValue(phases, time, RoutinePhase::lockedBreathFraction, Double.NaN),
                        routine.lockedBreathFraction(time), where);
            }
        }
    }

    /** The lookup as it was: a walk through the phases, summing their lengths and end headings. */
    private static Posture walkedPostureAt(List<RoutinePhase> phases, double timeSeconds) {
        double phaseStart = 0;
        double heading = 0;
        for (RoutinePhase phase : phases) {
            double phaseEnd = phaseStart + phase.durationSeconds();
            if (timeSeconds < phaseEnd) {
                return Routine.turned(phase.postureAt(Math.max(0, timeSeconds - phaseStart)), heading);
            }
            heading += phase.postureAt(phase.durationSeconds()).headingDegrees();
            phaseStart = phaseEnd;
        }
        return Routine.turned(Posture.UPRIGHT, heading);
    }

    private interface PhaseValue {
        double at(RoutinePhase phase, double secondsIntoPhase);
    }

    private static double walkedValue(List<RoutinePhase> phases, double timeSeconds, PhaseValue value, double afterLast) {
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
