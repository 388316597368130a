// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.host.export.RecordedResultComments;
import dev.backbeat.host.export.SessionSummaryCsv;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 16: {@code export --summary} for a spreadsheet, and {@code export --out} keeping what the strap recorded. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportCommandTest {

    @TempDir
    static Path directory;

    private Path store;
    private RecordedSession first;
    private RecordedSession second;
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    void recordTwoSessions() throws Exception {
        store = directory.resolve("store");
        first = SimulatedStore.record(store, directory.resolve("device"), 3, 7);
        second = SimulatedStore.record(store, directory.resolve("device"), 1, 8);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void summary_withoutIds_writesOneRowPerStoredSessionOldestFirst() throws Exception {
        Path csv = directory.resolve("summary.csv");
        assertEquals(ExitCodes.OK, run("export", "--summary", csv.toString(), "--store", store.toString()), err.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(SessionSummaryCsv.SESSION_HEADER, lines.get(0));
        assertEquals(3, lines.size());
        List<String> header = List.of(lines.get(0).split(","));
        for (int row = 1; row <= 2; row++) {
            RecordedSession session = row == 1 ? first : second;
            String[] fields = lines.get(row).split(",", -1);
            assertEquals(header.size(), fields.length, lines.get(row));
            assertEquals(session.sessionId(), fields[header.indexOf("session")]);
            assertEquals(session.summary().repetitionCount(), Integer.parseInt(fields[header.indexOf("repetitions")]));
            assertEquals(session.summary().durationSeconds(), Double.parseDouble(fields[header.indexOf("duration_s")]), 0.001);
            assertEquals(session.summary().flexionMaxDegrees(), Double.parseDouble(fields[header.indexOf("flexion_max_deg")]), 0.001);
        }
        assertEquals("wrote " + csv + " (2 sessions, one row each)", out.toString().strip());
    }

    @Test
    void summaryReps_writesOneRowPerRepetition() throws Exception {
        Path csv = directory.resolve("repetitions.csv");
        assertEquals(ExitCodes.OK, run("export", first.sessionId(), "--summary", csv.toString(), "--reps",
                "--store", store.toString()), err.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(SessionSummaryCsv.REPETITION_HEADER, lines.get(0));
        assertEquals(first.repetitions().size() + 1, lines.size());
        Repetition last = first.repetitions().get(first.repetitions().size() - 1);
        String[] fields = lines.get(lines.size() - 1).split(",", -1);
        assertEquals(last.kind().label(), fields[7]);
        assertEquals(last.rangeDegrees(), Double.parseDouble(fields[10]), 0.001);
    }

    @Test
    void out_keepsWhatTheStrapRecorded_andAnalyzeReadsTheFileAsWithoutIt() throws Exception {
        Path exported = directory.resolve("session.csv");
        assertEquals(ExitCodes.OK, run("export", first.sessionId(), "--out", exported.toString(), "--store", store.toString()),
                err.toString());
        List<String> lines = Files.readAllLines(exported);
        assertEquals(RecordedResultComments.INTRODUCTION, lines.get(0));
        assertEquals(first.repetitions().size(), lines.stream().filter(line -> line.startsWith("# recorded.repetition: ")).count());
        assertEquals(first.pacerCues().size(), lines.stream().filter(line -> line.startsWith("# recorded.cue: ")).count());
        assertEquals(first.holds().size(), lines.stream().filter(line -> line.startsWith("# recorded.hold: ")).count());
        Repetition firstRepetition = first.repetitions().get(0);
        assertTrue(lines.contains("# recorded.repetition: index 1, start_s "
                + RecordedResultComments.number(firstRepetition.startSeconds()) + ", end_s "
                + RecordedResultComments.number(firstRepetition.endSeconds()) + ", kind " + firstRepetition.kind().label()
                + ", peak_flexion_deg " + RecordedResultComments.number(firstRepetition.peakFlexionDegrees())
                + ", peak_extension_deg " + RecordedResultComments.number(firstRepetition.peakExtensionDegrees())
                + ", range_deg " + RecordedResultComments.number(firstRepetition.rangeDegrees())
                + ", smoothness " + RecordedResultComments.number(firstRepetition.smoothness())
                + ", partial " + firstRepetition.partial()), String.join("\n", lines.subList(0, 8)));

        Path samplesOnly = directory.resolve("samples-only.csv");
        Files.write(samplesOnly, lines.stream().filter(line -> !line.startsWith("# recorded")).toList());
        Path withResults = directory.resolve("with-results.json");
        Path without = directory.resolve("without.json");
        assertEquals(ExitCodes.OK, run("analyze", exported.toString(), "--json", withResults.toString()), err.toString());
        assertEquals(ExitCodes.OK, run("analyze", samplesOnly.toString(), "--json", without.toString()), err.toString());
        assertEquals(Files.readString(without), Files.readString(withResults));
        Path fused = directory.resolve("fused.csv");
        assertEquals(ExitCodes.OK, run("fuse", exported.toString(), "--sensor", "lower", "--out", fused.toString()), err.toString());
    }

    @Test
    void export_withoutWhatToWrite_orOutForTwoSessions_exitsUsage() {
        assertEquals(ExitCodes.USAGE, run("export", first.sessionId(), "--store", store.toString()));
        assertTrue(err.toString().startsWith("backbeat export: say what to write: --out FILE.csv"), err.toString());
        assertEquals(ExitCodes.USAGE, run("export", first.sessionId(), second.sessionId(), "--out",
                directory.resolve("two.csv").toString(), "--store", store.toString()));
        assertEquals(ExitCodes.USAGE, run("export", first.sessionId(), "--fhir", directory.resolve("x.json").toString(),
                "--subject", "Ada Lovelace", "--store", store.toString()));
        assertTrue(err.toString().contains("--subject must be 1 to 64 letters"), err.toString());
    }
}
