// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.sync;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.device.outbox.ChunkWriter;
import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.device.outbox.DeviceSync;
import dev.backbeat.device.outbox.OutboxRecording;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.host.broker.EmbeddedBroker;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.SampleResolution;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The backlog target of issue 7: a device that was offline holds N ten-minute sessions of two
 * IMUs at 200 Hz (whole LSM6DSOX counts, as a real strap's); from a cold start (broker, host and
 * device just started) how long until the host has confirmed them all, and how many bytes the
 * records take against the raw samples as 32-bit floats (6 per sample).
 *
 * <p>Two steps, so that every timed run starts in a fresh JVM from the same outbox:
 * <pre>
 * BacklogBenchmark generate DIR [sessions=70] [minutes=10] [rateHz=200]
 * BacklogBenchmark sync DIR [bundleRecords=8] [brokerUri]
 * </pre>
 * {@code sync} copies DIR's outbox, starts the embedded broker (HiveMQ CE, counted in the cold
 * start) unless a broker address is given, and prints one {@code RESULT} line that
 * {@code bench/sync-backlog} gathers into a median.
 */
public final class BacklogBenchmark {

    private static final String DEVICE = "bench-strap";

    private BacklogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !(args[0].equals("generate") || args[0].equals("sync"))) {
            System.err.println("usage: BacklogBenchmark generate DIR [sessions] [minutes] [rateHz] | sync DIR [bundleRecords] [brokerUri]");
            System.exit(2);
        }
        Path directory = Path.of(args[1]);
        if (args[0].equals("generate")) {
            generate(directory, args.length > 2 ? Integer.parseInt(args[2]) : 70, args.length > 3 ? Double.parseDouble(args[3]) : 10,
                    args.length > 4 ? Double.parseDouble(args[4]) : 200);
        } else {
            sync(directory, args.length > 2 ? Integer.parseInt(args[2]) : OutboxSender.Settings.DEFAULTS.bundleRecords(),
                    args.length > 3 ? args[3] : null);
        }
    }

    private static void generate(Path directory, int sessions, double minutes, double rateHz) throws Exception {
        Path deviceData = directory.resolve("device");
        if (Files.exists(deviceData)) {
            throw new IllegalStateException(deviceData + " exists; generate into a new directory");
        }
        long recordBytes = 0;
        long samples = 0;
        long generateStart = System.nanoTime();
        try (DeviceOutbox outbox = DeviceOutbox.open(deviceData)) {
            for (int session = 0; session < sessions; session++) {
                long[] totals = writeSession(outbox, session, minutes * 60, rateHz);
                recordBytes += totals[0];
                samples += totals[1];
            }
        }
        System.out.printf(Locale.ROOT, "backlog: %d sessions x %.0f min, 2 IMUs at %.0f Hz: %d samples, written in %.1f s%n",
                sessions, minutes, rateHz, samples, (System.nanoTime() - generateStart) / 1e9);
        long rawBytes = samples * 6 * 4;
        System.out.printf(Locale.ROOT, "records: %d bytes = %.1f %% of the raw samples as float32 (%d bytes)%n",
                recordBytes, 100.0 * recordBytes / rawBytes, rawBytes);
    }

    private static void sync(Path directory, int bundleRecords, String externalBroker) throws Exception {
        Path work = Files.createTempDirectory("backbeat-backlog-");
        Path deviceData = work.resolve("device");
        Files.createDirectories(deviceData);
        try (var files = Files.list(directory.resolve("device"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, deviceData.resolve(file.getFileName()));
            }
        }
        List<String> sessionIds;
        try (DeviceOutbox outbox = DeviceOutbox.open(deviceData)) {
            sessionIds = outbox.pending().stream().map(DeviceOutbox.PendingSession::sessionId).toList();
        }
        int sessions = sessionIds.size();
        if (externalBroker != null) {
            clearRetained(externalBroker, sessionIds);
        }
        long coldStart = System.nanoTime();
        try (EmbeddedBroker broker = externalBroker == null ? EmbeddedBroker.start(work.resolve("broker"),
                EmbeddedBroker.freeLoopbackPort(), EmbeddedBroker.Persistence.IN_MEMORY) : null;
             SessionStore store = SessionStore.open(work.resolve("store"), true)) {
            String brokerUri = broker == null ? externalBroker : broker.uri();
            SessionSync host = new SessionSync((subscriptions, willTopic, willPayload) -> PahoHostLink.connect(
                    BrokerEndpoint.plain(brokerUri, "bench-host"), subscriptions, willTopic, willPayload), store, line -> { });
            CompletableFuture<SyncReport> report = new CompletableFuture<>();
            Thread hostThread = Thread.ofPlatform().start(() -> {
                try {
                    report.complete(host.run(null));
                } catch (Exception e) {
                    report.completeExceptionally(e);
                }
            });
            long syncStart = System.nanoTime();
            long cpuStart = processCpuNanos();
            OutboxSender.Result result;
            List<Double> confirmedAtSeconds = new java.util.ArrayList<>();
            try (DeviceOutbox outbox = DeviceOutbox.open(deviceData)) {
                result = DeviceSync.run(outbox, DEVICE, BrokerEndpoint.plain(brokerUri, "bench-device"),
                        OutboxSender.Settings.DEFAULTS.withBundleRecords(bundleRecords), Duration.ofMinutes(5), line -> {
                            if (line.contains(" confirmed by the host")) {
                                confirmedAtSeconds.add((System.nanoTime() - coldStart) / 1e9);
                            }
                        });
            }
            double syncSeconds = (System.nanoTime() - syncStart) / 1e9;
            double coldSeconds = (System.nanoTime() - coldStart) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            host.stop();
            hostThread.join(30_000);
            SyncReport synced = report.get();
            StringBuilder timeline = new StringBuilder("confirmed by time from the cold start:");
            for (int count = 10; count <= confirmedAtSeconds.size(); count += 10) {
                timeline.append(String.format(Locale.ROOT, " %d at %.1f s,", count, confirmedAtSeconds.get(count - 1)));
            }
            System.out.println(timeline);
            boolean passed = result.allConfirmed() && synced.stored().size() == sessions;
            System.out.printf(Locale.ROOT, "RESULT sessions=%d confirmed=%d stored=%d records=%d resent=%d messages=%d "
                            + "bundle=%d sync_s=%.2f cold_s=%.2f cpu_s=%.2f cores=%d %s%n",
                    sessions, result.confirmed().size(), synced.stored().size(), result.sent(), result.resent(),
                    result.messages(), bundleRecords, syncSeconds, coldSeconds, cpuSeconds,
                    Runtime.getRuntime().availableProcessors(), passed ? "PASS" : "FAIL");
        }
        if (externalBroker == null) {
            deleteRecursively(work);
        }
    }

    /**
     * A running broker keeps the previous run's retained acknowledgements, which would confirm the
     * same sessions to this run's device before its new host stored them: clear them first.
     */
    private static void clearRetained(String brokerUri, List<String> sessionIds) throws Exception {
        try (PahoHostLink link = PahoHostLink.connect(BrokerEndpoint.plain(brokerUri, "bench-cleaner"), List.of(),
                SyncTopics.HOST_PRESENCE, SyncTopics.OFFLINE)) {
            for (String sessionId : sessionIds) {
                link.publish(SyncTopics.ack(DEVICE, sessionId), new byte[0], true, Duration.ofSeconds(10));
            }
            link.publish(SyncTopics.manifest(DEVICE), new byte[0], true, Duration.ofSeconds(10));
            link.publish(SyncTopics.HOST_PRESENCE, new byte[0], true, Duration.ofSeconds(10));
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void deleteRecursively(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Writes one session into the outbox in one transaction; returns {record bytes, samples}. */
    private static long[] writeSession(DeviceOutbox outbox, int index, double seconds, double rateHz) throws Exception {
        String sessionId = String.format(Locale.ROOT, "bench-%03d", index);
        Instant startedAt = Instant.parse("2026-01-01T08:00:00Z").plusSeconds(86_400L * index);
        List<SensorPosition> sensors = List.of(SensorPosition.UPPER, SensorPosition.LOWER);
        SampleResolution resolution = SampleResolution.LSM6DSOX_500DPS_4G;
        long[] totals = new long[2];
        outbox.batch(() -> {
            ChunkWriter writer = ChunkWriter.begin(outbox, OutboxRecording.start(DEVICE, sessionId, startedAt,
                    "bench-lsm6dsox", rateHz, sensors, Map.of()), Optional.of(resolution), ChunkWriter.DEFAULT_CHUNK_SECONDS);
            Random random = new Random(index);
            long ticks = Math.round(seconds * rateHz);
            for (long tick = 0; tick < ticks; tick++) {
                for (SensorPosition sensor : sensors) {
                    double time = (tick + (sensor == SensorPosition.LOWER ? 0.37 : 0)) / rateHz;
                    double phase = 2 * Math.PI * time / 10; // a 10 s cat-cow cycle
                    writer.accept(sensor, new ImuSample(time,
                            new Vector3(count(0.4 * Math.cos(phase) + 0.0015 * random.nextGaussian(), resolution.gyroscopeRadiansPerSecondPerCount()),
                                    count(0.05 * Math.sin(3 * phase) + 0.0015 * random.nextGaussian(), resolution.gyroscopeRadiansPerSecondPerCount()),
                                    count(0.02 + 0.0015 * random.nextGaussian(), resolution.gyroscopeRadiansPerSecondPerCount())),
                            new Vector3(count(9.81 * Math.cos(0.4 * Math.sin(phase)) + 0.02 * random.nextGaussian(), resolution.accelerometerMetersPerSecondSquaredPerCount()),
                                    count(0.3 * Math.sin(phase) + 0.02 * random.nextGaussian(), resolution.accelerometerMetersPerSecondSquaredPerCount()),
                                    count(9.81 * Math.sin(0.4 * Math.sin(phase)) + 0.02 * random.nextGaussian(), resolution.accelerometerMetersPerSecondSquaredPerCount()))));
                    totals[1]++;
                }
            }
            int chunks = writer.finish();
            totals[0] += writer.sealedBytes();
            RecordedSession analysis = new RecordedSession(DEVICE, sessionId, startedAt, "bench-lsm6dsox", rateHz,
                    List.of(), List.of(), List.of(), new SessionSummary(seconds, 0, Double.NaN, Double.NaN, 6, 0, Double.NaN, Double.NaN));
            byte[] end = SyncCodec.encode(OutboxRecording.endRecord(analysis,
                    dev.backbeat.mqtt.sync.SyncRecord.EndStatus.COMPLETE, chunks));
            outbox.end(sessionId, end);
            totals[0] += end.length;
        });
        return totals;
    }

    private static double count(double value, double step) {
        return SampleResolution.value(Math.round(value / step), step);
    }
}
