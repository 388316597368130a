// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Health and command records: round trips, signatures, and bad bytes that never throw. */
class ControlCodecTest {

    private static final KeyPair HOST = keyPair();
    private static final KeyPair OTHER = keyPair();
    private static final DeviceCommand START = DeviceCommand.unsigned("strap-01", "c0ffee01", DeviceCommand.Action.START,
            Instant.parse("2026-12-06T12:00:00Z"));
    private static final DeviceHealth HEALTH = new DeviceHealth("strap-01", Instant.parse("2026-12-06T12:00:01.250Z"),
            "0.1.0", 3600, DeviceHealth.State.SENDING, "cat-cow", 2, 123_456, Optional.of(Instant.parse("2026-12-06T11:00:00Z")),
            9_000_000_000L, 12_000_000, 17, 1, List.of("upper MPU-6050 @ 0x68", "lower MPU-6050 @ 0x69"),
            DeviceHealth.ClockStatus.NOT_SYNCHRONIZED, "c0ffee01", "started", "");

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void health_encodedAndDecoded_isEqual() {
        ControlDecodeResult decoded = ControlCodec.decode(ControlCodec.encode(HEALTH));
        assertEquals(HEALTH, assertInstanceOf(ControlDecodeResult.Health.class, decoded, decoded.toString()).health());
        DeviceHealth never = HEALTH.withState(DeviceHealth.State.GONE, Instant.EPOCH);
        never = new DeviceHealth(never.deviceId(), never.writtenAt(), never.version(), 0, never.state(), "", 0, 0,
                Optional.empty(), 0, 0, 0, 0, List.of(), DeviceHealth.ClockStatus.UNKNOWN, "", "", "disk full");
        assertEquals(never, ((ControlDecodeResult.Health) ControlCodec.decode(ControlCodec.encode(never))).health());
    }

    @Test
    void command_signedByTheHost_verifiesOnAPairedStrap() {
        DeviceCommand signed = CommandVerifier.sign(START, HOST.getPrivate());
        DeviceCommand decoded = ((ControlDecodeResult.Command) ControlCodec.decode(ControlCodec.encode(signed))).command();
        assertEquals(signed, decoded);
        CommandVerifier paired = CommandVerifier.requiringSignatureOf(HOST.getPublic());
        assertEquals(Optional.empty(), paired.rejection(decoded, "strap-01"));
        assertTrue(paired.rejection(decoded, "strap-02").orElseThrow().contains("not this one"));
    }

    @Test
    void command_unsignedOrSignedByAnotherKeyOrAltered_isRejectedOnAPairedStrap() {
        CommandVerifier paired = CommandVerifier.requiringSignatureOf(HOST.getPublic());
        assertTrue(paired.rejection(START, "strap-01").orElseThrow().contains("not signed"));
        assertTrue(paired.rejection(CommandVerifier.sign(START, OTHER.getPrivate()), "strap-01").orElseThrow()
                .contains("does not verify"));
        DeviceCommand signedStart = CommandVerifier.sign(START, HOST.getPrivate());
        DeviceCommand turnedIntoStop = new DeviceCommand("strap-01", "c0ffee01", DeviceCommand.Action.STOP,
                START.issuedAt(), signedStart.signature());
        assertTrue(paired.rejection(turnedIntoStop, "strap-01").orElseThrow().contains("does not verify"));
        assertEquals(Optional.empty(), CommandVerifier.UNSIGNED_ACCEPTED.rejection(START, "strap-01"));
    }

