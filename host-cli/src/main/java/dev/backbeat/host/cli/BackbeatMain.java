// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backbeat}: the host command line. */
@Command(name = "backbeat", mixinStandardHelpOptions = true, versionProvider = BackbeatMain.Version.class,
        usageHelpAutoWidth = true,
        description = {"Backbeat: posture feedback for rhythmic, breath-paced stretching.",
            "Collects sessions from the strap over MQTT, stores them and reports progress."},
        subcommands = {
            DemoCommand.class,
            BrokerCommand.class,
            SyncCommand.class,
            StatusCommand.class,
            LiveCommand.class,
            StartCommand.class,
            StopCommand.class,
            DeviceCommandGroup.class,
            PairCommand.class,
            ClinicCommand.class,
            SessionsCommand.class,
            ShowCommand.class,
            FuseCommand.class,
            AnalyzeCommand.class,
            ExportCommand.class,
            ReportCommand.class,
            RoutinesCommand.class,
            ProfilesCommand.class,
            CommandLine.HelpCommand.class})
public final class BackbeatMain implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with Backbeat's conventions: one-line errors without stack traces, exit
     * codes from {@link ExitCodes} listed in every command's help.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new BackbeatMain());
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine failed = exception.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println(failed.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            err.println(failed.getCommandSpec().qualifiedName() + ": internal error: " + exception
                    + " (please report it; set BACKBEAT_DEBUG=1 for the stack trace)");
            if (System.getenv("BACKBEAT_DEBUG") != null) {
                exception.printStackTrace(err);
            }
            return ExitCodes.SOFTWARE;
        });
        listExitCodes(commandLine);
        return commandLine;
    }

    private static void listExitCodes(CommandLine commandLine) {
        var usage = commandLine.getCommandSpec().usageMessage();
        usage.exitCodeListHeading("%nExit codes:%n");
        java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
        for (String line : ExitCodes.LIST) {
            int colon = line.indexOf(':');
            codes.put(line.substring(0, colon), line.substring(colon + 1));
        }
        usage.exitCodeList(codes);
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            listExitCodes(sub);
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"backbeat " + number()};
        }

        /** The jar's version, or {@code development build} when run from classes. */
        static String number() {
            String version = BackbeatMain.class.getPackage().getImplementationVersion();
            return version == null ? "development build" : version;
        }
    }
}
