// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.host.pairing.HostAuthority;
import dev.backbeat.mqtt.CertificateTrust;
import dev.backbeat.mqtt.TlsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every reader of pairing files refuses a certificate of another CA and an expired one through
 * {@link CertificateTrust}, the one home of those checks: its message, word for word, naming the
 * file. A reader that went back to a check of its own (or dropped it) fails here.
 */
class CertificateTrustCallersTest {

    /** The readers of pairing files and the certificate each checks. */
    enum Reader {
        /** {@code backbeat broker --tls}: {@code broker.crt} against {@code ca.crt}. */
        BROKER("broker.crt", "ca.crt") {
            @Override
            void write(HostAuthority.Issued ca, HostAuthority.Issued certificate, Path directory) throws Exception {
                writeCertificate(directory.resolve("ca.crt"), ca.certificate());
                writeCertificate(directory.resolve("broker.crt"), certificate.certificate());
                writeKey(directory.resolve("broker.key"), certificate);
            }

            @Override
            void read(Path directory) throws IOException {
                BrokerCertificates.read(directory);
            }
        },
        /** A strap's or the host's own files at start: {@code client.crt} against {@code ca.crt}. */
        OWN_IDENTITY("client.crt", "ca.crt") {
            @Override
            void write(HostAuthority.Issued ca, HostAuthority.Issued certificate, Path directory) throws Exception {
                writeCertificate(directory.resolve("ca.crt"), ca.certificate());
                writeCertificate(directory.resolve("client.crt"), certificate.certificate());
                writeKey(directory.resolve("client.key"), certificate);
            }

            @Override
            void read(Path directory) throws IOException {
                TlsFiles.in(directory).checkOwnIdentity(Optional.empty());
            }
        },
        /** A paired strap's check of the host's certificate: {@code host.crt} against {@code ca.crt}. */
        HOST_ON_STRAP("host.crt", "ca.crt") {
            @Override
            void write(HostAuthority.Issued ca, HostAuthority.Issued certificate, Path directory) throws Exception {
                writeCertificate(directory.resolve("ca.crt"), ca.certificate());
                writeCertificate(directory.resolve("host.crt"), certificate.certificate());
            }

            @Override
            void read(Path directory) throws IOException {
                TlsFiles.in(directory).trustedHostCertificate();
            }
        };

        final String certificateFile;
        final String caFile;

        Reader(String certificateFile, String caFile) {
            this.certificateFile = certificateFile;
            this.caFile = caFile;
        }

        /** Writes the files this reader reads: {@code certificate} (with its key) beside {@code ca}. */
        abstract void write(HostAuthority.Issued ca, HostAuthority.Issued certificate, Path directory) throws Exception;

        abstract void read(Path directory) throws IOException;
    }

    @TempDir
    Path directory;

    private HostAuthority.Issued ca;
    private final Instant now = Instant.now();

    @BeforeEach
    void createCa() throws GeneralSecurityException {
        ca = HostAuthority.createCa("Backbeat host CA", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }

    @ParameterizedTest
    @EnumSource(Reader.class)
    void read_certificateOfAnotherCaOfTheSameName_refusedByTheSharedCheck(Reader reader) throws Exception {
        // a CA made anew under the same name: only the signature tells them apart
        HostAuthority.Issued other = HostAuthority.createCa("Backbeat host CA", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        HostAuthority.Issued foreign = issue(other, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(10)));
        reader.write(ca, foreign, directory);

        IOException refused = assertThrows(IOException.class, () -> reader.read(directory));

        Path certificateFile = directory.resolve(reader.certificateFile);
        IOException shared = assertThrows(IOException.class, () -> CertificateTrust.requireIssuedBy(certificateFile,
                foreign.certificate(), directory.resolve(reader.caFile), List.of(ca.certificate()), "REMEDY"));
        assertTrue(refused.getMessage().startsWith(certificateFile + " is not issued by the CA in "
                + directory.resolve(reader.caFile)), refused.getMessage());
        assertEquals(withoutRemedy(shared.getMessage()), withoutRemedy(refused.getMessage()));
    }

    @ParameterizedTest
    @EnumSource(Reader.class)
    void read_expiredCertificate_refusedByTheSharedCheck(Reader reader) throws Exception {
        HostAuthority.Issued expired = issue(ca, now.minus(Duration.ofDays(1)), now.minus(Duration.ofHours(1)));
        reader.write(ca, expired, directory);

        IOException refused = assertThrows(IOException.class, () -> reader.read(directory));

        Path certificateFile = directory.resolve(reader.certificateFile);
        assertTrue(refused.getMessage().startsWith(certificateFile + " is not valid now (it expired: valid from "
                + expired.certificate().getNotBefore().toInstant() + " to " + expired.certificate().getNotAfter().toInstant()
                + ", now is "), refused.getMessage());
        assertTrue(refused.getMessage().contains("); check the clock, or "), refused.getMessage());
    }

    private static HostAuthority.Issued issue(HostAuthority.Issued issuer, Instant notBefore, Instant notAfter)
            throws IOException {
        return HostAuthority.issue(issuer.certificate(), issuer.privateKey(), HostAuthority.HOST_IDENTITY,
                HostAuthority.Purpose.SERVER, List.of("localhost"), notBefore, notAfter);
    }

    /** The shared check's message up to the caller's remedy (after the last "; "). */
    private static String withoutRemedy(String message) {
        return message.substring(0, message.lastIndexOf("; "));
    }

    private static void writeCertificate(Path file, X509Certificate certificate) throws Exception {
        HostAuthority.writePrivate(file, HostAuthority.pem("CERTIFICATE", certificate.getEncoded()));
    }

    private static void writeKey(Path file, HostAuthority.Issued issued) throws IOException {
        HostAuthority.writePrivate(file, HostAuthority.pem("PRIVATE KEY", issued.privateKey().getEncoded()));
    }
}
