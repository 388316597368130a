// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.core.orientation.OrientationFilterSettings;
import dev.backbeat.core.recording.RawRecordingReader;
import dev.backbeat.host.analysis.RecordingFiles;
import dev.backbeat.host.fuse.FuseInputException;
import dev.backbeat.host.fuse.OrientationFusion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backbeat fuse IN.csv --out OUT.csv [--rate HZ] [--no-mag] [--offline]}: orientation of every sample of a recording. */
@Command(name = "fuse", mixinStandardHelpOptions = true,
        description = {"Estimates the orientation of every sample of an IMU recording.",
            "Reads columns time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z[,mag_x,mag_y,mag_z] by header name "
                    + "(rad/s, m/s², µT; .gz accepted; other columns and # comment lines ignored) and writes time_s,qw,qx,qy,qz: the "
                    + "sensor frame relative to East-North-Up (z up), scalar first. Without magnetometer columns, "
                    + "or with --no-mag, the heading is relative to the start (6D)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:written",
            "1:internal error",
            "2:bad command line",
            "6:input file unreadable or malformed (the line is named), or output file not writable"})
public final class FuseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN.csv", description = "Input recording (.csv or .csv.gz).")
    private Path input;

    @Option(names = "--out", required = true, paramLabel = "OUT.csv", description = "Output file (.gz compresses).")
    private Path output;

    @Option(names = "--rate", paramLabel = "HZ", description = "Sampling rate in Hz, 1..2000 (default: from time_s).")
    private Double rateHz;

    @Option(names = "--sensor", paramLabel = "NAME", description = "Only this sensor's rows of a file with a sensor "
            + "column (upper or lower in what 'backbeat export' writes).")
    private String sensor;

    @Option(names = "--no-mag", description = "Ignore magnetometer columns and write the 6D result.")
    private boolean noMagnetometer;

    @Option(names = "--offline", description = "Acausal estimate over the whole recording (forward and backward "
            + "passes): more accurate for re-analysis, not possible live.")
    private boolean offline;

    @Override
    public Integer call() {
        if (rateHz != null && !(rateHz >= RawRecordingReader.MINIMUM_RATE_HZ && rateHz <= RawRecordingReader.MAXIMUM_RATE_HZ)) {
            spec.commandLine().getErr().printf(Locale.ROOT, "backbeat fuse: --rate must be %.0f to %.0f Hz, was %s%n",
                    RawRecordingReader.MINIMUM_RATE_HZ, RawRecordingReader.MAXIMUM_RATE_HZ, rateHz);
            return ExitCodes.USAGE;
        }
        OrientationFusion fusion = new OrientationFusion(OrientationFilterSettings.DEFAULTS);
        try {
            OrientationFusion.Summary summary = fusion.fuse(input, Optional.ofNullable(sensor), output,
                    rateHz == null ? Double.NaN : rateHz, !noMagnetometer, offline);
            spec.commandLine().getOut().printf(Locale.ROOT, "fuse: %d samples at %.3f Hz, %s%s, written to %s%n",
                    summary.samples(), summary.sampleRateHz(), summary.usedMagnetometer() ? "9D" : "6D",
                    offline ? " offline" : "", output);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (FuseInputException e) {
            spec.commandLine().getErr().println("backbeat fuse: " + e.getMessage());
            return ExitCodes.INPUT;
        } catch (IOException e) {
            spec.commandLine().getErr().println("backbeat fuse: cannot write " + output + ": " + RecordingFiles.reason(e));
            return ExitCodes.INPUT;
        }
    }
}
