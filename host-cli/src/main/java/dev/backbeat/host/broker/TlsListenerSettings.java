// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The embedded broker's TLS listener, for paired straps on other machines: TLS 1.3 only, a client
 * certificate from the host's CA required.
 *
 * @param certificateDirectory where {@code backbeat pair --broker NAME...} wrote {@code ca.crt},
 *     {@code broker.crt} and {@code broker.key} ({@link BrokerCertificates})
 * @param listenAddress the local address to listen on; default {@value #DEFAULT_LISTEN_ADDRESS},
 *     every interface of this machine (a strap reaches it on whichever network it is on)
 * @param port the TCP port; default {@value #DEFAULT_PORT}, the IANA port of MQTT over TLS
 */
public record TlsListenerSettings(Path certificateDirectory, InetAddress listenAddress, int port) {

    /** MQTT over TLS. */
    public static final int DEFAULT_PORT = 8883;
    /** Every IPv4 interface. */
    public static final String DEFAULT_LISTEN_ADDRESS = "0.0.0.0";

    public TlsListenerSettings {
        Objects.requireNonNull(certificateDirectory, "certificateDirectory");
        Objects.requireNonNull(listenAddress, "listenAddress");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the TLS port must be 1..65535, was " + port);
        }
    }

    /** The defaults: every interface, port {@value #DEFAULT_PORT}. */
    public static TlsListenerSettings defaults(Path certificateDirectory) {
        try {
            return new TlsListenerSettings(certificateDirectory, InetAddress.getByName(DEFAULT_LISTEN_ADDRESS), DEFAULT_PORT);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("an IP literal did not parse: " + DEFAULT_LISTEN_ADDRESS, impossible);
        }
    }

    public TlsListenerSettings withPort(int newPort) {
        return new TlsListenerSettings(certificateDirectory, listenAddress, newPort);
    }

    public TlsListenerSettings withListenAddress(InetAddress newListenAddress) {
        return new TlsListenerSettings(certificateDirectory, newListenAddress, port);
    }
}
