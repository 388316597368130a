// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The keyframe lookup: the bisection gives the posture the scan from the first keyframe gave, to the bit. */
class KeyframePhaseTest {

    @Test
    void postureAt_anyTime_equalsTheScanFromTheFirstKeyframeToTheBit() {
        SplittableRandom random = new SplittableRandom(19);
        for (int keyframeCount : new int[] {2, 3, 4, 7, 64, 3001}) {
            KeyframePhase phase = randomPhase(random, keyframeCount);
            List<Double> times = new ArrayList<>(List.of(-1.0, 0.0, Double.NaN, phase.durationSeconds(),
                    phase.durationSeconds() + 0.5, Math.nextDown(phase.durationSeconds())));
            for (KeyframePhase.Keyframe keyframe : phase.keyframes()) {
                times.add(keyframe.timeSeconds());
                times.add(Math.nextUp(keyframe.timeSeconds()));
                times.add(Math.nextDown(keyframe.timeSeconds()));
            }
            for (int draw = 0; draw < 2_000; draw++) {
                times.add(random.nextDouble(-0.1, phase.durationSeconds() + 0.1));
            }
            for (double time : times) {
                assertEquals(scannedPostureAt(phase, time), phase.postureAt(time),
                        keyframeCount + " keyframes, at " + time + " s");
            }
        }
    }

    /** The lookup as it was: the first keyframe from index 1 on whose time is not before the given one. */
    private static Posture scannedPostureAt(KeyframePhase phase, double secondsIntoPhase) {
        List<KeyframePhase.Keyframe> keyframes = phase.keyframes();
        for (int index = 1; index < keyframes.size(); index++) {
            KeyframePhase.Keyframe to = keyframes.get(index);
            if (secondsIntoPhase <= to.timeSeconds()) {
                KeyframePhase.Keyframe from = keyframes.get(index - 1);
                double fraction = (secondsIntoPhase - from.timeSeconds()) / (to.timeSeconds() - from.timeSeconds());
                return from.posture().blend(to.posture(), SmoothStep.of(fraction));
            }
        }
        return keyframes.get(keyframes.size() - 1).posture();
    }

    private static KeyframePhase randomPhase(SplittableRandom random, int keyframeCount) {
        KeyframePhase.Builder builder = new KeyframePhase.Builder("random", randomPosture(random));
        for (int index = 1; index < keyframeCount; index++) {
            if (random.nextInt(4) == 0) {
                builder.hold(random.nextDouble(0.01, 30));
            } else {
                builder.moveTo(randomPosture(random), random.nextDouble(0.01, 5));
            }
        }
        return builder.build();
    }

    private static Posture randomPosture(SplittableRandom random) {
        return new Posture(random.nextDouble(-180, 180), random.nextDouble(-30, 30), random.nextDouble(-20, 20),
                random.nextDouble(-20, 20), random.nextDouble(-40, 60), random.nextDouble(-30, 30),
                random.nextDouble(-40, 40));
    }
}
