// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The text of a routine or profile as someone named it: a built-in name, or a file, read as
 * {@link RoutineFile#read} reads one (at most 64 KiB of UTF-8 text; a binary file is refused without
 * echoing it). What the host sends a strap for a file, and what a session records the SHA-256 of.
 *
 * @param source names it in errors: {@code built-in extensions.routine}, or the file as named
 * @param text the routine or profile file's text
 * @param builtInName the built-in name, or empty for a file
 */
public record DefinitionText(String source, String text, Optional<String> builtInName) {

    /** The built-in routine {@code nameOrFile}, else the routine file of that name. */
    public static DefinitionText routine(String nameOrFile) throws IOException, RoutineFormatException {
        Optional<String> builtIn = BuiltInRoutines.source(nameOrFile);
        if (builtIn.isPresent()) {
            return new DefinitionText("built-in " + nameOrFile + ".routine", builtIn.get(), Optional.of(nameOrFile));
        }
        return file(nameOrFile, "routine", String.join(", ", BuiltInRoutines.NAMES));
    }

    /** The built-in profile {@code nameOrFile}, else the profile file of that name. */
    public static DefinitionText profile(String nameOrFile) throws IOException, RoutineFormatException {
        Optional<String> builtIn = BuiltInProfiles.source(nameOrFile);
        if (builtIn.isPresent()) {
            return new DefinitionText("built-in " + nameOrFile + ".profile", builtIn.get(), Optional.of(nameOrFile));
        }
        return file(nameOrFile, "profile", String.join(", ", BuiltInProfiles.NAMES));
    }

    /** Text that came from elsewhere (a host's configuration), named {@code source} in errors. */
    public static DefinitionText of(String source, String text) {
        return new DefinitionText(source, text, Optional.empty());
    }

    private static DefinitionText file(String name, String kind, String builtIns) throws IOException, RoutineFormatException {
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new RoutineFormatException(DefinitionLines.shorten(name), 0, "is neither a built-in " + kind
                    + " (built in: " + builtIns + ") nor a " + kind + " file");
        }
        return new DefinitionText(name, DefinitionLines.read(file), Optional.empty());
    }
}
