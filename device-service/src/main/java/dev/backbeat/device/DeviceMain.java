// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.device.config.ConfigurationException;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.device.outbox.OutboxException;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.sync.ClientIds;
import java.time.Duration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code backbeat-device}: the service that runs on the strap's Raspberry Pi. The Pi itself comes in
 * as a {@link PiBoard.Opener}: the {@code backbeat-device} jar's launcher
 * ({@code dev.backbeat.device.launcher.DeviceLauncher}) gives it Pi4J's; without one (the simulated
 * strap in tests and on a laptop) {@code --hardware pi} is refused with exit 5.
 */
@Command(name = "backbeat-device", mixinStandardHelpOptions = true, versionProvider = DeviceMain.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Runs one guided stretching session on the strap: samples both IMUs, estimates spinal flexion,",
            "counts repetitions, paces the breath with the vibration motor, records the session and",
            "publishes it over MQTT to the host (backbeat sync).",
            "",
            "backbeat-device serve runs until stopped (SIGTERM): it waits for a start from the push button or",
            "the host ('backbeat start DEVICE'), records the session, sends it in the background and waits again;",
            "it publishes its health (backbeat status). With --hardware sim, each line on standard input presses",
            "the simulated button: an empty line or 'press' starts or stops, 'long' selects the next routine."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:session recorded and published (or recorded, with --no-publish); serve: stopped by SIGTERM",
            "1:internal error",
            "2:invalid command line",
            "3:cannot write the data directory",
            "4:broker unreachable; the session is kept in the outbox",
            "5:strap hardware unavailable (each failed start-up check is printed with what to do) or failed during the session",
            "6:invalid configuration file (file, line, key and reason are printed)",
            "7:the host did not confirm every session within --sync-timeout; they stay in the outbox"})
public final class DeviceMain implements Callable<Integer> {

    public static final int OK = 0;
    public static final int SOFTWARE = 1;
    public static final int USAGE = 2;
    public static final int STORAGE = 3;
    public static final int BROKER_UNREACHABLE = 4;
    public static final int NOT_CONFIRMED = 7;
    public static final int HARDWARE_UNAVAILABLE = 5;
    public static final int CONFIGURATION = 6;

    /** The environment variable naming the configuration file used without {@code --config}. */
    public static final String CONFIGURATION_VARIABLE = "BACKBEAT_DEVICE_CONFIG";

    /** The strap hardware to use. */
    enum Hardware { sim, pi }

    /** The IMU part. */
    enum Chip { mpu6050, lsm6dsox }

    @Spec
    private CommandSpec spec;

    /** The Raspberry Pi's buses for {@code hardware = pi}; empty where there is no Pi support. */
    private final Optional<PiBoard.Opener> piBoard;

    /** The configuration file in use, null without one (for naming it in errors). */
    private String configurationSource;

    @Parameters(index = "0", arity = "0..1", paramLabel = "serve",
            description = "Run as a service until SIGTERM: sessions start and stop with the button or 'backbeat start'.")
    private String mode;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (key = value; keys in the README). Default: $BACKBEAT_DEVICE_CONFIG (the package "
                    + "sets /etc/backbeat/device.conf), else <data dir>/device.conf if it exists.")
    private Path configurationFile;

    @Option(names = "--hardware", paramLabel = "KIND",
            description = "Strap hardware: ${COMPLETION-CANDIDATES}. sim runs the real drivers on register-level simulated chips "
                    + "worn by a simulated person doing a cat-cow flow; pi uses the strap on this Raspberry Pi. Default: sim.")
    private Hardware hardware;

    @Option(names = "--chip", paramLabel = "PART", description = "IMU part: ${COMPLETION-CANDIDATES}. Default: mpu6050.")
    private Chip chip;

    @Option(names = "--rate", paramLabel = "HZ",
            description = "IMU output data rate, 100..200 Hz (the chip picks its nearest rate). Default: 100.")
    private Double sampleRateHz;

