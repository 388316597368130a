// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.device.DeviceService;
import dev.backbeat.device.DeviceSettings;
import dev.backbeat.device.SimulationOptions;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.host.broker.BrokerStartException;
import dev.backbeat.host.broker.EmbeddedBroker;
import dev.backbeat.host.report.SessionReport;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.mqtt.BrokerEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backbeat demo}: the whole path on one machine: embedded broker, device service on the
 * simulated strap, MQTT, sync into the SQLite store, report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a guided session end to end on this machine: starts the embedded MQTT broker, runs the "
                    + "device service on the simulated strap (a neutral stand, then a cat-cow flow paced at 6 "
                    + "breaths/min), publishes the session through the broker, syncs it into the store and prints "
                    + "its report. Afterwards 'backbeat sessions' lists it."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOption store;

    @Option(names = "--cycles", defaultValue = "6", paramLabel = "N",
            description = "Cat-cow cycles of 10 s after the 5 s neutral stand. Default: ${DEFAULT-VALUE}.")
    private int cycles;

    @Option(names = "--time-scale", defaultValue = "30", paramLabel = "X",
            description = "Simulated seconds per real second; 1 is real time, 0 as fast as possible. Default: ${DEFAULT-VALUE}.")
    private double timeScale;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated sensor noise. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--routine", paramLabel = "NAME|FILE",
            description = "Run a guided routine (see 'backbeat routines') with its pacer and guards instead of the cat-cow flow.")
    private String routineName;

    @Option(names = "--profile", paramLabel = "NAME|FILE", description = "Fit the guided routine with this profile (gentle, athletic, custom, or a file).")
    private String profileName;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SimulationOptions simulation;
        try {
            simulation = new SimulationOptions(cycles, timeScale, seed);
        } catch (IllegalArgumentException e) {
            err.println("backbeat demo: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Path workDirectory;
        try {
            workDirectory = Files.createTempDirectory("backbeat-demo-");
        } catch (IOException e) {
            err.println("backbeat demo: cannot create a temporary directory: " + e.getMessage());
            return ExitCodes.SOFTWARE;
        }
        try (SessionStore sessionStore = store.open()) {
            return run(simulation, sessionStore, workDirectory, out, err);
        } catch (StoreException e) {
            err.println("backbeat demo: " + e.getMessage());
            return ExitCodes.STORE;
        } finally {
            deleteRecursively(workDirectory);
        }
    }

    private int run(SimulationOptions simulation, SessionStore sessionStore, Path workDirectory, PrintWriter out,
                    PrintWriter err) throws InterruptedException, StoreException {
        out.println("[1/4] starting the embedded MQTT broker ...");
        out.flush();
        try (EmbeddedBroker broker = EmbeddedBroker.start(workDirectory.resolve("broker"),
                EmbeddedBroker.freeLoopbackPort(), EmbeddedBroker.Persistence.IN_MEMORY)) {
            out.println("      listening on " + broker.uri());
            out.printf("[2/4] device service on the simulated strap (time scale %s) ...%n",
                    simulation.timeScale() == 0 ? "as fast as possible" : simulation.timeScale() + "x");
            out.flush();
            DeviceSettings settings = DeviceSettings.defaults(workDirectory.resolve("device"));
            boolean guided = routineName != null || profileName != null;
            if (guided) {
                try {
                    settings = settings.withPlan(dev.backbeat.core.routine.SessionPlan.of(
                            dev.backbeat.core.routine.DefinitionText.routine(routineName == null ? "cat-cow" : routineName),
                            profileName == null ? java.util.Optional.empty()
                                    : java.util.Optional.of(dev.backbeat.core.routine.DefinitionText.profile(profileName)),
                            Double.NaN, Double.NaN, Double.NaN));
                } catch (dev.backbeat.core.routine.RoutineFormatException | IOException invalid) {
                    err.println("backbeat demo: " + invalid.getMessage());
                    return ExitCodes.INPUT;
                }
            }
            DeviceService device = new DeviceService(settings,
                    line -> {
                        out.println("      " + line);
                        out.flush();
                    });
            DeviceService.Recording recording;
            try {
                recording = guided
                        ? device.runGuidedSimulatedSession(DeviceConfigurationFile.defaults(workDirectory.resolve("device")),
                                simulation, dev.backbeat.hardware.sim.GuidedRoutineScript.Deviations.NONE)
                        : device.runSimulatedSession(DeviceConfigurationFile.defaults(workDirectory.resolve("device")),
                                simulation);
            } catch (IOException e) {
                // not the broker: the simulated device's own files in the temporary directory
                err.println("backbeat demo: the simulated device could not record into " + workDirectory.resolve("device")
                        + ": " + e.getMessage());
                return ExitCodes.INPUT; // its files could not be written
            }
            out.println("[3/4] publishing over MQTT and syncing into " + sessionStore.location() + " ...");
            out.flush();
            // the host first (its retained presence tells the device to send), then the device's outbox
            SyncReport report = SyncCommand.syncWhile(broker.uri(), sessionStore, line -> {
                out.println("      " + line);
                out.flush();
            }, () -> device.sync(BrokerEndpoint.plain(broker.uri(), "backbeat-device-" + device.settings().deviceId()),
                    OutboxSender.Settings.DEFAULTS, Duration.ofSeconds(30)));
            String sessionId = recording.session().sessionId();
            if (!report.stored().contains(recording.session().deviceId() + "/" + sessionId)) {
                err.println("backbeat demo: the session did not arrive through the broker (received: " + report + ")");
                return ExitCodes.BROKER;
            }
            out.println("[4/4] report, read back from the store:");
            out.println();
            SessionListing listing = sessionStore.find(sessionId).orElseThrow(
                    () -> new StoreException("session " + sessionId + " is missing from " + sessionStore.location()));
            SessionReport.print(listing, sessionStore.load(listing), out);
            out.println();
            out.println("Stored in " + sessionStore.location() + "; list with: ./backbeat sessions");
            return ExitCodes.OK;
        } catch (BrokerStartException e) {
            err.println("backbeat demo: " + e.getMessage());
            return ExitCodes.BROKER;
        } catch (IOException e) {
            err.println("backbeat demo: publishing through the broker failed: " + e.getMessage());
            return ExitCodes.BROKER;
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
