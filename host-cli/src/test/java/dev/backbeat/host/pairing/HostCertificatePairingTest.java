// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.pairing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.DeviceMain;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.sync.AcknowledgementSigner;
import dev.backbeat.mqtt.sync.AcknowledgementVerifier;
import dev.backbeat.mqtt.sync.ChunkRanges;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pairing hands each strap the host's certificate (host.crt), and each side checks at start that
 * the other's files can do their part in signed acknowledgements, naming the file when not.
 */
class HostCertificatePairingTest {

    @TempDir
    Path directory;

    private HostAuthority authority() throws IOException {
        return HostAuthority.openOrCreate(directory.resolve("ca"));
    }

    @Test
    void pairDevice_beforeTheHost_throwsSayingToPairTheHostFirst() throws IOException {
        HostAuthority authority = authority();
        IOException missing = assertThrows(IOException.class, () -> authority.pairDevice("strap-a", directory.resolve("strap-a")));
        assertTrue(missing.getMessage().contains("backbeat pair --host"), missing.getMessage());
        assertFalse(Files.exists(directory.resolve("strap-a").resolve("client.key")), "nothing issued");
    }

    @Test
    void pairDevice_afterTheHost_writesTheHostsCertificate_whichTheStrapTrusts() throws Exception {
        HostAuthority authority = authority();
        authority.pairHost(directory.resolve("host"));
        authority.pairDevice("strap-a", directory.resolve("strap-a"));
        TlsFiles strap = TlsFiles.in(directory.resolve("strap-a"));
        TlsFiles host = TlsFiles.in(directory.resolve("host"));
        assertArrayEquals(host.ownCertificate().getEncoded(), strap.trustedHostCertificate().getEncoded());
        // the host's signature verifies on the strap
        SyncRecord.Acknowledgement signed = AcknowledgementSigner.ofHost(host).sign(new SyncRecord.Acknowledgement(
                "strap-a", "s1", true, true, ChunkRanges.firstN(3), true));
        assertEquals(Optional.empty(), AcknowledgementVerifier.forStrap(Optional.of(strap)).rejection(signed, "strap-a", "s1"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(strap.hostCertificate())));
    }

    @Test
    void pairHostAgain_newStrapsGetTheNewCertificate_oldOnesRejectTheNewKey() throws Exception {
        HostAuthority authority = authority();
        authority.pairHost(directory.resolve("host"));
        authority.pairDevice("strap-old", directory.resolve("strap-old"));
        assertTrue(authority.hostPaired());
        authority.pairHost(directory.resolve("host"));
        authority.pairDevice("strap-new", directory.resolve("strap-new"));
        SyncRecord.Acknowledgement signed = AcknowledgementSigner.ofHost(TlsFiles.in(directory.resolve("host")))
                .sign(new SyncRecord.Acknowledgement("strap-new", "s1", true, true, ChunkRanges.firstN(1), true));
        assertEquals(Optional.empty(), AcknowledgementVerifier.forStrap(Optional.of(TlsFiles.in(directory.resolve("strap-new"))))
                .rejection(signed, "strap-new", "s1"));
        SyncRecord.Acknowledgement forOld = new SyncRecord.Acknowledgement("strap-old", "s1", true, true,
                ChunkRanges.firstN(1), true, AcknowledgementSigner.ofHost(TlsFiles.in(directory.resolve("host")))
                .sign(new SyncRecord.Acknowledgement("strap-old", "s1", true, true, ChunkRanges.firstN(1), true)).signature());
        assertTrue(AcknowledgementVerifier.forStrap(Optional.of(TlsFiles.in(directory.resolve("strap-old"))))
                .rejection(forOld, "strap-old", "s1").isPresent());
    }

    @Test
    void trustedHostCertificate_missing_namesTheFileAndWhatToDo() throws IOException {
        HostAuthority authority = authority();
        authority.pairHost(directory.resolve("host"));
        authority.pairDevice("strap-a", directory.resolve("strap-a"));
        Files.delete(directory.resolve("strap-a").resolve("host.crt"));
        IOException missing = assertThrows(IOException.class, () -> TlsFiles.in(directory.resolve("strap-a")).trustedHostCertificate());
        assertTrue(missing.getMessage().startsWith(directory.resolve("strap-a").resolve("host.crt") + " does not exist"),
                missing.getMessage());
        assertTrue(missing.getMessage().contains("pair it again"), missing.getMessage());
    }

