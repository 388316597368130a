// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backbeat.host.testing.ReadmeExample;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The clinic set-up in the README is step by step: every {@code backbeat} command it tells a person
 * to type there (a line of a code block, or a code span starting with {@code ./backbeat}) is one that exists,
 * with those options and arguments, as {@code backbeat}'s own command line parses it.
 */
class ReadmeClinicCommandsTest {

    /** The clinic set-up: pairing, the broker, the workers, the sites, the store. */
    private static final List<String> CLINIC_SECTIONS = List.of("### Pairing", "### Clinic set-up",
            "### Clinic set-up: the store on PostgreSQL");
    private static final Pattern INLINE_COMMAND = Pattern.compile("`(\\./backbeat [^`]+)`");
    private static final Pattern ENVIRONMENT = Pattern.compile("^([A-Z_]+=\\S*\\s+)+");

    @Test
    void clinicSections_everyBackbeatCommand_parses() throws Exception {
        List<String> commands = new ArrayList<>();
        for (String heading : CLINIC_SECTIONS) {
            commands.addAll(commandsIn(ReadmeExample.section(heading)));
        }
        assertTrue(commands.size() >= 12, "the clinic sections' commands were found: " + commands);
        List<String> refused = new ArrayList<>();
        for (String command : commands) {
            List<String> words = words(command);
            try {
                BackbeatMain.commandLine().parseArgs(words.subList(1, words.size()).toArray(String[]::new));
            } catch (CommandLine.ParameterException wrong) {
                refused.add(command + "\n    -> " + wrong.getMessage());
            }
        }
        if (!refused.isEmpty()) {
            fail("README commands backbeat does not take:\n" + String.join("\n", refused));
        }
    }

    @Test
    void words_quotedStore_isOneWord() {
        assertTrue(words("./backbeat sessions --store 'postgresql://db/clinic?user=anna'  # a comment")
                .equals(List.of("./backbeat", "sessions", "--store", "postgresql://db/clinic?user=anna")));
    }

    /** The backbeat commands of code blocks (continued lines joined) and inline {@code ./backbeat ...} spans. */
    private static List<String> commandsIn(List<String> section) {
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        StringBuilder continued = new StringBuilder();
        StringBuilder prose = new StringBuilder();
        for (String line : section) {
            if (line.strip().startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock) {
                prose.append(line.strip()).append(' ');
                continue;
            }
            String text = line.strip();
            if (text.endsWith("\\")) {
                continued.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            String command = ENVIRONMENT.matcher(continued + text).replaceFirst("");
            continued.setLength(0);
            if (command.startsWith("./backbeat ") || command.startsWith("backbeat ")) {
                commands.add(command);
            }
        }
        Matcher inline = INLINE_COMMAND.matcher(prose);
        while (inline.find()) {
            commands.add(inline.group(1));
        }
        return commands;
    }

    /** A command's words as a POSIX shell splits them: whitespace, 'single quotes'; a # word starts a comment. */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int index = 0; index < command.length(); index++) {
            char next = command.charAt(index);
            if (next == '\'') {
                quoted = !quoted;
                inWord = true;
            } else if (!quoted && Character.isWhitespace(next)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (!quoted && next == '#' && !inWord) {
                break;
            } else {
                word.append(next);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
