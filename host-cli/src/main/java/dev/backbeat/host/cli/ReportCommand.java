// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.core.analysis.RecordingAnalysis;
import dev.backbeat.core.analysis.RecordingAnalyzer;
import dev.backbeat.core.recording.RawRecording;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.host.analysis.RecordingFiles;
import dev.backbeat.host.fhir.FhirBundle;
import dev.backbeat.host.fhir.WearerPseudonym;
import dev.backbeat.host.report.AngleTrace;
import dev.backbeat.host.report.HtmlReport;
import dev.backbeat.host.report.SessionFacts;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code backbeat report}: progress over weeks as one self-contained HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes a progress report as one self-contained HTML file (no network, no scripts; SVG charts): per strap the daily habit (calendar, streak), range of motion per week, repetitions, tempo and smoothness, breathing against the pacer, every session, and each session's angle trace with its repetitions, holds, cues and alerts; and/or, with --fhir, the selected sessions as one FHIR R4 Bundle (as 'export --fhir'). See the README, 'Reports'."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ProgressOption progressOption;

    @Mixin
    private StoreOption store;

    @Option(names = "--html", paramLabel = "OUT.html", description = "the HTML report to write")
    private Path html;

    @Option(names = "--fhir", paramLabel = "OUT.json",
            description = "a FHIR R4 Bundle of the selected sessions to write (as 'export --fhir' makes it)")
    private Path fhir;

    @Option(names = "--subject", paramLabel = "PSEUDONYM",
            description = "The wearer's pseudonym in the FHIR Bundle (letters, digits, . _ -). Default: derived from "
                    + "the strap's id (the same for every session of one strap).")
    private String subject;

    @Option(names = "--device", paramLabel = "ID", description = "only this strap's sessions")
    private String device;

    @Option(names = "--since", paramLabel = "DATE", description = "from this day on (YYYY-MM-DD, UTC)")
    private String since;

    @Option(names = "--until", paramLabel = "DATE", description = "up to and including this day (YYYY-MM-DD, UTC)")
    private String until;

    @Override
    public Integer call() {
        LocalDate from = date("--since", since);
        LocalDate to = date("--until", until);
        if (from != null && to != null && to.isBefore(from)) {
            throw new ParameterException(spec.commandLine(), "--until (" + to + ") is before --since (" + from + ")");
        }
        var err = spec.commandLine().getErr();
        if (html == null && fhir == null) {
            throw new ParameterException(spec.commandLine(), "say what to write: --html OUT.html, --fhir OUT.json or both");
        }
        if (subject != null && !RecordedSession.ID_PATTERN.matcher(subject).matches()) {
            throw new ParameterException(spec.commandLine(), "--subject must be 1 to 64 letters, digits, '.', '_' or '-' "
                    + "(a pseudonym, never a name), was '" + subject.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        List<FhirBundle.Entry> fhirEntries = new ArrayList<>();
        List<SessionFacts> facts = new ArrayList<>();
        Map<String, AngleTrace> traces = new HashMap<>();
        try (SessionStore sessionStore = store.open()) {
            List<SessionListing> selected = new ArrayList<>();
            for (SessionListing listing : sessionStore.list()) {
                LocalDate day = listing.startedAt().atZone(ZoneOffset.UTC).toLocalDate();
                if ((device == null || device.equals(listing.deviceId())) && (from == null || !day.isBefore(from))
                        && (to == null || !day.isAfter(to))) {
                    selected.add(listing);
                }
            }
            RecordingAnalyzer analyzer = RecordingAnalyzer.withDefaults();
            try (Progress progress = progressOption.start(err, "report", "sessions", selected.size())) {
                for (SessionListing listing : selected) {
                    RecordedSession session = sessionStore.load(listing);
                    facts.add(SessionFacts.of(session));
                    // the angle trace from the samples, with the host's repetitions and holds
                    RawRecording samples = new RawRecording(session.tracks(), Map.of(), false, List.of());
                    RecordingAnalysis analysis = analyzer.analyze(samples);
                    if (html != null) {
                        AngleTrace.of(session, analysis).ifPresent(trace ->
                                traces.put(HtmlReport.traceKey(session.deviceId(), session.sessionId()), trace));
                    }
                    if (fhir != null) {
                        // the Bundle needs the angles and the rhythm, not the raw samples: those are let go
                        fhirEntries.add(new FhirBundle.Entry(session.withTracks(List.of()), new RecordingAnalysis(
                                new RawRecording(List.of(), Map.of(), false, List.of()), analysis.angles(), analysis.rhythm()),
                                subject != null ? subject : WearerPseudonym.ofStrap(session.deviceId())));
                    }
                    progress.advance();
                }
            }
        } catch (StoreException e) {
            err.println("backbeat report: " + e.getMessage());
            return ExitCodes.STORE;
        }
        String period = (device == null ? "All straps" : "Strap " + device) + ", "
                + (from == null ? "from the first session" : "from " + from) + (to == null ? " to the last" : " to " + to)
                + " (UTC)";
        if (html != null) {
            String page = HtmlReport.render(facts, traces, period);
            try {
                // through a temporary file renamed into place, as every output file of backbeat
                RecordingFiles.write(html, writer -> writer.write(page));
            } catch (IOException e) {
                err.println("backbeat report: cannot write " + html + ": " + RecordingFiles.reason(e));
                return ExitCodes.INPUT;
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "report of %d session%s written to %s%n", facts.size(),
                    facts.size() == 1 ? "" : "s", html);
        }
        if (fhir != null) {
            String bundle = FhirBundle.of(fhirEntries, "backbeat " + BackbeatMain.Version.number(), Instant.now());
            try {
                RecordingFiles.write(fhir, writer -> writer.write(bundle));
            } catch (IOException e) {
                err.println("backbeat report: cannot write " + fhir + ": " + RecordingFiles.reason(e));
                return ExitCodes.INPUT;
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "FHIR R4 Bundle of %d session%s written to %s%n",
                    fhirEntries.size(), fhirEntries.size() == 1 ? "" : "s", fhir);
        }
        return ExitCodes.OK;
    }

    private LocalDate date(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), option + " must be a day as YYYY-MM-DD, was '" + text + "'");
        }
    }
}
