// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import dev.backbeat.hardware.actuator.HapticActuator;
import java.io.IOException;
import java.util.List;

/** Plays {@link HapticPattern}s on the strap's motor between sessions (never during one: the pacer has it then). */
@FunctionalInterface
public interface HapticSignals {

    void play(HapticPattern pattern) throws IOException, InterruptedException;

    /** Opens the motor for one pattern and releases it after. */
    @FunctionalInterface
    interface ActuatorOpener {
        HapticActuator open() throws IOException;
    }

    /** Plays each pattern in real time on a motor {@code opener} opens for it, through its driver. */
    static HapticSignals on(ActuatorOpener opener) {
        return pattern -> {
            try (HapticActuator actuator = opener.open()) {
                play(pattern, actuator);
            }
        };
    }

    /** Plays {@code pattern} on {@code actuator} in real time; the actuator's time is ms into the pattern / 1000. */
    static void play(HapticPattern pattern, HapticActuator actuator) throws IOException, InterruptedException {
        List<Integer> millis = pattern.pulseMillis();
        long elapsedMillis = 0;
        try {
            for (int index = 0; index < millis.size(); index++) {
                actuator.setIntensity(elapsedMillis / 1000.0, index % 2 == 0 ? 1.0 : 0.0);
                Thread.sleep(millis.get(index));
                elapsedMillis += millis.get(index);
            }
        } finally {
            actuator.setIntensity(elapsedMillis / 1000.0, 0);
        }
    }
}
