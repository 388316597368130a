// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lines of a routine or profile file: UTF-8 text, {@code #} starts a comment, blank lines are
 * skipped; each remaining line is a word followed by {@code key=value} pairs or free text. Shared by
 * {@link RoutineFile} and {@link ProfileFile}.
 */
final class DefinitionLines {

    /** Files larger than this are not routines, bytes. */
    static final int MAXIMUM_BYTES = 64 * 1024;

    /** One meaningful line: its number, its first word and the rest. */
    record Line(int number, String word, String rest) {
    }

    private DefinitionLines() {
    }

    /** The text of {@code file}, refused (without echoing its bytes) when it is binary, not UTF-8 or too large. */
    static String read(Path file) throws IOException, RoutineFormatException {
        String source = file.toString();
        long size = Files.size(file);
        if (size > MAXIMUM_BYTES) {
            throw new RoutineFormatException(source, 0, "is " + size + " bytes, more than a routine or profile file ("
                    + MAXIMUM_BYTES + ")");
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int index = 0; index < bytes.length; index++) {
            if (bytes[index] == 0) {
                throw new RoutineFormatException(source, lineOf(bytes, index), "not a text file (a NUL byte)");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RoutineFormatException(source, 0, "not UTF-8 text");
        }
    }

    private static int lineOf(byte[] bytes, int index) {
        int line = 1;
        for (int at = 0; at < index; at++) {
            if (bytes[at] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The meaningful lines of {@code text}; the first must be {@code header VERSION} with a version this code reads. */
    static List<Line> lines(String source, String text, String header, int supportedVersion) throws RoutineFormatException {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (int index = 0; index < raw.length; index++) {
            String content = raw[index];
            int comment = content.indexOf('#');
            if (comment >= 0) {
                content = content.substring(0, comment);
            }
            content = content.strip();
            if (content.isEmpty()) {
                continue;
            }
            int space = indexOfWhitespace(content);
            String word = space < 0 ? content : content.substring(0, space);
            String rest = space < 0 ? "" : content.substring(space).strip();
            lines.add(new Line(index + 1, word, rest));
        }
        if (lines.isEmpty()) {
            throw new RoutineFormatException(source, 0, "is empty (expected a first line '" + header + " " + supportedVersion + "')");
        }
        Line first = lines.get(0);
        if (!first.word().equals(header)) {
            throw new RoutineFormatException(source, first.number(), "expected '" + header + " " + supportedVersion
                    + "' as the first line, found '" + shorten(first.word()) + "'");
        }
        int version;
        try {
            version = Integer.parseInt(first.rest());
        } catch (NumberFormatException e) {
            throw new RoutineFormatException(source, first.number(), "format version must be a whole number, was '"
                    + shorten(first.rest()) + "'");
        }
        if (version > supportedVersion) {
            throw new RoutineFormatException(source, first.number(), "format " + version
                    + " is newer than this backbeat reads (" + supportedVersion + "): update backbeat");
        }
        if (version < 1) {
            throw new RoutineFormatException(source, first.number(), "format version must be 1 or more, was " + version);
        }
        return lines.subList(1, lines.size());
    }

    /** {@code key=value} pairs of a line, in order; a key twice or a pair without {@code =} is refused. */
    static Map<String, String> pairs(String source, Line line) throws RoutineFormatException {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String token : line.rest().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int equals = token.indexOf('=');
            if (equals <= 0 || equals == token.length() - 1) {
                throw new RoutineFormatException(source, line.number(), "expected key=value, found '" + shorten(token) + "'");
            }
            String key = token.substring(0, equals).toLowerCase(Locale.ROOT);
            if (pairs.put(key, token.substring(equals + 1)) != null) {
                throw new RoutineFormatException(source, line.number(), "'" + shorten(key) + "' given twice");
            }
        }
        return pairs;
    }

    /** A number within {@code lowest..highest}, refused with the key, the unit and the range. */
    static double number(String source, int line, String key, String text, double lowest, double highest, String unit)
            throws RoutineFormatException {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= lowest && value <= highest) || text.isEmpty() || !Character.isDigit(text.charAt(text.length() - 1))) {
            throw new RoutineFormatException(source, line, key + " must be a number of " + unit + " from "
                    + BreathPattern.number(lowest) + " to " + BreathPattern.number(highest) + ", was '" + shorten(text) + "'");
        }
        return value;
    }

    /** An inhale:exhale ratio such as {@code 4:6}. */
    static double[] ratio(String source, int line, String key, String text) throws RoutineFormatException {
        String[] parts = text.split(":", -1);
        if (parts.length == 2) {
            try {
                double inhale = Double.parseDouble(parts[0]);
                double exhale = Double.parseDouble(parts[1]);
                if (inhale > 0 && exhale > 0 && inhale / exhale >= 0.25 && inhale / exhale <= 4) {
                    return new double[] {inhale, exhale};
                }
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw new RoutineFormatException(source, line, key + " must be inhale:exhale, two positive numbers within 1:4 and 4:1 (e.g. 4:6), was '"
                + shorten(text) + "'");
    }

    static String shorten(String text) {
        StringBuilder printable = new StringBuilder();
        text.codePoints().limit(40).forEach(codePoint -> printable.appendCodePoint(
                Character.isISOControl(codePoint) ? '?' : codePoint));
        return text.codePointCount(0, text.length()) > 40 ? printable + "…" : printable.toString();
    }

    private static int indexOfWhitespace(String text) {
        for (int index = 0; index < text.length(); index++) {
            if (Character.isWhitespace(text.charAt(index))) {
                return index;
            }
        }
        return -1;
    }
}
