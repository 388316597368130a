package dev.backbeat.bench.rhythm;

import dev.backbeat.hardware.sim.CatCowFlow;
import dev.backbeat.hardware.sim.KeyframePhase;
import dev.backbeat.hardware.sim.Posture;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.sim.RoutinePhase;
import dev.backbeat.hardware.sim.Routines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled sessions of the rhythm evaluation: each routine with the number of full
 * repetitions a physiotherapist would count. Holds are labelled from the routine itself (every
 * stretch of constant posture of at least 3 s).
 */
public final class LabelledSessions {

    /** A routine and its full repetition count. */
    public record Labelled(Routine routine, int fullRepetitions) {
    }

    private LabelledSessions() {
    }

    public static Map<String, Labelled> types() {
        Map<String, Labelled> types = new LinkedHashMap<>();
        types.put("cat-cow-6s", new Labelled(standThen(catCow(6, 6.0)), 6));
        types.put("cat-cow-10s", new Labelled(standThen(catCow(6, 10.0)), 6));
        types.put("cat-cow-15s", new Labelled(standThen(catCow(5, 15.0)), 5));
        types.put("extensions-5x30s", new Labelled(standThen(Routines.controlledExtensions(5, 15, 30)), 5));
        types.put("supported-ext-pelvic-tilt", new Labelled(standThen(Routines.controlledExtensions(5, 10, 20)), 5));
        types.put("twists", new Labelled(standThen(Routines.seatedTwists(4, 30)), 8));
        types.put("side-bends", new Labelled(standThen(Routines.sideBends(4, 20)), 8));
        types.put("cat-cow-partials", new Labelled(standThen(catCowWithPartials()), 6));
        types.put("cat-cow-pause", new Labelled(new Routine(List.of(Routines.stand(5), catCow(3, 10.0),
                Routines.stand(12), catCow(3, 10.0), Routines.stand(3))), 6));
        return types;
    }

    private static CatCowFlow catCow(int cycles, double periodSeconds) {
        return new CatCowFlow(cycles, periodSeconds, 20, 15, 25, 2, 0.3);
    }

    private static Routine standThen(RoutinePhase phase) {
        return new Routine(List.of(Routines.stand(5), phase, Routines.stand(4)));
    }

    /** Six full cat-cow cycles with two half-hearted ones (9° flexion, 6° extension) among them. */
    static KeyframePhase catCowWithPartials() {
        KeyframePhase.Builder builder = new KeyframePhase.Builder("cat-cow-partials", Posture.UPRIGHT);
        List<double[]> cycles = new ArrayList<>();
        for (int cycle = 0; cycle < 8; cycle++) {
            boolean partial = cycle == 2 || cycle == 5;
            cycles.add(partial ? new double[] {9, 6} : new double[] {20, 15});
        }
        for (double[] cycle : cycles) {
            builder.moveTo(Routines.spine(-0.3 * cycle[0], cycle[0], 0, 0), 2.5)
                    .moveTo(Posture.UPRIGHT, 2.5)
                    .moveTo(Routines.spine(0.3 * cycle[1], -cycle[1], 0, 0), 2.5)
                    .moveTo(Posture.UPRIGHT, 2.5);
        }
        return builder.build();
    }

    /**
     * Stretches in which the routine's spinal angles stay constant (the pelvis may move, as in a hip
     * hinge) for at least {@code minimumSeconds}: [start, end] pairs.
     */
    public static List<double[]> holds(Routine routine, double minimumSeconds) {
        List<double[]> holds = new ArrayList<>();
        double step = 0.01;
        double start = -1;
        Posture previous = routine.postureAt(0);
        for (double time = step; time <= routine.durationSeconds() + 1e-9; time += step) {
            Posture posture = routine.postureAt(time);
            boolean constant = posture.spineFlexionDegrees() == previous.spineFlexionDegrees()
                    && posture.spineSideBendDegrees() == previous.spineSideBendDegrees()
                    && posture.spineTwistDegrees() == previous.spineTwistDegrees();
            if (constant && start < 0) {
                start = time - step;
            } else if (!constant && start >= 0) {
                if (time - step - start >= minimumSeconds) {
                    holds.add(new double[] {start, time - step});
                }
                start = -1;
            }
            previous = posture;
        }
        if (start >= 0 && routine.durationSeconds() - start >= minimumSeconds) {
            holds.add(new double[] {start, routine.durationSeconds()});
        }
        return holds;
    }
}
