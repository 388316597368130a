// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import dev.backbeat.host.pairing.HostAuthority;
import dev.backbeat.mqtt.CertificateTrust;
import dev.backbeat.mqtt.OwnerOnlyFiles;
import dev.backbeat.mqtt.TlsFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * The broker's side of pairing, as {@code backbeat pair --broker NAME...} writes it into one
 * directory: {@code ca.crt} (the host's CA: the only one whose client certificates the broker
 * accepts), {@code broker.crt} (the broker's server certificate for the names clients connect to)
 * and {@code broker.key}. Checked when read, each problem named with its file: every file exists
 * and parses, {@code broker.crt} is issued by {@code ca.crt} and valid now, and {@code broker.key}
 * is its key.
 *
 * <p>HiveMQ takes a TLS listener's key and trusted CAs only as keystore files with passwords in its
 * configuration; {@link #writeKeystores} writes them owner-only with a random password (JKS, the
 * one type HiveMQ CE reads).
 */
final class BrokerCertificates {

    /** The keystore files of a listener and their password (random, per start). */
    record Keystores(Path keystore, Path truststore, String password) {
        @Override
        public String toString() {
            return "Keystores[" + keystore + ", " + truststore + "]"; // never the password
        }
    }

    private static final String KEY_ALIAS = "broker";

    private final Path directory;
    private final List<X509Certificate> authorities;
    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;

    private BrokerCertificates(Path directory, List<X509Certificate> authorities, List<X509Certificate> chain,
                               PrivateKey privateKey) {
        this.directory = directory;
        this.authorities = authorities;
        this.chain = chain;
        this.privateKey = privateKey;
    }

    /**
     * Reads and checks the files in {@code directory}.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    static BrokerCertificates read(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a directory; write the broker's certificate into it with "
                    + "'backbeat pair --broker NAME... --out " + directory + "'");
        }
        Path caFile = directory.resolve(HostAuthority.BROKER_TRUSTED_CA);
        Path certificateFile = directory.resolve(HostAuthority.BROKER_CERTIFICATE);
        Path keyFile = directory.resolve(HostAuthority.BROKER_KEY);
        for (Path file : List.of(caFile, certificateFile, keyFile)) {
            if (!Files.isRegularFile(file)) {
                throw new IOException(directory + " has no " + file.getFileName() + " (it needs "
                        + HostAuthority.BROKER_TRUSTED_CA + ", " + HostAuthority.BROKER_CERTIFICATE + " and "
                        + HostAuthority.BROKER_KEY + " as 'backbeat pair --broker NAME... --out " + directory
                        + "' writes them)");
            }
        }
        TlsFiles files = new TlsFiles(caFile, certificateFile, keyFile);
        List<X509Certificate> authorities = files.authorityCertificates();
        List<X509Certificate> chain = files.ownCertificateChain();
        PrivateKey privateKey = files.ownPrivateKey();
        X509Certificate broker = chain.get(0);
        String issueAgain = "issue it again with 'backbeat pair --broker NAME... --out " + directory + "'";
        CertificateTrust.requireIssuedBy(certificateFile, broker, caFile, authorities, issueAgain);
        CertificateTrust.requireValidNow(certificateFile, broker, issueAgain);
        CertificateTrust.requireKeyOf(keyFile, privateKey, certificateFile, broker,
                "copy both from the same 'backbeat pair --broker' run");
        return new BrokerCertificates(directory, authorities, chain, privateKey);
    }

    Path directory() {
        return directory;
    }

    /** The DNS names and IP addresses in {@code broker.crt}: what clients may connect to (hostname verification). */
    List<String> names() {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = chain.get(0).getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    Object type = alternative.get(0);
                    if (type.equals(2) || type.equals(7)) { // dNSName, iPAddress
                        names.add(String.valueOf(alternative.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException unreadable) {
            // no names to show; the TLS handshake decides
        }
        return names;
    }

    /**
     * Writes the broker's key with its certificate chain and the trusted CAs as two JKS files in
     * {@code folder} (created owner-only), each readable by its owner only, under one new random
     * password.
     */
    Keystores writeKeystores(Path folder) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        char[] passwordCharacters = password.toCharArray();
        OwnerOnlyFiles.createDirectories(folder);
        Path keystoreFile = folder.resolve("broker-keystore.jks");
        Path truststoreFile = folder.resolve("broker-truststore.jks");
        try {
            KeyStore keystore = KeyStore.getInstance("JKS");
            keystore.load(null, null);
            keystore.setKeyEntry(KEY_ALIAS, privateKey, passwordCharacters, chain.toArray(new Certificate[0]));
            OwnerOnlyFiles.write(keystoreFile, bytes(keystore, passwordCharacters));

            KeyStore truststore = KeyStore.getInstance("JKS");
            truststore.load(null, null);
            for (int index = 0; index < authorities.size(); index++) {
                truststore.setCertificateEntry("ca-" + index, authorities.get(index));
            }
            OwnerOnlyFiles.write(truststoreFile, bytes(truststore, passwordCharacters));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the broker's keystore into " + folder + ": " + e.getMessage(), e);
        }
        return new Keystores(keystoreFile, truststoreFile, password);
    }

    private static byte[] bytes(KeyStore store, char[] password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }
}
