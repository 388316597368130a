// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import dev.backbeat.mqtt.TlsFiles;
import java.io.IOException;
import dev.backbeat.mqtt.HostSignature;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What a strap believes of an acknowledgement that arrived on the topic of one of its sessions.
 *
 * <p>Always: the acknowledgement must be about this strap and exactly the session whose topic it
 * came on. A paired strap (one with TLS files) also requires the host's signature
 * ({@link AcknowledgementSigner}) to verify with the public key of the host's certificate, which
 * it checked against its CA at start ({@link TlsFiles#trustedHostCertificate()}); an unsigned, wrongly
 * signed or altered acknowledgement is rejected, so nobody but the host can make the strap confirm
 * or delete a session, even on a broker whose ACL lets anyone write acknowledgements. An unpaired
 * strap (loopback broker, no TLS) accepts unsigned acknowledgements as before.
 *
 * <p><b>Replays.</b> A validly signed acknowledgement can be recorded and published again later, on
 * its own topic (on another it is rejected: its device and session ids are signed). That cannot
 * make the strap drop data: the host signs an acknowledgement only after the commit it describes,
 * and its store only ever grows (a record, once stored, is never deleted or replaced), so every
 * acknowledgement the host ever signed states a lower bound of what it holds of exactly that
 * device's session, true for ever. The strap confirms a session only on a complete
 * acknowledgement whose chunks are exactly the sealed chunks of its outbox and whose end is stored,
 * which the host signed only once it held all of it; a replayed older one claims less than that and
 * at worst costs resends. The strap also ignores an acknowledgement that claims less than one it
 * already accepted ({@link SyncRecord.Acknowledgement#claimsAtLeast}), so a late or replayed one
 * does not even cause those.
 */
public final class AcknowledgementVerifier {

    /** An unpaired strap's: any acknowledgement of its own session, signed or not. */
    public static final AcknowledgementVerifier UNSIGNED_ACCEPTED = new AcknowledgementVerifier(null);

    /** The host's public key; null when signatures are not required. */
    private final PublicKey hostKey;

    private AcknowledgementVerifier(PublicKey hostKey) {
        this.hostKey = hostKey;
    }

    /** A paired strap's: only acknowledgements signed with {@code hostKey}'s private key. */
    public static AcknowledgementVerifier requiringSignatureOf(PublicKey hostKey) {
        if (!(Objects.requireNonNull(hostKey, "hostKey") instanceof ECPublicKey)) {
            throw new IllegalArgumentException("acknowledgements are signed with an EC key ("
                    + AcknowledgementSigner.ALGORITHM + "), not " + hostKey.getAlgorithm());
        }
        return new AcknowledgementVerifier(hostKey);
    }

    /**
     * The verifier for a strap connecting with {@code tls}: signatures required, by the host of the
     * checked host certificate, when it has TLS files; unsigned accepted without.
     *
     * @throws IOException naming the file and what is wrong when the host's certificate is unusable
     */
    public static AcknowledgementVerifier forStrap(Optional<TlsFiles> tls) throws IOException {
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

    /**
     * Why {@code acknowledgement}, which came on the topic of {@code sessionId} of {@code deviceId},
     * must not be believed; empty when it may be.
     */
    public Optional<String> rejection(SyncRecord.Acknowledgement acknowledgement, String deviceId, String sessionId) {
        if (!acknowledgement.deviceId().equals(deviceId)) {
            return Optional.of("it is about device '" + acknowledgement.deviceId() + "', not this one ('" + deviceId + "')");
        }
        if (!acknowledgement.sessionId().equals(sessionId)) {
            return Optional.of("it is about session " + acknowledgement.sessionId() + " but came on the topic of session "
                    + sessionId);
        }
        if (hostKey == null) {
            return Optional.empty();
        }
        if (!acknowledgement.isSigned()) {
            return Optional.of("it is not signed, and this strap is paired (--tls): only the host's signed "
                    + "acknowledgements count (an old host, or someone else writing to the broker)");
        }
        if (!signatureVerifies(acknowledgement, hostKey)) {
            return Optional.of("its signature does not verify with the host's certificate (forged, altered, or signed "
                    + "by another key than the host's)");
        }
        return Optional.empty();
    }

    /** Whether {@code acknowledgement}'s signature is {@code hostKey}'s over its claims. */
    static boolean signatureVerifies(SyncRecord.Acknowledgement acknowledgement, PublicKey hostKey) {
        return HostSignature.verifies(hostKey, AcknowledgementSigner.signedBytes(acknowledgement), acknowledgement.signature());
    }
}
