// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import java.util.ArrayList;
import java.util.List;

/**
 * A buzz the strap gives between sessions to say something, felt rather than seen: full-strength
 * pulses, each {@code onMillis} long, {@code offMillis} apart. Distinct from the breath pacer's
 * slow swell and the end-range warning (three 0.1 s buzzes during a session).
 *
 * @param name what it says, for logs and tests
 * @param pulseMillis on and off durations, alternating, starting with on
 */
public record HapticPattern(String name, List<Integer> pulseMillis) {

    /** Short pulses of a routine's position in {@code routine.names}: one for the first, two for the second... */
    public static HapticPattern routineSelected(int position) {
        return pulses("routine " + position + " selected", position, 150, 150);
    }

    /** Three long pulses: the disk is too full for a session, which does not start. */
    public static final HapticPattern DISK_FULL = pulses("disk full", 3, 700, 300);

    /** One long pulse: a start was refused for another reason (the strap hardware failed its checks). */
    public static final HapticPattern START_REFUSED = pulses("start refused", 1, 1_200, 0);

    public HapticPattern {
        pulseMillis = List.copyOf(pulseMillis);
    }

    private static HapticPattern pulses(String name, int count, int onMillis, int offMillis) {
        List<Integer> millis = new ArrayList<>();
        for (int pulse = 0; pulse < count; pulse++) {
            millis.add(onMillis);
            if (pulse < count - 1) {
                millis.add(offMillis);
            }
        }
        return new HapticPattern(name, millis);
    }

    /** How many pulses it has. */
    public int pulseCount() {
        return (pulseMillis.size() + 1) / 2;
    }
}
