// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The PEM files of one side of a TLS connection, as {@code backbeat pair} writes them: the CA
 * certificate to trust (the host's own CA, nothing else), this side's certificate and its private
 * key (PKCS#8, readable by its owner only), and on a strap the host's certificate, whose key signs
 * the acknowledgements the strap accepts.
 *
 * @param hostCertificate the host's certificate ({@value #HOST_CERTIFICATE_FILE}); only a strap has it
 */
public record TlsFiles(Path caCertificate, Path certificate, Path privateKey, Path hostCertificate) {

    /** The common name of the host's certificate; no strap may be paired under it. */
    public static final String HOST_COMMON_NAME = "backbeat-host";
    /** The file name of the host's certificate in a strap's directory. */
    public static final String HOST_CERTIFICATE_FILE = "host.crt";

    /** The files of one side, with the host's certificate expected beside the CA's. */
    public TlsFiles(Path caCertificate, Path certificate, Path privateKey) {
        this(caCertificate, certificate, privateKey, caCertificate.resolveSibling(HOST_CERTIFICATE_FILE));
    }

    /** The file names in a directory written by {@code backbeat pair}. */
    public static TlsFiles in(Path directory) {
        return new TlsFiles(directory.resolve("ca.crt"), directory.resolve("client.crt"), directory.resolve("client.key"),
                directory.resolve(HOST_CERTIFICATE_FILE));
    }

    /** This side's own certificate (the first in its file). */
    public X509Certificate ownCertificate() throws IOException {
        try {
            return readCertificates(certificate).get(0);
        } catch (GeneralSecurityException e) {
            throw new IOException(certificate + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** The certificates of the CA this side trusts (every one in its file). */
    public List<X509Certificate> authorityCertificates() throws IOException {
        try {
            return readCertificates(caCertificate);
        } catch (GeneralSecurityException e) {
            throw new IOException(caCertificate + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** This side's own certificate chain (every certificate in its file, its own first). */
    public List<X509Certificate> ownCertificateChain() throws IOException {
        try {
            return readCertificates(certificate);
        } catch (GeneralSecurityException e) {
            throw new IOException(certificate + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** This side's own private key. */
    public PrivateKey ownPrivateKey() throws IOException {
        try {
            return readPrivateKey(privateKey);
        } catch (GeneralSecurityException e) {
            throw new IOException(privateKey + " holds no usable private key: " + e.getMessage(), e);
        }
    }

    /**
     * The host's certificate, checked as a strap must before it believes an acknowledgement: it is
     * issued by the CA in {@link #caCertificate()}, its common name is {@value #HOST_COMMON_NAME},
     * it is valid now and may sign.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public X509Certificate trustedHostCertificate() throws IOException {
        if (!Files.exists(hostCertificate)) {
            throw new IOException(hostCertificate + " does not exist: this strap was paired before acknowledgements were "
                    + "signed; pair it again on the host ('backbeat pair DEVICE_ID' writes " + HOST_CERTIFICATE_FILE
                    + " beside ca.crt) and copy the new directory to the strap");
        }
        X509Certificate host;
        List<X509Certificate> authorities;
        try {
            host = readCertificates(hostCertificate).get(0);
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException(hostCertificate + " is not a PEM certificate: " + e.getMessage(), e);
        }
        try {
            authorities = readCertificates(caCertificate);
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException(caCertificate + " is not a PEM certificate: " + e.getMessage(), e);
        }
        String commonName = commonName(host);
        if (!HOST_COMMON_NAME.equals(commonName)) {
            throw new IOException(hostCertificate + " is the certificate of '" + commonName + "', not of the host ('"
                    + HOST_COMMON_NAME + "'); copy the host.crt that 'backbeat pair' wrote for this strap");
        }
        CertificateTrust.requireIssuedBy(hostCertificate, host, caCertificate, authorities,
                "pair this strap again with the host's CA");
        CertificateTrust.requireValidNow(hostCertificate, host, "pair the host and this strap again");
        boolean[] usage = host.getKeyUsage();
        if (usage != null && !usage[0]) {
            throw new IOException(hostCertificate + " may not be used for signatures (no digitalSignature key usage)");
        }
        return host;
    }

    /**
     * Checks this side's files against each other as a connection will use them, so a wrong set-up
     * is found at start and not when the first connection fails: each file exists and is readable,
     * the key is a PKCS#8 key (a SEC1 or PKCS#1 key is named as such, with the conversion) that
     * belongs to the certificate, the certificate is issued by the CA in {@link #caCertificate()},
     * valid now, and, when given, of {@code expectedCommonName}.
     *
     * @return this side's certificate
     * @throws IOException naming the file and what is wrong with it
     */
    public X509Certificate checkOwnIdentity(java.util.Optional<String> expectedCommonName) throws IOException {
        for (Path file : List.of(caCertificate, certificate, privateKey)) {
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + " does not exist (the directory 'backbeat pair' writes holds ca.crt, "
                        + "client.crt and client.key)");
            }
        }
        List<X509Certificate> authorities = authorityCertificates();
        X509Certificate own = ownCertificate();
        PrivateKey key = ownPrivateKey();
        CertificateTrust.requireKeyOf(privateKey, key, certificate, own,
                "copy the whole directory 'backbeat pair' wrote, or pair again");
        CertificateTrust.requireIssuedBy(certificate, own, caCertificate, authorities, "pair again with the host's CA");
        CertificateTrust.requireValidNow(certificate, own, "pair again");
        String commonName = commonName(own);
        if (expectedCommonName.isPresent() && !expectedCommonName.get().equals(commonName)) {
            throw new IOException(certificate + " is the certificate of '" + commonName + "', not of '"
                    + expectedCommonName.get() + "' (the broker takes a client only under its certificate's name); "
                    + "use the directory 'backbeat pair " + expectedCommonName.get() + "' wrote");
        }
        return own;
    }

    /** The common name in a certificate's subject, or its whole subject if it has none. */
    public static String commonName(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException unparsable) {
            // fall through: name the subject as it is
        }
        return subject;
    }

    /** A TLS 1.3 context that trusts only the CA and presents the certificate. */
    public SSLContext context() throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int index = 0;
            for (X509Certificate ca : readCertificates(caCertificate)) {
                trust.setCertificateEntry("ca-" + index++, ca);
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);

            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", readPrivateKey(privateKey), password,
                    readCertificates(certificate).toArray(new Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);

            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the TLS files (" + certificate + ", " + caCertificate + "): " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException(file + " holds no certificate");
            }
            return certificates.stream().map(X509Certificate.class::cast).toList();
        }
    }

    static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.charset.CharacterCodingException binary) {
            throw new IOException(file + " is not a PEM file (it holds bytes that are not text)", binary);
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            for (String legacy : new String[] {"EC PRIVATE KEY", "RSA PRIVATE KEY"}) {
                if (pem.contains("-----BEGIN " + legacy + "-----")) {
                    throw new IOException(file + " is a " + (legacy.startsWith("EC") ? "SEC1" : "PKCS#1")
                            + " key (BEGIN " + legacy + "), not PKCS#8 (BEGIN PRIVATE KEY); convert it with 'openssl pkcs8 "
                            + "-topk8 -nocrypt -in " + file + " -out client.pkcs8.key' and put that in its place, or pair again");
                }
            }
            throw new IOException(file + " is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        } catch (IllegalArgumentException corrupt) {
            throw new IOException(file + " is corrupt (its PEM body is not Base64: " + corrupt.getMessage() + ")", corrupt);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // not this algorithm
            }
        }
        throw new IOException(file + " holds no usable private key: it is truncated or corrupt, or not an EC, RSA or "
                + "Ed25519 key");
    }
}
