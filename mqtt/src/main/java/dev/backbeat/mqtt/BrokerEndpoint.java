// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to connect.
 *
 * @param uri {@code tcp://host:port} (loopback only) or {@code ssl://host:port}
 * @param clientId the MQTT client id
 * @param tls the certificates for {@code ssl://}; required for it
 * @param keepAlive how long a silent connection lives before either side gives up (default 30 s)
 */
public record BrokerEndpoint(String uri, String clientId, Optional<TlsFiles> tls, Duration keepAlive) {

    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);

    public BrokerEndpoint {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(keepAlive, "keepAlive");
        validate(uri, tls.isPresent());
    }

    public static BrokerEndpoint plain(String uri, String clientId) {
        return new BrokerEndpoint(uri, clientId, Optional.empty(), DEFAULT_KEEP_ALIVE);
    }

    public BrokerEndpoint withTls(TlsFiles files) {
        return new BrokerEndpoint(uri, clientId, Optional.of(files), keepAlive);
    }

    public BrokerEndpoint withKeepAlive(Duration newKeepAlive) {
        return new BrokerEndpoint(uri, clientId, tls, newKeepAlive);
    }

    public BrokerEndpoint withClientId(String newClientId) {
        return new BrokerEndpoint(uri, newClientId, tls, keepAlive);
    }

    /**
     * Checks a broker address; throws naming what is wrong. Plain {@code tcp://} is allowed only
     * to a loopback address: every other connection must be TLS.
     */
    public static void validate(String brokerUri, boolean hasTls) {
        URI parsed;
        try {
            parsed = new URI(brokerUri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker address '" + brokerUri + "' is not a URI: " + e.getReason());
        }
        if (!"tcp".equals(parsed.getScheme()) && !"ssl".equals(parsed.getScheme())) {
            throw new IllegalArgumentException("broker address '" + brokerUri
                    + "' must start with tcp:// or ssl://, e.g. tcp://127.0.0.1:1883");
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("broker address '" + brokerUri + "' has no host");
        }
        if ("tcp".equals(parsed.getScheme()) && !isLoopback(parsed.getHost())) {
            throw new IllegalArgumentException("broker address '" + brokerUri + "' is plain TCP to another machine; "
                    + "use ssl:// with the certificates from 'backbeat pair' (TLS on every non-loopback connection)");
        }
        if ("ssl".equals(parsed.getScheme()) && !hasTls) {
            throw new IllegalArgumentException("broker address '" + brokerUri + "' needs TLS certificates (--tls DIR)");
        }
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
}