    @Test
    void trustedHostCertificate_ofAStrap_isRefusedNamingItsCommonName() throws IOException {
        HostAuthority authority = authority();
        authority.pairHost(directory.resolve("host"));
        authority.pairDevice("strap-a", directory.resolve("strap-a"));
        Path strapB = directory.resolve("strap-b");
        authority.pairDevice("strap-b", strapB);
        Files.copy(strapB.resolve("client.crt"), directory.resolve("strap-a").resolve("host.crt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IOException wrong = assertThrows(IOException.class, () -> TlsFiles.in(directory.resolve("strap-a")).trustedHostCertificate());
        assertTrue(wrong.getMessage().contains("host.crt is the certificate of 'strap-b', not of the host"), wrong.getMessage());
    }

    @Test
    void trustedHostCertificate_fromAnotherCa_isRefused() throws Exception {
        HostAuthority authority = authority();
        authority.pairHost(directory.resolve("host"));
        authority.pairDevice("strap-a", directory.resolve("strap-a"));
        HostAuthority.Issued foreignCa = HostAuthority.createCa("Someone else's CA", Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(30)));
        HostAuthority.Issued impostor = HostAuthority.issue(foreignCa.certificate(), foreignCa.privateKey(),
                HostAuthority.HOST_IDENTITY, HostAuthority.Purpose.CLIENT, List.of(), Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(30)));
        HostAuthority.writePrivate(directory.resolve("strap-a").resolve("host.crt"),
                HostAuthority.pem("CERTIFICATE", impostor.certificate().getEncoded()));
        IOException foreign = assertThrows(IOException.class, () -> TlsFiles.in(directory.resolve("strap-a")).trustedHostCertificate());
        assertTrue(foreign.getMessage().contains("host.crt is not issued by the CA in"), foreign.getMessage());
    }

    @Test
    void signerOfHost_withAStrapsFiles_isRefused() throws IOException {
        HostAuthority authority = authority();
        authority.pairHost(directory.resolve("host"));
        authority.pairDevice("strap-a", directory.resolve("strap-a"));
        IOException notHost = assertThrows(IOException.class,
                () -> AcknowledgementSigner.ofHost(TlsFiles.in(directory.resolve("strap-a"))));
        assertTrue(notHost.getMessage().contains("is the certificate of 'strap-a', not of the host"), notHost.getMessage());
    }

    @Test
    void signerOfHost_keyOfAnotherPairing_isRefused() throws IOException {
        HostAuthority authority = authority();
        authority.pairHost(directory.resolve("host"));
        authority.pairHost(directory.resolve("host-again"));
        Files.copy(directory.resolve("host-again").resolve("client.key"), directory.resolve("host").resolve("client.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IOException mismatch = assertThrows(IOException.class, () -> AcknowledgementSigner.ofHost(TlsFiles.in(directory.resolve("host"))));
        assertTrue(mismatch.getMessage().contains("is not the key of"), mismatch.getMessage());
    }

    @Test
    void deviceStart_tlsDirectoryWithoutHostCertificate_exitsWithUsage_namingTheFile_beforeRecording() throws IOException {
        HostAuthority authority = authority();
        authority.pairHost(directory.resolve("host"));
        Path strap = directory.resolve("strap-a");
        authority.pairDevice("strap-a", strap);
        Files.delete(strap.resolve("host.crt"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DeviceMain.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(
                "--device-id", "strap-a", "--data-dir", directory.resolve("data").toString(), "--cycles", "1",
                "--time-scale", "0", "--broker", "ssl://localhost:8883", "--tls", strap.toString());
        assertEquals(DeviceMain.USAGE, exit, err.toString());
        assertTrue(err.toString().contains(strap.resolve("host.crt") + " does not exist"), err.toString());
        assertEquals("", out.toString(), "no session recorded");
    }
}
