// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.host.broker.EmbeddedBroker;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.SyncStore;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.paho.PahoDeviceLink;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.ChunkSamples;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad payloads sent through a real broker: each is refused with a reason, quarantined, nothing stored. */
class BadInputIT {

    @TempDir
    Path directory;

    private static ChunkSamples samples(float gyroscopeValue) {
        double[] times = {0.0, 0.01, 0.02};
        float[] values = {0.1f, 0.2f, 0.3f, 0.1f, 0.2f, 0.3f, 0.1f, 0.2f, gyroscopeValue};
        return new ChunkSamples(List.of(new ChunkSamples.Block(SensorPosition.UPPER, times, values, values.clone())));
    }

    private static byte[] chunkWithRawSamples(String deviceId, byte[] compressed) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("BKSY".getBytes());
        out.writeShort(SyncCodec.RECORD_SCHEMA_VERSION);
        out.writeByte(2);
        out.writeUTF(deviceId);
        out.writeUTF("s1");
        out.writeInt(0);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(deviceId.getBytes());
        digest.update((byte) 0);
        digest.update("s1".getBytes());
        digest.update((byte) 0);
        digest.update(new byte[4]);
        digest.update(compressed);
        out.write(digest.digest());
        out.writeInt(compressed.length);
        out.write(compressed);
        return bytes.toByteArray();
    }

    @Test
    void badPayloads_areQuarantinedWithTheirReason_andNothingIsStored() throws Exception {
        byte[] good = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s1", 0, samples(0.5f), Optional.empty()));
        byte[] wrongHash = good.clone();
        wrongHash[40] ^= 1;
        byte[] newerSchema = good.clone();
        newerSchema[5] = 9;
        byte[] nan = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s1", 0, samples(Float.NaN), Optional.empty()));
        byte[] zeros = new byte[32 << 20];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(zeros);
        deflater.finish();
        byte[] buffer = new byte[1 << 20];
        byte[] bomb = chunkWithRawSamples("strap-01", Arrays.copyOf(buffer, deflater.deflate(buffer)));
        deflater.end();
        byte[] oversized = new byte[SyncCodec.MAX_RECORD_BYTES + 10];
        System.arraycopy(good, 0, oversized, 0, good.length);
        byte[] otherDevice = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-02", "s1", 0, samples(0.5f), Optional.empty()));

        byte[] otherDevicesBundle = SyncCodec.encode(new SyncRecord.Bundle("strap-02", List.of(good)));

        List<byte[]> bad = List.of(Arrays.copyOf(good, good.length / 2), wrongHash, newerSchema, nan, bomb, oversized,
                otherDevice, otherDevicesBundle);
        List<String> expectedReasons = List.of("truncated", "hash does not match", "newer than this program understands",
                "NaN", "inflate beyond", "over the", "came on device 'strap-01'", "bundle is from device 'strap-02'");

        try (EmbeddedBroker broker = EmbeddedBroker.start(directory.resolve("broker"), EmbeddedBroker.freeLoopbackPort(),
                EmbeddedBroker.Persistence.IN_MEMORY);
             SessionStore store = SessionStore.open(directory.resolve("store"), true)) {
            // QoS 1, not retained: sent once the host has subscribed
            List<String> log = new ArrayList<>();
            SessionSync sync = new SessionSync((subscriptions, willTopic, willPayload) -> PahoHostLink.connect(
                    BrokerEndpoint.plain(broker.uri(), "bad-host"), subscriptions, willTopic, willPayload), store, log::add);
            Thread sender = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(1_000);
                    try (MqttLink device = PahoDeviceLink.connect(BrokerEndpoint.plain(broker.uri(), "bad-device"), List.of(), 32)) {
                        for (byte[] payload : bad) {
                            device.publish(SyncTopics.chunks("strap-01"), payload, false, Duration.ofSeconds(10));
                        }
                    }
                } catch (Exception e) {
                    log.add("sender failed: " + e);
                }
            });
            SyncReport report = sync.run(Duration.ofSeconds(3));
            sender.join(10_000);
            assertEquals(List.of(), report.stored());
            assertEquals(bad.size(), report.rejected().size(), report.rejected() + "\n" + log);
            for (int index = 0; index < bad.size(); index++) {
                assertTrue(report.rejected().get(index).contains(expectedReasons.get(index)),
                        "payload " + index + ": " + report.rejected().get(index));
            }
            SyncStore syncStore = new SyncStore(store);
            assertEquals(bad.size(), syncStore.quarantineCount());
            assertEquals(List.of(), store.list());
            assertEquals(0, syncStore.acknowledgement("strap-01", "s1").chunks().size(), "no chunk stored");
        }
    }

    @Test
    void bundle_withBadRecords_quarantinesEachAlone_andStoresTheGoodOnes() throws Exception {
        byte[] good0 = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s2", 0, samples(0.5f), Optional.empty()));
        byte[] good2 = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s2", 2, samples(0.7f), Optional.empty()));
        byte[] wrongHash = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s2", 1, samples(0.6f), Optional.empty()));
        wrongHash[40] ^= 1;
        byte[] nan = SyncCodec.encode(SyncRecord.SessionChunk.seal("strap-01", "s2", 3, samples(Float.NaN), Optional.empty()));
        byte[] bundle = SyncCodec.encode(new SyncRecord.Bundle("strap-01", List.of(good0, wrongHash, good2, nan)));

        try (EmbeddedBroker broker = EmbeddedBroker.start(directory.resolve("broker"), EmbeddedBroker.freeLoopbackPort(),
                EmbeddedBroker.Persistence.IN_MEMORY);
             SessionStore store = SessionStore.open(directory.resolve("store"), true)) {
            List<String> log = new ArrayList<>();
            SessionSync sync = new SessionSync((subscriptions, willTopic, willPayload) -> PahoHostLink.connect(
                    BrokerEndpoint.plain(broker.uri(), "bundle-host"), subscriptions, willTopic, willPayload), store, log::add);
            Thread sender = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(1_000);
                    try (MqttLink device = PahoDeviceLink.connect(BrokerEndpoint.plain(broker.uri(), "bundle-device"), List.of(), 32)) {
                        device.publish(SyncTopics.chunks("strap-01"), bundle, false, Duration.ofSeconds(10));
                    }
                } catch (Exception e) {
                    log.add("sender failed: " + e);
                }
            });
            SyncReport report = sync.run(Duration.ofSeconds(3));
            sender.join(10_000);
            assertEquals(2, report.rejected().size(), report.rejected() + "\n" + log);
            assertTrue(report.rejected().get(0).contains("hash does not match"), report.rejected().get(0));
            assertTrue(report.rejected().get(1).contains("NaN"), report.rejected().get(1));
            SyncStore syncStore = new SyncStore(store);
            assertEquals(2, syncStore.quarantineCount());
            assertEquals(dev.backbeat.mqtt.sync.ChunkRanges.of(0, 2), syncStore.acknowledgement("strap-01", "s2").chunks());
        }
    }
}
