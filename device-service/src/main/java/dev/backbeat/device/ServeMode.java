// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.routine.DefinitionText;
import dev.backbeat.core.routine.RoutineFormatException;
import dev.backbeat.core.routine.SessionPlan;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.ServeConfiguration;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.device.serve.BackgroundSender;
import dev.backbeat.device.serve.ClockProbe;
import dev.backbeat.device.serve.CommandLedger;
import dev.backbeat.device.serve.ConfigurationInForce;
import dev.backbeat.device.serve.ControlChannel;
import dev.backbeat.device.serve.FreeSpaceProbe;
import dev.backbeat.device.serve.GpioInput;
import dev.backbeat.device.serve.HapticSignals;
import dev.backbeat.device.serve.LivePublisher;
import dev.backbeat.device.serve.PushButton;
import dev.backbeat.device.serve.ServeLoop;
import dev.backbeat.device.serve.ServeSessionControl;
import dev.backbeat.device.serve.SessionSequence;
import dev.backbeat.device.serve.SessionSpace;
import dev.backbeat.device.serve.StrapStatus;
import dev.backbeat.hardware.actuator.SimulatedHapticActuator;
import dev.backbeat.hardware.sim.GuidedRoutineScript;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.control.CommandVerifier;
import dev.backbeat.mqtt.sync.ClientIds;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code backbeat-device serve} assembled: the {@link ServeLoop} with the configured strap (simulated
 * or the Pi's), its push button, the haptic signals, the background outbox sender and the control
 * channel (health, last will, host commands, the host's configuration and the report of it, and the
 * live frames of a recording session through the {@link LivePublisher}). Each
 * session runs with the {@link ConfigurationInForce} as it is when the session begins: a
 * configuration taken during a session applies from the next. {@link #run} serves until {@link #requestShutdown}
 * (SIGTERM in the {@code backbeat-device} process), then ends a running session, keeping what it
 * recorded, says goodbye on the health topic and releases everything.
 */
public final class ServeMode {

    /** Where to send sessions and health; absent with {@code --no-publish}. */
    public record Publishing(BrokerEndpoint endpoint, OutboxSender.Settings sender) {
    }

    /** What the tests and the simulated strap may replace. */
    public record Probes(FreeSpaceProbe freeSpace, ClockProbe clock) {
        public static final Probes SYSTEM = new Probes(FreeSpaceProbe.FILE_SYSTEM, ClockProbe.system());
    }

    private final ServeLoop loop;
    private final StrapStatus status;
    private final PushButton button;
    private final Optional<BackgroundSender> sender;
    private final Optional<ControlChannel> channel;
    private final Optional<LivePublisher> live;
    private final AutoCloseable board;
    private final SimulatedHapticActuator simulatedMotor;
    private final ConfigurationInForce configuration;

    private ServeMode(ServeLoop loop, StrapStatus status, PushButton button, Optional<BackgroundSender> sender,
                      Optional<ControlChannel> channel, Optional<LivePublisher> live, AutoCloseable board,
                      SimulatedHapticActuator simulatedMotor, ConfigurationInForce configuration) {
        this.loop = loop;
        this.live = live;
        this.status = status;
        this.button = button;
        this.sender = sender;
        this.channel = channel;
        this.board = board;
        this.simulatedMotor = simulatedMotor;
        this.configuration = configuration;
    }

    /**
     * Closes interrupted sessions, then starts the button, the sender and the control channel; the
     * sessions start once {@link #run} is called.
     *
     * @param simulatedButton the button of {@code hardware = sim}; on a Pi the button is GPIO {@code button.gpio}
     */
    public static ServeMode start(DeviceConfiguration configuration, DeviceSettings settings, SimulationOptions simulation,
                                  Optional<PiBoard.Opener> piBoard, Optional<Publishing> publishing,
                                  GpioInput simulatedButton, Probes probes, Consumer<String> log)
            throws IOException, HardwareUnavailableException {
        ServeConfiguration serve = configuration.serve();
        ServeSessionControl control = new ServeSessionControl(new SessionSequence(settings.dataDirectory()), probes.clock());
        DeviceService service = new DeviceService(settings, log, control);
        List<String> interrupted = service.recoverInterrupted();
        if (!interrupted.isEmpty()) {
            log.accept("closed " + interrupted.size() + " interrupted session(s)");
        }
        SessionSpace space = new SessionSpace(configuration.sampleRateHz());
        ConfigurationInForce inForce = ConfigurationInForce.open(settings.dataDirectory(), settings.deviceId(),
                settings.plan(), Clock.systemUTC(), log);
        StrapStatus status = new StrapStatus(settings.deviceId(), DeviceMain.version(), settings.dataDirectory(),
                probes.freeSpace(), probes.clock(), Clock.systemUTC(), space.bytesNeeded(),
                inForce.next().plan().routine().name(), chips(configuration));
        // the live frames go out on the control channel's connection, once there is one
        AtomicReference<ControlChannel> liveChannel = new AtomicReference<>();
        Optional<LivePublisher> live = publishing.map(present -> new LivePublisher((topic, payload) -> {
            ControlChannel current = liveChannel.get();
            return current != null && current.offerLive(topic, payload);
        }));
        boolean onPi = configuration.hardware() == DeviceConfiguration.Hardware.PI;
        PiBoard pi = null;
        SimulatedHapticActuator simulatedMotor = null;
        HapticSignals haptics;
        GpioInput buttonInput;
        if (onPi) {
            pi = piBoard.orElseThrow(() -> new HardwareUnavailableException(List.of("hardware = pi needs the Raspberry Pi "
                    + "support of the backbeat-device launcher (Pi4J); run ./backbeat-device, or use --hardware sim")))
                    .open(configuration.pwmChip());
            PiBoard board = pi;
            buttonInput = pi.input(serve.buttonGpio(), serve.buttonSysfsBase());
            haptics = HapticSignals.on(() -> StrapHardware.piActuator(configuration, board, false));
        } else {
            simulatedMotor = new SimulatedHapticActuator();
            SimulatedHapticActuator motor = simulatedMotor;
            haptics = pattern -> HapticSignals.play(pattern, motor);
            buttonInput = simulatedButton;
        }
        ServeLoop.SessionRunner runner = selectedRoutine -> {
            // the configuration in force as the session begins (a newer one taken meanwhile applies from the next)
            ConfigurationInForce.Planned planned = inForce.next();
            SessionPlan plan = planned.plan();
            if (selectedRoutine.isPresent() && !selectedRoutine.get().equals(plan.routine().name())) {
                try {
                    plan = plan.withRoutine(DefinitionText.routine(selectedRoutine.get()));
                } catch (RoutineFormatException unfit) {
                    log.accept("the selected routine " + selectedRoutine.get() + " does not fit the configuration in force ("
                            + unfit.getMessage() + "); running " + plan.routine().name());
                }
            }
            status.routine(plan.routine().name());
            control.nextSession(planned.revision(), sessionId -> inForce.applied(planned.revision(), sessionId));
            DeviceService session = new DeviceService(settings.withPlan(plan), log, control);
            live.ifPresent(publisher -> session.live(publisher::offer));
            try {
                // every session is a guided one: the routine's pacer, its guards, its steps recorded
                return onPi ? session.runGuidedSessionOnRaspberryPi(configuration, piBoard.orElseThrow())
                        : session.runGuidedSimulatedSession(configuration, simulation, GuidedRoutineScript.Deviations.NONE);
            } catch (IOException failed) {
                // a session cut by the hardware is closed as interrupted at once, not at the next start
                try {
                    service.recoverInterrupted();
                } catch (IOException alsoFailed) {
                    failed.addSuppressed(alsoFailed);
                }
                throw failed;
            }
        };
        ServeLoop loop = new ServeLoop(serve.routines(), () -> inForce.next().plan().routine().name(),
                settings.dataDirectory(), runner, control, status, haptics,
                probes.freeSpace(), space.bytesNeeded(), CommandLedger.open(settings.dataDirectory()), log);
        Optional<BackgroundSender> sender = Optional.empty();
        Optional<ControlChannel> channel = Optional.empty();
        if (publishing.isPresent()) {
            BrokerEndpoint endpoint = publishing.get().endpoint();
            sender = Optional.of(new BackgroundSender(settings.dataDirectory(), settings.deviceId(), endpoint,
                    publishing.get().sender(), log));
            channel = Optional.of(new ControlChannel(endpoint.withClientId(ClientIds.deviceControl(settings.deviceId())),
                    settings.deviceId(), CommandVerifier.forStrap(endpoint.tls()), status::health, loop::command, inForce,
                    Duration.ofSeconds(serve.healthIntervalSeconds()), log));
            liveChannel.set(channel.get());
        }
        PushButton button = new PushButton(buttonInput, serve.debounceMillis(), serve.longPressMillis(), loop::button, log);
        AutoCloseable board = pi == null ? () -> { } : pi;
        return new ServeMode(loop, status, button, sender, channel, live, board, simulatedMotor, inForce);
    }

    /** The chips the configuration names, as the health lists them. */
    static List<String> chips(DeviceConfiguration configuration) {
        String prefix = configuration.hardware() == DeviceConfiguration.Hardware.SIM ? "simulated " : "";
        List<String> chips = new ArrayList<>();
        for (SensorPosition sensor : SensorPosition.values()) {
            chips.add(String.format(Locale.ROOT, "%s %s%s @ 0x%02x", sensor.label(), prefix,
                    configuration.chip().chipName(), configuration.address(sensor)));
        }
        switch (configuration.haptics()) {
            case DRV2605L -> chips.add(String.format(Locale.ROOT, "haptic %sDRV2605L @ 0x%02x", prefix,
                    StrapHardware.HAPTIC_DRIVER_ADDRESS));
            case COIN_PWM -> chips.add("haptic coin motor on PWM " + configuration.pwmChip() + "/" + configuration.pwmChannel());
            case NONE -> { }
        }
        return chips;
    }

    /** Serves until {@link #requestShutdown}, then releases everything. */
    public void run() throws InterruptedException {
        try {
            loop.run();
        } finally {
            close();
        }
    }

    /** Ends a running session (keeping what it recorded) and makes {@link #run} return. */
    public void requestShutdown() {
        loop.requestShutdown();
    }

    public StrapStatus status() {
        return status;
    }

    /** The configuration sessions run with: the strap's own or the host's. */
    public ConfigurationInForce configuration() {
        return configuration;
    }

    /** The motor of {@code hardware = sim}, for tests: every pattern played between sessions; null on a Pi. */
    public SimulatedHapticActuator simulatedMotor() {
        return simulatedMotor;
    }

    /** Whether the control channel (health, commands) is connected. */
    public boolean controlConnected() {
        return channel.map(ControlChannel::isConnected).orElse(false);
    }

    /** Sessions recorded so far. */
    public long sessions() {
        return loop.sessions();
    }

    private void close() {
        try {
            button.close();
        } catch (IOException ignored) {
            // the GPIO is released with the board
        }
        sender.ifPresent(BackgroundSender::close);
        live.ifPresent(LivePublisher::close);
        channel.ifPresent(ControlChannel::close);
        status.close();
        try {
            board.close();
        } catch (Exception ignored) {
            // shutting down
        }
    }
}
