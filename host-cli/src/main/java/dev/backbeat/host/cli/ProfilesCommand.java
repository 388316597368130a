// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.core.routine.BuiltInProfiles;
import dev.backbeat.core.routine.Profile;
import dev.backbeat.core.routine.RoutineFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backbeat profiles}: the profiles that fit routines to a person. */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = {"Lists the built-in profiles; 'profiles show NAME' prints one.",
            "A profile is a text file (format in the README, 'Routines and profiles'); NAME may be such a file."},
        subcommands = ProfilesCommand.Show.class)
final class ProfilesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-10s %-10s %-8s %-7s  %s%n", "PROFILE", "EXTENSION", "PACER", "HOLD", "TITLE");
        for (Profile profile : BuiltInProfiles.all()) {
            out.printf(Locale.ROOT, "%-10s %-10s %-8s %-7s  %s%n", profile.name(), profile.extensionLimit(),
                    Double.isNaN(profile.breathsPerMinute()) ? "routine" : profile.breathsPerMinute() + "/min",
                    Double.isNaN(profile.holdSeconds()) ? "routine" : profile.holdSeconds() + " s", profile.title());
        }
        return ExitCodes.OK;
    }

    /** {@code backbeat profiles show}: one profile's settings. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints a profile's settings (a built-in name or a profile file).")
    static final class Show implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "a built-in profile (gentle, athletic, custom) or a profile file")
        private String name;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                Profile profile = RoutinesCommand.profile(name);
                out.printf(Locale.ROOT, "%s: %s%n", profile.name(), profile.title());
                out.printf(Locale.ROOT, "  extension limit   %s%n", profile.extensionLimit());
                out.printf(Locale.ROOT, "  flexion limit     %s%n", profile.flexionLimit());
                out.printf(Locale.ROOT, "  pacer             %s%n", Double.isNaN(profile.breathsPerMinute()) ? "each routine's own"
                        : profile.breathsPerMinute() + " breaths/min");
                out.printf(Locale.ROOT, "  inhale:exhale     %s%n", Double.isNaN(profile.inhaleParts()) ? "each routine's own"
                        : profile.inhaleParts() + ":" + profile.exhaleParts());
                out.printf(Locale.ROOT, "  hold              %s%n", Double.isNaN(profile.holdSeconds()) ? "each routine's own"
                        : profile.holdSeconds() + " s");
                out.printf(Locale.ROOT, "  tempo scale       %s%n", profile.tempoScale());
                out.printf(Locale.ROOT, "  cues              %s, strength %s%n", profile.cuePattern().name().toLowerCase(Locale.ROOT),
                        profile.cueStrength());
                out.printf(Locale.ROOT, "  glide             %s%n", profile.glideMinutes() == 0 ? "off"
                        : "from the breathing measured in the stand to the pacer over " + profile.glideMinutes() + " min");
                out.printf(Locale.ROOT, "  calibration       %s%n", profile.calibration() == Profile.Calibration.STORED
                        ? "stored: a " + dev.backbeat.core.spine.CalibrationCheck.Settings.DEFAULTS.checkSeconds()
                                + " s check of the calibration the last still stand stored (a stand when it does not fit)"
                        : "stand: a neutral stand opens every session");
                out.printf(Locale.ROOT, "  routines          %s%n", String.join(", ", profile.routines()));
                return ExitCodes.OK;
            } catch (RoutineFormatException | RoutinesCommand.NotFoundException e) {
                spec.commandLine().getErr().println("backbeat profiles show: " + e.getMessage());
                return ExitCodes.INPUT;
            } catch (IOException e) {
                spec.commandLine().getErr().println("backbeat profiles show: cannot read " + e.getMessage());
                return ExitCodes.INPUT;
            }
        }
    }
}
