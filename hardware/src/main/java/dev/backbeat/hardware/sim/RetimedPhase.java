// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

import java.util.Arrays;

/**
 * A script played on another clock: the wearer does {@code script} as written, but each anchor of
 * the script's time (a step's start, a repetition's cue) is reached at the matching anchor of the
 * pacer's time, and the time between two anchors is stretched or squeezed evenly. A wearer following
 * a pacer whose rate glides breath by breath moves this way: each repetition as written, at the pace
 * of its own breaths.
 */
final class RetimedPhase implements RoutinePhase {

    private final Routine script;
    private final double[] actualSeconds;
    private final double[] scriptSeconds;

    /**
     * @param script the movement as written
     * @param actualSeconds anchors on the pacer's clock, increasing, the first 0
     * @param scriptSeconds the same anchors on the script's clock, increasing, the first 0
     */
    RetimedPhase(Routine script, double[] actualSeconds, double[] scriptSeconds) {
        if (actualSeconds.length != scriptSeconds.length || actualSeconds.length == 0 || actualSeconds[0] != 0
                || scriptSeconds[0] != 0) {
            throw new IllegalArgumentException("anchors must pair up and start at 0");
        }
        for (int index = 1; index < actualSeconds.length; index++) {
            if (!(actualSeconds[index] > actualSeconds[index - 1]) || !(scriptSeconds[index] > scriptSeconds[index - 1])) {
                throw new IllegalArgumentException("anchors must increase, at " + index + ": " + actualSeconds[index]
                        + " s and " + scriptSeconds[index] + " s");
            }
        }
        this.script = script;
        this.actualSeconds = actualSeconds.clone();
        this.scriptSeconds = scriptSeconds.clone();
    }

    /** The script's time at {@code seconds} of the pacer's; past the last anchor both clocks run alike. */
    double scriptSeconds(double seconds) {
        int found = Arrays.binarySearch(actualSeconds, seconds);
        int index = found >= 0 ? found : -found - 2;
        if (index < 0) {
            return seconds;
        }
        if (index >= actualSeconds.length - 1) {
            return scriptSeconds[actualSeconds.length - 1] + (seconds - actualSeconds[actualSeconds.length - 1]);
        }
        double share = (seconds - actualSeconds[index]) / (actualSeconds[index + 1] - actualSeconds[index]);
        return scriptSeconds[index] + share * (scriptSeconds[index + 1] - scriptSeconds[index]);
    }

    @Override
    public double durationSeconds() {
        int last = actualSeconds.length - 1;
        return actualSeconds[last] + Math.max(0, script.durationSeconds() - scriptSeconds[last]);
    }

    @Override
    public Posture postureAt(double secondsIntoPhase) {
        return script.postureAt(scriptSeconds(secondsIntoPhase));
    }

    @Override
    public String name() {
        return "paced " + script.phases().get(0).name();
    }

    @Override
    public double breathLockWeight(double secondsIntoPhase) {
        return script.breathLockWeight(scriptSeconds(secondsIntoPhase));
    }

    @Override
    public double lockedBreathFraction(double secondsIntoPhase) {
        return script.lockedBreathFraction(scriptSeconds(secondsIntoPhase));
    }
}
