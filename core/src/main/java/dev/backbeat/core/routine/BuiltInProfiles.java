// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.util.List;
import java.util.Optional;

/** The profiles that come with Backbeat, profile files in this package's resources. */
public final class BuiltInProfiles {

    public static final List<String> NAMES = List.of("gentle", "athletic", "custom");

    private BuiltInProfiles() {
    }

    public static Optional<Profile> named(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        String resource = name + ".profile";
        try {
            return Optional.of(ProfileFile.parse("built-in " + resource, BuiltInRoutines.text(resource)));
        } catch (RoutineFormatException e) {
            throw new IllegalStateException("a built-in profile does not read: " + e.getMessage(), e);
        }
    }

    /** The profile file text of the built-in profile {@code name}, if there is one. */
    public static Optional<String> source(String name) {
        return NAMES.contains(name) ? Optional.of(BuiltInRoutines.text(name + ".profile")) : Optional.empty();
    }

    public static List<Profile> all() {
        return NAMES.stream().map(name -> named(name).orElseThrow()).toList();
    }
}
