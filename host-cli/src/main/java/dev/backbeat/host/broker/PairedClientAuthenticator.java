// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import java.util.function.Consumer;

/**
 * Admits a client to the embedded broker running with its TLS listener. On the loopback plain
 * listener: nobody (see {@link PairedAccessExtension}). On the TLS listener: only a paired client (the TLS handshake already required a
 * certificate from the host's CA, valid now), whose common name is the host's or a device id, and
 * only with its own client id ({@link TopicAccess#mayUseClientId}); user name and password are
 * ignored. A refused client gets CONNACK "not authorized" (MQTT 3.1.1: 0x05) or "client
 * identifier not valid" (MQTT 3.1.1: 0x02).
 */
final class PairedClientAuthenticator implements SimpleAuthenticator {

    private final Consumer<String> refusals;

    PairedClientAuthenticator(Consumer<String> refusals) {
        this.refusals = refusals;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ClientIdentity identity = PairedAccessExtension.identify(input.getConnectionInformation());
        String clientId = input.getClientInformation().getClientId();
        String address = PairedAccessExtension.address(input.getConnectionInformation());
        if (identity instanceof ClientIdentity.Unknown unknown) {
            String reason = "refused a connection from " + address + " (client id " + RefusalLines.quote(clientId) + "): "
                    + unknown.reason();
            refusals.accept(reason);
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, reason);
            return;
        }
        if (!TopicAccess.mayUseClientId(identity, clientId)) {
            String reason = "refused " + identity.describe() + " from " + address + ": client id "
                    + RefusalLines.quote(clientId) + " is not its own (allowed: " + TopicAccess.allowedClientIds(identity) + ")";
            refusals.accept(reason);
            output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, reason);
            return;
        }
        output.authenticateSuccessfully();
    }
}