    @Option(names = "--cycles", defaultValue = "8", paramLabel = "N",
            description = "Cat-cow cycles (10 s each) after the 5 s neutral stand, with the fixed-rate pacer: a one-shot session without --routine, --profile or routine.name (serve always runs a guided routine). Default: ${DEFAULT-VALUE}.")
    private int cycles;

    @Option(names = "--routine", paramLabel = "NAME|FILE",
            description = "Run a guided routine (built in: see 'backbeat routines'; or a routine file) with its pacer and guards, instead of the cat-cow flow of --cycles.")
    private String routineName;

    @Option(names = "--profile", paramLabel = "NAME|FILE",
            description = "Fit the guided routine to a person with this profile (built in: gentle, athletic, custom; or a profile file).")
    private String profileName;

    @Option(names = "--wearer-extra-range", defaultValue = "0", paramLabel = "DEG",
            description = "Sim only, guided: the simulated wearer goes this many degrees past the range asked for. Default: ${DEFAULT-VALUE}.")
    private double wearerExtraRangeDegrees;

    @Option(names = "--wearer-tempo", defaultValue = "1", paramLabel = "X",
            description = "Sim only, guided: the simulated wearer's movement times multiplied by this (below 1: rushing). Default: ${DEFAULT-VALUE}.")
    private double wearerTempoFactor;

    @Option(names = "--wearer-lag", defaultValue = "0", paramLabel = "S",
            description = "Sim only, guided: the simulated wearer starts each repetition this long after its cue. Default: ${DEFAULT-VALUE}.")
    private double wearerLagSeconds;

