// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.control;

import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.control.CommandVerifier;
import dev.backbeat.mqtt.control.ControlCodec;
import dev.backbeat.mqtt.control.ControlDecodeResult;
import dev.backbeat.mqtt.control.DeviceCommand;
import dev.backbeat.mqtt.control.DeviceHealth;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.IOException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.security.SecureRandom;

/**
 * Sends a strap a start or stop command and waits for its answer ({@code backbeat start DEVICE},
 * {@code backbeat stop DEVICE}).
 *
 * <ol>
 *   <li>The command gets a random id and, with the host's key ({@code --tls}), the host's signature.</li>
 *   <li>It is published retained on the strap's command topic, so a strap that is briefly away (a
 *       Wi-Fi blip) gets it when it comes back; the strap carries out an id once.</li>
 *   <li>The answer is the strap's health naming the command id with its outcome ({@code started},
 *       {@code stopped}, {@code refused: ...}).</li>
 *   <li>Answered or not, the retained command is then cleared (an empty retained message), so it
 *       cannot start a session later, when nobody waits for it; the connection's last will clears
 *       it too if this process dies first.</li>
 * </ol>
 */
public final class DeviceCommander {

    /** What became of a command. */
    public sealed interface Outcome {
        /** The strap answered: {@code outcome} as its health says ({@code started}, {@code refused: ...}). */
        record Answered(String commandId, String outcome) implements Outcome {
            public boolean carriedOut() {
                return outcome.equals("started") || outcome.equals("stopped");
            }
        }

        /** No answer within the wait; {@code lastHealth} is the strap's health seen meanwhile, if any. */
        record NoAnswer(String commandId, Optional<DeviceHealth> lastHealth) implements Outcome {
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceCommander() {
    }

    /** A new random command id (16 hex digits). */
    public static String newCommandId() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /**
     * Publishes {@code action} for {@code deviceId} on {@code link} (subscribed to the strap's
     * {@link SyncTopics#health}) and waits up to {@code wait} for the strap's answer.
     *
     * @param hostKey signs the command (a paired strap takes no other); empty: unsigned
     */
    public static Outcome issue(MqttLink link, String deviceId, DeviceCommand.Action action, Optional<PrivateKey> hostKey,
                                Duration wait, Clock clock) throws IOException, InterruptedException {
        DeviceCommand command = DeviceCommand.unsigned(deviceId, newCommandId(), action, clock.instant());
        if (hostKey.isPresent()) {
            command = CommandVerifier.sign(command, hostKey.get());
        }
        String topic = SyncTopics.command(deviceId);
        link.publish(topic, ControlCodec.encode(command), true, Duration.ofSeconds(10));
        Optional<DeviceHealth> last = Optional.empty();
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<MqttLink.InboundMessage> message = link.poll(Duration.ofMillis(
                        Math.max(1, Math.min(200, (deadline - System.nanoTime()) / 1_000_000))));
                if (message.isEmpty() || !message.get().topic().equals(SyncTopics.health(deviceId))) {
                    continue;
                }
                if (ControlCodec.decode(message.get().payload()) instanceof ControlDecodeResult.Health(DeviceHealth health)) {
                    last = Optional.of(health);
                    if (health.lastCommandId().equals(command.commandId())) {
                        return new Outcome.Answered(command.commandId(), health.lastCommandOutcome());
                    }
                }
            }
            return new Outcome.NoAnswer(command.commandId(), last);
        } finally {
            link.publish(topic, new byte[0], true, Duration.ofSeconds(10));
        }
    }
}
