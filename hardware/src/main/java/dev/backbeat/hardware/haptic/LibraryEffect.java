// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.haptic;

/**
 * A few effects of the DRV2605L's licensed Immersion TouchSense 2200 ROM library (SLOS854D,
 * "Waveform Library Effects List"), chosen for posture alerts. The same ids play on every library.
 */
public enum LibraryEffect {
    /** Effect 1, "Strong Click - 100%": a single tap. */
    STRONG_CLICK(1),
    /** Effect 10, "Double Click - 100%". */
    DOUBLE_CLICK(10),
    /** Effect 12, "Triple Click - 100%". */
    TRIPLE_CLICK(12),
    /** Effect 14, "Strong Buzz - 100%": the posture alert. */
    STRONG_BUZZ(14),
    /** Effect 47, "Buzz 1 - 100%": a plain buzz for tests and the hardware check. */
    BUZZ(47),
    /** Effect 52, "Pulsing Strong 1 - 100%". */
    PULSING_STRONG(52);

    private final int id;

    LibraryEffect(int id) {
        this.id = id;
    }

    /** The effect's id for the waveform sequencer, 1..123. */
    public int id() {
        return id;
    }
}
