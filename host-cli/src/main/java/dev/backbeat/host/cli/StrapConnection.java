// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.AcknowledgementSigner;
import dev.backbeat.mqtt.sync.ClientIds;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The broker options of the commands that talk to straps ({@code status}, {@code start},
 * {@code stop}): {@code --broker} and the host's {@code --tls} files, and the connection they make.
 */
final class StrapConnection {

    @Mixin
    BrokerOption broker;

    @Option(names = "--tls", paramLabel = "DIR",
            description = "Directory with ca.crt, client.crt and client.key from 'backbeat pair --host' (for ssl:// brokers); "
                    + "commands are then signed with the host's key, as paired straps require.")
    Path tlsDirectory;

    /** The host's TLS files, checked (key, CA, validity, the host's identity); empty without --tls. */
    Optional<TlsFiles> tls() throws IOException {
        if (tlsDirectory == null) {
            return Optional.empty();
        }
        TlsFiles files = TlsFiles.in(tlsDirectory);
        files.checkOwnIdentity(Optional.empty());
        AcknowledgementSigner.ofHost(files); // its certificate is the host's and the key is its key
        return Optional.of(files);
    }

    /** The host's signing key, with --tls. */
    Optional<PrivateKey> hostKey(Optional<TlsFiles> tls) throws IOException {
        return tls.isEmpty() ? Optional.empty() : Optional.of(tls.get().ownPrivateKey());
    }

    /** A connection subscribed to {@code subscriptions}, with a last will only if {@code willTopic} is given. */
    PahoHostLink connect(Optional<TlsFiles> tls, String purpose, List<String> subscriptions, String willTopic)
            throws BrokerUnreachableException {
        BrokerEndpoint endpoint = new BrokerEndpoint(broker.brokerUri,
                ClientIds.host(purpose + "-" + ProcessHandle.current().pid()), tls, BrokerEndpoint.DEFAULT_KEEP_ALIVE);
        return PahoHostLink.connect(endpoint, subscriptions, willTopic, "");
    }
}
