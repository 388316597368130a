// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.report;

import dev.backbeat.core.pacer.BreathPhase;
import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.rhythm.Hold;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.rhythm.Tempo;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.host.store.SessionListing;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The human-readable summary of one stored session, as {@code backbeat show} and {@code backbeat demo} print it. */
public final class SessionReport {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SessionReport() {
    }

    public static void print(SessionListing listing, RecordedSession session, PrintWriter out) {
        out.printf(Locale.ROOT, "Session %s%n", listing.sessionId());
        out.printf(Locale.ROOT, "  device        %s (%s strap, %.0f Hz)%n", listing.deviceId(), listing.hardware(),
                listing.sampleRateHz());
        out.printf(Locale.ROOT, "  started       %s (stored %s)%n", TIME.format(listing.startedAt()),
                TIME.format(listing.receivedAt()));
        out.printf(Locale.ROOT, "  duration      %s (upper %d samples, lower %d samples)%n",
                duration(listing.durationSeconds()), listing.upperSamples(), listing.lowerSamples());
        out.printf(Locale.ROOT, "  status        %s%n", listing.status().equals("interrupted")
                ? "interrupted: the strap stopped before the end (a power cut); this is everything sealed before"
                : listing.status());
        if (!session.gaps().isEmpty()) {
            StringBuilder gaps = new StringBuilder();
            for (var gap : session.gaps()) {
                gaps.append(gaps.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f-%.2f s",
                        gap.sensor().label(), gap.fromSeconds(), gap.toSeconds()));
            }
            out.printf(Locale.ROOT, "  sample gaps   %d (%s): samples were lost there%n", session.gaps().size(), gaps);
        }
        double neutralStart = session.summary().neutralStartSeconds();
        if (Double.isNaN(neutralStart)) {
            out.printf(Locale.ROOT, "  calibration   none: no neutral stand was recognised, so no angles%n");
        } else {
            // a guided session says where its calibration came from: a stand, or the stored one after a check
            dev.backbeat.core.session.CalibrationSource source = session.guided()
                    .flatMap(dev.backbeat.core.session.GuidedSessionRecord::calibration)
                    .orElse(dev.backbeat.core.session.CalibrationSource.STAND);
            out.printf(Locale.ROOT, "  calibration   %s%n", source.describe(neutralStart, session.summary().neutralEndSeconds()));
        }
        out.printf(Locale.ROOT, "  rhythm        %s%n", rhythmSource(listing));
        out.printf(Locale.ROOT, "  repetitions   %d%n", listing.repetitionCount());
        if (Double.isNaN(listing.flexionMinDegrees())) {
            out.printf(Locale.ROOT, "  flexion       not available%n");
        } else {
            out.printf(Locale.ROOT, "  flexion       %+.1f° to %+.1f° (range %.1f°; + forward, - extension)%n",
                    listing.flexionMinDegrees(), listing.flexionMaxDegrees(),
                    listing.flexionMaxDegrees() - listing.flexionMinDegrees());
        }
        long inhaleCues = session.pacerCues().stream().filter(cue -> cue.phase() == BreathPhase.INHALE).count();
        long exhaleCues = session.pacerCues().size() - inhaleCues;
        out.printf(Locale.ROOT, "  pacer cues    %d inhale, %d exhale at %.0f breaths/min%n", inhaleCues, exhaleCues,
                listing.pacerBreathsPerMinute());
        Tempo tempo = session.tempo();
        if (!Double.isNaN(tempo.cyclePeriodSeconds())) {
            out.printf(Locale.ROOT, "  tempo         %.1f s per %s (variation %s)%n", tempo.cyclePeriodSeconds(),
                    tempo.kind().label(), Double.isNaN(tempo.cyclePeriodCv()) ? "n/a: too few repetitions"
                            : String.format(Locale.ROOT, "%.0f%%", 100 * tempo.cyclePeriodCv()));
        }
        out.printf(Locale.ROOT, "  holds         %d%s%n", session.holds().size(), session.holds().isEmpty() ? ""
                : String.format(Locale.ROOT, ", longest %.1f s", session.holds().stream().mapToDouble(Hold::durationSeconds).max().orElse(0)));
        if (session.breath().isEmpty()) {
            out.printf(Locale.ROOT, "  breathing     not measurable (no quiet stretch long enough)%n");
        } else {
            double mean = session.breath().stream().mapToDouble(BreathWindow::rateBreathsPerMinute).average().orElse(Double.NaN);
            out.printf(Locale.ROOT, "  breathing     %.1f breaths/min over %d quiet windows%n", mean, session.breath().size());
        }
        session.guided().ifPresent(guided -> printGuided(session, guided, out));
        List<Repetition> repetitions = session.repetitions();
        if (!repetitions.isEmpty()) {
            out.printf(Locale.ROOT, "%n    #    start      end  kind                flexion  extension   range  smoothness%n");
            int number = 1;
            for (Repetition repetition : repetitions) {
                out.printf(Locale.ROOT, "  %3s  %6.1f s %6.1f s  %-18s %+6.1f°    %+6.1f°  %5.1f°  %6.2f%s%n",
                        repetition.partial() ? "-" : String.valueOf(number++), repetition.startSeconds(),
                        repetition.endSeconds(), repetition.kind().label(), repetition.peakFlexionDegrees(),
                        -repetition.peakExtensionDegrees(), repetition.rangeDegrees(), repetition.smoothness(),
                        repetition.partial() ? "  partial, not counted" : "");
            }
        }
        out.flush();
    }

    /**
     * Which result the report prints: always the strap's own, never a re-analysis. The store keeps
     * what the device's streaming detector found during the session (for an interrupted session, what
     * it found replaying the sealed samples when the strap closed it); the host's re-analysis of the
     * raw samples is {@code backbeat export} then {@code backbeat analyze}.
     */
    static String rhythmSource(SessionListing listing) {
        return listing.status().equals("interrupted")
                ? "as recorded on the strap (streaming detector, replayed over the sealed samples); "
                        + "re-analyse with 'backbeat export' then 'backbeat analyze'"
                : "as recorded on the strap (streaming detector); re-analyse with 'backbeat export' then 'backbeat analyze'";
    }

    static String duration(double seconds) {
        long rounded = Math.round(seconds);
        return rounded >= 60 ? String.format(Locale.ROOT, "%d min %02d s", rounded / 60, rounded % 60)
                : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /**
     * A guided session per step: repetitions counted against the plan (those whose middle lies in
     * the step), breathing against the pacer in it, coupling of movement to the cue, and the alerts.
     */
    static void printGuided(RecordedSession session, dev.backbeat.core.session.GuidedSessionRecord guided, PrintWriter out) {
        out.printf(Locale.ROOT, "  routine       %s%s%n", guided.routineName(),
                guided.profileName().isEmpty() ? ", no profile" : ", profile " + guided.profileName());
        out.printf(Locale.ROOT, "%n  step  movement             start  repetitions  breathing    coupling           alerts%n");
        List<dev.backbeat.core.session.GuidedSessionRecord.Step> steps = guided.steps();
        for (int index = 0; index < steps.size(); index++) {
            var step = steps.get(index);
            double start = step.startSeconds();
            double end = index + 1 < steps.size() ? steps.get(index + 1).startSeconds() : session.summary().durationSeconds();
            long counted = session.repetitions().stream().filter(repetition -> !repetition.partial())
                    .filter(repetition -> {
                        double middle = 0.5 * (repetition.startSeconds() + repetition.endSeconds());
                        return middle >= start && middle < end;
                    }).count();
            String repetitions = step.plannedRepetitions() == 0 ? "-" : counted + " of " + step.plannedRepetitions();
            double breathSeconds = 0;
            double breathWeighted = 0;
            for (BreathWindow window : session.breath()) {
                double overlap = Math.min(end, window.endSeconds()) - Math.max(start, window.startSeconds());
                if (overlap > 0) {
                    breathSeconds += overlap;
                    breathWeighted += overlap * window.rateBreathsPerMinute();
                }
            }
            String breathing = breathSeconds > 0 ? String.format(Locale.ROOT, "%.1f /min", breathWeighted / breathSeconds) : "-";
            String coupling = guided.coupling().stream().filter(set -> set.stepIndex() == step.index()).findFirst()
                    .map(set -> String.format(Locale.ROOT, "%.2f, lag %+.1f s", set.score(), set.meanLagSeconds())).orElse("-");
            long alerts = guided.alerts().stream().filter(alert -> alert.stepIndex() == step.index()
                    && alert.kind() != dev.backbeat.core.routine.GuardAlert.Kind.BACK_IN_RANGE).count();
            out.printf(Locale.ROOT, "  %4d  %-19s %6.1f s  %-11s  %-11s  %-17s  %d%n", step.index() + 1, step.movement(), start,
                    repetitions, breathing, coupling, alerts);
        }
        for (dev.backbeat.core.routine.GuardAlert alert : guided.alerts()) {
            out.printf(Locale.ROOT, "  alert %7.1f s  step %d  %-15s %s%n", alert.timeSeconds(), alert.stepIndex() + 1,
                    alert.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), alert.reason());
        }
    }
}
