// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import dev.backbeat.mqtt.CertificateTrust;
import dev.backbeat.mqtt.TlsFiles;
import java.io.IOException;
import dev.backbeat.mqtt.HostSignature;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.Objects;

/**
 * The host's half of signed acknowledgements: signs each acknowledgement with the private key of
 * the host's own certificate ({@value TlsFiles#HOST_COMMON_NAME}, issued by the host's CA), with
 * {@value #ALGORITHM} over the whole encoded unsigned acknowledgement (see {@link SyncCodec}), so a
 * strap can tell the host's word from anyone else's on the broker, whatever the broker's ACL.
 * {@link AcknowledgementVerifier} is the strap's half.
 */
public final class AcknowledgementSigner {

    /** The signature algorithm: ECDSA on the host's P-256 key over SHA-256. */
    public static final String ALGORITHM = HostSignature.ALGORITHM;

    private final PrivateKey hostKey;

    /** Signs with {@code hostKey}, an EC private key. */
    public AcknowledgementSigner(PrivateKey hostKey) {
        Objects.requireNonNull(hostKey, "hostKey");
        if (!(hostKey instanceof ECPrivateKey)) {
            throw new IllegalArgumentException("acknowledgements are signed with an EC key (" + ALGORITHM + "), not "
                    + hostKey.getAlgorithm());
        }
        this.hostKey = hostKey;
    }

    /**
     * The signer of the host whose TLS files ({@code backbeat pair --host}) are {@code files}: its
     * certificate must be the host's ({@value TlsFiles#HOST_COMMON_NAME}) and its key must belong to it.
     *
     * @throws IOException naming the file and what is wrong
     */
    public static AcknowledgementSigner ofHost(TlsFiles files) throws IOException {
        X509Certificate certificate = files.ownCertificate();
        String commonName = TlsFiles.commonName(certificate);
        if (!TlsFiles.HOST_COMMON_NAME.equals(commonName)) {
            throw new IOException(files.certificate() + " is the certificate of '" + commonName + "', not of the host ('"
                    + TlsFiles.HOST_COMMON_NAME + "'): straps would reject its acknowledgements; use the directory "
                    + "'backbeat pair --host' wrote");
        }
        PrivateKey key = files.ownPrivateKey();
        AcknowledgementSigner signer;
        try {
            signer = new AcknowledgementSigner(key);
        } catch (IllegalArgumentException e) {
            throw new IOException(files.privateKey() + ": " + e.getMessage(), e);
        }
        CertificateTrust.requireKeyOf(files.privateKey(), key, files.certificate(), certificate, "pair the host again");
        return signer;
    }

    /** {@code acknowledgement} (its claims; any signature it had is replaced) signed by the host. */
    public SyncRecord.Acknowledgement sign(SyncRecord.Acknowledgement acknowledgement) {
        return acknowledgement.withSignature(HostSignature.sign(hostKey, signedBytes(acknowledgement)));
    }

    /** What a signature covers: the whole encoded acknowledgement without its signature. */
    static byte[] signedBytes(SyncRecord.Acknowledgement acknowledgement) {
        return SyncCodec.encode(acknowledgement.unsigned());
    }

    @Override
    public String toString() {
        return "AcknowledgementSigner[" + ALGORITHM + "]"; // never the key
    }
}
