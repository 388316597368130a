package dev.backbeat.hardware.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulated exercises the evaluations use, each starting and ending upright. Amplitudes
 * follow common clinical ranges of the lumbar and thoracic spine for gentle daily routines.
 */
public final class Routines {

    private Routines() {
    }

    /** Posture with only the given spinal angles and pelvis tilt (degrees). */
    public static Posture spine(double pelvisFlexion, double flexion, double sideBend, double twist) {
        return new Posture(0, pelvisFlexion, 0, 0, flexion, sideBend, twist);
    }

    /**
     * {@code repetitions} controlled extensions with a hold: standing, extend the spine by
     * {@code extensionDegrees} with a posterior pelvic tilt (supported extension), hold, return,
     * rest.
     */
    public static KeyframePhase controlledExtensions(int repetitions, double extensionDegrees, double holdSeconds) {
        KeyframePhase.Builder builder = new KeyframePhase.Builder("controlled-extensions", Posture.UPRIGHT);
        for (int repetition = 0; repetition < repetitions; repetition++) {
            builder.moveTo(spine(-0.25 * extensionDegrees, -extensionDegrees, 0, 0), 4)
                    .hold(holdSeconds)
                    .moveTo(Posture.UPRIGHT, 4)
                    .hold(5);
        }
        return builder.build();
    }

    /** Side bends alternating right and left by {@code amplitudeDegrees}, each held briefly. */
    public static KeyframePhase sideBends(int repetitionsEachSide, double amplitudeDegrees) {
        KeyframePhase.Builder builder = new KeyframePhase.Builder("side-bends", Posture.UPRIGHT);
        for (int repetition = 0; repetition < repetitionsEachSide; repetition++) {
            for (int side : new int[] {1, -1}) {
                Posture bent = new Posture(0, 0, 0.2 * side * amplitudeDegrees, 0, 0, side * amplitudeDegrees, 0);
                builder.moveTo(bent, 3).hold(2).moveTo(Posture.UPRIGHT, 3).hold(1.5);
            }
        }
        return builder.build();
    }

    /**
     * Seated trunk rotations: sitting upright (pelvis still on the chair), turn the upper trunk
     * right then left by {@code amplitudeDegrees}, holding each turn.
     */
    public static KeyframePhase seatedTwists(int repetitionsEachSide, double amplitudeDegrees) {
        Posture seated = spine(5, 0, 0, 0);
        KeyframePhase.Builder builder = new KeyframePhase.Builder("seated-twists", Posture.UPRIGHT)
                .moveTo(seated, 3).hold(3);
        for (int repetition = 0; repetition < repetitionsEachSide; repetition++) {
            for (int side : new int[] {1, -1}) {
                builder.moveTo(spine(5, 2, 0, side * amplitudeDegrees), 3).hold(3).moveTo(seated, 3).hold(1.5);
            }
        }
        return builder.moveTo(Posture.UPRIGHT, 3).build();
    }

    /** Standing still and upright for {@code seconds} (a later neutral stand between exercises). */
    public static NeutralStand stand(double seconds) {
        return new NeutralStand(seconds);
    }

    /**
     * A mixed session of about ten minutes: neutral stand, cat-cow flow, controlled extensions with
     * 30 s holds, side bends, seated twists and a closing cat-cow flow, with short stands between.
     */
    public static Routine mixedTenMinutes() {
        List<RoutinePhase> phases = new ArrayList<>();
        phases.add(stand(5));
        phases.add(CatCowFlow.DEFAULT.withCycles(10));
        phases.add(stand(4));
        phases.add(controlledExtensions(5, 15, 30));
        phases.add(stand(4));
        phases.add(sideBends(4, 20));
        phases.add(stand(4));
        phases.add(seatedTwists(4, 30));
        phases.add(stand(4));
        phases.add(CatCowFlow.DEFAULT.withCycles(8));
        phases.add(stand(5));
        return new Routine(phases);
    }
}
