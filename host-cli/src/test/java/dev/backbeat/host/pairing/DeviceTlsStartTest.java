// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.DeviceMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A strap whose TLS set-up cannot work is told so at start, naming the file, with exit 2, before a
 * session is recorded: not after ten minutes of stretching, when the first connection fails.
 */
class DeviceTlsStartTest {

    @TempDir
    Path directory;

    private HostAuthority authority;
    private Path strap;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void pairTheHostAndAStrap() throws Exception {
        authority = HostAuthority.openOrCreate(directory.resolve("ca"));
        authority.pairHost(directory.resolve("host"));
        strap = directory.resolve("strap-07");
        authority.pairDevice("strap-07", strap);
    }

    private int startStrap(String broker) {
        // a real recording would take a minute; a start that got past its checks would be seen in 'out'
        return DeviceMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(
                "--device-id", "strap-07", "--data-dir", directory.resolve("data").toString(), "--cycles", "1",
                "--time-scale", "0", "--sync-timeout", "1", "--broker", broker, "--tls", strap.toString());
    }

    private void assertRefusedBeforeRecording(String expected) {
        assertEquals(DeviceMain.USAGE, startStrap("ssl://localhost:1"), err.toString());
        assertTrue(err.toString().contains(expected), err.toString());
        assertEquals("", out.toString(), "no session recorded");
        assertFalse(Files.exists(directory.resolve("data").resolve("device.outbox")), "nothing recorded");
    }

    @Test
    void deviceStart_tlsWithAPlainTcpBroker_exitsUsageBeforeRecording() {
        assertEquals(DeviceMain.USAGE, startStrap("tcp://127.0.0.1:1"), err.toString());
        assertTrue(err.toString().contains("--tls " + strap + " is given, but the broker address tcp://127.0.0.1:1 is plain TCP"),
                err.toString());
        assertEquals("", out.toString(), "no session recorded");
    }

    @Test
    void deviceStart_corruptKey_exitsUsageNamingTheKey() throws Exception {
        Files.writeString(strap.resolve("client.key"), "-----BEGIN PRIVATE KEY-----\nnot*base64!\n-----END PRIVATE KEY-----\n");
        assertRefusedBeforeRecording(strap.resolve("client.key") + " is corrupt");
    }

    @Test
    void deviceStart_truncatedKey_exitsUsageNamingTheKey() throws Exception {
        String key = Files.readString(strap.resolve("client.key"));
        Files.writeString(strap.resolve("client.key"), key.substring(0, 60) + "\n-----END PRIVATE KEY-----\n");
        assertRefusedBeforeRecording(strap.resolve("client.key") + " holds no usable private key");
    }

    @Test
    void deviceStart_keyOfAnotherPairing_exitsUsageNamingBothFiles() throws Exception {
        authority.pairDevice("strap-08", directory.resolve("strap-08"));
        Files.copy(directory.resolve("strap-08").resolve("client.key"), strap.resolve("client.key"),
                StandardCopyOption.REPLACE_EXISTING);
        assertRefusedBeforeRecording(strap.resolve("client.key") + " is not the key of " + strap.resolve("client.crt"));
    }

    @Test
    void deviceStart_sec1Key_exitsUsageSayingHowToConvertIt() throws Exception {
        String pem = Files.readString(strap.resolve("client.key"));
        byte[] pkcs8 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        byte[] sec1 = PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey().toASN1Primitive().getEncoded();
        Files.writeString(strap.resolve("client.key"), HostAuthority.pem("EC PRIVATE KEY", sec1));
        assertRefusedBeforeRecording(strap.resolve("client.key") + " is a SEC1 key (BEGIN EC PRIVATE KEY), not PKCS#8");
        assertTrue(err.toString().contains("openssl pkcs8 -topk8 -nocrypt"), err.toString());
    }

    @Test
    void deviceStart_anotherStrapsCertificate_exitsUsageNamingWhoseItIs() throws Exception {
        authority.pairDevice("strap-08", directory.resolve("strap-08"));
        for (String file : new String[] {"client.crt", "client.key"}) {
            Files.copy(directory.resolve("strap-08").resolve(file), strap.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        assertRefusedBeforeRecording(strap.resolve("client.crt") + " is the certificate of 'strap-08', not of 'strap-07'");
    }

    @Test
    void deviceStart_missingCertificate_exitsUsageNamingIt() throws Exception {
        Files.delete(strap.resolve("client.crt"));
        assertRefusedBeforeRecording(strap.resolve("client.crt") + " does not exist");
    }
}
