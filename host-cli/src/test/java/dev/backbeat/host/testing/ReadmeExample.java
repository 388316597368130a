// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An example in the project's README.md (a fenced block), found by its first line, so a test runs
 * exactly what the README tells a person to write; a changed README fails the test, naming what it
 * no longer finds.
 */
public final class ReadmeExample {

    private final Path readme;
    private final String text;

    private ReadmeExample(Path readme, String text) {
        this.readme = readme;
        this.text = text;
    }

    /**
     * The lines from {@code firstLine} up to the end of its fenced block, without the block's
     * indentation (a block inside a numbered step is indented).
     */
    public static ReadmeExample startingWith(String firstLine) throws IOException {
        Path readme = locateReadme();
        List<String> lines = Files.readAllLines(readme);
        int start = 0;
        while (start < lines.size() && !lines.get(start).strip().equals(firstLine)) {
            start++;
        }
        if (start == lines.size()) {
            throw new AssertionError(readme + " has no example starting with '" + firstLine + "'");
        }
        String indentation = lines.get(start).substring(0, lines.get(start).indexOf(firstLine));
        StringBuilder text = new StringBuilder();
        for (int line = start; line < lines.size(); line++) {
            String shown = lines.get(line);
            if (shown.strip().startsWith("```")) {
                return new ReadmeExample(readme, text.toString());
            }
            text.append(shown.startsWith(indentation) ? shown.substring(indentation.length()) : shown.strip()).append('\n');
        }
        throw new AssertionError(readme + ": the example starting with '" + firstLine + "' is not closed with ```");
    }

    /** This example with {@code shown} (which it must contain) replaced by {@code used}. */
    public ReadmeExample replacing(String shown, String used) {
        if (!text.contains(shown)) {
            throw new AssertionError(readme + ": the example no longer contains '" + shown + "':\n" + text);
        }
        return new ReadmeExample(readme, text.replace(shown, used));
    }

    public String text() {
        return text;
    }

    /**
     * The lines of the README from the heading line {@code heading} up to the next heading of the
     * same or a higher level.
     */
    public static List<String> section(String heading) throws IOException {
        Path readme = locateReadme();
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf(heading);
        if (start < 0 || !heading.startsWith("#")) {
            throw new AssertionError(readme + " has no heading '" + heading + "'");
        }
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int end = start + 1;
        boolean inBlock = false;
        while (end < lines.size()) {
            String line = lines.get(end);
            inBlock ^= line.strip().startsWith("```");
            if (!inBlock && line.startsWith("#") && line.indexOf(' ') > 0 && line.indexOf(' ') <= level.length() - 1
                    && line.substring(0, line.indexOf(' ')).chars().allMatch(c -> c == '#')) {
                break;
            }
            end++;
        }
        return lines.subList(start, end);
    }

    /** The README.md of the project root: the nearest one at or above the working directory with a pom.xml beside it and a modules list. */
    private static Path locateReadme() throws IOException {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path pom = directory.resolve("pom.xml");
            if (Files.isRegularFile(directory.resolve("README.md")) && Files.isRegularFile(pom)
                    && Files.readString(pom).contains("<modules>")) {
                return directory.resolve("README.md");
            }
        }
        throw new AssertionError("no README.md beside the parent pom.xml at or above " + Path.of("").toAbsolutePath());
    }
}
