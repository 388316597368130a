// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Profile files: UTF-8 text, {@code #} comments, one {@code key value} a line.
 *
 * <pre>
 * backbeat-profile 1
 * name gentle
 * title Slow, supported extensions (e.g. mild disc degeneration)
 * extension-limit 15        # degrees from neutral, or 80% of the range measured before
 * pacer 5
 * routines supported-extensions, cat-cow
 * calibration stored        # check the stored calibration instead of standing (default stand)
 * </pre>
 *
 * The keys, units and defaults are in {@link #KEYS} (and the README); every error names the file
 * and line.
 */
public final class ProfileFile {

    public static final int FORMAT_VERSION = 1;
    static final String HEADER = "backbeat-profile";

    public static final List<RoutineFile.Key> KEYS = List.of(
            new RoutineFile.Key("name", "short name: 1-40 lower-case letters, digits and - (required)"),
            new RoutineFile.Key("title", "one line for people (default: the name)"),
            new RoutineFile.Key("extension-limit", "hyperextension limit: degrees from neutral (1..90) or N% of the range measured in earlier sessions (10%..150%) (default 25)"),
            new RoutineFile.Key("flexion-limit", "flexion limit, as extension-limit (default 60)"),
            new RoutineFile.Key("pacer", "breath rate in every step, breaths/min, 3..10 (default: the routine's)"),
            new RoutineFile.Key("ratio", "inhale:exhale in every step (default: the routine's)"),
            new RoutineFile.Key("hold", "end-range hold of every holding step, s, 1..120 (default: the routine's)"),
            new RoutineFile.Key("tempo-scale", "movement times multiplied by this, 0.5..3 (default 1)"),
            new RoutineFile.Key("cue-strength", "motor strength of the cues, 0.2..1 (default 0.8)"),
            new RoutineFile.Key("cue-pattern", "envelope (rising inhale, falling exhale) or pulses (one for inhale, two for exhale) (default envelope)"),
            new RoutineFile.Key("glide", "minutes over which the pacer glides from the rate measured in the stand to its target, 0..20 (default 0)"),
            new RoutineFile.Key("routines", "comma-separated routine names this person does (default: all built in)"),
            new RoutineFile.Key("calibration", "stand (a neutral stand opens every session) or stored (a "
                    + dev.backbeat.core.spine.CalibrationCheck.Settings.DEFAULTS.checkSeconds() + " s check of the "
                    + "calibration the last still stand stored; a stand when it does not fit) (default stand)"));

    private ProfileFile() {
    }

    public static Profile read(Path file) throws IOException, RoutineFormatException {
        return parse(file.toString(), DefinitionLines.read(file));
    }

    public static Profile parse(String source, String text) throws RoutineFormatException {
        String name = null;
        String title = null;
        RangeLimit extension = RangeLimit.ofDegrees(25);
        RangeLimit flexion = RangeLimit.ofDegrees(60);
        double pacer = Double.NaN;
        double inhale = Double.NaN;
        double exhale = Double.NaN;
        double hold = Double.NaN;
        double tempoScale = 1;
        double cueStrength = 0.8;
        Profile.CuePattern pattern = Profile.CuePattern.ENVELOPE;
        double glide = 0;
        List<String> routines = BuiltInRoutines.NAMES;
        Profile.Calibration calibration = Profile.Calibration.STAND;
        Set<String> seen = new HashSet<>();
        for (DefinitionLines.Line line : DefinitionLines.lines(source, text, HEADER, FORMAT_VERSION)) {
            String key = line.word().toLowerCase(Locale.ROOT);
            int number = line.number();
            if (KEYS.stream().noneMatch(known -> known.name().equals(key))) {
                throw new RoutineFormatException(source, number, "unknown key '" + DefinitionLines.shorten(key) + "' (expected "
                        + String.join(", ", KEYS.stream().map(RoutineFile.Key::name).toList()) + ")");
            }
            if (!seen.add(key)) {
                throw new RoutineFormatException(source, number, key + " given twice");
            }
            String value = line.rest();
            if (value.isEmpty()) {
                throw new RoutineFormatException(source, number, key + " has no value");
            }
            switch (key) {
                case "name" -> name = RoutineFile.checkedName(source, line);
                case "title" -> title = value;
                case "extension-limit" -> extension = limit(source, number, key, value);
                case "flexion-limit" -> flexion = limit(source, number, key, value);
                case "pacer" -> pacer = DefinitionLines.number(source, number, key, value,
                        BreathPattern.SLOWEST_BREATHS_PER_MINUTE, BreathPattern.FASTEST_BREATHS_PER_MINUTE, "breaths/min");
                case "ratio" -> {
                    double[] ratio = DefinitionLines.ratio(source, number, key, value);
                    inhale = ratio[0];
                    exhale = ratio[1];
                }
                case "hold" -> hold = DefinitionLines.number(source, number, key, value, 1, 120, "s");
                case "tempo-scale" -> tempoScale = DefinitionLines.number(source, number, key, value, 0.5, 3, "times");
                case "cue-strength" -> cueStrength = DefinitionLines.number(source, number, key, value, 0.2, 1, "full strength");
                case "cue-pattern" -> pattern = switch (value) {
                    case "envelope" -> Profile.CuePattern.ENVELOPE;
                    case "pulses" -> Profile.CuePattern.PULSES;
                    default -> throw new RoutineFormatException(source, number, "cue-pattern must be envelope or pulses, was '"
                            + DefinitionLines.shorten(value) + "'");
                };
                case "glide" -> glide = DefinitionLines.number(source, number, key, value, 0, 20, "minutes");
                case "routines" -> routines = routines(source, number, value);
                case "calibration" -> calibration = switch (value) {
                    case "stand" -> Profile.Calibration.STAND;
                    case "stored" -> Profile.Calibration.STORED;
                    default -> throw new RoutineFormatException(source, number, "calibration must be stand or stored, was '"
                            + DefinitionLines.shorten(value) + "'");
                };
                default -> throw new IllegalStateException(key);
            }
        }
        if (name == null) {
            throw new RoutineFormatException(source, 0, "has no name line");
        }
        return new Profile(name, title == null ? name : title, extension, flexion, pacer, inhale, exhale, hold, tempoScale,
                cueStrength, pattern, glide, routines, calibration);
    }

    private static RangeLimit limit(String source, int line, String key, String value) throws RoutineFormatException {
        if (value.endsWith("%")) {
            return RangeLimit.ofMeasuredRange(DefinitionLines.number(source, line, key, value.substring(0, value.length() - 1),
                    10, 150, "percent of the measured range") / 100);
        }
        return RangeLimit.ofDegrees(DefinitionLines.number(source, line, key, value, 1, 90, "degrees"));
    }

    private static List<String> routines(String source, int line, String value) throws RoutineFormatException {
        List<String> names = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String name = part.strip();
            if (!name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw new RoutineFormatException(source, line, "routines must be comma-separated routine names, found '"
                        + DefinitionLines.shorten(name) + "'");
            }
            if (names.contains(name)) {
                throw new RoutineFormatException(source, line, "routine '" + name + "' listed twice");
            }
            names.add(name);
        }
        return names;
    }
}
