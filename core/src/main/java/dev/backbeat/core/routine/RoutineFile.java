// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routine files: UTF-8 text, {@code #} comments, one statement a line.
 *
 * <pre>
 * backbeat-routine 1
 * name extensions
 * title Five controlled extensions with slow breathing
 * step neutral-stand duration=5
 * step extension repetitions=5 hold=30 pacer=5 ratio=4:6 range=15
 * </pre>
 *
 * A step is {@code step MOVEMENT key=value...}; the keys, their units and defaults are in
 * {@link #STEP_KEYS} (and the README). The first step must be a neutral stand. Every error names the
 * file and line.
 */
public final class RoutineFile {

    /** The format version this code reads and writes. */
    public static final int FORMAT_VERSION = 1;
    static final String HEADER = "backbeat-routine";

    /** A step key with its meaning, unit and default, as documented. */
    public record Key(String name, String meaning) {
    }

    public static final List<Key> STEP_KEYS = List.of(
            new Key("repetitions", "repetitions (each side for side-bend, twist, lunge-twist), 1..100"),
            new Key("duration", "how long, s, 1..3600: required for neutral-stand and rest; for a movement instead of repetitions"),
            new Key("breaths", "breaths per repetition, 1..20 (default: the fewest that hold the movement out, the hold and the return)"),
            new Key("hold", "hold at end range, s, 0..120 (default 0)"),
            new Key("tempo", "time to move from neutral to end range, s, 0.5..30 (default: the inhale)"),
            new Key("pacer", "breath rate, breaths/min, 3..10 (default 6)"),
            new Key("ratio", "inhale:exhale (default 4:6)"),
            new Key("pause", "pause after each exhale, s, 0 to half a breath (default 0)"),
            new Key("range", "range asked for, degrees from neutral, 1..90 (default: the person's own)"),
            new Key("guards", "comma-separated hyperextension, end-range-hold, speed, or none (default: per movement)"),
            new Key("hold-limit", "the end-range-hold guard fires past this, s, 1..600 (default: hold + 5)"));

    private RoutineFile() {
    }

    /** Reads and checks a routine file. */
    public static GuidedRoutine read(Path file) throws IOException, RoutineFormatException {
        return parse(file.toString(), DefinitionLines.read(file));
    }

    /** Parses and checks routine text; {@code source} names it in errors. */
    public static GuidedRoutine parse(String source, String text) throws RoutineFormatException {
        String name = null;
        String title = null;
        int firstStepLine = 0;
        List<RoutineStep> steps = new ArrayList<>();
        List<DefinitionLines.Line> lines = DefinitionLines.lines(source, text, HEADER, FORMAT_VERSION);
        for (DefinitionLines.Line line : lines) {
            switch (line.word()) {
                case "name" -> {
                    if (name != null) {
                        throw new RoutineFormatException(source, line.number(), "name given twice");
                    }
                    name = checkedName(source, line);
                }
                case "title" -> {
                    if (title != null) {
                        throw new RoutineFormatException(source, line.number(), "title given twice");
                    }
                    if (line.rest().isEmpty()) {
                        throw new RoutineFormatException(source, line.number(), "title is empty");
                    }
                    title = line.rest();
                }
                case "step" -> {
                    if (steps.isEmpty()) {
                        firstStepLine = line.number();
                    }
                    steps.add(step(source, line));
                }
                default -> throw new RoutineFormatException(source, line.number(), "unknown statement '"
                        + DefinitionLines.shorten(line.word()) + "' (expected name, title or step)");
            }
        }
        if (name == null) {
            throw new RoutineFormatException(source, 0, "has no name line");
        }
        if (steps.isEmpty()) {
            throw new RoutineFormatException(source, 0, "has no steps");
        }
        if (steps.get(0).movement() != Movement.NEUTRAL_STAND) {
            throw new RoutineFormatException(source, firstStepLine,
                    "the first step must be a neutral-stand (the calibration the angles are measured from)");
        }
        return new GuidedRoutine(name, title == null ? name : title, steps);
    }

    static String checkedName(String source, DefinitionLines.Line line) throws RoutineFormatException {
        String name = line.rest();
        if (!name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new RoutineFormatException(source, line.number(), "name must be 1-40 lower-case letters, digits and -, was '"
                    + DefinitionLines.shorten(name) + "'");
        }
        return name;
    }

    /** The guards a movement runs unless its step says otherwise. */
    public static Set<Guard> defaultGuards(Movement movement) {
        return switch (movement) {
            case NEUTRAL_STAND, REST -> EnumSet.noneOf(Guard.class);
            case CAT_COW -> EnumSet.of(Guard.HYPEREXTENSION, Guard.END_RANGE_HOLD);
            case EXTENSION, SUPPORTED_EXTENSION, LUNGE_TWIST -> EnumSet.of(Guard.HYPEREXTENSION, Guard.END_RANGE_HOLD, Guard.SPEED);
            case SIDE_BEND, TWIST -> EnumSet.of(Guard.END_RANGE_HOLD, Guard.SPEED);
        };
    }

    private static RoutineStep step(String source, DefinitionLines.Line line) throws RoutineFormatException {
        int space = line.rest().indexOf(' ');
        String movementName = space < 0 ? line.rest() : line.rest().substring(0, space);
        if (movementName.isEmpty()) {
            throw new RoutineFormatException(source, line.number(), "step without a movement");
        }
        Movement movement = Movement.fromFileName(movementName).orElseThrow(() -> new RoutineFormatException(source,
                line.number(), "unknown movement '" + DefinitionLines.shorten(movementName) + "' (expected one of "
                        + String.join(", ", java.util.Arrays.stream(Movement.values()).map(Movement::fileName).toList()) + ")"));
        Map<String, String> pairs = DefinitionLines.pairs(source, new DefinitionLines.Line(line.number(), line.word(),
                space < 0 ? "" : line.rest().substring(space + 1)));
        int number = line.number();
        for (String key : pairs.keySet()) {
            if (STEP_KEYS.stream().noneMatch(known -> known.name().equals(key))) {
                throw new RoutineFormatException(source, number, "unknown key '" + DefinitionLines.shorten(key) + "' (expected "
                        + String.join(", ", STEP_KEYS.stream().map(Key::name).toList()) + ")");
            }
        }
        BreathPattern breath = BreathPattern.DEFAULT;
        if (pairs.containsKey("pacer")) {
            breath = breath.withBreathsPerMinute(DefinitionLines.number(source, number, "pacer", pairs.get("pacer"),
                    BreathPattern.SLOWEST_BREATHS_PER_MINUTE, BreathPattern.FASTEST_BREATHS_PER_MINUTE, "breaths/min"));
        }
        if (pairs.containsKey("ratio")) {
            double[] ratio = DefinitionLines.ratio(source, number, "ratio", pairs.get("ratio"));
            breath = breath.withRatio(ratio[0], ratio[1]);
        }
        if (pairs.containsKey("pause")) {
            breath = breath.withPauseSeconds(DefinitionLines.number(source, number, "pause", pairs.get("pause"), 0,
                    0.5 * breath.periodSeconds(), "s"));
        }
        if (!movement.repeated()) {
            for (String key : pairs.keySet()) {
                if (!List.of("duration", "pacer", "ratio", "pause").contains(key)) {
                    throw new RoutineFormatException(source, number, movement.fileName() + " takes duration, pacer, ratio and pause only, not '"
                            + key + "'");
                }
            }
            if (!pairs.containsKey("duration")) {
                throw new RoutineFormatException(source, number, movement.fileName() + " needs duration=SECONDS");
            }
            double duration = DefinitionLines.number(source, number, "duration", pairs.get("duration"), 1, 3600, "s");
            return new RoutineStep(movement, 0, duration, 0, 0, Double.NaN, breath, Double.NaN, Set.of(), Double.NaN);
        }
        if (pairs.containsKey("repetitions") == pairs.containsKey("duration")) {
            throw new RoutineFormatException(source, number, movement.fileName() + " needs either repetitions=N or duration=SECONDS");
        }
        double hold = pairs.containsKey("hold") ? DefinitionLines.number(source, number, "hold", pairs.get("hold"), 0, 120, "s") : 0;
        double tempo = pairs.containsKey("tempo")
                ? DefinitionLines.number(source, number, "tempo", pairs.get("tempo"), 0.5, 30, "s") : Double.NaN;
        double minimumBreaths = RoutineStep.minimumBreaths(Double.isNaN(tempo) ? breath.inhaleSeconds() : tempo, hold, breath);
        double breaths = minimumBreaths;
        if (pairs.containsKey("breaths")) {
            breaths = DefinitionLines.number(source, number, "breaths", pairs.get("breaths"), 1, 20, "breaths");
            if (!pairs.get("breaths").matches("\\d+")) {
                throw new RoutineFormatException(source, number, "breaths must be a whole number (a repetition is whole breaths), was '"
                        + DefinitionLines.shorten(pairs.get("breaths")) + "'");
            }
            if (breaths < minimumBreaths) {
                throw new RoutineFormatException(source, number, String.format(java.util.Locale.ROOT,
                        "breaths=%s cannot hold the movement out (%s s), the hold (%s s) and the return (%s s exhale) at %s: it needs %s",
                        BreathPattern.number(breaths), BreathPattern.number(Double.isNaN(tempo) ? breath.inhaleSeconds() : tempo),
                        BreathPattern.number(hold),
                        BreathPattern.number(breath.exhaleSeconds()), breath, BreathPattern.number(minimumBreaths)));
            }
        }
        int repetitions;
        if (pairs.containsKey("repetitions")) {
            repetitions = (int) DefinitionLines.number(source, number, "repetitions", pairs.get("repetitions"), 1, 100, "repetitions");
            if (!pairs.get("repetitions").matches("\\d+")) {
                throw new RoutineFormatException(source, number, "repetitions must be a whole number, was '"
                        + DefinitionLines.shorten(pairs.get("repetitions")) + "'");
            }
        } else {
            double duration = DefinitionLines.number(source, number, "duration", pairs.get("duration"), 1, 3600, "s");
            double perRepetition = breaths * breath.periodSeconds() * (movement.sided() ? 2 : 1);
            repetitions = (int) Math.max(1, Math.round(duration / perRepetition));
        }
        double range = pairs.containsKey("range")
                ? DefinitionLines.number(source, number, "range", pairs.get("range"), 1, 90, "degrees") : Double.NaN;
        Set<Guard> guards = pairs.containsKey("guards") ? guards(source, number, pairs.get("guards")) : defaultGuards(movement);
        double holdLimit = hold + RoutineStep.DEFAULT_HOLD_MARGIN_SECONDS;
        if (pairs.containsKey("hold-limit")) {
            holdLimit = DefinitionLines.number(source, number, "hold-limit", pairs.get("hold-limit"), 1, 600, "s");
            if (holdLimit < hold) {
                throw new RoutineFormatException(source, number, "hold-limit (" + BreathPattern.number(holdLimit)
                        + " s) is shorter than the hold the step asks for (" + BreathPattern.number(hold) + " s)");
            }
        }
        return new RoutineStep(movement, repetitions, Double.NaN, breaths, hold, tempo, breath, range, guards, holdLimit);
    }

    private static Set<Guard> guards(String source, int line, String text) throws RoutineFormatException {
        if (text.equals("none")) {
            return EnumSet.noneOf(Guard.class);
        }
        Set<Guard> guards = EnumSet.noneOf(Guard.class);
        for (String name : text.split(",", -1)) {
            Guard guard = Guard.fromFileName(name).orElseThrow(() -> new RoutineFormatException(source, line, "unknown guard '"
                    + DefinitionLines.shorten(name) + "' (expected hyperextension, end-range-hold, speed or none)"));
            if (!guards.add(guard)) {
                throw new RoutineFormatException(source, line, "guard '" + name + "' given twice");
            }
        }
        return guards;
    }

    /** The routine as a routine file (what {@link #parse} reads back to the same routine). */
    public static String format(GuidedRoutine routine) {
        StringBuilder text = new StringBuilder(HEADER).append(' ').append(FORMAT_VERSION).append('\n');
        text.append("name ").append(routine.name()).append('\n');
        text.append("title ").append(routine.title().replace('#', ' ')).append('\n');
        for (RoutineStep step : routine.steps()) {
            text.append("step ").append(step.movement().fileName());
            if (step.repetitions() == 0) {
                text.append(" duration=").append(BreathPattern.number(step.durationSeconds()));
            } else {
                text.append(" repetitions=").append(step.repetitions())
                        .append(" breaths=").append(BreathPattern.number(step.breathsPerRepetition()))
                        .append(" hold=").append(BreathPattern.number(step.holdSeconds()));
                if (!Double.isNaN(step.tempoSeconds())) {
                    text.append(" tempo=").append(BreathPattern.number(step.tempoSeconds()));
                }
                if (!Double.isNaN(step.rangeDegrees())) {
                    text.append(" range=").append(BreathPattern.number(step.rangeDegrees()));
                }
                text.append(" guards=").append(step.guards().isEmpty() ? "none"
                        : String.join(",", step.guards().stream().sorted().map(Guard::fileName).toList()));
                text.append(" hold-limit=").append(BreathPattern.number(step.holdLimitSeconds()));
            }
            BreathPattern breath = step.breath();
            text.append(" pacer=").append(BreathPattern.number(breath.breathsPerMinute()))
                    .append(" ratio=").append(BreathPattern.number(breath.inhaleParts())).append(':')
                    .append(BreathPattern.number(breath.exhaleParts()));
            if (breath.pauseSeconds() > 0) {
                text.append(" pause=").append(BreathPattern.number(breath.pauseSeconds()));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
