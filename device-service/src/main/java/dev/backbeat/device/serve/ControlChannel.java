// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.control.CommandVerifier;
import dev.backbeat.mqtt.control.ControlCodec;
import dev.backbeat.mqtt.control.ConfigurationReport;
import dev.backbeat.mqtt.control.ControlDecodeResult;
import dev.backbeat.mqtt.control.DesiredConfiguration;
import dev.backbeat.mqtt.control.DeviceCommand;
import dev.backbeat.mqtt.control.DeviceHealth;
import dev.backbeat.mqtt.paho.PahoDeviceLink;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The strap's second MQTT connection ({@code backbeat-device-<id>:control}, beside the outbox
 * sender's): it publishes the health, retained, on every change (looked at every
 * {@value #LOOK_MILLIS} ms) and at least every {@code health.interval_s}, leaves a last will of the
 * same health in state {@code gone} with the broker, and receives the host's commands. A command
 * is carried out only if the {@link CommandVerifier} believes it (a paired strap: signed by the
 * host); a refused one is logged and ignored. It also receives the host's retained desired
 * configuration: one the verifier believes goes to the {@link ConfigurationInForce}, one it does not
 * (or that does not decode) is refused there with the reason; and it publishes the strap's
 * {@link dev.backbeat.mqtt.control.ConfigurationReport}, retained, whenever it changes. It also
 * carries the live frames of a recording session ({@link #offerLive}, QoS 0). Reconnects on its
 * own, with a backoff up to 5 s.
 */
public final class ControlChannel implements AutoCloseable {

    /**
     * How often the health is compared with the last one published, ms (500: a change reaches the
     * host within half a second; a command wakes the channel at once). At 200 an idle strap's control
     * channel took 0.25 % of a core of this machine.
     */
    static final int LOOK_MILLIS = 500;
    private static final long RECONNECT_BACKOFF_MAX_MILLIS = 5_000;

    private final BrokerEndpoint endpoint;
    private final String deviceId;
    private final CommandVerifier verifier;
    private final Supplier<DeviceHealth> health;
    private final Consumer<DeviceCommand> commands;
    private final ConfigurationInForce configuration;
    private final Duration healthInterval;
    private final Consumer<String> log;
    private final Thread thread;
    private volatile boolean closing;
    private volatile PahoDeviceLink link;
    private volatile boolean connected;

    /**
     * Starts connecting on a thread of its own.
     *
     * @param endpoint the broker, with the control connection's client id
     * @param commands receives every believed command, on the channel's thread
     * @param configuration receives the host's desired configurations and reports what became of them
     */
    public ControlChannel(BrokerEndpoint endpoint, String deviceId, CommandVerifier verifier, Supplier<DeviceHealth> health,
                          Consumer<DeviceCommand> commands, ConfigurationInForce configuration, Duration healthInterval,
                          Consumer<String> log) {
        this.endpoint = endpoint;
        this.deviceId = deviceId;
        this.verifier = verifier;
        this.health = health;
        this.commands = commands;
        this.configuration = configuration;
        this.healthInterval = healthInterval;
        this.log = log;
        this.thread = Thread.ofPlatform().name("control-channel").start(this::run);
    }

    /** Whether it is connected to the broker now. */
    public boolean isConnected() {
        return connected;
    }

    /**
     * Publishes a live frame on this connection at QoS 0, not retained, if it can at once (see
     * {@link PahoDeviceLink#offerAtMostOnce}); false when it dropped it (not connected, or the
     * previous frame still being written).
     */
    public boolean offerLive(String topic, byte[] payload) {
        PahoDeviceLink current = link;
        return connected && current != null && current.offerAtMostOnce(topic, payload);
    }

    private void run() {
        long backoffMillis = 200;
        boolean reported = false;
        while (!closing) {
            DeviceHealth current = health.get();
            try {
                link = PahoDeviceLink.connect(endpoint, List.of(SyncTopics.command(deviceId),
                        SyncTopics.configuration(deviceId)), 16, Optional.of(
                        new PahoDeviceLink.Will(SyncTopics.health(deviceId),
                                ControlCodec.encode(current.withState(DeviceHealth.State.GONE, current.writtenAt())))));
            } catch (BrokerUnreachableException unreachable) {
                if (!reported) {
                    log.accept("health and commands: " + unreachable.getMessage() + "; trying again");
                    reported = true;
                }
                if (!pause(backoffMillis)) {
                    return;
                }
                backoffMillis = Math.min(RECONNECT_BACKOFF_MAX_MILLIS, 2 * backoffMillis);
                continue;
            }
            backoffMillis = 200;
            reported = false;
            connected = true;
            log.accept("health and commands: connected to " + endpoint.uri());
            try {
                serve(link);
            } catch (IOException lost) {
                log.accept("health and commands: " + lost.getMessage() + "; reconnecting");
            } catch (InterruptedException stop) {
                return;
            } finally {
                connected = false;
                if (!closing) {
                    link.close();
                }
            }
        }
    }

    /** Publishes health and takes commands until the connection is lost or the channel closes. */
    private void serve(MqttLink connection) throws IOException, InterruptedException {
        DeviceHealth published = null;
        long publishedNanos = 0;
        ConfigurationReport reported = null;
        while (!closing && connection.isConnected()) {
            DeviceHealth current = health.get();
            if (!current.sameAs(published) || System.nanoTime() - publishedNanos >= healthInterval.toNanos()) {
                connection.publish(SyncTopics.health(deviceId), ControlCodec.encode(current), true, Duration.ofSeconds(5));
                published = current;
                publishedNanos = System.nanoTime();
            }
            ConfigurationReport report = configuration.report();
            if (!report.equals(reported)) {
                connection.publish(SyncTopics.configurationReport(deviceId), ControlCodec.encode(report), true,
                        Duration.ofSeconds(5));
                reported = report;
            }
            Optional<MqttLink.InboundMessage> message = connection.poll(Duration.ofMillis(LOOK_MILLIS));
            if (message.isPresent()) {
                receive(message.get());
            }
        }
        if (!closing) {
            throw new IOException("the connection was lost (" + connection.lossReason() + ")");
        }
    }

    private void receive(MqttLink.InboundMessage message) {
        if (message.payload().length == 0) {
            return; // the host cleared its retained command (or configuration: the one in force stays)
        }
        ControlDecodeResult decoded = ControlCodec.decode(message.payload());
        if (message.topic().equals(SyncTopics.configuration(deviceId))) {
            switch (decoded) {
                case ControlDecodeResult.Configuration(DesiredConfiguration desired) -> {
                    Optional<String> rejection = verifier.rejection(desired, deviceId);
                    if (rejection.isPresent()) {
                        configuration.refuse(desired.revision(), rejection.get());
                    } else {
                        configuration.receive(desired);
                    }
                }
                case ControlDecodeResult.Rejected(String reason) -> configuration.refuse(0, reason);
                default -> configuration.refuse(0, "the message on " + message.topic() + " is not a configuration");
            }
            return;
        }
        if (!(decoded instanceof ControlDecodeResult.Command(DeviceCommand command))) {
            log.accept("ignored a message on " + message.topic() + " that is not a command: "
                    + (decoded instanceof ControlDecodeResult.Rejected(String reason) ? reason : "a health record"));
            return;
        }
        Optional<String> rejection = verifier.rejection(command, deviceId);
        if (rejection.isPresent()) {
            log.accept("refused a " + command.action().label() + " command (id " + command.commandId() + "): "
                    + rejection.get());
            return;
        }
        commands.accept(command);
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException stop) {
            return false;
        }
    }

    /**
     * Publishes {@code goodbye} (the health with state {@code offline}) in place of the last will,
     * disconnects and stops.
     */
    public void close(DeviceHealth goodbye) {
        closing = true;
        MqttLink current = link;
        if (current != null && current.isConnected()) {
            try {
                current.publish(SyncTopics.health(deviceId), ControlCodec.encode(goodbye), true, Duration.ofSeconds(5));
            } catch (IOException lost) {
                log.accept("health and commands: could not say goodbye: " + lost.getMessage());
            }
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void close() {
        DeviceHealth last = health.get();
        close(last.withState(DeviceHealth.State.OFFLINE, Instant.now()));
    }
}
