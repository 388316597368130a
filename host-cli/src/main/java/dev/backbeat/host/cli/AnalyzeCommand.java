// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.core.analysis.RecordingAnalysis;
import dev.backbeat.core.analysis.RecordingAnalyzer;
import dev.backbeat.core.recording.RawRecording;
import dev.backbeat.core.recording.RecordingFormatException;
import dev.backbeat.core.rhythm.BreathSettings;
import dev.backbeat.core.rhythm.RhythmSettings;
import dev.backbeat.core.spine.SpinalAnalysisSettings;
import dev.backbeat.host.analysis.AnalysisJson;
import dev.backbeat.host.analysis.AnalysisSummary;
import dev.backbeat.host.analysis.AnglesCsv;
import dev.backbeat.host.analysis.RecordingFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backbeat analyze FILE}: spinal angles, repetitions, holds, tempo and breathing of a raw recording. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyses a raw recording (the interchange format, see the README; .gz accepted): spinal "
                    + "flexion, side bend and twist relative to the wearer's neutral posture (or trunk inclination "
                    + "with one sensor), repetitions, holds, tempo and breathing rate. Prints a summary."})
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ProgressOption progressOption;

    @Parameters(paramLabel = "FILE", description = "Recording: time_s,sensor,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z[,mag_x,mag_y,mag_z]")
    private Path input;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the analysis as JSON.")
    private Path jsonOutput;

    @Option(names = "--angles", paramLabel = "OUT.csv",
            description = "Also write time_s,flexion_deg,side_bend_deg,twist_deg at the upper sensor's rate (.gz accepted).")
    private Path anglesOutput;

    @Option(names = "--functional", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Find each strap's rotation about the spine from the session's own bends (on by default; "
                    + "--no-functional assumes the straps lie flat on the back).")
    private boolean functional;

    @Option(names = "--hold-limit", defaultValue = "30", paramLabel = "SECONDS",
            description = "End-range holds longer than this are flagged. Default: ${DEFAULT-VALUE}.")
    private double holdLimitSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(holdLimitSeconds > 0 && Double.isFinite(holdLimitSeconds))) {
            err.println("backbeat analyze: --hold-limit must be a positive number of seconds, was " + holdLimitSeconds);
            return ExitCodes.USAGE;
        }
        RecordingAnalyzer analyzer;
        try {
            analyzer = new RecordingAnalyzer(SpinalAnalysisSettings.DEFAULTS.withFunctionalCalibration(functional),
                    RhythmSettings.DEFAULTS.withEndRangeHoldLimitSeconds(holdLimitSeconds), BreathSettings.DEFAULTS);
        } catch (IllegalArgumentException e) {
            err.println("backbeat analyze: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        RecordingAnalysis analysis;
        try {
            RawRecording recording;
            long fileBytes = fileSize(input);
            try (Progress progress = progressOption.start(err, "analyze: reading " + input.getFileName(), "MiB", fileBytes >> 20)) {
                recording = RecordingFiles.read(input, bytesRead -> progress.update(bytesRead >> 20, fileBytes >> 20));
            }
            analysis = analyzer.analyze(recording);
        } catch (RecordingFormatException e) {
            err.println("backbeat analyze: " + e.getMessage());
            return ExitCodes.INPUT;
        } catch (IllegalArgumentException e) {
            err.println("backbeat analyze: " + input + ": " + e.getMessage());
            return ExitCodes.INPUT;
        } catch (OutOfMemoryError e) {
            err.println("backbeat analyze: " + input + ": too large to analyse in " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB of memory (BACKBEAT_JAVA_OPTS=-Xmx4g gives it more)");
            return ExitCodes.INPUT;
        }
        AnalysisSummary.print(analysis, out);
        try {
            if (jsonOutput != null) {
                String json = AnalysisJson.of(analysis);
                RecordingFiles.write(jsonOutput, writer -> writer.write(json));
                out.println("wrote " + jsonOutput);
            }
            if (anglesOutput != null) {
                RecordingFiles.write(anglesOutput, writer -> AnglesCsv.write(analysis.angles(), writer));
                out.println("wrote " + anglesOutput);
            }
        } catch (IOException e) {
            err.println("backbeat analyze: cannot write output: " + e.getMessage());
            return ExitCodes.INPUT;
        }
        return ExitCodes.OK;
    }

    /** The file's size in bytes, 0 if it cannot be told (the read then says why). */
    private static long fileSize(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException | SecurityException unknown) {
            return 0;
        }
    }
}
