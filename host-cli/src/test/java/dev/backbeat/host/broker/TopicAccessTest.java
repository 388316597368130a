// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.host.pairing.HostAuthority;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The embedded broker's rules, the same as the clinic set-up's Mosquitto ACL (ClinicBroker.ACL). */
class TopicAccessTest {

    private static final ClientIdentity STRAP_A = new ClientIdentity.Strap("strap-a");
    private static final ClientIdentity HOST = new ClientIdentity.Host();

    @Test
    void mayPublish_strap_onlyItsOwnChunksManifestHealthLiveAndConfigurationReport() {
        assertTrue(TopicAccess.mayPublish(STRAP_A, SyncTopics.configurationReport("strap-a")));
        assertTrue(TopicAccess.mayPublish(STRAP_A, SyncTopics.live("strap-a")));
        assertTrue(TopicAccess.mayPublish(STRAP_A, SyncTopics.chunks("strap-a")));
        assertTrue(TopicAccess.mayPublish(STRAP_A, SyncTopics.manifest("strap-a")));
        assertTrue(TopicAccess.mayPublish(STRAP_A, SyncTopics.health("strap-a")));
        for (String topic : List.of(SyncTopics.chunks("strap-b"), SyncTopics.manifest("strap-b"),
                SyncTopics.health("strap-b"), SyncTopics.live("strap-b"), SyncTopics.command("strap-a"), SyncTopics.command("strap-b"),
                SyncTopics.configuration("strap-a"), SyncTopics.configurationReport("strap-b"),
                SyncTopics.ack("strap-a", "s1"), SyncTopics.ack("strap-b", "s1"), SyncTopics.requests("strap-a"),
                SyncTopics.HOST_PRESENCE, "backbeat/v2/devices/strap-a/chunks/more", "backbeat/v2/devices/strap-ab/chunks",
                "elsewhere")) {
            assertFalse(TopicAccess.mayPublish(STRAP_A, topic), topic);
        }
    }

    @Test
    void maySubscribe_strap_onlyItsOwnAcknowledgementsRequestsCommandsConfigurationAndThePresence() {
        for (String filter : List.of(SyncTopics.acks("strap-a"), "backbeat/v2/devices/strap-a/acks/#",
                SyncTopics.ack("strap-a", "s1"), SyncTopics.requests("strap-a"), SyncTopics.command("strap-a"),
                SyncTopics.configuration("strap-a"),
                SyncTopics.HOST_PRESENCE, SyncTopics.ALL_HOST_PRESENCE)) {
            assertTrue(TopicAccess.maySubscribe(STRAP_A, filter), filter);
        }
        for (String filter : List.of(SyncTopics.acks("strap-b"), "backbeat/v2/devices/+/acks/+", SyncTopics.requests("strap-b"),
                SyncTopics.command("strap-b"), SyncTopics.health("strap-b"), SyncTopics.ALL_HEALTH,
                SyncTopics.configuration("strap-b"), SyncTopics.configurationReport("strap-a"), "backbeat/v2/devices/strap-a/config/#",
                SyncTopics.chunks("strap-a"), SyncTopics.manifest("strap-a"), SyncTopics.ALL_CHUNKS, "backbeat/v2/devices/#",
                "backbeat/v2/#", "#", "+/v2/devices/strap-a/acks/+", "backbeat/v2/devices/strap-a/#",
                "backbeat/v2/devices/strap-a/acks", "$share/group/backbeat/v2/devices/strap-a/acks/+", "$SYS/#",
                "backbeat/v2/devices/strap-ab/acks/+")) {
            assertFalse(TopicAccess.maySubscribe(STRAP_A, filter), filter);
        }
    }

    @Test
    void access_host_anythingUnderThePrefixOnly() {
        assertTrue(TopicAccess.mayPublish(HOST, SyncTopics.ack("strap-a", "s1")));
        assertTrue(TopicAccess.mayPublish(HOST, SyncTopics.HOST_PRESENCE));
        assertTrue(TopicAccess.maySubscribe(HOST, SyncTopics.ALL_CHUNKS));
        assertTrue(TopicAccess.maySubscribe(HOST, "backbeat/v2/#"));
        assertFalse(TopicAccess.mayPublish(HOST, "backbeat/v1/devices/strap-a/chunks"));
        assertFalse(TopicAccess.maySubscribe(HOST, "#"));
        assertFalse(TopicAccess.maySubscribe(HOST, "+/v2/devices/+/chunks"));
        assertFalse(TopicAccess.maySubscribe(HOST, "$SYS/#"));
    }

