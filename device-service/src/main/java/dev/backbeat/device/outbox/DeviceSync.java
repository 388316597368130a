// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.paho.PahoDeviceLink;
import dev.backbeat.mqtt.sync.AcknowledgementVerifier;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** Sends a device's outbox to the host through a broker with Paho's MQTT 3.1.1 client. */
public final class DeviceSync {

    private DeviceSync() {
    }

    /**
     * Sends until the host confirmed every session in the outbox or {@code timeout} passed. With TLS
     * files (a paired strap) only acknowledgements signed by the host of their {@code host.crt} count.
     *
     * @throws dev.backbeat.mqtt.BrokerUnreachableException if the broker could not be reached at all
     * @throws IOException also when the TLS files' host certificate is unusable (the message names it)
     */
    public static OutboxSender.Result run(DeviceOutbox outbox, String deviceId, BrokerEndpoint endpoint,
                                          OutboxSender.Settings settings, Duration timeout, Consumer<String> log)
            throws IOException, InterruptedException {
        return sender(outbox, deviceId, endpoint, settings, log).run(timeout);
    }

    /**
     * The sender {@link #run} uses, for callers that run it alongside a recording and must be able to
     * {@link OutboxSender#stop} it.
     *
     * @throws IOException when the TLS files' host certificate is unusable (the message names it)
     */
    public static OutboxSender sender(DeviceOutbox outbox, String deviceId, BrokerEndpoint endpoint,
                                      OutboxSender.Settings settings, Consumer<String> log) throws IOException {
        AcknowledgementVerifier verifier = AcknowledgementVerifier.forStrap(endpoint.tls());
        return new OutboxSender(outbox, deviceId,
                subscriptions -> PahoDeviceLink.connect(endpoint, subscriptions, settings.window() + 16),
                settings, Clock.systemUTC(), log, verifier);
    }
}
