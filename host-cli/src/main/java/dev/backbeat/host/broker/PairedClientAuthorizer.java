// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import java.util.function.Consumer;

/**
 * Decides each publish (a last will too) and each subscription of one connection by
 * {@link TopicAccess}. What HiveMQ then does with a refusal: a publish from an MQTT 3.1.1 client
 * (the strap's) is dropped and the client disconnected (3.1.1 has no way to say no); an MQTT 5
 * client gets PUBACK 0x87 (not authorized) and is disconnected. A refused subscription gets SUBACK
 * 0x80 (MQTT 3.1.1) or 0x87 (MQTT 5) and the connection stays.
 */
final class PairedClientAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {

    private final ClientIdentity identity;
    private final String clientId;
    private final String address;
    private final Consumer<String> refusals;

    PairedClientAuthorizer(ClientIdentity identity, String clientId, String address, Consumer<String> refusals) {
        this.identity = identity;
        this.clientId = clientId;
        this.address = address;
        this.refusals = refusals;
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        String topic = input.getPublishPacket().getTopic();
        if (TopicAccess.mayPublish(identity, topic)) {
            output.authorizeSuccessfully();
            return;
        }
        output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, refused("a publish to " + RefusalLines.quote(topic)));
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String filter = input.getSubscription().getTopicFilter();
        if (TopicAccess.maySubscribe(identity, filter)) {
            output.authorizeSuccessfully();
            return;
        }
        output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, refused("a subscription to " + RefusalLines.quote(filter)));
    }

    /** Reports a refusal of {@code what} and returns the line, which the client gets as the reason. */
    private String refused(String what) {
        String reason = "refused " + identity.describe() + " (client id " + RefusalLines.quote(clientId) + " from " + address
                + ") " + what;
        refusals.accept(reason);
        return reason;
    }
}
