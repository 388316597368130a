// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The routines that come with Backbeat, routine files in this package's resources. */
public final class BuiltInRoutines {

    /** Their names, in the order {@code backbeat routines} lists them. */
    public static final List<String> NAMES = List.of("daily", "cat-cow", "extensions", "supported-extensions", "side-bends",
            "twists", "lunge-twist");

    private BuiltInRoutines() {
    }

    /** The built-in routine {@code name}, if there is one. */
    public static Optional<GuidedRoutine> named(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        String resource = name + ".routine";
        try {
            return Optional.of(RoutineFile.parse("built-in " + resource, text(resource)));
        } catch (RoutineFormatException e) {
            throw new IllegalStateException("a built-in routine does not read: " + e.getMessage(), e);
        }
    }

    /** The routine file text of the built-in routine {@code name}, if there is one (what a session records the SHA-256 of). */
    public static Optional<String> source(String name) {
        return NAMES.contains(name) ? Optional.of(text(name + ".routine")) : Optional.empty();
    }

    /** Every built-in routine, in {@link #NAMES} order. */
    public static List<GuidedRoutine> all() {
        return NAMES.stream().map(name -> named(name).orElseThrow()).toList();
    }

    static String text(String resource) {
        try (InputStream in = BuiltInRoutines.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
