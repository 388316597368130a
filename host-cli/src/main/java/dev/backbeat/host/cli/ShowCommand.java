// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.host.report.SessionReport;
import dev.backbeat.host.store.AmbiguousSessionIdException;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backbeat show ID}: one session's summary. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Prints one session's summary: duration, repetitions, flexion range, pacer cues. The rhythm "
                    + "(repetitions, holds, tempo, breathing) is the strap's own, from its streaming detector; to "
                    + "re-analyse the raw samples, 'backbeat export' the session and run 'backbeat analyze' on it."})
final class ShowCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOption store;

    @Parameters(paramLabel = "ID", description = "Session id, or enough of its start to be unique.")
    private String sessionId;

    @picocli.CommandLine.Option(names = "--json", description = "Print the session as JSON: summary, repetitions, holds, breathing, tempo and pacer cues, as the strap recorded them.")
    private boolean json;

    @Override
    public Integer call() {
        try (SessionStore sessionStore = store.openForReading()) {
            Optional<SessionListing> listing = sessionStore.find(sessionId);
            if (listing.isEmpty()) {
                spec.commandLine().getErr().println("backbeat show: no session '" + sessionId + "' in "
                        + sessionStore.location() + " (see 'backbeat sessions')");
                return ExitCodes.NOT_FOUND;
            }
            if (json) {
                spec.commandLine().getOut().println(json(listing.get(), sessionStore.load(listing.get())));
            } else {
                dev.backbeat.core.session.RecordedSession session = sessionStore.load(listing.get());
                SessionReport.print(listing.get(), session, spec.commandLine().getOut());
                printSparklines(session, spec.commandLine().getOut());
            }
            return ExitCodes.OK;
        } catch (AmbiguousSessionIdException e) {
            spec.commandLine().getErr().println("backbeat show: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (StoreException e) {
            spec.commandLine().getErr().println("backbeat show: " + e.getMessage());
            return ExitCodes.STORE;
        }
    }

    /** Columns of the angles' sparklines (with their labels, 80 characters). */
    static final int SPARKLINE_COLUMNS = 56;

    /**
     * The angles over the session, one sparkline each, from the host's analysis of the stored samples
     * (the strap keeps no angle trace); nothing when they give no spinal angles.
     */
    static void printSparklines(dev.backbeat.core.session.RecordedSession session, java.io.PrintWriter out) {
        if (session.tracks().isEmpty()) {
            return;
        }
        dev.backbeat.core.spine.SpinalAnalysis angles = dev.backbeat.core.analysis.RecordingAnalyzer.withDefaults()
                .analyze(new dev.backbeat.core.recording.RawRecording(session.tracks(), java.util.Map.of(), false,
                        java.util.List.of())).angles();
        if (!angles.hasCurvature() || angles.sampleCount() < 2) {
            return;
        }
        double[] time = angles.timeSeconds();
        double duration = Math.max(session.summary().durationSeconds(), time[time.length - 1]);
        out.printf(java.util.Locale.ROOT, "%n  angles        host analysis of the samples, %d columns of %.1f s, each its peak%n",
                SPARKLINE_COLUMNS, duration / SPARKLINE_COLUMNS);
        String[] labels = {"flexion", "side bend", "twist"};
        double[][] series = {angles.flexionDegrees(), angles.sideBendDegrees(), angles.twistDegrees()};
        for (int angle = 0; angle < 3; angle++) {
            String line = dev.backbeat.host.report.Sparkline.labelled(labels[angle], time, series[angle], duration,
                    SPARKLINE_COLUMNS);
            if (!line.isEmpty()) {
                out.println(line);
            }
        }
    }

    /** The session as the strap recorded it, as JSON (times in session seconds, angles in degrees). */
    static String json(SessionListing listing, dev.backbeat.core.session.RecordedSession session) {
        dev.backbeat.host.analysis.JsonWriter writer = new dev.backbeat.host.analysis.JsonWriter();
        dev.backbeat.core.session.SessionSummary summary = session.summary();
        writer.beginObject()
                .member("result", "recorded on the strap (streaming detector)")
                .member("device_id", session.deviceId())
                .member("session_id", session.sessionId())
                .member("started_at", session.startedAt().toString())
                .member("status", listing.status())
                .member("hardware", session.hardware())
                .member("sample_rate_hz", session.sampleRateHz())
                .member("duration_s", summary.durationSeconds())
                .name("repetition_count").value(summary.repetitionCount())
                .member("flexion_min_deg", summary.flexionMinDegrees())
                .member("flexion_max_deg", summary.flexionMaxDegrees())
                .member("pacer_breaths_per_min", summary.pacerBreathsPerMinute())
                .name("pacer_inhale_cues").value(summary.pacerInhaleCues());
        session.guided().flatMap(dev.backbeat.core.session.GuidedSessionRecord::calibration).ifPresent(calibration -> writer
                .name("calibration").beginObject()
                .member("source", calibration.kind().name().toLowerCase(java.util.Locale.ROOT))
                .member("neutral_start_s", summary.neutralStartSeconds())
                .member("neutral_end_s", summary.neutralEndSeconds())
                .member("stored_age_days", calibration.ageDays())
                .member("check_deviation_deg", calibration.deviationDegrees())
                .member("stored_refused_because", calibration.refusal())
                .endObject());
        writer.name("repetitions").beginArray();
        for (dev.backbeat.core.rhythm.Repetition repetition : session.repetitions()) {
            writer.beginObject().member("start_s", repetition.startSeconds()).member("end_s", repetition.endSeconds())
                    .member("kind", repetition.kind().label()).member("range_deg", repetition.rangeDegrees())
                    .member("smoothness", repetition.smoothness()).name("partial").value(repetition.partial()).endObject();
        }
        writer.endArray().name("holds").beginArray();
        for (dev.backbeat.core.rhythm.Hold hold : session.holds()) {
            writer.beginObject().member("start_s", hold.startSeconds()).member("end_s", hold.endSeconds()).endObject();
        }
        writer.endArray().name("breath").beginArray();
        for (dev.backbeat.core.rhythm.BreathWindow window : session.breath()) {
            writer.beginObject().member("start_s", window.startSeconds()).member("end_s", window.endSeconds())
                    .member("rate_bpm", window.rateBreathsPerMinute()).member("quality", window.quality()).endObject();
        }
        writer.endArray().name("tempo").beginObject()
                .member("cycle_s", session.tempo().cyclePeriodSeconds()).member("cycle_cv", session.tempo().cyclePeriodCv())
                .endObject();
        writer.name("pacer_cues").beginArray();
        for (dev.backbeat.core.pacer.PacerCue cue : session.pacerCues()) {
            writer.beginObject().member("time_s", cue.timeSeconds()).member("phase", cue.phase().name().toLowerCase(java.util.Locale.ROOT))
                    .endObject();
        }
        return writer.endArray().endObject().toString();
    }
}
