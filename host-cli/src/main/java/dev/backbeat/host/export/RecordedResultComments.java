// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.export;

import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.rhythm.Hold;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.rhythm.Tempo;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SampleGap;
import dev.backbeat.core.session.SessionSummary;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * What the strap recorded besides the raw samples, written into {@code backbeat export}'s file as
 * {@code #} comment lines before the header, so one file holds the whole session and
 * {@code backbeat analyze} and {@code backbeat fuse} read it unchanged (they skip comment lines; a
 * line without {@code =} is not metadata). One line per item, {@code # recorded.KIND: name value,
 * ...}: {@code summary}, {@code tempo}, one {@code repetition} each (partial ones too),
 * {@code hold}, {@code breath} (quiet windows whose rate could be told), {@code cue} (pacer
 * inhale/exhale) and {@code gap} (where a sensor's samples were lost). Angles in degrees, times in
 * session seconds, as the device's streaming detector found them.
 */
public final class RecordedResultComments {

    /** The first comment line, saying what the others are. */
    public static final String INTRODUCTION = "# recorded on the strap by its streaming detector (backbeat show prints the same); "
            + "'backbeat analyze' re-analyses the samples below and ignores these lines";

    private RecordedResultComments() {
    }

    public static void write(Writer out, RecordedSession session) throws IOException {
        out.write(INTRODUCTION + "\n");
        SessionSummary summary = session.summary();
        line(out, "summary", "duration_s %.2f, repetitions %d, flexion_min_deg %s, flexion_max_deg %s, pacer_bpm %s, "
                        + "pacer_inhale_cues %d, neutral_start_s %s, neutral_end_s %s",
                summary.durationSeconds(), summary.repetitionCount(), number(summary.flexionMinDegrees()),
                number(summary.flexionMaxDegrees()), number(summary.pacerBreathsPerMinute()), summary.pacerInhaleCues(),
                number(summary.neutralStartSeconds()), number(summary.neutralEndSeconds()));
        Tempo tempo = session.tempo();
        if (!Double.isNaN(tempo.cyclePeriodSeconds())) {
            line(out, "tempo", "cycle_period_s %s, cycle_period_cv %s, kind %s, repetitions_in_set %d",
                    number(tempo.cyclePeriodSeconds()), number(tempo.cyclePeriodCv()),
                    tempo.kind() == null ? "-" : tempo.kind().label(), tempo.repetitionsInSet());
        }
        int index = 0;
        for (Repetition repetition : session.repetitions()) {
            line(out, "repetition", "index %d, start_s %s, end_s %s, kind %s, peak_flexion_deg %s, peak_extension_deg %s, "
                            + "range_deg %s, smoothness %s, partial %b",
                    ++index, number(repetition.startSeconds()), number(repetition.endSeconds()), repetition.kind().label(),
                    number(repetition.peakFlexionDegrees()), number(repetition.peakExtensionDegrees()),
                    number(repetition.rangeDegrees()), number(repetition.smoothness()), repetition.partial());
        }
        for (Hold hold : session.holds()) {
            line(out, "hold", "start_s %s, end_s %s, duration_s %s, mean_flexion_deg %s, mean_side_bend_deg %s, mean_twist_deg %s",
                    number(hold.startSeconds()), number(hold.endSeconds()), number(hold.durationSeconds()),
                    number(hold.meanFlexionDegrees()), number(hold.meanSideBendDegrees()), number(hold.meanTwistDegrees()));
        }
        for (BreathWindow window : session.breath()) {
            line(out, "breath", "start_s %s, end_s %s, rate_bpm %s, quality %s", number(window.startSeconds()),
                    number(window.endSeconds()), number(window.rateBreathsPerMinute()), number(window.quality()));
        }
        for (PacerCue cue : session.pacerCues()) {
            line(out, "cue", "time_s %s, phase %s", number(cue.timeSeconds()), cue.phase().name().toLowerCase(Locale.ROOT));
        }
        for (SampleGap gap : session.gaps()) {
            line(out, "gap", "sensor %s, from_s %s, to_s %s", gap.sensor().label(), number(gap.fromSeconds()),
                    number(gap.toSeconds()));
        }
    }

    private static void line(Writer out, String kind, String format, Object... values) throws IOException {
        out.write("# recorded." + kind + ": " + String.format(Locale.ROOT, format, values) + "\n");
    }

    /** A value with up to 3 decimals, {@code -} when unknown (NaN). */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        return java.math.BigDecimal.valueOf(Math.round(value * 1000) / 1000.0).stripTrailingZeros().toPlainString();
    }
}
