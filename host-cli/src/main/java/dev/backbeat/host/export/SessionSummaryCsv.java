// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.export;

import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.rhythm.Hold;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.host.store.SessionListing;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code backbeat export --summary OUT.csv}: the stored sessions as a spreadsheet, one row per
 * session ({@link #SESSION_HEADER}) or, with {@code --reps}, one row per repetition
 * ({@link #REPETITION_HEADER}), oldest first. Comma-separated, a header line, a dot for decimals,
 * empty for an unknown value; every figure is what the strap recorded (as {@code backbeat show}
 * prints it). Columns, in order (units in the names):
 *
 * <ul>
 *   <li>{@code device}, {@code session}, {@code started_at} (UTC, ISO 8601), {@code status}
 *       ({@code complete} or {@code interrupted}), {@code hardware}, {@code sample_rate_hz}</li>
 *   <li>{@code duration_s}, {@code repetitions} (full ones), {@code partial_repetitions},
 *       {@code flexion_min_deg}, {@code flexion_max_deg}, {@code flexion_range_deg},
 *       {@code mean_repetition_range_deg}, {@code mean_smoothness}, {@code cycle_period_s},
 *       {@code cycle_period_cv}, {@code holds}, {@code longest_hold_s}, {@code breathing_rate_bpm}
 *       (mean over the quiet windows), {@code pacer_bpm}, {@code pacer_inhale_cues},
 *       {@code sample_gaps}</li>
 *   <li>per repetition: {@code device}, {@code session}, {@code started_at}, {@code repetition}
 *       (1, 2, ... for full ones, empty for a partial one), {@code start_s}, {@code end_s},
 *       {@code duration_s}, {@code kind}, {@code peak_flexion_deg}, {@code peak_extension_deg},
 *       {@code range_deg}, {@code smoothness}, {@code partial}</li>
 * </ul>
 */
public final class SessionSummaryCsv {

    public static final String SESSION_HEADER = "device,session,started_at,status,hardware,sample_rate_hz,duration_s,"
            + "repetitions,partial_repetitions,flexion_min_deg,flexion_max_deg,flexion_range_deg,mean_repetition_range_deg,"
            + "mean_smoothness,cycle_period_s,cycle_period_cv,holds,longest_hold_s,breathing_rate_bpm,pacer_bpm,"
            + "pacer_inhale_cues,sample_gaps";
    public static final String REPETITION_HEADER = "device,session,started_at,repetition,start_s,end_s,duration_s,kind,"
            + "peak_flexion_deg,peak_extension_deg,range_deg,smoothness,partial";

    /** One stored session: its row in the store and what the strap recorded. */
    public record Row(SessionListing listing, RecordedSession session) {
    }

    private SessionSummaryCsv() {
    }

    public static void writeSessions(Writer out, List<Row> rows) throws IOException {
        out.write(SESSION_HEADER + "\n");
        for (Row row : rows) {
            SessionListing listing = row.listing();
            RecordedSession session = row.session();
            List<Repetition> full = session.repetitions().stream().filter(repetition -> !repetition.partial()).toList();
            out.write(String.join(",", text(listing.deviceId()), text(listing.sessionId()), listing.startedAt().toString(),
                    listing.status(), text(listing.hardware()), number(listing.sampleRateHz()),
                    number(listing.durationSeconds()), Integer.toString(listing.repetitionCount()),
                    Long.toString(session.repetitions().size() - full.size()), number(listing.flexionMinDegrees()),
                    number(listing.flexionMaxDegrees()), number(listing.flexionMaxDegrees() - listing.flexionMinDegrees()),
                    number(full.stream().mapToDouble(Repetition::rangeDegrees).average().orElse(Double.NaN)),
                    number(full.stream().mapToDouble(Repetition::smoothness).filter(Double::isFinite).average().orElse(Double.NaN)),
                    number(session.tempo().cyclePeriodSeconds()), number(session.tempo().cyclePeriodCv()),
                    Integer.toString(session.holds().size()),
                    number(session.holds().stream().mapToDouble(Hold::durationSeconds).max().orElse(Double.NaN)),
                    number(session.breath().stream().mapToDouble(BreathWindow::rateBreathsPerMinute).average().orElse(Double.NaN)),
                    number(listing.pacerBreathsPerMinute()), Integer.toString(listing.pacerInhaleCues()),
                    Integer.toString(session.gaps().size())) + "\n");
        }
    }

    public static void writeRepetitions(Writer out, List<Row> rows) throws IOException {
        out.write(REPETITION_HEADER + "\n");
        for (Row row : rows) {
            int number = 0;
            for (Repetition repetition : row.session().repetitions()) {
                out.write(String.join(",", text(row.listing().deviceId()), text(row.listing().sessionId()),
                        row.listing().startedAt().toString(), repetition.partial() ? "" : Integer.toString(++number),
                        number(repetition.startSeconds()), number(repetition.endSeconds()),
                        number(repetition.durationSeconds()), repetition.kind().label(),
                        number(repetition.peakFlexionDegrees()), number(repetition.peakExtensionDegrees()),
                        number(repetition.rangeDegrees()), number(repetition.smoothness()),
                        Boolean.toString(repetition.partial())) + "\n");
            }
        }
    }

    /** Ids are letters, digits, '.', '_', '-' and hardware names plain words; anything else is quoted (RFC 4180). */
    private static String text(String value) {
        return value.matches("[A-Za-z0-9._ -]*") ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String number(double value) {
        return Double.isFinite(value) ? RecordedResultComments.number(value) : "";
    }
}
