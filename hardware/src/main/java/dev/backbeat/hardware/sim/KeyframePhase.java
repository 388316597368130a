// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

import java.util.List;

/**
 * A routine phase given as postures at key times, moving between them along raised-cosine ramps
 * (zero velocity at each keyframe, as a controlled movement starts and stops). Two consecutive
 * keyframes with the same posture make a hold.
 *
 * @param name short name, e.g. {@code controlled-extensions}
 * @param keyframes postures at increasing times from the start of the phase; the first at 0 s
 */
public record KeyframePhase(String name, List<Keyframe> keyframes) implements RoutinePhase {

    /** A posture to be reached at {@code timeSeconds} after the phase began. */
    public record Keyframe(double timeSeconds, Posture posture) {
    }

    public KeyframePhase {
        keyframes = List.copyOf(keyframes);
        if (keyframes.size() < 2 || keyframes.get(0).timeSeconds() != 0) {
            throw new IllegalArgumentException("a keyframe phase needs at least two keyframes, the first at 0 s");
        }
        for (int index = 1; index < keyframes.size(); index++) {
            if (!(keyframes.get(index).timeSeconds() > keyframes.get(index - 1).timeSeconds())) {
                throw new IllegalArgumentException("keyframe times must increase, at keyframe " + index);
            }
        }
    }

    @Override
    public double durationSeconds() {
        return keyframes.get(keyframes.size() - 1).timeSeconds();
    }

    /**
     * The posture {@code secondsIntoPhase} after the phase began: between the keyframes around it,
     * found by bisection (a guided session's phase holds thousands of keyframes, and this runs for
     * every simulated reading; a scan from the first keyframe made a 60-minute session's simulation
     * slower the longer it ran).
     */
    @Override
    public Posture postureAt(double secondsIntoPhase) {
        // the first keyframe from index 1 on with secondsIntoPhase <= its time
        int low = 1;
        int high = keyframes.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (secondsIntoPhase <= keyframes.get(middle).timeSeconds()) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        if (low == keyframes.size()) {
            return keyframes.get(keyframes.size() - 1).posture();
        }
        Keyframe from = keyframes.get(low - 1);
        Keyframe to = keyframes.get(low);
        double fraction = (secondsIntoPhase - from.timeSeconds()) / (to.timeSeconds() - from.timeSeconds());
        return from.posture().blend(to.posture(), SmoothStep.of(fraction));
    }

    /** Builds keyframes by appending moves and holds. */
    public static final class Builder {
        private final String name;
        private final java.util.ArrayList<Keyframe> keyframes = new java.util.ArrayList<>();
        private double timeSeconds;
        private Posture current;

        public Builder(String name, Posture start) {
            this.name = name;
            this.current = start;
            keyframes.add(new Keyframe(0, start));
        }

        /** Moves to {@code posture} over {@code seconds}. */
        public Builder moveTo(Posture posture, double seconds) {
            timeSeconds += seconds;
            current = posture;
            keyframes.add(new Keyframe(timeSeconds, posture));
            return this;
        }

        /** Stays in the current posture for {@code seconds}. */
        public Builder hold(double seconds) {
            return moveTo(current, seconds);
        }

        public KeyframePhase build() {
            return new KeyframePhase(name, keyframes);
        }
    }
}
