// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The one place a certificate from the pairing files is checked against what must vouch for it:
 * issued by the CA that should have issued it (the issuer's name and the CA key's signature), valid
 * now, and the certificate of the private key beside it. Every reader of pairing files uses these
 * ({@link TlsFiles} for a strap's and the host's files and the host's certificate on a strap, the
 * embedded broker's certificates, {@code AcknowledgementSigner}), so a check made stricter here is
 * stricter everywhere.
 *
 * <p>Each check throws an {@link IOException} whose message starts with the file, says what is
 * wrong with it and ends with {@code remedy}, the caller's advice (which command writes the file
 * anew).
 */
public final class CertificateTrust {

    private CertificateTrust() {
    }

    /**
     * Requires that {@code certificate} (read from {@code certificateFile}) is issued by one of
     * {@code authorities} (read from {@code caFile}): it names one as its issuer and that CA's key
     * verifies its signature.
     *
     * @param remedy what to do about it, e.g. {@code pair again with the host's CA}
     * @throws IOException "{@code <certificateFile> is not issued by the CA in <caFile> (why); <remedy>}"
     */
    public static void requireIssuedBy(Path certificateFile, X509Certificate certificate, Path caFile,
                                       List<X509Certificate> authorities, String remedy) throws IOException {
        boolean namesOne = false;
        for (X509Certificate authority : authorities) {
            if (authority.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                namesOne = true;
                if (signatureVerifies(authority, certificate)) {
                    return;
                }
            }
        }
        String why = namesOne
                ? "its issuer has the CA's name, but the CA's key does not verify its signature: a CA made anew under the same name"
                : "its issuer is '" + certificate.getIssuerX500Principal().getName() + "': a certificate of another CA";
        throw new IOException(certificateFile + " is not issued by the CA in " + caFile + " (" + why + "); " + remedy);
    }

    /**
     * Requires that {@code certificate} (read from {@code certificateFile}) is valid at {@code now}.
     *
     * @param remedy what to do about it besides checking the clock, e.g. {@code pair again}
     * @throws IOException "{@code <certificateFile> is not valid now (it expired ...); check the clock, or <remedy>}"
     */
    public static void requireValidAt(Path certificateFile, X509Certificate certificate, Instant now, String remedy)
            throws IOException {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            String state = e instanceof CertificateExpiredException ? "it expired" : "it is not valid yet";
            throw new IOException(certificateFile + " is not valid now (" + state + ": valid from "
                    + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ", now is "
                    + now + "); check the clock, or " + remedy, e);
        }
    }

    /** {@link #requireValidAt} with the system clock's now. */
    public static void requireValidNow(Path certificateFile, X509Certificate certificate, String remedy) throws IOException {
        requireValidAt(certificateFile, certificate, Instant.now(), remedy);
    }

    /**
     * Requires that {@code key} (read from {@code keyFile}) is the private key of {@code certificate}
     * (read from {@code certificateFile}): what the key signs, the certificate's public key verifies.
     *
     * @param remedy what to do about it, e.g. {@code pair again}
     * @throws IOException "{@code <keyFile> is not the key of <certificateFile> (files from two different pairings?); <remedy>}"
     */
    public static void requireKeyOf(Path keyFile, PrivateKey key, Path certificateFile, X509Certificate certificate,
                                    String remedy) throws IOException {
        if (!keyBelongsTo(key, certificate)) {
            throw new IOException(keyFile + " is not the key of " + certificateFile
                    + " (files from two different pairings?); " + remedy);
        }
    }

    private static boolean signatureVerifies(X509Certificate authority, X509Certificate certificate) {
        try {
            certificate.verify(authority.getPublicKey());
            return true;
        } catch (GeneralSecurityException notThisOne) {
            return false;
        }
    }

    private static boolean keyBelongsTo(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        try {
            byte[] probe = "backbeat key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException mismatch) {
            return false;
        }
    }
}
