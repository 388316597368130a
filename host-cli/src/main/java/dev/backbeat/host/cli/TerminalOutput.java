// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether {@code backbeat} runs in a terminal, where it may redraw a line or a screen ({@code live},
 * the progress bars), rather than into a pipe or a file, where it writes plain lines. A terminal is
 * the JVM's console (standard input and output on a terminal: on Java 22 and later
 * {@code Console.isTerminal()}), unless {@code TERM} is {@code dumb} or unset.
 */
final class TerminalOutput {

    private TerminalOutput() {
    }

    /** Whether the output is an interactive terminal. */
    static boolean interactive() {
        String term = System.getenv("TERM");
        if (term == null || term.isEmpty() || term.equals("dumb")) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+: a console exists even when redirected; this says whether it is a terminal
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException java21) {
            return true; // on Java 21 a console exists only on a terminal
        } catch (ReflectiveOperationException unknown) {
            return false;
        }
    }
}
