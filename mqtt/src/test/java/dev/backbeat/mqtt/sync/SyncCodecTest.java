// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class SyncCodecTest {

    private static final SampleResolution RESOLUTION = SampleResolution.LSM6DSOX_500DPS_4G;

    private static SyncRecord decoded(byte[] bytes) {
        SyncDecodeResult result = SyncCodec.decode(bytes);
        return assertInstanceOf(SyncDecodeResult.Decoded.class, result, result.toString()).record();
    }

    private static String rejection(byte[] bytes) {
        return assertInstanceOf(SyncDecodeResult.Rejected.class, SyncCodec.decode(bytes)).reason();
    }

    @Test
    void chunk_floatSamples_roundTripsBitForBit() {
        ChunkSamples samples = SyncTestData.samples(1, 3, 200, null);
        SyncRecord.SessionChunk chunk = SyncRecord.SessionChunk.seal("strap-01", "s1", 3, samples, Optional.of(RESOLUTION));
        SyncRecord.SessionChunk back = (SyncRecord.SessionChunk) decoded(SyncCodec.encode(chunk));
        assertEquals(samples, back.samples());
        assertEquals(chunk, back);
    }

    @Test
    void chunk_chipCounts_roundTripAndTakeUnderFortyPercentOfFloat32() {
        ChunkSamples samples = SyncTestData.samples(2, 10, 200, RESOLUTION);
        byte[] record = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s1", 0, samples, Optional.of(RESOLUTION)));
        assertEquals(samples, ((SyncRecord.SessionChunk) decoded(record)).samples());
        int rawFloat32Bytes = samples.sampleCount() * 6 * 4;
        assertTrue(record.length < 0.40 * rawFloat32Bytes, record.length + " of " + rawFloat32Bytes);
    }

    @Test
    void everyKind_roundTrips() {
        List<SyncRecord> records = List.of(
                new SyncRecord.SessionStart("strap-01", "s1", Instant.ofEpochMilli(1_700_000_000_123L), "sim", 200,
                        List.of(SensorPosition.UPPER, SensorPosition.LOWER), Map.of("pacer.bpm", "6")),
                new SyncRecord.Manifest("strap-01", Instant.ofEpochMilli(5), List.of(new SyncRecord.ManifestEntry("s1", 60, true),
                        new SyncRecord.ManifestEntry("s2", 3, false))),
                new SyncRecord.Acknowledgement("strap-01", "s1", true, false, ChunkRanges.of(0, 1, 2, 5), false),
                new SyncRecord.GapRequest("strap-01", "s1", false, true, ChunkRanges.of(3, 4)));
        for (SyncRecord record : records) {
            assertEquals(record, decoded(SyncCodec.encode(record)));
        }
        SyncRecord.SessionEnd end = new SyncRecord.SessionEnd("strap-01", "s1", SyncRecord.EndStatus.INTERRUPTED, 7,
                SyncTestData.analysis("strap-01", "s1"));
        assertEquals(end, decoded(SyncCodec.encode(end)));
    }

    private static byte[] end(byte[] analysis) {
        return SyncCodec.encode(new SyncRecord.SessionEnd("strap-01", "s1", SyncRecord.EndStatus.COMPLETE, 0, analysis));
    }

    @Test
    void decode_endWithUnreadableAnalysis_isRejectedNamingTheAnalysis() {
        assertTrue(rejection(end(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).contains("the end's analysis cannot be read"),
                rejection(end(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
    }

    @Test
    void decode_endWithAnalysisOfANewerSchema_saysToUpdate() {
        byte[] analysis = SyncTestData.analysis("strap-01", "s1");
        analysis[5] = (byte) (dev.backbeat.core.session.SessionCodec.SCHEMA_VERSION + 1);
        assertTrue(rejection(end(analysis)).contains("newer than this program understands"), rejection(end(analysis)));
    }

    @Test
    void decode_endWithAnalysisOfAnotherSession_isRejected() {
        assertTrue(rejection(end(SyncTestData.analysis("strap-01", "s2"))).contains("not of strap-01/s1"),
                rejection(end(SyncTestData.analysis("strap-01", "s2"))));
    }

    @Test
    void decode_endWithAnalysisBomb_isRejectedWithoutInflatingIt() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        bomb.write("BKBT".getBytes());
        bomb.write(new byte[] {0, 1});
        try (DataOutputStream body = new DataOutputStream(new java.util.zip.GZIPOutputStream(bomb))) {
            body.writeUTF("strap-01");
            body.writeUTF("s1");
            body.writeUTF("sim");
            body.writeLong(7);
            body.writeDouble(100);
            for (int field = 0; field < 8; field++) { // the summary: valid as long as it is read
                if (field == 1 || field == 5) {
                    body.writeInt(0);
                } else {
                    body.writeDouble(1);
                }
            }
            body.writeInt(1_000_000); // a million repetitions of 50 zero bytes each: 50 MB inflated
            byte[] zeros = new byte[1 << 20];
            for (int mebibyte = 0; mebibyte < 48; mebibyte++) {
                body.write(zeros);
            }
        }
        assertTrue(rejection(end(bomb.toByteArray())).contains("inflates beyond"), rejection(end(bomb.toByteArray())));
    }

    @Test
    void decode_truncatedAtEveryLength_isRejectedNeverThrown() {
        byte[] record = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s1", 0,
                SyncTestData.samples(3, 0, 100, null), Optional.empty()));
        for (int length = 0; length < record.length; length++) {
            assertInstanceOf(SyncDecodeResult.Rejected.class, SyncCodec.decode(Arrays.copyOf(record, length)), "length " + length);
        }
    }

    @Test
    void decode_flippedSampleByte_isRejectedForItsHash() {
        byte[] record = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s1", 0,
                SyncTestData.samples(4, 0, 100, null), Optional.empty()));
        record[record.length - 10] ^= 0x10;
        assertTrue(rejection(record).contains("hash does not match"), rejection(record));
    }

    @Test
    void decode_newerSchema_saysSoInsteadOfGuessing() {
        byte[] record = SyncCodec.encode(new SyncRecord.GapRequest("strap-01", "s1", true, false, ChunkRanges.EMPTY));
        record[5] = (byte) (SyncCodec.SCHEMA_VERSION + 1);
        assertTrue(rejection(record).contains("newer than this program understands"), rejection(record));
    }

    @Test
    void decode_recordWithTheBundleSchema_isRejected() {
        byte[] record = SyncCodec.encode(new SyncRecord.GapRequest("strap-01", "s1", true, false, ChunkRanges.EMPTY));
        record[5] = (byte) SyncCodec.SCHEMA_VERSION;
        assertTrue(rejection(record).contains("not the version of record kind 6"), rejection(record));
    }

    @Test
    void bundle_ofStartChunksAndEnd_roundTripsEveryRecordByteForByte() {
        List<byte[]> inner = List.of(
                SyncCodec.encode(new SyncRecord.SessionStart("strap-01", "s1", Instant.ofEpochMilli(7), "sim", 200,
                        List.of(SensorPosition.UPPER), Map.of())),
                SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s1", 0, SyncTestData.samples(6, 0, 100, null),
                        Optional.empty())),
                SyncCodec.encode(new SyncRecord.SessionEnd("strap-01", "s1", SyncRecord.EndStatus.COMPLETE, 1, new byte[] {9})));
        byte[] bundle = SyncCodec.encode(new SyncRecord.Bundle("strap-01", inner));
        assertEquals(SyncCodec.SCHEMA_VERSION, bundle[5]);
        int expectedLength = SyncCodec.BUNDLE_HEADER_BYTES + "strap-01".length()
                + inner.stream().mapToInt(record -> record.length + SyncCodec.BUNDLE_BYTES_PER_RECORD).sum();
        assertEquals(expectedLength, bundle.length);
        SyncRecord.Bundle back = (SyncRecord.Bundle) decoded(bundle);
        assertEquals("strap-01", back.deviceId());
        assertEquals(inner.size(), back.records().size());
        for (int index = 0; index < inner.size(); index++) {
            assertArrayEquals(inner.get(index), back.records().get(index));
        }
    }

    @Test
    void bundle_schemaOneReader_isToldTheSchemaIsNewer() {
        byte[] bundle = SyncCodec.encode(new SyncRecord.Bundle("strap-01", List.of(
                SyncCodec.encode(new SyncRecord.GapRequest("strap-01", "s1", true, false, ChunkRanges.EMPTY)))));
        assertEquals(2, bundle[5], "a schema-1 reader refuses schema 2 as newer");
    }

    @Test
    void bundle_holdingABundle_isRejected() {
        byte[] inner = SyncCodec.encode(new SyncRecord.Bundle("strap-01", List.of(
                SyncCodec.encode(new SyncRecord.GapRequest("strap-01", "s1", true, false, ChunkRanges.EMPTY)))));
        assertThrows(IllegalArgumentException.class, () -> SyncCodec.encode(new SyncRecord.Bundle("strap-01", List.of(inner))));
        byte[] outer = SyncCodec.encode(new SyncRecord.Bundle("strap-01", List.of(new byte[] {1, 2, 3, 4, 5, 6, 0})));
        outer[outer.length - 1] = 7; // the record's kind byte: now a bundle inside a bundle
        assertTrue(rejection(outer).contains("is itself a bundle"), rejection(outer));
    }

    @Test
    void bundle_truncatedAtEveryLength_isRejectedNeverThrown() {
        byte[] bundle = SyncCodec.encode(new SyncRecord.Bundle("strap-01", List.of(
                SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s1", 0, SyncTestData.samples(7, 0, 50, null),
                        Optional.empty())),
                SyncCodec.encode(new SyncRecord.GapRequest("strap-01", "s1", true, false, ChunkRanges.EMPTY)))));
        for (int length = 0; length < bundle.length; length++) {
            assertInstanceOf(SyncDecodeResult.Rejected.class, SyncCodec.decode(Arrays.copyOf(bundle, length)), "length " + length);
        }
    }

    @Test
    void decode_oversized_isRejected() {
        byte[] record = new byte[SyncCodec.MAX_RECORD_BYTES + 1];
        System.arraycopy("BKSY".getBytes(), 0, record, 0, 4);
        assertTrue(rejection(record).contains("over the"), rejection(record));
    }

    @Test
    void decode_decompressionBomb_isRejected() throws IOException {
        byte[] zeros = new byte[64 << 20];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(zeros);
        deflater.finish();
        byte[] buffer = new byte[1 << 20];
        int size = deflater.deflate(buffer);
        deflater.end();
        byte[] bomb = Arrays.copyOf(buffer, size);
        assertTrue(bomb.length < 200_000, "the bomb is small: " + bomb.length);
        assertTrue(rejection(chunkWithCompressedSamples(bomb)).contains("inflate beyond"));
    }

    @Test
    void decode_nanSample_isRejected() {
        ChunkSamples samples = SyncTestData.samples(5, 0, 100, null);
        samples.blocks().get(0).gyroscopeRadiansPerSecond()[7] = Float.NaN;
        byte[] record = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s1", 0, samples, Optional.empty()));
        assertTrue(rejection(record).contains("NaN"), rejection(record));
    }

    @Test
    void decode_garbageAfterRecord_isRejected() {
        byte[] record = SyncCodec.encode(new SyncRecord.GapRequest("strap-01", "s1", true, false, ChunkRanges.EMPTY));
        assertTrue(rejection(Arrays.copyOf(record, record.length + 1)).contains("unexpected bytes"));
    }

    /** A chunk record whose hash is right for {@code compressed}, whatever it holds. */
    static byte[] chunkWithCompressedSamples(byte[] compressed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("BKSY".getBytes());
        out.writeShort(SyncCodec.RECORD_SCHEMA_VERSION);
        out.writeByte(2);
        out.writeUTF("strap-01");
        out.writeUTF("s1");
        out.writeInt(0);
        out.write(SyncRecord.SessionChunk.hash("strap-01", "s1", 0, compressed));
        out.writeInt(compressed.length);
        out.write(compressed);
        return bytes.toByteArray();
    }

    @Test
    void chunkRanges_missingBelow_findsTheHoles() {
        ChunkRanges stored = ChunkRanges.of(0, 1, 2, 5, 6, 9);
        assertEquals(ChunkRanges.of(3, 4, 7, 8, 10, 11), stored.missingBelow(12));
        assertTrue(ChunkRanges.firstN(4).isFirstN(4));
        assertArrayEquals(new int[] {0, 3, 5, 7, 9, 10}, stored.bounds());
    }

    @Test
    void chunkRanges_minus_removesEveryIndexOfTheOther() {
        ChunkRanges held = ChunkRanges.of(0, 1, 2, 3, 4, 7, 8, 9, 12);
        assertEquals(ChunkRanges.of(0, 4, 7, 12), held.minus(ChunkRanges.of(1, 2, 3, 8, 9, 10, 11)));
        assertEquals(ChunkRanges.EMPTY, held.minus(ChunkRanges.firstN(20)));
        assertEquals(held, held.minus(ChunkRanges.of(5, 6, 13)));
        assertEquals(held, held.minus(ChunkRanges.EMPTY));
    }

    @Test
    void acknowledgement_withContentDigest_roundTripsAndOnlyWhenComplete() {
        byte[] content = new byte[SessionContentDigest.BYTES];
        content[3] = 7;
        SyncRecord.Acknowledgement ack = new SyncRecord.Acknowledgement("strap-01", "s1", true, true, ChunkRanges.firstN(3),
                true, content, new byte[0]);
        SyncRecord.Acknowledgement back = (SyncRecord.Acknowledgement) decoded(SyncCodec.encode(ack));
        assertEquals(ack, back);
        assertArrayEquals(content, back.contentSha256());
        assertThrows(IllegalArgumentException.class, () -> new SyncRecord.Acknowledgement("strap-01", "s1", true, false,
                ChunkRanges.firstN(3), false, content, new byte[0]));
        byte[] unknownFlag = SyncCodec.encode(ack);
        unknownFlag[7 + 2 + "strap-01".length() + 2 + "s1".length()] = 16 | 7;
        assertTrue(rejection(unknownFlag).contains("flags 23 are unknown"), rejection(unknownFlag));
    }

    @Test
    void chunkHash_readsTheChunksOwnHashWithoutInflating_andNothingFromOtherRecords() {
        SyncRecord.SessionChunk chunk = SyncRecord.SessionChunk.seal("strap-01", "s1", 5, SyncTestData.samples(8, 0, 50, null),
                Optional.empty());
        byte[] record = SyncCodec.encode(chunk);
        assertArrayEquals(chunk.sha256(), SyncCodec.chunkHash(record).orElseThrow());
        assertTrue(SyncCodec.chunkHash(SyncCodec.encode(new SyncRecord.GapRequest("strap-01", "s1", true, false,
                ChunkRanges.EMPTY))).isEmpty());
        assertTrue(SyncCodec.chunkHash(Arrays.copyOf(record, 20)).isEmpty());
        assertTrue(SyncCodec.chunkHash(new byte[0]).isEmpty());
    }
}
