// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.control;

import dev.backbeat.mqtt.HostSignature;
import dev.backbeat.mqtt.TlsFiles;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;

/**
 * What a strap believes of a command that arrived on its command topic, or a desired configuration on
 * its configuration topic: it must be for this strap,
 * and on a paired strap (one with TLS files) signed by the host of its checked {@code host.crt},
 * exactly as acknowledgements are ({@code AcknowledgementVerifier}); an unpaired strap on a loopback
 * broker takes unsigned commands. The host's half is {@link #sign}.
 */
public final class CommandVerifier {

    /** An unpaired strap's: any command for it, signed or not. */
    public static final CommandVerifier UNSIGNED_ACCEPTED = new CommandVerifier(null);

    private final PublicKey hostKey;

    private CommandVerifier(PublicKey hostKey) {
        this.hostKey = hostKey;
    }

    /** A paired strap's: only commands signed with {@code hostKey}'s private key. */
    public static CommandVerifier requiringSignatureOf(PublicKey hostKey) {
        return new CommandVerifier(HostSignature.requireVerifyingKey(hostKey));
    }

    /**
     * The verifier of a strap connecting with {@code tls}: the host's signature required when it
     * has TLS files, unsigned accepted without.
     *
     * @throws IOException naming the file when the host's certificate is unusable
     */
    public static CommandVerifier forStrap(Optional<TlsFiles> tls) throws IOException {
        if (tls.isEmpty()) {
            return UNSIGNED_ACCEPTED;
        }
        try {
            return requiringSignatureOf(tls.get().trustedHostCertificate().getPublicKey());
        } catch (IllegalArgumentException e) {
            throw new IOException(tls.get().hostCertificate() + ": " + e.getMessage(), e);
        }
    }

    public boolean requiresSignature() {
        return hostKey != null;
    }

    /** {@code command} signed with the host's key. */
    public static DeviceCommand sign(DeviceCommand command, PrivateKey hostKey) {
        return command.withSignature(HostSignature.sign(HostSignature.requireSigningKey(hostKey),
                ControlCodec.signedBytes(command)));
    }

    /** {@code configuration} signed with the host's key. */
    public static DesiredConfiguration sign(DesiredConfiguration configuration, PrivateKey hostKey) {
        return configuration.withSignature(HostSignature.sign(HostSignature.requireSigningKey(hostKey),
                ControlCodec.signedBytes(configuration)));
    }

    /** Why {@code command} must not be carried out by strap {@code deviceId}; empty when it may be. */
    public Optional<String> rejection(DeviceCommand command, String deviceId) {
        return rejection(command.deviceId(), deviceId, "commands", ControlCodec.signedBytes(command), command.signature());
    }

    /** Why {@code configuration} must not be taken by strap {@code deviceId}; empty when it may be. */
    public Optional<String> rejection(DesiredConfiguration configuration, String deviceId) {
        return rejection(configuration.deviceId(), deviceId, "configurations", ControlCodec.signedBytes(configuration),
                configuration.signature());
    }

    private Optional<String> rejection(String addressedTo, String deviceId, String what, byte[] signedBytes,
                                       byte[] signature) {
        if (!addressedTo.equals(deviceId)) {
            return Optional.of("it is for device '" + addressedTo + "', not this one ('" + deviceId + "')");
        }
        if (hostKey == null) {
            return Optional.empty();
        }
        if (signature.length == 0) {
            return Optional.of("it is not signed, and this strap is paired (--tls): only the host's signed " + what + " count");
        }
        if (!HostSignature.verifies(hostKey, signedBytes, signature)) {
            return Optional.of("its signature does not verify with the host's certificate (forged, altered, or signed "
                    + "by another key than the host's)");
        }
        return Optional.empty();
    }
}
