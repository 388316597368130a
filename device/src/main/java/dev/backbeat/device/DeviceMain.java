package dev.backbeat.device;

import dev.backbeat.hardware.actuator.SimulatedHapticActuator;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.paho.PahoSessionPublisher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backbeat-device}: the service that runs on the strap's Raspberry Pi. */
@Command(name = "backbeat-device", mixinStandardHelpOptions = true, versionProvider = DeviceMain.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Runs one guided stretching session on the strap: samples both IMUs, estimates spinal flexion,",
            "counts repetitions, paces the breath with the vibration motor, records the session and",
            "publishes it over MQTT to the host (backbeat sync)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:session recorded and published (or recorded, with --no-publish)",
            "1:internal error",
            "2:invalid command line",
            "3:cannot write the data directory",
            "4:broker unreachable; the session is kept in the outbox"})
public final class DeviceMain implements Callable<Integer> {

    public static final int OK = 0;
    public static final int SOFTWARE = 1;
    public static final int USAGE = 2;
    public static final int STORAGE = 3;
    public static final int BROKER_UNREACHABLE = 4;

    /** The strap hardware to use. */
    enum Hardware { sim }

    @Spec
    private CommandSpec spec;

    @Option(names = "--hardware", defaultValue = "sim", paramLabel = "KIND",
            description = "Strap hardware: ${COMPLETION-CANDIDATES} (a simulated wearer doing a cat-cow flow). Default: ${DEFAULT-VALUE}.")
    private Hardware hardware;

    @Option(names = "--rate", defaultValue = "100", paramLabel = "HZ",
            description = "IMU sample rate, 50..400 Hz. Default: ${DEFAULT-VALUE}.")
    private double sampleRateHz;

    @Option(names = "--cycles", defaultValue = "8", paramLabel = "N",
            description = "Cat-cow cycles (10 s each) after the 5 s neutral stand. Default: ${DEFAULT-VALUE}.")
    private int cycles;

    @Option(names = "--time-scale", defaultValue = "1", paramLabel = "X",
            description = "Simulated seconds per real second (sim only); 0 runs as fast as possible. Default: ${DEFAULT-VALUE}.")
    private double timeScale;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated sensor noise. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--device-id", defaultValue = DeviceSettings.DEFAULT_DEVICE_ID, paramLabel = "ID",
            description = "This strap's id (letters, digits, . _ -). Default: ${DEFAULT-VALUE}.")
    private String deviceId;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where sessions are recorded. Default: $BACKBEAT_DEVICE_HOME or ~/.local/share/backbeat-device.")
    private Path dataDirectory;

    @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", paramLabel = "URI",
            description = "MQTT broker to publish to. Default: ${DEFAULT-VALUE} (start one with: backbeat broker).")
    private String brokerUri;

    @Option(names = "--no-publish", description = "Record only; leave the session in the outbox.")
    private boolean noPublish;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Backbeat's error handling (one-line errors, exit code 2 for bad usage). */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new DeviceMain());
        commandLine.setParameterExceptionHandler((exception, args) -> {
            PrintWriter err = exception.getCommandLine().getErr();
            err.println("backbeat-device: " + exception.getMessage());
            err.println("Try 'backbeat-device --help'.");
            return USAGE;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DeviceSettings settings;
        SimulationOptions simulation;
        try {
            settings = DeviceSettings.defaults(dataDirectory == null ? defaultDataDirectory() : dataDirectory)
                    .withDeviceId(deviceId).withSampleRateHz(sampleRateHz);
            simulation = new SimulationOptions(cycles, timeScale, seed);
        } catch (IllegalArgumentException invalid) {
            err.println("backbeat-device: " + invalid.getMessage());
            return USAGE;
        }
        DeviceService service = new DeviceService(settings, line -> {
            out.println(line);
            out.flush();
        });
        DeviceService.Recording recording;
        try (SimulatedHapticActuator actuator = new SimulatedHapticActuator()) {
            recording = service.runSimulatedSession(simulation, actuator);
        } catch (IOException e) {
            err.println("backbeat-device: " + e.getMessage());
            return STORAGE;
        }
        if (noPublish) {
            out.println("not published (--no-publish): " + recording.file());
            return OK;
        }
        try (PahoSessionPublisher publisher = PahoSessionPublisher.connect(brokerUri, settings.deviceId())) {
            service.publish(recording, publisher);
            return OK;
        } catch (IllegalArgumentException invalid) {
            err.println("backbeat-device: " + invalid.getMessage());
            return USAGE;
        } catch (BrokerUnreachableException unreachable) {
            err.println("backbeat-device: " + unreachable.getMessage() + "; the session stays in " + recording.file());
            return BROKER_UNREACHABLE;
        } catch (IOException e) {
            err.println("backbeat-device: " + e.getMessage() + "; the session stays in " + recording.file());
            return BROKER_UNREACHABLE;
        }
    }

    static Path defaultDataDirectory() {
        String home = System.getenv("BACKBEAT_DEVICE_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "backbeat-device");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DeviceMain.class.getPackage().getImplementationVersion();
            return new String[] {"backbeat-device " + (version == null ? "development build" : version)};
        }
    }
}