    @Option(names = "--time-scale", defaultValue = "1", paramLabel = "X",
            description = "Simulated seconds per real second (sim only); 0 runs as fast as possible. Default: ${DEFAULT-VALUE}.")
    private double timeScale;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated sensor noise. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--device-id", paramLabel = "ID",
            description = "This strap's id (letters, digits, . _ -). Default: " + DeviceSettings.DEFAULT_DEVICE_ID + ".")
    private String deviceId;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where sessions are recorded. Default: $BACKBEAT_DEVICE_HOME or ~/.local/share/backbeat-device.")
    private Path dataDirectory;

    @Option(names = "--broker", paramLabel = "URI",
            description = "MQTT broker to publish to. Default: tcp://127.0.0.1:1883 (start one with: backbeat broker).")
    private String brokerOption;

    @Option(names = "--no-publish", description = "Record only; leave the session in the outbox.")
    private boolean noPublish;

    @Option(names = "--sync-only", description = "Record nothing: close interrupted sessions and send the outbox.")
    private boolean syncOnly;

    @Option(names = "--sync-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "How long to wait for the host to confirm every session in the outbox. Default: ${DEFAULT-VALUE}.")
    private double syncTimeoutSeconds;

    @Option(names = "--window", defaultValue = "400", paramLabel = "N",
            description = "Most messages (records or bundles) sent and not yet acknowledged by the host, 1..900. Default: ${DEFAULT-VALUE}.")
    private int window;

    @Option(names = "--bundle", defaultValue = "8", paramLabel = "N",
            description = "Most records (about a second of samples each) sent as one message, 1..64. Default: ${DEFAULT-VALUE}.")
    private int bundleRecords;

    /** The longest MQTT keep-alive, s: the protocol carries it as an unsigned 16-bit number. */
    static final int MAX_KEEP_ALIVE_SECONDS = 65_535;

    @Option(names = "--keep-alive", defaultValue = "30", paramLabel = "SECONDS",
            description = "MQTT keep-alive, 1..65535: a silent connection is given up after 1.5 times this. Default: ${DEFAULT-VALUE}.")
    private int keepAliveSeconds;

    @Option(names = "--tls", paramLabel = "DIR",
            description = "Directory with ca.crt, client.crt, client.key and host.crt from 'backbeat pair' (needed for ssl:// "
                    + "brokers); acknowledgements then count only when signed by the host of host.crt.")
    private Path tlsDirectory;

    private DeviceMain(Optional<PiBoard.Opener> piBoard) {
        this.piBoard = piBoard;
    }

    /**
     * The command line with the simulated strap only ({@code --hardware pi} exits 5), with Backbeat's
     * error handling (one-line errors, exit code 2 for bad usage).
     */
    public static CommandLine commandLine() {
        return commandLine(Optional.empty());
    }

    /** The command line of a Raspberry Pi whose buses {@code piBoard} opens (the {@code backbeat-device} jar's). */
    public static CommandLine commandLine(PiBoard.Opener piBoard) {
        return commandLine(Optional.of(piBoard));
    }

    private static CommandLine commandLine(Optional<PiBoard.Opener> piBoard) {
        CommandLine commandLine = new CommandLine(new DeviceMain(piBoard));
        commandLine.setParameterExceptionHandler((exception, args) -> {
            PrintWriter err = exception.getCommandLine().getErr();
            err.println("backbeat-device: " + exception.getMessage());
            err.println("Try 'backbeat-device --help'.");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            err.println("backbeat-device: internal error: " + exception
                    + " (please report it; set BACKBEAT_DEBUG=1 for the stack trace)");
            if (System.getenv("BACKBEAT_DEBUG") != null) {
                exception.printStackTrace(err);
            }
            return SOFTWARE;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DeviceConfiguration configuration;
        try {
            configuration = configuration();
        } catch (ConfigurationException invalid) {
            err.println("backbeat-device: " + invalid.getMessage());
            return invalid.fromCommandLine() ? USAGE : CONFIGURATION;
        }
        DeviceSettings settings;
        SimulationOptions simulation;
        try {
            settings = DeviceSettings.from(configuration);
            simulation = new SimulationOptions(cycles, timeScale, seed);
        } catch (IllegalArgumentException invalid) {
            err.println("backbeat-device: " + invalid.getMessage());
            return USAGE;
        }
        // guided: a routine or profile asked for here or in the configuration file (routine.name, profile.name);
        // else the cat-cow flow of --cycles with the fixed-rate pacer
        boolean guided = routineName != null || profileName != null
                || configuration.plan() != dev.backbeat.core.routine.SessionPlan.DEFAULT;
        dev.backbeat.hardware.sim.GuidedRoutineScript.Deviations deviations = null;
        if (guided) {
            try {
                dev.backbeat.core.routine.DefinitionText routine = routineName != null
                        ? dev.backbeat.core.routine.DefinitionText.routine(routineName)
                        : dev.backbeat.core.routine.DefinitionText.of("the configured routine", settings.plan().routineText());
                dev.backbeat.core.routine.SessionPlan configured = settings.plan();
                Optional<dev.backbeat.core.routine.DefinitionText> profile = profileName != null
                        ? Optional.of(dev.backbeat.core.routine.DefinitionText.profile(profileName))
                        : configured.profile().map(person -> dev.backbeat.core.routine.DefinitionText.of(
                                "the configured profile", configured.profileText()));
                settings = settings.withPlan(dev.backbeat.core.routine.SessionPlan.of(routine, profile, Double.NaN, Double.NaN,
                        Double.NaN));
                deviations = new dev.backbeat.hardware.sim.GuidedRoutineScript.Deviations(wearerExtraRangeDegrees,
                        wearerTempoFactor, wearerLagSeconds);
            } catch (dev.backbeat.core.routine.RoutineFormatException invalid) {
                err.println("backbeat-device: " + invalid.getMessage());
                return CONFIGURATION;
            } catch (IOException unreadable) {
                err.println("backbeat-device: cannot read " + unreadable.getMessage());
                return CONFIGURATION;
            } catch (IllegalArgumentException invalid) {
                err.println("backbeat-device: --wearer-*: " + invalid.getMessage());
                return USAGE;
            }
        }
        dev.backbeat.hardware.sim.GuidedRoutineScript.Deviations wearer = deviations;
        // the sync's settings are checked before a session is recorded, not after it
        BrokerEndpoint endpoint = null;
        OutboxSender.Settings sender = null;
        if (!noPublish) {
            if (!(syncTimeoutSeconds > 0 && syncTimeoutSeconds <= 86_400)) {
                err.println("backbeat-device: --sync-timeout must be more than 0 and at most 86400 seconds");
                return USAGE;
            }
            if (keepAliveSeconds < 1 || keepAliveSeconds > MAX_KEEP_ALIVE_SECONDS) {
                err.println("backbeat-device: --keep-alive must be 1 to " + MAX_KEEP_ALIVE_SECONDS + " seconds, was "
                        + keepAliveSeconds);
                return USAGE;
            }
            try {
                sender = OutboxSender.Settings.DEFAULTS.withWindow(window).withBundleRecords(bundleRecords)
                        .withResendAfter(Duration.ofSeconds(Math.max(2, 2L * keepAliveSeconds)));
            } catch (IllegalArgumentException invalid) {
                err.println("backbeat-device: " + invalid.getMessage());
                return USAGE;
            }
            try {
                endpoint = new BrokerEndpoint(configuration.brokerUri(), ClientIds.device(settings.deviceId()),
                        tlsDirectory == null ? java.util.Optional.empty() : java.util.Optional.of(TlsFiles.in(tlsDirectory)),
                        Duration.ofSeconds(keepAliveSeconds));
            } catch (IllegalArgumentException invalid) {
                boolean fromFile = brokerOption == null && tlsDirectory == null && configurationSource != null;
                err.println("backbeat-device: " + (fromFile ? configurationSource + ": broker.uri: " : "")
                        + invalid.getMessage());
                return fromFile ? CONFIGURATION : USAGE;
            }
            if (tlsDirectory != null) {
                if (configuration.brokerUri().startsWith("tcp://")) {
                    err.println("backbeat-device: --tls " + tlsDirectory + " is given, but the broker address "
                            + configuration.brokerUri() + " is plain TCP, which never uses it (and a paired strap "
                            + "believes only the host's signed acknowledgements): use ssl://HOST:8883");
                    return USAGE;
                }
                try {
                    TlsFiles files = TlsFiles.in(tlsDirectory);
                    files.checkOwnIdentity(java.util.Optional.of(settings.deviceId()));
                    files.trustedHostCertificate();
                } catch (IOException unusable) {
                    err.println("backbeat-device: --tls " + tlsDirectory + ": " + unusable.getMessage());
                    return USAGE;
                }
            }
        }
        if (mode != null && !mode.equals("serve")) {
            err.println("backbeat-device: unknown mode '" + mode + "'; the only one is 'serve'");
            return USAGE;
        }
        if (mode != null) {
            if (syncOnly) {
                err.println("backbeat-device: serve sends in the background; --sync-only is for the one-shot command");
                return USAGE;
            }
            return serve(configuration, settings, simulation, endpoint, sender, out, err);
        }
        DeviceService service = new DeviceService(settings, line -> {
            out.println(line);
            out.flush();
        });
        if (syncOnly) {
            return sync(service, endpoint, sender, err);
        }
        boolean onPi = configuration.hardware() == DeviceConfiguration.Hardware.PI;
        if (onPi && piBoard.isEmpty()) {
            err.println("backbeat-device: hardware = pi needs the Raspberry Pi support of the backbeat-device launcher "
                    + "(Pi4J), which this command was started without; run ./backbeat-device, or use --hardware sim");
            return HARDWARE_UNAVAILABLE;
        }
        DeviceService.Recorder recorder = onPi
                ? guided ? () -> service.runGuidedSessionOnRaspberryPi(configuration, piBoard.orElseThrow())
                : () -> service.runSessionOnRaspberryPi(configuration, cycles, piBoard.orElseThrow())
                : guided ? () -> service.runGuidedSimulatedSession(configuration, simulation, wearer)
                : () -> service.runSimulatedSession(configuration, simulation);
        try {
            if (noPublish) {
                service.recoverInterrupted(); // a session a power cut left open is closed first, on every start
                out.println("not published (--no-publish): " + recorder.record().file());
                return OK;
            }
            // the usual case: record while sending what the outbox holds and what this session seals
            DeviceService.SentRecording sent = service.recordWhileSending(recorder, endpoint, sender,
                    Duration.ofMillis((long) (syncTimeoutSeconds * 1000)));
            return sent.result().allConfirmed() ? OK : NOT_CONFIRMED;
        } catch (HardwareUnavailableException unavailable) {
            for (String finding : unavailable.findings()) {
                err.println("backbeat-device: " + finding);
            }
            return HARDWARE_UNAVAILABLE;
        } catch (BrokerUnreachableException unreachable) {
            err.println("backbeat-device: " + unreachable.getMessage() + "; the sessions stay in "
                    + settings.dataDirectory());
            return BROKER_UNREACHABLE;
        } catch (IOException e) {
            return recordingFailed(e, err);
        }
    }

    /**
     * A session that stopped on an I/O error: the outbox (exit 3) or else the strap's chips, bus or
     * motor (exit 5). What was sealed stays in the outbox and is closed as interrupted on the next start.
     */
    private int recordingFailed(IOException failure, PrintWriter err) {
        if (failure instanceof OutboxException) {
            err.println("backbeat-device: " + failure.getMessage());
            return STORAGE;
        }
        err.println("backbeat-device: the strap hardware failed during the session: " + failure.getMessage()
                + "; what was recorded until then stays in the outbox and is kept as an interrupted session");
        return HARDWARE_UNAVAILABLE;
    }

    /** {@code backbeat-device serve}: see {@link ServeMode}; returns 0 once stopped by SIGTERM. */
    private int serve(DeviceConfiguration configuration, DeviceSettings settings, SimulationOptions simulation,
                      BrokerEndpoint endpoint, OutboxSender.Settings sender, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        java.util.function.Consumer<String> log = line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        };
        dev.backbeat.device.serve.SimulatedButton button = new dev.backbeat.device.serve.SimulatedButton();
        ServeMode serving;
        try {
            serving = ServeMode.start(configuration, settings, simulation, piBoard,
                    noPublish ? Optional.empty() : Optional.of(new ServeMode.Publishing(endpoint, sender)), button,
                    ServeMode.Probes.SYSTEM, log);
        } catch (HardwareUnavailableException unavailable) {
            for (String finding : unavailable.findings()) {
                err.println("backbeat-device: " + finding);
            }
            return HARDWARE_UNAVAILABLE;
        } catch (OutboxException storage) {
            err.println("backbeat-device: " + storage.getMessage());
            return STORAGE;
        } catch (IOException failed) {
            err.println("backbeat-device: cannot start serving: " + failed.getMessage());
            return configuration.hardware() == DeviceConfiguration.Hardware.PI ? HARDWARE_UNAVAILABLE : STORAGE;
        }
        if (configuration.hardware() == DeviceConfiguration.Hardware.SIM) {
            pressFromStandardInput(button, configuration.serve().longPressMillis(), serving, log);
        }
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        TerminationSignals.onTerminate(serving::requestShutdown, finished);
        try {
            serving.run();
        } finally {
            finished.countDown();
        }
        log.accept("stopped");
        return OK;
    }

    /**
     * The simulated button, pressed from standard input: an empty line or {@code press} presses it
     * briefly, {@code long} holds it past the long-press time, {@code quit} stops the service. The
     * end of the input (a service started with none) leaves the button alone.
     */
    private static void pressFromStandardInput(dev.backbeat.device.serve.SimulatedButton button, int longPressMillis,
                                               ServeMode serving, java.util.function.Consumer<String> log) {
        Thread.ofPlatform().name("simulated-button").daemon().start(() -> {
            try (java.io.BufferedReader lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    switch (line.strip()) {
                        case "", "press" -> button.click(120);
                        case "long" -> button.click(longPressMillis + 300L);
                        case "quit" -> serving.requestShutdown();
                        default -> log.accept("standard input: '" + line.strip() + "' is not press, long or quit");
                    }
                }
            } catch (IOException | InterruptedException ended) {
                // no more presses
            }
        });
    }

    /** This program's version, as the jar's manifest names it. */
    static String version() {
        String version = DeviceMain.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    /** The publish part: sends the outbox until the host confirmed it all (see OutboxSender). */
    private int sync(DeviceService service, BrokerEndpoint endpoint, OutboxSender.Settings sender, PrintWriter err)
            throws InterruptedException {
        try {
            OutboxSender.Result result = service.sync(endpoint, sender, Duration.ofMillis((long) (syncTimeoutSeconds * 1000)));
            return result.allConfirmed() ? OK : NOT_CONFIRMED;
        } catch (BrokerUnreachableException unreachable) {
            err.println("backbeat-device: " + unreachable.getMessage() + "; the sessions stay in the outbox");
            return BROKER_UNREACHABLE;
        } catch (IOException e) {
            err.println("backbeat-device: " + e.getMessage() + "; the sessions stay in the outbox");
            return STORAGE;
        }
    }


    /** The configuration file (if any) with the command line's options over it. */
    DeviceConfiguration configuration() throws ConfigurationException {
        Path defaultData = defaultDataDirectory();
        Path file = configurationFile != null ? configurationFile
                : defaultConfigurationFile(System.getenv(CONFIGURATION_VARIABLE),
                        dataDirectory != null ? dataDirectory : defaultData).orElse(null);
        List<String> lines = new ArrayList<>();
        if (file != null) {
            try {
                lines.addAll(java.nio.file.Files.readAllLines(file));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new ConfigurationException(file + ": no such configuration file"
                        + (configurationFile == null ? " (named by " + CONFIGURATION_VARIABLE + ")" : ""));
            } catch (IOException e) {
                throw new ConfigurationException(file + ": cannot read: " + e.getMessage());
            }
        }
        String source = file == null ? "defaults" : file.toString();
        configurationSource = file == null ? null : file.toString();
        DeviceConfiguration fromFile = DeviceConfigurationFile.parse(lines, source, defaultData);
        // the command line wins: re-parse with its values appended as overrides
        List<String> overrides = new ArrayList<>();
        if (hardware != null) {
            overrides.add("hardware = " + hardware);
        }
        if (chip != null) {
            overrides.add("imu.chip = " + chip);
        }
        if (sampleRateHz != null) {
            overrides.add("imu.sample_rate_hz = " + sampleRateHz);
        }
        if (deviceId != null) {
            overrides.add("device.id = " + deviceId);
        }
        if (dataDirectory != null) {
            overrides.add("data.directory = " + dataDirectory);
        }
        if (brokerOption != null) {
            overrides.add("broker.uri = " + brokerOption);
        }
        if (overrides.isEmpty()) {
            return fromFile;
        }
        List<String> merged = new ArrayList<>();
        for (String line : lines) {
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')).strip() : "";
            boolean overridden = overrides.stream().anyMatch(override -> override.startsWith(key + " ="));
            merged.add(overridden ? "# overridden on the command line: " + line : line);
        }
        for (String override : overrides) {
            merged.add(override);
        }
        return DeviceConfigurationFile.parse(merged, source, defaultData, lines.size());
    }

    /**
     * The configuration file used without {@code --config}: the one {@code BACKBEAT_DEVICE_CONFIG}
     * names ({@code environmentValue}; the Debian package's launcher sets /etc/backbeat/device.conf),
     * which must then exist, else {@code device.conf} in the data directory if it exists, else none.
     */
    static Optional<Path> defaultConfigurationFile(String environmentValue, Path dataDirectory) {
        if (environmentValue != null && !environmentValue.isBlank()) {
            return Optional.of(Path.of(environmentValue));
        }
        Path inDataDirectory = dataDirectory.resolve("device.conf");
        return java.nio.file.Files.isRegularFile(inDataDirectory) ? Optional.of(inDataDirectory) : Optional.empty();
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
