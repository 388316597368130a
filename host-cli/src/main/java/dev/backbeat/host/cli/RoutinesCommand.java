// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.core.routine.BreathPattern;
import dev.backbeat.core.routine.BuiltInProfiles;
import dev.backbeat.core.routine.BuiltInRoutines;
import dev.backbeat.core.routine.GuidedRoutine;
import dev.backbeat.core.routine.Guard;
import dev.backbeat.core.routine.Profile;
import dev.backbeat.core.routine.ProfileFile;
import dev.backbeat.core.routine.RoutineFile;
import dev.backbeat.core.routine.RoutineFormatException;
import dev.backbeat.core.routine.RoutineStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backbeat routines}: the guided routines, built in or from files. */
@Command(name = "routines", mixinStandardHelpOptions = true,
        description = {"Lists the built-in guided routines with their length; 'routines show NAME' prints one's steps.",
            "A routine is a text file (format in the README, 'Routines and profiles'); NAME may be such a file."},
        subcommands = {RoutinesCommand.Show.class, RoutinesCommand.Check.class})
final class RoutinesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-22s %7s %5s  %s%n", "ROUTINE", "LENGTH", "STEPS", "TITLE");
        for (GuidedRoutine routine : BuiltInRoutines.all()) {
            out.printf(Locale.ROOT, "%-22s %7s %5d  %s%n", routine.name(), minutes(routine.plannedSeconds()),
                    routine.steps().size(), routine.title());
        }
        out.println("Lengths at each routine's own pace; 'backbeat routines show NAME [--profile gentle]' for the steps.");
        return ExitCodes.OK;
    }

    /** {@code backbeat routines show}: one routine's steps, optionally as a profile makes them. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints a routine's steps: a built-in name or a routine file, optionally personalised by a profile.")
    static final class Show implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "a built-in routine (see 'backbeat routines') or a routine file")
        private String name;

        @Option(names = "--profile", paramLabel = "NAME", description = "personalise with this profile (built in: gentle, athletic, custom; or a profile file)")
        private String profileName;

        @Option(names = "--as-file", description = "print it as a routine file, to copy and edit")
        private boolean asFile;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                GuidedRoutine routine = routine(name);
                String heading = routine.name();
                if (profileName != null) {
                    Profile profile = profile(profileName);
                    routine = profile.personalise(routine);
                    heading += " with profile " + profile.name();
                }
                if (asFile) {
                    out.print(RoutineFile.format(routine));
                    return ExitCodes.OK;
                }
                out.printf(Locale.ROOT, "%s: %s (%s at this pace)%n", heading, routine.title(), minutes(routine.plannedSeconds()));
                int index = 1;
                for (RoutineStep step : routine.steps()) {
                    out.printf(Locale.ROOT, "%2d. %s%n", index++, describe(step));
                }
                return ExitCodes.OK;
            } catch (RoutineFormatException | NotFoundException e) {
                err.println("backbeat routines show: " + e.getMessage());
                return ExitCodes.INPUT;
            } catch (IOException e) {
                err.println("backbeat routines show: cannot read " + e.getMessage());
                return ExitCodes.INPUT;
            }
        }
    }

    /** {@code backbeat routines check}: validates routine and profile files. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Checks routine (.routine) and profile (.profile) files; each error names the file and line.")
    static final class Check implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "routine or profile files")
        private List<Path> files = new ArrayList<>();

        @Override
        public Integer call() {
            int failed = 0;
            for (Path file : files) {
                try {
                    if (file.getFileName() != null && file.getFileName().toString().endsWith(".profile")) {
                        Profile profile = ProfileFile.read(file);
                        spec.commandLine().getOut().printf(Locale.ROOT, "%s: profile %s, ok%n", file, profile.name());
                    } else {
                        GuidedRoutine routine = RoutineFile.read(file);
                        spec.commandLine().getOut().printf(Locale.ROOT, "%s: routine %s, %d steps, %s, ok%n", file, routine.name(),
                                routine.steps().size(), minutes(routine.plannedSeconds()));
                    }
                } catch (RoutineFormatException e) {
                    spec.commandLine().getErr().println(e.getMessage());
                    failed++;
                } catch (IOException e) {
                    spec.commandLine().getErr().println(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
                    failed++;
                }
            }
            return failed == 0 ? ExitCodes.OK : ExitCodes.INPUT;
        }
    }

    /** A name that is neither built in nor a readable file. */
    static final class NotFoundException extends Exception {
        NotFoundException(String message) {
            super(message);
        }
    }

    static GuidedRoutine routine(String name) throws IOException, RoutineFormatException, NotFoundException {
        Optional<GuidedRoutine> builtIn = BuiltInRoutines.named(name);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("no built-in routine or routine file '" + name + "' (built in: "
                    + String.join(", ", BuiltInRoutines.NAMES) + ")");
        }
        return RoutineFile.read(file);
    }

    static Profile profile(String name) throws IOException, RoutineFormatException, NotFoundException {
        Optional<Profile> builtIn = BuiltInProfiles.named(name);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("no built-in profile or profile file '" + name + "' (built in: "
                    + String.join(", ", BuiltInProfiles.NAMES) + ")");
        }
        return ProfileFile.read(file);
    }

    static String describe(RoutineStep step) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-20s", step.movement().fileName()));
        if (step.repetitions() == 0) {
            text.append(String.format(Locale.ROOT, "%s s", BreathPattern.number(step.durationSeconds())));
        } else {
            text.append(step.repetitions()).append(step.repetitions() == 1 ? " repetition" : " repetitions");
            if (step.movement().sided()) {
                text.append(" each side");
            }
            double breaths = step.breathsPerRepetition();
            text.append(String.format(Locale.ROOT, ", %s %s each (%s)", BreathPattern.number(breaths), breaths == 1 ? "breath" : "breaths",
                    minutes(breaths * step.breath().periodSeconds())));
            text.append(String.format(Locale.ROOT, ", out over %.1f s", step.movementOutSeconds()));
            if (step.holdSeconds() > 0) {
                text.append(", hold ").append(BreathPattern.number(step.holdSeconds())).append(" s");
            }
            if (!Double.isNaN(step.rangeDegrees())) {
                text.append(", range ").append(BreathPattern.number(step.rangeDegrees())).append('°');
            }
        }
        text.append("; pacer ").append(step.breath());
        if (!step.guards().isEmpty()) {
            List<String> guards = new ArrayList<>();
            for (Guard guard : step.guards().stream().sorted().toList()) {
                guards.add(guard == Guard.END_RANGE_HOLD
                        ? "end-range-hold (past " + BreathPattern.number(step.holdLimitSeconds()) + " s)" : guard.fileName());
            }
            text.append("; guards ").append(String.join(", ", guards));
        }
        return text.toString();
    }

    static String minutes(double seconds) {
        long rounded = Math.round(seconds);
        return rounded < 60 ? rounded + " s" : String.format(Locale.ROOT, "%d:%02d", rounded / 60, rounded % 60);
    }
}
