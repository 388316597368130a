// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

/** The exit codes of every {@code backbeat} command, as listed in {@code --help}. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** An internal error (a bug): please report it. */
    public static final int SOFTWARE = 1;
    /** Invalid command line: unknown option, bad value, a session id prefix that matches several sessions. */
    public static final int USAGE = 2;
    /** The session store is missing, unreadable or not a Backbeat store. */
    public static final int STORE = 3;
    /** The MQTT broker is unreachable or refused the connection. */
    public static final int BROKER = 4;
    /** No session with the given id. */
    public static final int NOT_FOUND = 5;
    /** An input file is missing, unreadable or malformed, or an output file cannot be written. */
    public static final int INPUT = 6;
    /** The strap refused a start or stop command or a configuration, or did not answer it in time. */
    public static final int NOT_DONE = 7;

    /** The lines for picocli's exit code list. */
    static final String[] LIST = {
        OK + ":success",
        SOFTWARE + ":internal error (please report it)",
        USAGE + ":invalid command line (also: an id prefix that matches several sessions)",
        STORE + ":session store missing, unreadable or not a Backbeat store",
        BROKER + ":MQTT broker unreachable or refused the connection",
        NOT_FOUND + ":no session with that id",
        INPUT + ":input file missing, unreadable or malformed, or output file not writable",
        NOT_DONE + ":the strap refused the start or stop command or the configuration, or did not answer in time"};

    private ExitCodes() {
    }
}
