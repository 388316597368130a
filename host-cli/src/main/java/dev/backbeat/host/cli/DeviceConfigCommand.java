// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.core.routine.DefinitionText;
import dev.backbeat.core.routine.ProfileFile;
import dev.backbeat.core.routine.RoutineFile;
import dev.backbeat.core.routine.RoutineFormatException;
import dev.backbeat.core.routine.SessionPlan;
import dev.backbeat.host.control.ConfigurationLines;
import dev.backbeat.host.control.DeviceConfigurator;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.control.DesiredConfiguration;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backbeat device config DEVICE [...]}: see {@link DeviceConfigurator}. */
@Command(name = "config", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Without options: prints the strap's desired configuration (what the host published) and what the strap reported (the configuration in force, the session it was first applied in, the last refusal and why).",
            "With options: publishes a new desired configuration, retained and versioned, with those options changed over the current one; signed with --tls, as a paired strap requires.",
            "The routine and profile files are checked here first (errors name file and line); the strap checks the configuration again, keeps it in its data directory and runs it from its next session, or refuses it with the reason."})
final class DeviceConfigCommand implements Callable<Integer> {

    private static final String NAME = "backbeat device config";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEVICE", description = "The strap's device id, e.g. strap-01.")
    private String deviceId;

    @Option(names = "--routine", paramLabel = "NAME|FILE",
            description = "The routine its sessions run: a built-in name ('backbeat routines') or a routine file, sent as its text.")
    private String routine;

    @Option(names = "--profile", paramLabel = "NAME|FILE",
            description = "The profile that fits the routine to the wearer: a built-in name ('backbeat profiles') or a profile file.")
    private String profile;

    @Option(names = "--pacer-rate", paramLabel = "N",
            description = "The pacer's rate in every step, breaths/min, 3..10 (over the routine's and the profile's).")
    private Double breathsPerMinute;

    @Option(names = "--ratio", paramLabel = "I:E",
            description = "Inhale:exhale in every step, e.g. 4:6 (within 1:4 and 4:1).")
    private String ratio;

    @Option(names = "--reset", description = "Start from nothing set (the strap's own routine.name and profile.name) "
            + "instead of the current desired configuration.")
    private boolean reset;

