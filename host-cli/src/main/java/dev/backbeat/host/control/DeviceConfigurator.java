// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.control;

import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.control.CommandVerifier;
import dev.backbeat.mqtt.control.ConfigurationReport;
import dev.backbeat.mqtt.control.ControlCodec;
import dev.backbeat.mqtt.control.ControlDecodeResult;
import dev.backbeat.mqtt.control.DesiredConfiguration;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.IOException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sets a strap's desired configuration and reads what it did with it ({@code backbeat device config DEVICE}).
 *
 * <ol>
 *   <li>{@link #held}: the retained desired configuration and the strap's retained report, as the
 *       broker hands them over right after the subscription.</li>
 *   <li>{@link #next}: the changes asked for over the desired configuration held, with a revision
 *       past every revision seen (desired, in force, refused), so the strap takes it as newer.</li>
 *   <li>{@link #signed}, {@link #publish}: signed with the host's key ({@code --tls}), published retained (a strap that
 *       is away gets it when it comes back; it stays as the strap's desired configuration), and the
 *       strap's report naming its revision awaited: taken (in force from the next session) or refused
 *       with the reason.</li>
 * </ol>
 *
 * The link must be subscribed to {@link SyncTopics#configuration} and {@link SyncTopics#configurationReport}.
 */
public final class DeviceConfigurator {

    /** What the broker holds for a strap: each absent when nothing is retained. */
    public record Held(Optional<ControlDecodeResult> desired, Optional<ControlDecodeResult> reported) {
    }

    /**
     * What the command line asks to change; {@code Optional.empty()} and NaN keep the desired
     * configuration's.
     *
     * @param reset start from a configuration with nothing set (the strap's own) instead of the one held
     */
    public record Changes(Optional<DesiredConfiguration.Choice> routine, Optional<DesiredConfiguration.Choice> profile,
                          double breathsPerMinute, double inhaleParts, double exhaleParts, boolean reset) {

        /** Whether anything is to change (else the command only prints). */
        public boolean any() {
            return reset || routine.isPresent() || profile.isPresent() || !Double.isNaN(breathsPerMinute)
                    || !Double.isNaN(inhaleParts);
        }
    }

    /** What became of a published configuration. */
    public sealed interface Outcome {
        /** The strap took it: in force from its next session. */
        record Taken(ConfigurationReport report) implements Outcome {
        }

        /** The strap refused it; the configuration in force before stays. */
        record Refused(ConfigurationReport report, String reason) implements Outcome {
        }

        /** No report of it within the wait; {@code lastReport} is the strap's report seen meanwhile, if any. */
        record NoAnswer(Optional<ConfigurationReport> lastReport) implements Outcome {
        }
    }

    private DeviceConfigurator() {
    }

    /** The retained configuration and report of {@code deviceId} that arrived within {@code wait} of the last arrival. */
    public static Held held(MqttLink link, String deviceId, Duration wait) throws InterruptedException {
        Optional<ControlDecodeResult> desired = Optional.empty();
        Optional<ControlDecodeResult> reported = Optional.empty();
        while (true) {
            Optional<MqttLink.InboundMessage> message = link.poll(wait);
            if (message.isEmpty()) {
                return new Held(desired, reported);
            }
            Optional<ControlDecodeResult> decoded = message.get().payload().length == 0 ? Optional.empty()
                    : Optional.of(ControlCodec.decode(message.get().payload()));
            if (message.get().topic().equals(SyncTopics.configuration(deviceId))) {
                desired = decoded;
            } else if (message.get().topic().equals(SyncTopics.configurationReport(deviceId))) {
                reported = decoded;
            }
        }
    }

    /** The configuration {@code changes} make of the one {@code held}, issued {@code now}, unsigned. */
    public static DesiredConfiguration next(String deviceId, Held held, Changes changes, Instant now) {
        long lastRevision = 0;
        Optional<DesiredConfiguration> current = Optional.empty();
        if (held.desired().orElse(null) instanceof ControlDecodeResult.Configuration(DesiredConfiguration desired)
                && desired.deviceId().equals(deviceId)) {
            current = Optional.of(desired);
            lastRevision = desired.revision();
        }
        if (held.reported().orElse(null) instanceof ControlDecodeResult.Report(ConfigurationReport report)) {
            lastRevision = Math.max(lastRevision, Math.max(report.revision(),
                    report.refusal().map(ConfigurationReport.Refusal::revision).orElse(0L)));
        }
        Optional<DesiredConfiguration> base = changes.reset() ? Optional.empty() : current;
        double breathsPerMinute = !Double.isNaN(changes.breathsPerMinute()) ? changes.breathsPerMinute()
                : base.map(DesiredConfiguration::breathsPerMinute).orElse(Double.NaN);
        boolean ratioChanged = !Double.isNaN(changes.inhaleParts());
        return DesiredConfiguration.unsigned(deviceId, lastRevision + 1, now,
                changes.routine().orElse(base.map(DesiredConfiguration::routine).orElse(DesiredConfiguration.Choice.UNSET)),
                changes.profile().orElse(base.map(DesiredConfiguration::profile).orElse(DesiredConfiguration.Choice.UNSET)),
                breathsPerMinute,
                ratioChanged ? changes.inhaleParts() : base.map(DesiredConfiguration::inhaleParts).orElse(Double.NaN),
                ratioChanged ? changes.exhaleParts() : base.map(DesiredConfiguration::exhaleParts).orElse(Double.NaN));
    }

    /** {@code configuration} signed with the host's key ({@code --tls}), or as it is without one. */
    public static DesiredConfiguration signed(DesiredConfiguration configuration, Optional<PrivateKey> hostKey) {
        return hostKey.map(key -> CommandVerifier.sign(configuration, key)).orElse(configuration);
    }

    /**
     * Publishes {@code configuration} retained, as it is ({@link #signed} first for a paired strap),
     * and waits up to {@code wait} for the strap's report of its revision.
     */
    public static Outcome publish(MqttLink link, DesiredConfiguration configuration, Duration wait)
            throws IOException, InterruptedException {
        String deviceId = configuration.deviceId();
        link.publish(SyncTopics.configuration(deviceId), ControlCodec.encode(configuration), true, Duration.ofSeconds(10));
        Optional<ConfigurationReport> last = Optional.empty();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<MqttLink.InboundMessage> message = link.poll(Duration.ofMillis(
                    Math.max(1, Math.min(200, (deadline - System.nanoTime()) / 1_000_000))));
            if (message.isEmpty() || !message.get().topic().equals(SyncTopics.configurationReport(deviceId))) {
                continue;
            }
            if (ControlCodec.decode(message.get().payload()) instanceof ControlDecodeResult.Report(ConfigurationReport report)) {
                last = Optional.of(report);
                if (report.revision() == configuration.revision()) {
                    return new Outcome.Taken(report);
                }
                if (report.refusal().isPresent() && report.refusal().get().revision() == configuration.revision()) {
                    return new Outcome.Refused(report, report.refusal().get().reason());
                }
            }
        }
        return new Outcome.NoAnswer(last);
    }
}
