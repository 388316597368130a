// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.host.store.ClinicAccess;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code backbeat clinic}: who sees what in a clinic's PostgreSQL store, run as the store's owner:
 * creates or upgrades the schema, adds the physiotherapists' and sync workers' database roles, and
 * assigns straps to physiotherapists (row-level security does the rest).
 */
@Command(name = "clinic", mixinStandardHelpOptions = true,
        description = {"Who sees what in a clinic's PostgreSQL store (--store postgresql://HOST/DB, as its owner): "
                + "'init' creates or upgrades the schema, 'add-physio' and 'add-worker' add database roles, "
                + "'assign' gives a strap's sessions to a physiotherapist, 'assignments' lists them.",
            "A physiotherapist then runs 'backbeat sessions' and 'backbeat show' with their own role and sees only "
                + "the sessions of the straps assigned to them."},
        subcommands = {ClinicCommand.Init.class, ClinicCommand.AddPhysio.class, ClinicCommand.AddWorker.class,
            ClinicCommand.Assign.class, ClinicCommand.Assignments.class})
final class ClinicCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    /** Runs {@code work} on the clinic store; a store problem is one line on stderr and exit 3. */
    private static int onClinicStore(CommandSpec spec, StoreOption store, ClinicWork work) {
        PrintWriter err = spec.commandLine().getErr();
        try (SessionStore sessionStore = store.open()) {
            return work.run(new ClinicAccess(sessionStore), sessionStore, spec.commandLine().getOut());
        } catch (StoreException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return ExitCodes.STORE;
        } catch (IOException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return ExitCodes.INPUT;
        }
    }

    @FunctionalInterface
    private interface ClinicWork {
        int run(ClinicAccess clinic, SessionStore store, PrintWriter out) throws StoreException, IOException;
    }

    /** The new role's password: the first line of a file, or of standard input for '-'. */
    private static char[] readPassword(Path passwordFile) throws IOException {
        List<String> lines;
        if (passwordFile.toString().equals("-")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            lines = line == null ? List.of() : List.of(line);
        } else {
            lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
        }
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
            throw new IOException("--password-file " + passwordFile + ": the first line (the password) is empty");
        }
        return lines.get(0).toCharArray();
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Creates the store's tables, the groups backbeat_physio and backbeat_sync and the row-level "
                    + "security policies, or upgrades them (Flyway); run once as the database's owner (a role with CREATEROLE).")
    static final class Init implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private StoreOption store;

        @Override
        public Integer call() {
            return onClinicStore(spec, store, (clinic, sessionStore, out) -> {
                out.println("clinic store " + sessionStore.location() + " is ready (schema and access rules up to date)");
                return ExitCodes.OK;
            });
        }
    }

    /** The login role {@code add-physio} and {@code add-worker} add, and where its password comes from. */
    static final class NewRole {
        @Parameters(paramLabel = "ROLE", description = "The new role: lower case letters, digits and '_'.")
        private String role;
        @Option(names = "--password-file", required = true, paramLabel = "FILE|-",
                description = "The role's password: the first line of FILE, or of standard input for '-' (never an argument).")
        private Path passwordFile;
    }

    @Command(name = "add-physio", mixinStandardHelpOptions = true,
            description = "Adds a physiotherapist's login role: it reads only the sessions of the straps assigned to it.")
    static final class AddPhysio implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private StoreOption store;
        @Mixin
        private NewRole newRole;

        @Override
        public Integer call() {
            return onClinicStore(spec, store, (clinic, sessionStore, out) -> {
                clinic.addPhysiotherapist(newRole.role, readPassword(newRole.passwordFile));
                out.println("added physiotherapist " + newRole.role + " (assign straps with 'backbeat clinic assign DEVICE "
                        + newRole.role + "')");
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "add-worker", mixinStandardHelpOptions = true,
            description = "Adds a sync worker's login role ('backbeat sync --store ...?user=ROLE'): it writes and reads every session.")
    static final class AddWorker implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private StoreOption store;
        @Mixin
        private NewRole newRole;

        @Override
        public Integer call() {
            return onClinicStore(spec, store, (clinic, sessionStore, out) -> {
                clinic.addSyncWorker(newRole.role, readPassword(newRole.passwordFile));
                out.println("added sync worker " + newRole.role);
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "assign", mixinStandardHelpOptions = true,
            description = "Gives the sessions of strap DEVICE (past and future) to physiotherapist ROLE, instead of "
                    + "whoever had them.")
    static final class Assign implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private StoreOption store;
        @Parameters(index = "0", paramLabel = "DEVICE", description = "The strap's device id.")
        private String deviceId;
        @Parameters(index = "1", paramLabel = "ROLE", description = "The physiotherapist's role.")
        private String role;

        @Override
        public Integer call() {
            return onClinicStore(spec, store, (clinic, sessionStore, out) -> {
                clinic.assign(deviceId, role);
                out.println("strap " + deviceId + " is assigned to " + role);
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "assignments", mixinStandardHelpOptions = true,
            description = "Lists which physiotherapist each strap is assigned to (a physiotherapist sees their own).")
    static final class Assignments implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private StoreOption store;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try (SessionStore sessionStore = store.openForReading()) {
                List<ClinicAccess.Assignment> assignments = new ClinicAccess(sessionStore).assignments();
                PrintWriter out = spec.commandLine().getOut();
                if (assignments.isEmpty()) {
                    out.println("no strap is assigned in " + sessionStore.location());
                }
                for (ClinicAccess.Assignment assignment : assignments) {
                    out.println(assignment.deviceId() + "  " + assignment.physioRole() + "  since " + assignment.assignedAt());
                }
                return ExitCodes.OK;
            } catch (StoreException e) {
                err.println(spec.qualifiedName() + ": " + e.getMessage());
                return ExitCodes.STORE;
            }
        }
    }
}
