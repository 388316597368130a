// SPDX-License-Identifier: Apache-2.0

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
        KeyframePhase.Builder builder = new KeyframePhase.Builder("seated-twists", Posture.UPRIGHT)
                .moveTo(seated(0), 3).hold(3);
        addSeatedTwists(builder, repetitionsEachSide, amplitudeDegrees, 0);
        return builder.moveTo(Posture.UPRIGHT, 3).build();
    }

    /** Sitting upright on a chair, the pelvis tilted 5°, the spine {@code flexionDegrees} more flexed than standing. */
    private static Posture seated(double flexionDegrees) {
        return spine(5, flexionDegrees, 0, 0);
    }

    /**
     * Twists right then left from {@link #seated(double)}, {@code repetitionsEachSide} times: 3 s out
     * (2° of flexion with it), held 3 s, 3 s back, 1.5 s rest.
     */
    private static void addSeatedTwists(KeyframePhase.Builder builder, int repetitionsEachSide, double amplitudeDegrees,
                                        double seatedFlexionDegrees) {
        for (int repetition = 0; repetition < repetitionsEachSide; repetition++) {
            for (int side : new int[] {1, -1}) {
                builder.moveTo(spine(5, seatedFlexionDegrees + 2, 0, side * amplitudeDegrees), 3).hold(3)
                        .moveTo(seated(seatedFlexionDegrees), 3).hold(1.5);
            }
        }
    }

    /**
     * Seated trunk rotations as a wearer starts them from standing: sitting down leans the trunk
     * forward (the pelvis by {@code leanPelvisDegrees}, the spine by {@code leanSpineDegrees}; 30–50°
     * and 10–15° are common) and comes back upright on the chair, each half in 1.5 s, the spine
     * then {@code seatedFlexionDegrees} more flexed than standing (sitting flattens the lumbar
     * lordosis: a few degrees); then the twists of {@link #seatedTwists(int, double)}; then standing
     * up the same way. Sitting down and standing up are changes of posture, not repetitions.
     */
    public static KeyframePhase seatedTwistsFromStanding(int repetitionsEachSide, double amplitudeDegrees,
                                                         double leanPelvisDegrees, double leanSpineDegrees,
                                                         double seatedFlexionDegrees) {
        Posture leaning = spine(leanPelvisDegrees, leanSpineDegrees, 0, 0);
        KeyframePhase.Builder builder = new KeyframePhase.Builder("seated-twists-from-standing", Posture.UPRIGHT)
                .moveTo(leaning, 1.5).moveTo(seated(seatedFlexionDegrees), 1.5).hold(3);
        addSeatedTwists(builder, repetitionsEachSide, amplitudeDegrees, seatedFlexionDegrees);
        return builder.moveTo(leaning, 1.5).moveTo(Posture.UPRIGHT, 1.5).build();
    }

    /**
     * Side bends alternating right and left, as real wearers do them: {@code amplitudeDegrees} of side
     * bend with forward flexion of {@code coupledFlexionFraction} of it on both sides (0.2–0.45 is
     * common: people bend a little forward as they bend sideways), moving out and back in
     * {@code moveSeconds} each, holding {@code holdSeconds} at the side and resting
     * {@code restSeconds} upright (either may be 0). A fast set takes 1–1.5 s per side:
     * {@code moveSeconds} 0.5–0.7, no hold, no rest. The pelvis shifts as in {@link #sideBends(int, double)}.
     */
    public static KeyframePhase sideBends(int repetitionsEachSide, double amplitudeDegrees, double coupledFlexionFraction,
                                          double moveSeconds, double holdSeconds, double restSeconds) {
        KeyframePhase.Builder builder = new KeyframePhase.Builder("side-bends", Posture.UPRIGHT);
        for (int repetition = 0; repetition < repetitionsEachSide; repetition++) {
            for (int side : new int[] {1, -1}) {
                Posture bent = new Posture(0, 0, 0.2 * side * amplitudeDegrees, 0,
                        coupledFlexionFraction * amplitudeDegrees, side * amplitudeDegrees, 0);
                builder.moveTo(bent, moveSeconds);
                holdIfAny(builder, holdSeconds);
                builder.moveTo(Posture.UPRIGHT, moveSeconds);
                holdIfAny(builder, restSeconds);
            }
        }
        return builder.build();
    }

    /**
     * Standing hip-hinge bends, as many wearers bend forward: the pelvis tilts forward by
     * {@code pelvisTiltDegrees} (40–70° is common) while the spine itself flexes only
     * {@code spineFlexionDegrees} (13–18° in real recordings), moving down and up in
     * {@code moveSeconds} each, holding {@code holdSeconds} at the bottom and resting
     * {@code restSeconds} upright (either may be 0). The trunk inclines a lot; the spinal angle, the
     * thorax relative to the pelvis, stays small.
     */
    public static KeyframePhase hipHingeBends(int repetitions, double pelvisTiltDegrees, double spineFlexionDegrees,
                                              double moveSeconds, double holdSeconds, double restSeconds) {
        KeyframePhase.Builder builder = new KeyframePhase.Builder("hip-hinge-bends", Posture.UPRIGHT);
        for (int repetition = 0; repetition < repetitions; repetition++) {
            builder.moveTo(spine(pelvisTiltDegrees, spineFlexionDegrees, 0, 0), moveSeconds);
            holdIfAny(builder, holdSeconds);
            builder.moveTo(Posture.UPRIGHT, moveSeconds);
            holdIfAny(builder, restSeconds);
        }
        return builder.build();
    }

    /**
     * A standing turn of the whole body by {@code degrees} (positive to the left, counter-clockwise
     * seen from above) over {@code seconds}: not an exercise, a wearer turning to face the screen or
     * another way between sets (20–90° in real sessions). The thorax leads the pelvis by up to
     * {@code leadDegrees} of twist half-way through the turn (a few degrees is natural) and the
     * wearer ends upright and untwisted, facing the new way; later phases keep the new heading.
     */
    public static KeyframePhase standingTurn(double degrees, double seconds, double leadDegrees) {
        Posture halfway = new Posture(degrees / 2, 0, 0, 0, 0, 0, -Math.signum(degrees) * leadDegrees);
        return new KeyframePhase.Builder("standing-turn", Posture.UPRIGHT)
                .moveTo(halfway, seconds / 2)
                .moveTo(new Posture(degrees, 0, 0, 0, 0, 0, 0), seconds / 2)
                .build();
    }

    private static void holdIfAny(KeyframePhase.Builder builder, double seconds) {
        if (seconds > 0) {
            builder.hold(seconds);
        }
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
