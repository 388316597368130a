// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.report;

import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.routine.GuardAlert;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.rhythm.RepetitionKind;
import dev.backbeat.core.session.RecordedSession;
import java.time.Instant;
import java.util.List;

/**
 * What a report shows of one stored session, from the analysis the strap recorded with it.
 *
 * @param deviceId the strap
 * @param sessionId the session
 * @param startedAt when it began (the strap's clock)
 * @param durationSeconds how long, s
 * @param repetitions full repetitions
 * @param flexionRangeDegrees flexion range of motion (maximum minus minimum), degrees; NaN if unknown
 * @param sideBendRangeDegrees the largest side-bend repetition's range, degrees; NaN without one
 * @param twistRangeDegrees the largest twist repetition's range, degrees; NaN without one
 * @param cyclePeriodSeconds mean repetition cycle of its main set, s; NaN without one
 * @param cyclePeriodCv the cycle's coefficient of variation (tempo steadiness); NaN without one
 * @param meanSmoothness mean smoothness of its repetitions (higher is smoother); NaN without
 * @param breathsPerMinute duration-weighted mean breathing rate of its breath windows; NaN without
 * @param pacerBreathsPerMinute the pacer's rate
 * @param plannedRepetitions a guided session's repetitions planned (each side one, over its steps of
 *     repetitions); -1 for a session without a routine
 * @param couplingScore a guided session's pacer coupling, the mean of its sets' scores (0..1); NaN
 *     without a routine or a timed repetition
 * @param alerts a guided session's guard alerts (hyperextension, end-range hold, too fast; not the
 *     all-clears and snoozes); -1 for a session without a routine
 */
public record SessionFacts(String deviceId, String sessionId, Instant startedAt, double durationSeconds, int repetitions,
                           double flexionRangeDegrees, double sideBendRangeDegrees, double twistRangeDegrees,
                           double cyclePeriodSeconds, double cyclePeriodCv, double meanSmoothness, double breathsPerMinute,
                           double pacerBreathsPerMinute, int plannedRepetitions, double couplingScore, int alerts) {

    /** A session's facts without a guided routine. */
    public SessionFacts(String deviceId, String sessionId, Instant startedAt, double durationSeconds, int repetitions,
                        double flexionRangeDegrees, double sideBendRangeDegrees, double twistRangeDegrees,
                        double cyclePeriodSeconds, double cyclePeriodCv, double meanSmoothness, double breathsPerMinute,
                        double pacerBreathsPerMinute) {
        this(deviceId, sessionId, startedAt, durationSeconds, repetitions, flexionRangeDegrees, sideBendRangeDegrees,
                twistRangeDegrees, cyclePeriodSeconds, cyclePeriodCv, meanSmoothness, breathsPerMinute, pacerBreathsPerMinute,
                -1, Double.NaN, -1);
    }

    /** The facts of a recorded session. */
    public static SessionFacts of(RecordedSession session) {
        List<Repetition> full = session.repetitions().stream().filter(repetition -> !repetition.partial()).toList();
        double smoothness = full.stream().mapToDouble(Repetition::smoothness).filter(Double::isFinite).average().orElse(Double.NaN);
        double breathSeconds = 0;
        double breathWeighted = 0;
        for (BreathWindow window : session.breath()) {
            double seconds = window.endSeconds() - window.startSeconds();
            breathSeconds += seconds;
            breathWeighted += seconds * window.rateBreathsPerMinute();
        }
        return new SessionFacts(session.deviceId(), session.sessionId(), session.startedAt(), session.summary().durationSeconds(),
                full.size(), session.summary().flexionRangeDegrees(),
                largestRange(full, RepetitionKind.SIDE_BEND_LEFT, RepetitionKind.SIDE_BEND_RIGHT),
                largestRange(full, RepetitionKind.TWIST_LEFT, RepetitionKind.TWIST_RIGHT),
                session.tempo().cyclePeriodSeconds(), session.tempo().cyclePeriodCv(), smoothness,
                breathSeconds > 0 ? breathWeighted / breathSeconds : Double.NaN, session.summary().pacerBreathsPerMinute(),
                session.guided().map(guided -> guided.steps().stream().mapToInt(step -> step.plannedRepetitions()).sum()).orElse(-1),
                session.guided().map(guided -> guided.coupling().stream().mapToDouble(set -> set.score())
                        .filter(Double::isFinite).average().orElse(Double.NaN)).orElse(Double.NaN),
                session.guided().map(guided -> (int) guided.alerts().stream().filter(alert -> alert.kind() != GuardAlert.Kind.BACK_IN_RANGE
                        && alert.kind() != GuardAlert.Kind.SNOOZED).count()).orElse(-1));
    }

    private static double largestRange(List<Repetition> repetitions, RepetitionKind one, RepetitionKind other) {
        return repetitions.stream().filter(repetition -> repetition.kind() == one || repetition.kind() == other)
                .mapToDouble(Repetition::rangeDegrees).max().orElse(Double.NaN);
    }
}
