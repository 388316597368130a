// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.pairing;

import dev.backbeat.mqtt.CertificateTrust;
import dev.backbeat.mqtt.OwnerOnlyFiles;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The host's own small certificate authority, for pairing straps without any password: it issues
 * each strap a certificate whose common name is its device id (the broker takes it as the user name,
 * {@code use_identity_as_username}, and its ACL keeps the strap to its own topics), the host its
 * certificate ({@value #HOST_IDENTITY}) and the broker its server certificate.
 *
 * <p>Keys are EC P-256, written as PKCS#8 PEM; every file and directory it writes is readable by
 * its owner only (600 / 700, whatever the umask; {@link OwnerOnlyFiles}). The CA's key never leaves
 * its directory.
 *
 * <p>The host's key also signs its acknowledgements, so a strap needs the host's certificate:
 * pairing the host keeps a copy of it in the CA's directory ({@value #HOST_CERTIFICATE}), and
 * pairing a strap writes that copy beside the strap's files. Pairing the host again (a new key)
 * therefore means pairing the straps again, or copying the new {@value #HOST_CERTIFICATE} to them.
 */
public final class HostAuthority {

    /** The common name of the host's certificate; no strap may be paired under this id. */
    public static final String HOST_IDENTITY = TlsFiles.HOST_COMMON_NAME;
    /** How long the CA certificate is valid (default 10 years). */
    static final Duration CA_VALIDITY = Duration.ofDays(3653);
    /** How long an issued certificate is valid (default 2 years; pair again to renew). */
    static final Duration ISSUED_VALIDITY = Duration.ofDays(731);

    static final String CA_CERTIFICATE = "ca.crt";
    /** The broker's server certificate, as {@link #issueBroker} writes it beside {@value #CA_CERTIFICATE}. */
    public static final String BROKER_CERTIFICATE = "broker.crt";
    /** The broker's private key (PKCS#8 PEM), beside {@value #BROKER_CERTIFICATE}. */
    public static final String BROKER_KEY = "broker.key";
    /** The CA's certificate in a directory {@link #issueBroker} wrote: the only CA whose clients the broker accepts. */
    public static final String BROKER_TRUSTED_CA = CA_CERTIFICATE;
    static final String CA_KEY = "ca.key";
    /** The name of the broker's directory under {@code issued/}; no strap may be paired under it. */
    public static final String BROKER_DIRECTORY = "broker";
    /** The host's current certificate, in the CA's directory and in each strap's. */
    static final String HOST_CERTIFICATE = TlsFiles.HOST_CERTIFICATE_FILE;
    private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*");
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:]*");

    /** What an issued certificate is for. */
    public enum Purpose { CLIENT, SERVER }

    /** A certificate with its private key. */
    public record Issued(X509Certificate certificate, PrivateKey privateKey) {
    }

    private final Path directory;
    private final X509Certificate caCertificate;
    private final PrivateKey caKey;
    private final Clock clock;

    private HostAuthority(Path directory, X509Certificate caCertificate, PrivateKey caKey, Clock clock) {
        this.directory = directory;
        this.caCertificate = caCertificate;
        this.caKey = caKey;
        this.clock = clock;
    }

    /** Opens the CA in {@code directory}, creating it (key and self-signed certificate) on first use. */
    public static HostAuthority openOrCreate(Path directory) throws IOException {
        return openOrCreate(directory, Clock.systemUTC());
    }

    static HostAuthority openOrCreate(Path directory, Clock clock) throws IOException {
        Path certificateFile = directory.resolve(CA_CERTIFICATE);
        Path keyFile = directory.resolve(CA_KEY);
        try {
            if (Files.exists(certificateFile) && Files.exists(keyFile)) {
                return new HostAuthority(directory, readCertificate(certificateFile), readPrivateKey(keyFile), clock);
            }
            if (Files.exists(certificateFile) || Files.exists(keyFile)) {
                throw new IOException("the CA in " + directory + " is incomplete (" + CA_CERTIFICATE + " and " + CA_KEY
                        + " belong together); restore it from a backup or move the directory away to start a new one");
            }
            Issued ca = createCa("Backbeat host CA", clock.instant(), clock.instant().plus(CA_VALIDITY));
            createPrivateDirectory(directory);
            writePrivate(keyFile, pem("PRIVATE KEY", ca.privateKey().getEncoded()));
            writePrivate(certificateFile, pem("CERTIFICATE", ca.certificate().getEncoded()));
            return new HostAuthority(directory, ca.certificate(), ca.privateKey(), clock);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the CA in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A new self-signed CA valid from {@code notBefore} to {@code notAfter} (for tests: a foreign CA). */
    public static Issued createCa(String name, Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        KeyPair keys = newKeyPair();
        X500Name subject = name(name);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(new SecureRandom()),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new Issued(certificate(builder, keys.getPrivate()), keys.getPrivate());
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the CA certificate: " + e.getMessage(), e);
        }
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Issues a strap's certificate and writes {@code ca.crt}, {@code client.crt},
     * {@code client.key} and the host's certificate {@code host.crt} into {@code outDirectory}
     * (created, 700) for {@code backbeat-device --tls}.
     *
     * @throws IOException also when the host has no certificate yet (pair the host first)
     */
    public Issued pairDevice(String deviceId, Path outDirectory) throws IOException {
        requireDeviceId(deviceId);
        X509Certificate host = hostCertificate();
        Issued issued = writeClient(issue(deviceId, Purpose.CLIENT, List.of()), outDirectory);
        writeCertificate(outDirectory.resolve(HOST_CERTIFICATE), host);
        return issued;
    }

    /**
     * Issues the host's certificate ({@value #HOST_IDENTITY}) into {@code outDirectory}, for
     * {@code backbeat sync --tls}, and keeps a copy as the host's current certificate for the
     * straps paired from now on.
     */
    public Issued pairHost(Path outDirectory) throws IOException {
        Issued host = writeClient(issue(HOST_IDENTITY, Purpose.CLIENT, List.of()), outDirectory);
        writeCertificate(directory.resolve(HOST_CERTIFICATE), host.certificate());
        return host;
    }

    /** Whether the host has been paired (its current certificate is in the CA's directory). */
    public boolean hostPaired() {
        return Files.exists(directory.resolve(HOST_CERTIFICATE));
    }

    /**
     * The host's current certificate, as the last {@link #pairHost} issued it (for a host paired
     * before this copy was kept: the one in the default {@code issued/backbeat-host/}).
     *
     * @throws IOException when there is none, or it is not from this CA
     */
    public X509Certificate hostCertificate() throws IOException {
        Path file = directory.resolve(HOST_CERTIFICATE);
        if (!Files.exists(file)) {
            Path issuedBefore = directory.resolve("issued").resolve(HOST_IDENTITY).resolve("client.crt");
            if (!Files.exists(issuedBefore)) {
                throw new IOException("the host has no certificate from the CA in " + directory + " yet: run "
                        + "'backbeat pair --host' first (a strap needs the host's certificate, " + HOST_CERTIFICATE
                        + ", to check the host's signature on acknowledgements)");
            }
            file = issuedBefore;
        }
        X509Certificate host;
        try {
            host = readCertificate(file);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not a PEM certificate (" + e.getMessage() + "); run 'backbeat pair --host' again", e);
        }
        CertificateTrust.requireIssuedBy(file, host, directory.resolve(CA_CERTIFICATE), List.of(caCertificate),
                "run 'backbeat pair --host' again");
        if (!HOST_IDENTITY.equals(TlsFiles.commonName(host))) {
            throw new IOException(file + " is not the host's certificate from this CA (it is the certificate of '"
                    + TlsFiles.commonName(host) + "'); run 'backbeat pair --host' again");
        }
        return host;
    }

    private static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
        try {
            writePrivate(file, pem("CERTIFICATE", certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode the certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Issues the broker's server certificate for {@code names} (DNS names or IP addresses clients
     * connect to; hostname verification checks them) and writes {@code ca.crt}, {@code broker.crt}
     * and {@code broker.key} into {@code outDirectory}.
     */
    public Issued issueBroker(List<String> names, Path outDirectory) throws IOException {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the broker certificate needs at least one name clients connect to");
        }
        requireOwnDirectory(outDirectory, BROKER_DIRECTORY, true);
        Issued broker = issue(names.get(0), Purpose.SERVER, names);
        createPrivateDirectory(outDirectory);
        try {
            writePrivate(outDirectory.resolve(BROKER_TRUSTED_CA), pem("CERTIFICATE", caCertificate.getEncoded()));
            writePrivate(outDirectory.resolve(BROKER_CERTIFICATE), pem("CERTIFICATE", broker.certificate().getEncoded()));
            writePrivate(outDirectory.resolve(BROKER_KEY), pem("PRIVATE KEY", broker.privateKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode the broker certificate: " + e.getMessage(), e);
        }
        return broker;
    }

    /** Issues a certificate valid for {@link #ISSUED_VALIDITY} from now. */
    public Issued issue(String commonName, Purpose purpose, List<String> subjectAlternativeNames) throws IOException {
        Instant now = clock.instant();
        return issue(commonName, purpose, subjectAlternativeNames, now.minus(Duration.ofMinutes(5)), now.plus(ISSUED_VALIDITY));
    }

    /** Issues a certificate valid from {@code notBefore} to {@code notAfter} (tests use a past window: expired). */
    public Issued issue(String commonName, Purpose purpose, List<String> subjectAlternativeNames, Instant notBefore,
                        Instant notAfter) throws IOException {
        return issue(caCertificate, caKey, commonName, purpose, subjectAlternativeNames, notBefore, notAfter);
    }

    /** Issues a certificate signed by {@code issuer} (any CA, e.g. a foreign one in a test). */
    public static Issued issue(X509Certificate issuer, PrivateKey issuerKey, String commonName, Purpose purpose,
                               List<String> subjectAlternativeNames, Instant notBefore, Instant notAfter)
            throws IOException {
        try {
            KeyPair keys = newKeyPair();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(new SecureRandom()),
                    Date.from(notBefore), Date.from(notAfter), name(commonName), keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    purpose == Purpose.SERVER ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuer));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            if (!subjectAlternativeNames.isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                for (String name : subjectAlternativeNames) {
                    names.add(generalName(name));
                }
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(new GeneralName[0])));
            }
            return new Issued(certificate(builder, issuerKey), keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot issue a certificate for '" + commonName + "': " + e.getMessage(), e);
        }
    }

    /** Writes {@code ca.crt}, {@code client.crt} and {@code client.key}, as {@code TlsFiles.in} reads them. */
    public Issued writeClient(Issued issued, Path outDirectory) throws IOException {
        requireOwnDirectory(outDirectory, TlsFiles.commonName(issued.certificate()), false);
        createPrivateDirectory(outDirectory);
        try {
            writePrivate(outDirectory.resolve("ca.crt"), pem("CERTIFICATE", caCertificate.getEncoded()));
            writePrivate(outDirectory.resolve("client.crt"), pem("CERTIFICATE", issued.certificate().getEncoded()));
            writePrivate(outDirectory.resolve("client.key"), pem("PRIVATE KEY", issued.privateKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode the certificate: " + e.getMessage(), e);
        }
        return issued;
    }

    /**
     * A device id a strap may be paired under: a valid id that is neither the host's name nor the
     * broker's directory ({@value #BROKER_DIRECTORY}, whose files hold the broker's key) nor a
     * directory of its own ({@code .}, {@code ..}), in any case (file systems that ignore case).
     */
    public static String requireDeviceId(String deviceId) {
        SyncTopics.chunks(deviceId); // throws naming the allowed characters
        if (deviceId.equalsIgnoreCase(HOST_IDENTITY)) {
            throw new IllegalArgumentException("'" + HOST_IDENTITY + "' is the host's own name; pick another device id");
        }
        if (deviceId.equalsIgnoreCase(BROKER_DIRECTORY)) {
            throw new IllegalArgumentException("'" + deviceId + "' is the name of the broker's directory (issued/"
                    + BROKER_DIRECTORY + ", which holds the broker's key); pick another device id");
        }
        if (deviceId.chars().allMatch(character -> character == '.')) {
            throw new IllegalArgumentException("'" + deviceId + "' names a directory, not a strap; pick another device id");
        }
        return deviceId;
    }

    /**
     * Refuses to write an identity's files where another identity's are: into the CA's own
     * directory (beside {@value #CA_KEY}), a strap's or the host's beside the broker's key, the
     * broker's beside a client's key, or one client's over another's. Each such directory is copied
     * whole to one machine, so mixing them would hand one party another's private key.
     *
     * @param name the common name of the client to be written, or {@value #BROKER_DIRECTORY}
     */
    private void requireOwnDirectory(Path outDirectory, String name, boolean broker) throws IOException {
        String chooseAnother = "; choose another --out directory (each identity's files are copied whole to one machine)";
        if (Files.exists(outDirectory.resolve(CA_KEY)) || (Files.exists(outDirectory) && Files.exists(directory)
                && Files.isSameFile(outDirectory, directory))) {
            throw new IllegalArgumentException(outDirectory + " is the CA's directory (it holds " + CA_KEY + ")"
                    + chooseAnother);
        }
        Path clientCertificate = outDirectory.resolve("client.crt");
        boolean clientFiles = Files.exists(clientCertificate) || Files.exists(outDirectory.resolve("client.key"));
        if (broker && clientFiles) {
            throw new IllegalArgumentException(outDirectory + " holds the files of " + describeClient(clientCertificate)
                    + " (client.crt, client.key); the broker's key must not be written beside them" + chooseAnother);
        }
        if (!broker && (Files.exists(outDirectory.resolve(BROKER_KEY)) || Files.exists(outDirectory.resolve(BROKER_CERTIFICATE)))) {
            throw new IllegalArgumentException(outDirectory + " holds the broker's " + BROKER_KEY + " and "
                    + BROKER_CERTIFICATE + "; the files of '" + name + "' must not be written beside them" + chooseAnother);
        }
        if (!broker && Files.exists(clientCertificate)) {
            String holder = describeClient(clientCertificate);
            if (!holder.equals("'" + name + "'")) {
                throw new IllegalArgumentException(outDirectory + " holds the files of " + holder + " (client.crt); the files"
                        + " of '" + name + "' must not replace them" + chooseAnother);
            }
        }
    }

    /** Whose certificate a {@code client.crt} is, as {@code 'name'}, or a description when unreadable. */
    private static String describeClient(Path clientCertificate) {
        if (!Files.exists(clientCertificate)) {
            return "a client (a client.key without its certificate)";
        }
        try {
            return "'" + TlsFiles.commonName(readCertificate(clientCertificate)) + "'";
        } catch (IOException | GeneralSecurityException | RuntimeException unreadable) {
            return "a client (an unreadable client.crt)";
        }
    }

    /** PEM text of DER bytes. */
    public static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        out.write("-----BEGIN " + type + "-----\n");
        out.write(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der));
        out.write("\n-----END " + type + "-----\n");
        return out.toString();
    }

    /** Creates (or restricts) a directory readable by its owner only, and any missing parent likewise. */
    public static void createPrivateDirectory(Path directory) throws IOException {
        OwnerOnlyFiles.createDirectories(directory);
    }

    /**
     * Writes {@code text} to a file readable by its owner only: created with mode 600 before any
     * byte is written (never world-readable for a moment); an existing file is replaced.
     */
    public static void writePrivate(Path file, String text) throws IOException {
        OwnerOnlyFiles.write(file, text);
    }

    static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(file + " is not a PKCS#8 PEM private key");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static GeneralName generalName(String name) {
        if (IP_ADDRESS.matcher(name).matches()) {
            return new GeneralName(GeneralName.iPAddress, name);
        }
        if (DNS_NAME.matcher(name).matches()) {
            return new GeneralName(GeneralName.dNSName, name);
        }
        throw new IllegalArgumentException("'" + name + "' is neither a DNS name nor an IP address");
    }

    private static X509Certificate certificate(X509v3CertificateBuilder builder, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer));
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(holder.getEncoded()));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot encode the certificate: " + e.getMessage(), e);
        }
    }
}