    @Test
    void decode_badBytes_rejectsWithAReasonAndNeverThrows() {
        byte[] health = ControlCodec.encode(HEALTH);
        for (int length = 0; length < health.length; length++) {
            assertInstanceOf(ControlDecodeResult.Rejected.class, ControlCodec.decode(java.util.Arrays.copyOf(health, length)));
        }
        byte[] longer = java.util.Arrays.copyOf(health, health.length + 1);
        assertEquals(new ControlDecodeResult.Rejected("unexpected bytes after the record"), ControlCodec.decode(longer));
        byte[] newer = health.clone();
        newer[5] = 2;
        assertTrue(((ControlDecodeResult.Rejected) ControlCodec.decode(newer)).reason().contains("update backbeat"));
        assertInstanceOf(ControlDecodeResult.Rejected.class, ControlCodec.decode(null));
        assertInstanceOf(ControlDecodeResult.Rejected.class, ControlCodec.decode("online".getBytes()));
        Random random = new Random(14);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] mutated = health.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
            }
            ControlDecodeResult result = ControlCodec.decode(mutated); // must not throw
            assertTrue(result instanceof ControlDecodeResult.Rejected || result instanceof ControlDecodeResult.Health
                    || result instanceof ControlDecodeResult.Command);
        }
    }

    private static final DesiredConfiguration CONFIGURATION = DesiredConfiguration.unsigned("strap-01", 3,
            Instant.parse("2026-12-06T12:00:02Z"), new DesiredConfiguration.Choice(DesiredConfiguration.Form.BUILT_IN, "extensions"),
            new DesiredConfiguration.Choice(DesiredConfiguration.Form.TEXT,
                    "backbeat-profile 1\nname mine\nextension-limit 12 # ° from neutral\n"), 5, 4, 6);

    @Test
    void configuration_encodedAndDecoded_isEqual() {
        assertEquals(CONFIGURATION, ((ControlDecodeResult.Configuration) ControlCodec.decode(ControlCodec.encode(CONFIGURATION)))
                .configuration());
        DesiredConfiguration unset = DesiredConfiguration.unsigned("strap-01", 1, Instant.EPOCH,
                DesiredConfiguration.Choice.UNSET, DesiredConfiguration.Choice.UNSET, Double.NaN, Double.NaN, Double.NaN);
        assertEquals(unset, ((ControlDecodeResult.Configuration) ControlCodec.decode(ControlCodec.encode(unset))).configuration());
        DesiredConfiguration signed = CommandVerifier.sign(CONFIGURATION, HOST.getPrivate());
        assertEquals(signed, ((ControlDecodeResult.Configuration) ControlCodec.decode(ControlCodec.encode(signed)))
                .configuration());
    }

    @Test
    void report_encodedAndDecoded_isEqual() {
        ConfigurationReport report = new ConfigurationReport("strap-01", Instant.parse("2026-12-06T12:00:03Z"), 3,
                "extensions", "ab".repeat(32), "mine", "cd".repeat(32), 5, 4, 6, "20261206T120010Z-n4-3f9a",
                Optional.of(new ConfigurationReport.Refusal(4, "routine of configuration 4:3: unknown movement 'plank'")));
        assertEquals(report, ((ControlDecodeResult.Report) ControlCodec.decode(ControlCodec.encode(report))).report());
        ConfigurationReport none = new ConfigurationReport("strap-01", Instant.EPOCH, 0, "cat-cow", "ab".repeat(32), "", "",
                Double.NaN, Double.NaN, Double.NaN, "", Optional.empty());
        assertEquals(none, ((ControlDecodeResult.Report) ControlCodec.decode(ControlCodec.encode(none))).report());
    }

    @Test
    void configuration_unsignedOrAlteredOrForAnotherStrap_isRejectedOnAPairedStrap() {
        CommandVerifier paired = CommandVerifier.requiringSignatureOf(HOST.getPublic());
        assertTrue(paired.rejection(CONFIGURATION, "strap-01").orElseThrow().contains("not signed"));
        DesiredConfiguration signed = CommandVerifier.sign(CONFIGURATION, HOST.getPrivate());
        assertEquals(Optional.empty(), paired.rejection(signed, "strap-01"));
        assertTrue(paired.rejection(signed, "strap-02").orElseThrow().contains("not this one"));
        DesiredConfiguration faster = new DesiredConfiguration("strap-01", 3, signed.issuedAt(), signed.routine(),
                signed.profile(), 10, 4, 6, signed.signature());
        assertTrue(paired.rejection(faster, "strap-01").orElseThrow().contains("does not verify"));
        assertTrue(paired.rejection(CommandVerifier.sign(CONFIGURATION, OTHER.getPrivate()), "strap-01").orElseThrow()
                .contains("does not verify"));
        assertEquals(Optional.empty(), CommandVerifier.UNSIGNED_ACCEPTED.rejection(CONFIGURATION, "strap-01"));
    }

    @Test
    void configuration_newerFormat_isRejectedWithUpdateBackbeatDevice() {
        byte[] newer = ControlCodec.encode(CONFIGURATION);
        newer[8] = 2; // the configuration format, after the kind byte
        assertEquals(new ControlDecodeResult.Rejected("configuration format 2 is newer than this program reads (1): "
                + "update backbeat-device"), ControlCodec.decode(newer));
        byte[] longerAndNewer = java.util.Arrays.copyOf(newer, newer.length + 40); // a newer body may be longer
        assertTrue(((ControlDecodeResult.Rejected) ControlCodec.decode(longerAndNewer)).reason().contains("update backbeat-device"));
    }

    @Test
    void configuration_plan_checksOnTheStrapWhatTheHostChecks() throws Exception {
        assertEquals("extensions", CONFIGURATION.plan(dev.backbeat.core.routine.SessionPlan.DEFAULT).routine().name());
        assertEquals("mine", CONFIGURATION.plan(dev.backbeat.core.routine.SessionPlan.DEFAULT).profileName());
        DesiredConfiguration badRoutine = DesiredConfiguration.unsigned("strap-01", 4, Instant.EPOCH,
                new DesiredConfiguration.Choice(DesiredConfiguration.Form.TEXT,
                        "backbeat-routine 1\nname mine\nstep neutral-stand duration=5\nstep plank repetitions=3\n"),
                DesiredConfiguration.Choice.UNSET, Double.NaN, Double.NaN, Double.NaN);
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(dev.backbeat.core.routine.RoutineFormatException.class,
                () -> badRoutine.plan(dev.backbeat.core.routine.SessionPlan.DEFAULT)).getMessage()
                .startsWith("routine of configuration 4:4: unknown movement 'plank'"));
        DesiredConfiguration unknownBuiltIn = DesiredConfiguration.unsigned("strap-01", 5, Instant.EPOCH,
                new DesiredConfiguration.Choice(DesiredConfiguration.Form.BUILT_IN, "/etc/passwd"),
                DesiredConfiguration.Choice.UNSET, Double.NaN, Double.NaN, Double.NaN);
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(dev.backbeat.core.routine.RoutineFormatException.class,
                () -> unknownBuiltIn.plan(dev.backbeat.core.routine.SessionPlan.DEFAULT)).getMessage()
                .contains("is not a built-in routine of this program"));
    }

    @Test
    void decode_badConfigurationBytes_rejectsWithAReasonAndNeverThrows() {
        byte[] configuration = ControlCodec.encode(CommandVerifier.sign(CONFIGURATION, HOST.getPrivate()));
        for (int length = 0; length < configuration.length; length++) {
            ControlDecodeResult result = ControlCodec.decode(java.util.Arrays.copyOf(configuration, length));
            // cut where the signature begins, it is a valid unsigned configuration; anywhere else it is refused
            assertTrue(result instanceof ControlDecodeResult.Rejected || result instanceof ControlDecodeResult.Configuration c
                    && !c.configuration().isSigned(), length + ": " + result);
        }
        Random random = new Random(15);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] mutated = configuration.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
            }
            assertTrue(ControlCodec.decode(mutated) != null); // must not throw
        }
        byte[] huge = java.util.Arrays.copyOf(configuration, ControlCodec.MAX_CONFIGURATION_BYTES + 1);
        assertTrue(((ControlDecodeResult.Rejected) ControlCodec.decode(huge)).reason().contains("-byte limit"));
    }
}
