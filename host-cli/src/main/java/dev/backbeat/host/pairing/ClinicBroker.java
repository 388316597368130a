// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.pairing;

import java.nio.file.Path;

/**
 * Mosquitto's side of the clinic set-up, as {@code backbeat pair --broker} writes it and the
 * security tests run it: a TLS 1.3 listener that requires a certificate from the host's CA and
 * takes its common name as the user name, and an ACL keeping each strap to its own topics.
 */
public final class ClinicBroker {

    /**
     * The ACL file: {@code %u} is the strap's certificate name (its device id). A strap writes its
     * chunks, manifest, health (with its last will), live frames and configuration report and reads its
     * acknowledgements, gap requests, commands, desired configuration and the host's presence; only
     * the host ({@value HostAuthority#HOST_IDENTITY}) writes acknowledgements, requests, commands and
     * configurations.
     * Patterns apply to every user ({@code topic} lines before the first {@code user} line would
     * apply to anonymous clients only).
     */
    public static final String ACL = """
            # Backbeat: each strap (user = its certificate's common name) to its own topics
            pattern write backbeat/v2/devices/%u/chunks
            pattern write backbeat/v2/devices/%u/manifest
            pattern write backbeat/v2/devices/%u/health
            pattern write backbeat/v2/devices/%u/live
            pattern write backbeat/v2/devices/%u/config/reported
            pattern read backbeat/v2/devices/%u/acks/#
            pattern read backbeat/v2/devices/%u/requests
            pattern read backbeat/v2/devices/%u/command
            pattern read backbeat/v2/devices/%u/config
            pattern read backbeat/v2/host/presence/#

            user backbeat-host
            topic readwrite backbeat/v2/#
            """;

    private ClinicBroker() {
    }

    /**
     * The lines that make the listener above them TLS 1.3 with client certificates, for
     * {@code cafile}, {@code certfile} and {@code keyfile} in {@code certificates} (as
     * {@code backbeat pair --broker} writes them) and the ACL in {@code aclFile}.
     */
    public static String tlsListener(Path certificates, Path aclFile) {
        return String.join("\n",
                "tls_version tlsv1.3",
                "cafile " + certificates.resolve(HostAuthority.BROKER_TRUSTED_CA),
                "certfile " + certificates.resolve(HostAuthority.BROKER_CERTIFICATE),
                "keyfile " + certificates.resolve(HostAuthority.BROKER_KEY),
                "require_certificate true",
                "use_identity_as_username true",
                "allow_anonymous false",
                "acl_file " + aclFile,
                "max_topic_alias 0",
                "");
    }

    /** A whole {@code mosquitto.conf} for one TLS listener on {@code port}. */
    public static String configuration(int port, Path certificates, Path aclFile) {
        return "per_listener_settings false\n"
                + "listener " + port + "\n"
                + tlsListener(certificates, aclFile)
                + "max_queued_messages 1000\n";
    }
}
