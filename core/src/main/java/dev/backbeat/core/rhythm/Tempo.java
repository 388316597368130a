// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

/**
 * The tempo of the longest set of repetitions of one kind.
 *
 * @param cyclePeriodSeconds mean time from one repetition's start to the next, s (NaN with fewer than two)
 * @param cyclePeriodCv coefficient of variation of those times (0 is metronomic), NaN with fewer than three
 * @param kind the set's kind, null without repetitions
 * @param repetitionsInSet full repetitions in that set
 */
public record Tempo(double cyclePeriodSeconds, double cyclePeriodCv, RepetitionKind kind, int repetitionsInSet) {

    public static final Tempo NONE = new Tempo(Double.NaN, Double.NaN, null, 0);
}