    @Test
    void maySubscribe_hostSharedSubscription_judgedByTheFilterAfterTheGroup() {
        assertTrue(TopicAccess.maySubscribe(HOST, SyncTopics.shared("clinic", SyncTopics.ALL_CHUNKS)));
        assertTrue(TopicAccess.maySubscribe(HOST, SyncTopics.shared("clinic", SyncTopics.ALL_MANIFESTS)));
        assertFalse(TopicAccess.maySubscribe(HOST, "$share/clinic/#"));
        assertFalse(TopicAccess.maySubscribe(HOST, "$share/clinic/$SYS/#"));
        assertFalse(TopicAccess.maySubscribe(HOST, "$share/backbeat/v2/devices/+/chunks"));
        assertFalse(TopicAccess.maySubscribe(HOST, "$share/clinic"));
        assertFalse(TopicAccess.maySubscribe(STRAP_A, SyncTopics.shared("clinic", SyncTopics.ALL_CHUNKS)));
    }

    @Test
    void access_unknownClient_nothing() {
        ClientIdentity unknown = new ClientIdentity.Unknown("no certificate");
        for (String topic : List.of(SyncTopics.ack("strap-a", "s1"), "#", "elsewhere")) {
            assertFalse(TopicAccess.maySubscribe(unknown, topic), topic);
        }
        assertFalse(TopicAccess.mayPublish(unknown, SyncTopics.chunks("strap-a")));
        assertFalse(TopicAccess.mayUseClientId(unknown, "backbeat-device-strap-a"));
    }

    @Test
    void mayUseClientId_pairedClient_onlyItsOwn() {
        assertTrue(TopicAccess.mayUseClientId(STRAP_A, "backbeat-device-strap-a"));
        assertTrue(TopicAccess.mayUseClientId(STRAP_A, "backbeat-device-strap-a:control"));
        assertFalse(TopicAccess.mayUseClientId(STRAP_A, "backbeat-device-strap-b:control"));
        for (String taken : List.of("backbeat-device-strap-b", "strap-a", "backbeat-host-4711", "backbeat-host",
                "backbeat-device-strap-a-2")) {
            assertFalse(TopicAccess.mayUseClientId(STRAP_A, taken), taken);
        }
        assertTrue(TopicAccess.mayUseClientId(HOST, "backbeat-host-4711"));
        assertTrue(TopicAccess.mayUseClientId(HOST, "backbeat-host"));
        assertFalse(TopicAccess.mayUseClientId(HOST, "backbeat-device-strap-a"));
        // a strap whose id starts like the host's still connects in the straps' name space
        ClientIdentity lookalike = new ClientIdentity.Strap("backbeat-host-4711");
        assertFalse(TopicAccess.mayUseClientId(lookalike, "backbeat-host-4711"));
        assertTrue(TopicAccess.mayUseClientId(lookalike, "backbeat-device-backbeat-host-4711"));
    }

    @Test
    void ofCertificate_hostOrDeviceId_isThatIdentity() throws Exception {
        assertEquals(HOST, ClientIdentity.ofCertificate(certificate(HostAuthority.HOST_IDENTITY)));
        assertEquals(new ClientIdentity.Strap("strap-07"), ClientIdentity.ofCertificate(certificate("strap-07")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BACKBEAT-HOST", "strap 07", "a+b", "strap-a\u00e9"})
    void ofCertificate_commonNameNoDeviceId_isUnknownNamingIt(String commonName) throws Exception {
        ClientIdentity identity = ClientIdentity.ofCertificate(certificate(commonName));
        ClientIdentity.Unknown unknown = assertInstanceOf(ClientIdentity.Unknown.class, identity);
        assertTrue(unknown.reason().contains("'" + commonName + "'"), unknown.reason());
    }

    private static java.security.cert.X509Certificate certificate(String commonName) throws Exception {
        HostAuthority.Issued ca = HostAuthority.createCa("Test CA", Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1)));
        return HostAuthority.issue(ca.certificate(), ca.privateKey(), commonName, HostAuthority.Purpose.CLIENT, List.of(),
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1))).certificate();
    }
}