    @Mixin
    private StrapConnection connection;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "How long to wait for the strap's report of a new configuration. Default: ${DEFAULT-VALUE}.")
    private double timeoutSeconds;

    @Option(names = "--wait", defaultValue = "1", paramLabel = "SECONDS",
            description = "How long to wait for what the broker holds after the last of it arrived. Default: ${DEFAULT-VALUE}.")
    private double waitSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(timeoutSeconds > 0 && timeoutSeconds <= 600) || !(waitSeconds > 0 && waitSeconds <= 60)) {
            err.println(NAME + ": --timeout must be more than 0 and at most 600 seconds and --wait at most 60, were "
                    + timeoutSeconds + " and " + waitSeconds);
            return ExitCodes.USAGE;
        }
        try {
            SyncTopics.requireId(deviceId);
        } catch (IllegalArgumentException invalid) {
            err.println(NAME + ": device " + invalid.getMessage());
            return ExitCodes.USAGE;
        }
        // checked before anything is published: the files, then the breathing and the whole
        DeviceConfigurator.Changes changes;
        Optional<DefinitionText> routineText;
        Optional<DefinitionText> profileText;
        try {
            routineText = routine == null ? Optional.empty() : Optional.of(DefinitionText.routine(routine));
            if (routineText.isPresent()) {
                RoutineFile.parse(routineText.get().source(), routineText.get().text());
            }
            profileText = profile == null ? Optional.empty() : Optional.of(DefinitionText.profile(profile));
            if (profileText.isPresent()) {
                ProfileFile.parse(profileText.get().source(), profileText.get().text());
            }
        } catch (RoutineFormatException | IOException invalid) {
            err.println(NAME + ": " + invalid.getMessage());
            return ExitCodes.INPUT;
        }
        double[] inhaleExhale = {Double.NaN, Double.NaN};
        if (breathsPerMinute != null && !Double.isFinite(breathsPerMinute)) {
            err.println(NAME + ": --pacer-rate must be a number of breaths/min, was " + breathsPerMinute);
            return ExitCodes.USAGE;
        }
        try {
            if (ratio != null) {
                inhaleExhale = ratio(ratio);
            }
            SessionPlan.of(routineText.orElse(DefinitionText.of("built-in cat-cow.routine", SessionPlan.DEFAULT.routineText())),
                    profileText, breathsPerMinute == null ? Double.NaN : breathsPerMinute, inhaleExhale[0], inhaleExhale[1]);
        } catch (RoutineFormatException invalid) {
            err.println(NAME + ": " + invalid.getMessage().replace("pacer rate:", "--pacer-rate:").replace("ratio:", "--ratio:"));
            return ExitCodes.USAGE;
        }
        changes = new DeviceConfigurator.Changes(routineText.map(DesiredConfiguration.Choice::of),
                profileText.map(DesiredConfiguration.Choice::of), breathsPerMinute == null ? Double.NaN : breathsPerMinute,
                inhaleExhale[0], inhaleExhale[1], reset);
        Optional<TlsFiles> tls;
        try {
            tls = connection.tls();
        } catch (IOException unusable) {
            err.println(NAME + ": --tls " + connection.tlsDirectory + ": " + unusable.getMessage());
            return ExitCodes.INPUT;
        }
        try (MqttLink link = connection.connect(tls, "config", List.of(SyncTopics.configuration(deviceId),
                SyncTopics.configurationReport(deviceId)), null)) {
            DeviceConfigurator.Held held = DeviceConfigurator.held(link, deviceId, Duration.ofMillis((long) (waitSeconds * 1000)));
            if (!changes.any()) {
                ConfigurationLines.of(deviceId, held).forEach(out::println);
                return ExitCodes.OK;
            }
            DesiredConfiguration unsigned = DeviceConfigurator.next(deviceId, held, changes, Instant.now());
            try {
                unsigned.plan(SessionPlan.DEFAULT);
            } catch (RoutineFormatException invalid) {
                err.println(NAME + ": the configuration with these changes would be refused: " + invalid.getMessage());
                return ExitCodes.USAGE;
            }
            DesiredConfiguration next = DeviceConfigurator.signed(unsigned, connection.hostKey(tls));
            DeviceConfigurator.Outcome outcome = DeviceConfigurator.publish(link, next,
                    Duration.ofMillis((long) (timeoutSeconds * 1000)));
            switch (outcome) {
                case DeviceConfigurator.Outcome.Taken taken -> {
                    out.println(deviceId + ": configuration " + next.revision() + " taken, in force from the next session: "
                            + ConfigurationLines.desired(next));
                    return ExitCodes.OK;
                }
                case DeviceConfigurator.Outcome.Refused refused -> {
                    err.println(NAME + ": " + deviceId + " refused configuration " + next.revision() + ": " + refused.reason()
                            + "; " + ConfigurationLines.reported(refused.report()));
                    return ExitCodes.NOT_DONE;
                }
                case DeviceConfigurator.Outcome.NoAnswer none -> {
                    err.println(NAME + ": configuration " + next.revision() + " is published and stays on the broker, but "
                            + deviceId + " did not report it within " + timeoutSeconds + " s (it takes it when it next "
                            + "connects; is 'backbeat-device serve' running" + (tls.isEmpty() ? ", and is it paired? a paired "
                            + "strap needs --tls" : "") + "?)");
                    return ExitCodes.NOT_DONE;
                }
            }
        } catch (BrokerUnreachableException unreachable) {
            err.println(NAME + ": " + unreachable.getMessage());
            return ExitCodes.BROKER;
        } catch (IOException failed) {
            err.println(NAME + ": " + failed.getMessage());
            return ExitCodes.BROKER;
        } catch (IllegalArgumentException invalid) {
            err.println(NAME + ": " + invalid.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** {@code I:E} as two numbers; the range is checked with the rest. */
    private static double[] ratio(String text) throws RoutineFormatException {
        String[] parts = text.split(":", -1);
        try {
            if (parts.length == 2) {
                double[] parsed = {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
                if (Double.isFinite(parsed[0]) && Double.isFinite(parsed[1])) {
                    return parsed;
                }
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new RoutineFormatException("ratio", 0, "must be inhale:exhale, two numbers such as 4:6, was '" + text + "'");
    }
}
