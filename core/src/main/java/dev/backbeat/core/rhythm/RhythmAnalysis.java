// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

import java.util.List;

/**
 * Repetitions, holds, tempo and breathing of a whole recording.
 *
 * @param repetitions every repetition, partial ones included (marked), in time order
 * @param holds every hold, in time order
 * @param breath breathing-rate windows where the rate could be told
 * @param tempo the tempo of the longest set
 * @param holdsOverLimit the holds at end range that lasted longer than the end-range hold limit
 */
public record RhythmAnalysis(List<Repetition> repetitions, List<Hold> holds, List<BreathWindow> breath, Tempo tempo,
                             List<Hold> holdsOverLimit) {

    public RhythmAnalysis {
        repetitions = List.copyOf(repetitions);
        holds = List.copyOf(holds);
        breath = List.copyOf(breath);
        holdsOverLimit = List.copyOf(holdsOverLimit);
    }

    /** Full repetitions only. */
    public int repetitionCount() {
        return (int) repetitions.stream().filter(repetition -> !repetition.partial()).count();
    }
}
