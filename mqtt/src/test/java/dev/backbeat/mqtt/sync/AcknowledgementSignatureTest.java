// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signed acknowledgements: the trailing signature field, signing, and what a strap believes. */
class AcknowledgementSignatureTest {

    private static final KeyPair HOST = keyPair();
    private static final KeyPair OTHER = keyPair();
    private static final AcknowledgementSigner SIGNER = new AcknowledgementSigner(HOST.getPrivate());
    private static final AcknowledgementVerifier PAIRED = AcknowledgementVerifier.requiringSignatureOf(HOST.getPublic());
    private static final SyncRecord.Acknowledgement COMPLETE = new SyncRecord.Acknowledgement("strap-01", "s1", true, true,
            ChunkRanges.firstN(60), true);

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SyncRecord.Acknowledgement decoded(byte[] bytes) {
        SyncDecodeResult result = SyncCodec.decode(bytes);
        return (SyncRecord.Acknowledgement) assertInstanceOf(SyncDecodeResult.Decoded.class, result, result.toString())
                .record();
    }

    /** An acknowledgement as schema 1 wrote it before signatures, byte by byte. */
    private static byte[] schemaOneAcknowledgement() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("BKSY".getBytes());
        out.writeShort(1);
        out.writeByte(5);
        out.writeUTF("strap-01");
        out.writeUTF("s1");
        out.writeByte(1 | 2 | 4);
        out.writeInt(1);
        out.writeInt(0);
        out.writeInt(60);
        return bytes.toByteArray();
    }

    @Test
    void encode_unsigned_isExactlyTheSchemaOneBytes() throws IOException {
        assertArrayEquals(schemaOneAcknowledgement(), SyncCodec.encode(COMPLETE));
        SyncRecord.Acknowledgement old = decoded(schemaOneAcknowledgement());
        assertEquals(COMPLETE, old);
        assertFalse(old.isSigned());
    }

    @Test
    void encode_signed_appendsLengthAndSignature_andRoundTrips() throws IOException {
        SyncRecord.Acknowledgement signed = SIGNER.sign(COMPLETE);
        byte[] encoded = SyncCodec.encode(signed);
        byte[] unsigned = schemaOneAcknowledgement();
        assertArrayEquals(unsigned, Arrays.copyOf(encoded, unsigned.length), "the signed part is the unsigned record");
        int length = ((encoded[unsigned.length] & 0xFF) << 8) | (encoded[unsigned.length + 1] & 0xFF);
        assertEquals(encoded.length - unsigned.length - 2, length);
        assertTrue(length > 0 && length <= 72, "a DER P-256 signature: " + length + " bytes");
        assertEquals(signed, decoded(encoded));
    }

    @Test
    void decode_signatureLengthZero_isUnsigned() throws IOException {
        byte[] unsigned = schemaOneAcknowledgement();
        byte[] explicit = Arrays.copyOf(unsigned, unsigned.length + 2);
        assertFalse(decoded(explicit).isSigned());
    }

    @Test
    void decode_signatureOverTheLimitOrTruncated_isRejectedNeverThrown() throws IOException {
        byte[] unsigned = schemaOneAcknowledgement();
        byte[] overLimit = Arrays.copyOf(unsigned, unsigned.length + 2 + 200);
        overLimit[unsigned.length + 1] = (byte) 200;
        String reason = assertInstanceOf(SyncDecodeResult.Rejected.class, SyncCodec.decode(overLimit)).reason();
        assertTrue(reason.contains("over the 128-byte limit"), reason);
        byte[] signed = SyncCodec.encode(SIGNER.sign(COMPLETE));
        for (int length = unsigned.length + 1; length < signed.length; length++) {
            assertInstanceOf(SyncDecodeResult.Rejected.class, SyncCodec.decode(Arrays.copyOf(signed, length)), "length " + length);
        }
        byte[] oneOdd = Arrays.copyOf(unsigned, unsigned.length + 1);
        assertInstanceOf(SyncDecodeResult.Rejected.class, SyncCodec.decode(oneOdd));
    }

    @Test
    void rejection_signedByTheHost_isNone() {
        SyncRecord.Acknowledgement received = decoded(SyncCodec.encode(SIGNER.sign(COMPLETE)));
        assertEquals(Optional.empty(), PAIRED.rejection(received, "strap-01", "s1"));
    }

    @Test
    void rejection_anyByteTampered_isRejectedOrUndecodable() {
        byte[] signed = SyncCodec.encode(SIGNER.sign(COMPLETE));
        for (int position = 0; position < signed.length; position++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = signed.clone();
                tampered[position] ^= (byte) (1 << bit);
                if (SyncCodec.decode(tampered) instanceof SyncDecodeResult.Decoded(SyncRecord.Acknowledgement ack)) {
                    assertTrue(PAIRED.rejection(ack, "strap-01", "s1").isPresent(),
                            "byte " + position + " bit " + bit + " changed and still believed: " + ack);
                }
            }
        }
    }

    @Test
    void rejection_signatureMovedToAnotherSession_isRejected() {
        byte[] signature = SIGNER.sign(COMPLETE).signature();
        SyncRecord.Acknowledgement moved = new SyncRecord.Acknowledgement("strap-01", "s2", true, true,
                ChunkRanges.firstN(60), true, signature);
        String reason = PAIRED.rejection(moved, "strap-01", "s2").orElseThrow();
        assertTrue(reason.contains("signature does not verify"), reason);
        SyncRecord.Acknowledgement movedDevice = new SyncRecord.Acknowledgement("strap-02", "s1", true, true,
                ChunkRanges.firstN(60), true, signature);
        assertTrue(PAIRED.rejection(movedDevice, "strap-02", "s1").isPresent());
    }

    @Test
    void rejection_validAcknowledgementOnAnotherSessionsTopic_isRejected() {
        SyncRecord.Acknowledgement signed = SIGNER.sign(COMPLETE);
        String reason = PAIRED.rejection(signed, "strap-01", "s2").orElseThrow();
        assertTrue(reason.contains("about session s1 but came on the topic of session s2"), reason);
        assertTrue(AcknowledgementVerifier.UNSIGNED_ACCEPTED.rejection(signed, "strap-01", "s2").isPresent());
        assertTrue(PAIRED.rejection(signed, "strap-02", "s1").orElseThrow().contains("device 'strap-01'"));
    }

    @Test
    void rejection_signedWithAnotherKey_isRejected() {
        SyncRecord.Acknowledgement forged = new AcknowledgementSigner(OTHER.getPrivate()).sign(COMPLETE);
        String reason = PAIRED.rejection(forged, "strap-01", "s1").orElseThrow();
        assertTrue(reason.contains("signature does not verify"), reason);
    }

    @Test
    void rejection_claimsChangedUnderTheSignature_isRejected() {
        byte[] signature = SIGNER.sign(new SyncRecord.Acknowledgement("strap-01", "s1", true, false, ChunkRanges.firstN(3),
                false)).signature();
        assertTrue(PAIRED.rejection(COMPLETE.withSignature(signature), "strap-01", "s1").isPresent());
    }

    @Test
    void rejection_unsignedWhenRequired_isRejected_andAcceptedWhenNot() {
        String reason = PAIRED.rejection(COMPLETE, "strap-01", "s1").orElseThrow();
        assertTrue(reason.contains("not signed"), reason);
        assertEquals(Optional.empty(), AcknowledgementVerifier.UNSIGNED_ACCEPTED.rejection(COMPLETE, "strap-01", "s1"));
        assertTrue(PAIRED.requiresSignature());
        assertFalse(AcknowledgementVerifier.UNSIGNED_ACCEPTED.requiresSignature());
    }

    @Test
    void rejection_malformedSignature_isRejectedNeverThrown() {
        SyncRecord.Acknowledgement garbage = COMPLETE.withSignature(new byte[] {0x30, 0x02, 0x01});
        assertTrue(PAIRED.rejection(garbage, "strap-01", "s1").isPresent());
    }

    @Test
    void sign_replacesAnEarlierSignature_andIsFreshEachTime() {
        SyncRecord.Acknowledgement once = SIGNER.sign(COMPLETE);
        SyncRecord.Acknowledgement twice = SIGNER.sign(once);
        assertEquals(Optional.empty(), PAIRED.rejection(twice, "strap-01", "s1"));
        assertEquals(once.unsigned(), twice.unsigned());
    }

    @Test
    void signer_nonEcKey_throws() throws GeneralSecurityException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair keys = rsa.generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> new AcknowledgementSigner(keys.getPrivate()));
        assertThrows(IllegalArgumentException.class, () -> AcknowledgementVerifier.requiringSignatureOf(keys.getPublic()));
    }

    @Test
    void acknowledgement_signatureOverTheLimit_throws() {
        assertThrows(IllegalArgumentException.class, () -> COMPLETE.withSignature(new byte[SyncCodec.MAX_SIGNATURE_BYTES + 1]));
    }
}
