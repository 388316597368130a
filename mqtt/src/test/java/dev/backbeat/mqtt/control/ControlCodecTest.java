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
}
