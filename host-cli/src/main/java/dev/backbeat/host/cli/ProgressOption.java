// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --no-progress} option of the commands that show the {@link Progress} of long work. */
final class ProgressOption {

    @Option(names = "--no-progress",
            description = "Show no progress on standard error (otherwise long work shows a bar in a terminal, "
                    + "a plain line about every second elsewhere).")
    boolean off;

    /** The progress of {@code total} {@code unit} of {@code task}: nothing with --no-progress. */
    Progress start(PrintWriter err, String task, String unit, long total) {
        return off ? new Progress(err, Progress.Style.QUIET, task, unit, total, System::nanoTime)
                : Progress.on(err, task, unit, total);
    }
}
