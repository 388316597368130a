// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.client.parameter.Listener;
import com.hivemq.extension.sdk.api.client.parameter.ListenerType;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded broker's security, as an extension inside it: {@link PairedClientAuthenticator}
 * admits a client on the TLS listener only with a paired certificate and its own client id, and
 * {@link PairedClientAuthorizer} keeps each client to its topics ({@link TopicAccess}). Clients on
 * the loopback plain listener are refused while it is installed: with the TLS listener on, the
 * host itself connects over TLS with its certificate, and another user of this machine must not
 * read every strap's sessions or take a client id by connecting to 127.0.0.1.
 *
 * <p>Installed only with the TLS listener: without it the broker has only the loopback listener,
 * and HiveMQ's default (no extension: everything allowed) is the same rule at no cost per message.
 */
final class PairedAccessExtension implements ExtensionMain {

    private final Consumer<String> refusals;

    /** @param refusals receives one line per refused connection, publish or subscription */
    PairedAccessExtension(Consumer<String> refusals) {
        this.refusals = refusals;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        PairedClientAuthenticator authenticator = new PairedClientAuthenticator(refusals);
        Services.securityRegistry().setAuthenticatorProvider(provider -> authenticator);
        // one authorizer per connection (HiveMQ keeps it for the connection's lifetime), so the
        // certificate is read once, not for every message
        Services.securityRegistry().setAuthorizerProvider(provider -> new PairedClientAuthorizer(
                identify(provider.getConnectionInformation()), provider.getClientInformation().getClientId(),
                address(provider.getConnectionInformation()), refusals));
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    }

    /**
     * Who is on this connection: on the TLS listener whoever its certificate names;
     * {@link ClientIdentity.Unknown} for anything else, the loopback plain listener included.
     */
    static ClientIdentity identify(ConnectionInformation connection) {
        Optional<Listener> listener = connection.getListener();
        if (listener.isEmpty()) {
            return new ClientIdentity.Unknown("the connection has no listener");
        }
        ListenerType type = listener.get().getListenerType();
        if (type == ListenerType.TCP_LISTENER && EmbeddedBroker.LOOPBACK_ADDRESS.equals(listener.get().getBindAddress())) {
            return new ClientIdentity.Unknown("it came over the plain listener on " + EmbeddedBroker.LOOPBACK_ADDRESS
                    + ", which takes no clients while the TLS listener is on; connect over TLS with a paired certificate "
                    + "(the host: backbeat sync --broker ssl://... --tls DIR)");
        }
        if (type != ListenerType.TLS_TCP_LISTENER) {
            return new ClientIdentity.Unknown("a " + type + " on " + listener.get().getBindAddress() + " is not ours");
        }
        Optional<X509Certificate> certificate = connection.getClientTlsInformation()
                .flatMap(ClientTlsInformation::getClientCertificate);
        if (certificate.isEmpty()) {
            return new ClientIdentity.Unknown("it presented no client certificate");
        }
        return ClientIdentity.ofCertificate(certificate.get());
    }

    /** The client's IP address for messages, or {@code ?}. */
    static String address(ConnectionInformation connection) {
        return connection.getInetAddress().map(InetAddress::getHostAddress).orElse("?");
    }
}
