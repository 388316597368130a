// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.core.analysis.RecordingAnalyzer;
import dev.backbeat.core.recording.RawRecording;
import dev.backbeat.core.recording.RawRecordingWriter;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.host.analysis.RecordingFiles;
import dev.backbeat.host.export.RecordedResultComments;
import dev.backbeat.host.export.SessionSummaryCsv;
import dev.backbeat.host.fhir.FhirBundle;
import dev.backbeat.host.fhir.WearerPseudonym;
import dev.backbeat.host.store.AmbiguousSessionIdException;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code backbeat export ID --out FILE.csv | --fhir OUT.json | --summary OUT.csv}: a stored
 * session's raw samples with what the strap recorded, a FHIR R4 Bundle, or a spreadsheet summary.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes stored sessions for other programs. --out: one session's raw samples in the interchange "
                + "format that 'backbeat analyze' reads, preceded by what the strap recorded (summary, repetitions, holds, "
                + "breathing, pacer cues) as # comment lines. --fhir: a FHIR R4 Bundle of the sessions for a clinical "
                + "record (respiratory rate, exercise duration, range of motion per angle, repetitions, angle waveforms, "
                + "the strap as a Device; the wearer only as a pseudonym). --summary: one CSV row per session (every "
                + "stored session when no ID is given), or per repetition with --reps, for a spreadsheet."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ProgressOption progressOption;

    @Mixin
    private StoreOption store;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Session id, or enough of its start to be unique.")
    private List<String> sessionIds = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Raw samples of one session (.gz compresses).")
    private Path output;

    @Option(names = "--fhir", paramLabel = "OUT.json", description = "FHIR R4 Bundle (JSON) of the sessions given.")
    private Path fhirOutput;

    @Option(names = "--subject", paramLabel = "PSEUDONYM",
            description = "The wearer's pseudonym in the FHIR Bundle (letters, digits, . _ -). Default: derived from "
                    + "the strap's id (the same for every session of one strap).")
    private String subject;

    @Option(names = "--summary", paramLabel = "OUT.csv", description = "CSV summary, one row per session (.gz compresses).")
    private Path summaryOutput;

    @Option(names = "--reps", description = "With --summary: one row per repetition instead.")
    private boolean perRepetition;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String usage = usageProblem();
        if (usage != null) {
            err.println("backbeat export: " + usage);
            return ExitCodes.USAGE;
        }
        try (SessionStore sessionStore = store.openForReading()) {
            List<SessionListing> listings = new ArrayList<>();
            if (sessionIds.isEmpty()) {
                listings.addAll(sessionStore.list());
            }
            for (String sessionId : sessionIds) {
                Optional<SessionListing> listing = sessionStore.find(sessionId);
                if (listing.isEmpty()) {
                    err.println("backbeat export: no session '" + sessionId + "' in " + sessionStore.location()
                            + " (see 'backbeat sessions')");
                    return ExitCodes.NOT_FOUND;
                }
                listings.add(listing.get());
            }
            listings.sort(Comparator.comparing(SessionListing::startedAt));
            List<SessionSummaryCsv.Row> sessions = new ArrayList<>();
            try (Progress progress = progressOption.start(err, "export", "sessions", listings.size())) {
                for (SessionListing listing : listings) {
                    sessions.add(new SessionSummaryCsv.Row(listing, sessionStore.load(listing)));
                    progress.advance();
                }
            }
            if (output != null) {
                writeRaw(sessions.get(0).session());
                out.println("wrote " + output);
            }
            if (fhirOutput != null) {
                writeFhir(sessions);
                out.println("wrote " + fhirOutput + " (FHIR R4 Bundle, " + sessions.size()
                        + (sessions.size() == 1 ? " session)" : " sessions)"));
            }
            if (summaryOutput != null) {
                RecordingFiles.write(summaryOutput, writer -> {
                    if (perRepetition) {
                        SessionSummaryCsv.writeRepetitions(writer, sessions);
                    } else {
                        SessionSummaryCsv.writeSessions(writer, sessions);
                    }
                });
                out.println("wrote " + summaryOutput + " (" + sessions.size() + (sessions.size() == 1 ? " session" : " sessions")
                        + (perRepetition ? ", one row per repetition)" : ", one row each)"));
            }
            return ExitCodes.OK;
        } catch (AmbiguousSessionIdException e) {
            err.println("backbeat export: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (StoreException e) {
            err.println("backbeat export: " + e.getMessage());
            return ExitCodes.STORE;
        } catch (IOException e) {
            err.println("backbeat export: cannot write " + failedOutput(e) + ": " + RecordingFiles.reason(e));
            return ExitCodes.INPUT;
        }
    }

    /** What is wrong with the combination of options, or null. */
    private String usageProblem() {
        if (output == null && fhirOutput == null && summaryOutput == null) {
            return "say what to write: --out FILE.csv (raw samples), --fhir OUT.json or --summary OUT.csv";
        }
        if (output != null && sessionIds.size() != 1) {
            return "--out writes one session's samples: give exactly one ID (found " + sessionIds.size() + ")";
        }
        if (fhirOutput != null && sessionIds.isEmpty()) {
            return "--fhir needs the IDs of the sessions to put in the Bundle";
        }
        if (perRepetition && summaryOutput == null) {
            return "--reps is for --summary";
        }
        if (subject != null && !RecordedSession.ID_PATTERN.matcher(subject).matches()) {
            return "--subject must be 1 to 64 letters, digits, '.', '_' or '-' (a pseudonym, never a name), was '"
                    + subject.replaceAll("\\p{Cntrl}", "?") + "'";
        }
        return null;
    }

    private void writeRaw(RecordedSession session) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("rate_hz", String.valueOf(session.sampleRateHz()));
        metadata.put("device", session.deviceId());
        metadata.put("session", session.sessionId());
        metadata.put("started_at", session.startedAt().toString());
        metadata.put("hardware", session.hardware());
        RecordingFiles.write(output, writer -> {
            RecordedResultComments.write(writer, session);
            RawRecordingWriter.write(writer, metadata, session.tracks());
        });
    }

    private void writeFhir(List<SessionSummaryCsv.Row> sessions) throws IOException {
        RecordingAnalyzer analyzer = RecordingAnalyzer.withDefaults();
        List<FhirBundle.Entry> entries = new ArrayList<>();
        try (Progress progress = progressOption.start(spec.commandLine().getErr(), "export --fhir: analysing", "sessions",
                sessions.size())) {
            for (SessionSummaryCsv.Row row : sessions) {
                RecordedSession session = row.session();
                RawRecording samples = new RawRecording(session.tracks(), Map.of(), false, List.of());
                entries.add(new FhirBundle.Entry(session, analyzer.analyze(samples),
                        subject != null ? subject : WearerPseudonym.ofStrap(session.deviceId())));
                progress.advance();
            }
        }
        String bundle = FhirBundle.of(entries, "backbeat " + BackbeatMain.Version.number(), Instant.now());
        RecordingFiles.write(fhirOutput, writer -> writer.write(bundle));
    }

    private Path failedOutput(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fileSystem && fileSystem.getFile() != null) {
            return Path.of(fileSystem.getFile());
        }
        return output != null ? output : fhirOutput != null ? fhirOutput : summaryOutput;
    }
}
