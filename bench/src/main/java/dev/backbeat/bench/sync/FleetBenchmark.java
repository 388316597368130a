// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.sync;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.device.outbox.ChunkBuffer;
import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.device.outbox.DeviceSync;
import dev.backbeat.device.outbox.OutboxRecording;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.SyncStore;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.sync.ChunkSamples;
import dev.backbeat.mqtt.sync.ClientIds;
import dev.backbeat.mqtt.sync.SampleCompression;
import dev.backbeat.mqtt.sync.SampleResolution;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A clinic's fleet (issue 17): many straps, each a lightweight in-process client with the device's
 * real outbox (its own SQLite file) and real sender ({@link DeviceSync}: Paho, window, bundles,
 * acknowledgement checks), each holding one ten-minute two-IMU 200 Hz session that has just
 * ended; one broker; N {@code backbeat sync --share fleet --follow} worker processes started
 * through the launcher; one store. Measures sessions per second and the time from each session's
 * end to its confirmation (median and p99), optionally SIGKILLs one worker halfway (half of all
 * chunk records stored; with a store given as a URI, half the sessions confirmed) and starts it
 * again, and checks 0 lost and 0 duplicated.
 *
 * <pre>
 * FleetBenchmark generate DIR straps [minutes=10] [rateHz=200]
 * FleetBenchmark run DIR RUN_DIR BROKER_URI STORE workers killHalfway(true|false) spreadSeconds BACKBEAT
 * </pre>
 * {@code generate} compresses one synthetic session once (the real chunk compressor) and writes it
 * into every strap's outbox under the strap's own device id (the real codec and outbox; each chunk
 * hashed for its strap); {@code run} copies those outboxes into RUN_DIR, so every run starts from
 * the same state. STORE is what {@code backbeat sync --store} takes (a directory, or a PostgreSQL
 * URI whose role's password is in {@code PGPASSWORD}). A session's end is the moment its strap starts sending: all at once
 * ({@code spreadSeconds} 0: a whole clinic's sessions ending together, the worst burst) or spread
 * evenly over that many seconds. Prints one {@code RESULT} line that {@code bench/sync-fleet}
 * gathers into medians.
 */
public final class FleetBenchmark {

    private static final String GROUP = "fleet";
    /** Messages a strap keeps unacknowledged: 500 straps × 16 stay below the broker's per-worker queue. */
    static final int WINDOW = 16;
    /**
     * The strap's resend time, as {@code backbeat-device} sets it: twice its MQTT keep-alive (30 s
     * by default), the minimum of the sender's resend timer.
     */
    static final Duration RESEND_AFTER = Duration.ofSeconds(60);

    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("generate")) {
            generate(Path.of(args[1]), Integer.parseInt(args[2]), args.length > 3 ? Double.parseDouble(args[3]) : 10,
                    args.length > 4 ? Double.parseDouble(args[4]) : 200);
        } else if (args.length == 9 && args[0].equals("run")) {
            run(Path.of(args[1]), Path.of(args[2]), args[3], args[4], Integer.parseInt(args[5]),
                    Boolean.parseBoolean(args[6]), Double.parseDouble(args[7]), args[8]);
            System.out.flush();
            // Paho leaves a receiver thread behind a connect that failed (a NullPointerException in
            // its thread when 500 straps connect at once): do not wait for it
            System.exit(0);
        } else {
            System.err.println("usage: FleetBenchmark generate DIR straps [minutes] [rateHz] | run DIR RUN_DIR BROKER_URI STORE "
                    + "workers killHalfway spreadSeconds BACKBEAT");
            System.exit(2);
        }
    }

    static String deviceId(int strap) {
        return String.format(Locale.ROOT, "fleet-%04d", strap);
    }

    private static void generate(Path directory, int straps, double minutes, double rateHz) throws Exception {
        long started = System.nanoTime();
        SampleResolution resolution = SampleResolution.LSM6DSOX_500DPS_4G;
        List<ChunkSamples> chunks = syntheticChunks(minutes * 60, rateHz, resolution);
        List<byte[]> compressed = chunks.stream().map(chunk -> SampleCompression.compress(chunk, Optional.of(resolution)))
                .toList();
        long samples = chunks.stream().mapToLong(ChunkSamples::sampleCount).sum();
        AtomicLong bytes = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int thread = 0; thread < Runtime.getRuntime().availableProcessors(); thread++) {
            writers.add(Thread.ofPlatform().start(() -> {
                for (int strap = next.getAndIncrement(); strap < straps; strap = next.getAndIncrement()) {
                    try {
                        bytes.addAndGet(writeStrap(directory.resolve("straps").resolve(deviceId(strap)), deviceId(strap),
                                chunks, compressed, minutes * 60, rateHz));
                    } catch (Exception e) {
                        throw new IllegalStateException(deviceId(strap) + ": " + e, e);
                    }
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join();
        }
        Files.writeString(directory.resolve("samples-per-session"), Long.toString(samples));
        Files.writeString(directory.resolve("chunks-per-session"), Integer.toString(chunks.size()));
        System.out.printf(Locale.ROOT, "fleet: %d straps, one %.0f-minute session each (2 IMUs at %.0f Hz, %d chunks, "
                        + "%d samples), %.1f MB of records, written in %.1f s%n", straps, minutes, rateHz, chunks.size(),
                samples, bytes.get() / 1e6, (System.nanoTime() - started) / 1e9);
    }

    /** A cat-cow flow in whole LSM6DSOX counts, cut into one-second chunks as the strap seals them. */
    private static List<ChunkSamples> syntheticChunks(double seconds, double rateHz, SampleResolution resolution) {
        List<SensorPosition> sensors = List.of(SensorPosition.UPPER, SensorPosition.LOWER);
        Random random = new Random(17);
        List<ChunkSamples> chunks = new ArrayList<>();
        ChunkBuffer buffer = new ChunkBuffer();
        long ticks = Math.round(seconds * rateHz);
        double gyroscopeStep = resolution.gyroscopeRadiansPerSecondPerCount();
        double accelerometerStep = resolution.accelerometerMetersPerSecondSquaredPerCount();
        for (long tick = 0; tick < ticks; tick++) {
            if (tick > 0 && tick % Math.round(rateHz) == 0) {
                chunks.add(buffer.samples());
                buffer.clear();
            }
            for (SensorPosition sensor : sensors) {
                double time = (tick + (sensor == SensorPosition.LOWER ? 0.37 : 0)) / rateHz;
                double phase = 2 * Math.PI * time / 10;
                buffer.add(sensor, new ImuSample(time,
                        new Vector3(count(0.4 * Math.cos(phase) + 0.0015 * random.nextGaussian(), gyroscopeStep),
                                count(0.05 * Math.sin(3 * phase) + 0.0015 * random.nextGaussian(), gyroscopeStep),
                                count(0.02 + 0.0015 * random.nextGaussian(), gyroscopeStep)),
                        new Vector3(count(9.81 * Math.cos(0.4 * Math.sin(phase)) + 0.02 * random.nextGaussian(), accelerometerStep),
                                count(0.3 * Math.sin(phase) + 0.02 * random.nextGaussian(), accelerometerStep),
                                count(9.81 * Math.sin(0.4 * Math.sin(phase)) + 0.02 * random.nextGaussian(), accelerometerStep))));
            }
        }
        if (buffer.sampleCount() > 0) {
            chunks.add(buffer.samples());
        }
        return chunks;
    }

    private static double count(double value, double step) {
        return SampleResolution.value(Math.round(value / step), step);
    }

    /** One strap's outbox with its one ended session; returns the bytes of its records. */
    private static long writeStrap(Path data, String deviceId, List<ChunkSamples> chunks, List<byte[]> compressed,
                                   double seconds, double rateHz) throws Exception {
        String sessionId = deviceId + "-s0";
        Instant startedAt = Instant.parse("2026-12-01T08:00:00Z");
        long[] bytes = new long[1];
        try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
            outbox.batch(() -> {
                SyncRecord.SessionStart start = OutboxRecording.start(deviceId, sessionId, startedAt, "fleet-lsm6dsox", rateHz,
                        List.of(SensorPosition.UPPER, SensorPosition.LOWER), Map.of());
                byte[] startRecord = SyncCodec.encode(start);
                outbox.begin(sessionId, startedAt, startRecord);
                bytes[0] += startRecord.length;
                for (int index = 0; index < chunks.size(); index++) {
                    byte[] record = SyncCodec.encode(SyncRecord.SessionChunk.ofCompressed(deviceId, sessionId, index,
                            compressed.get(index), chunks.get(index)));
                    outbox.seal(sessionId, index, record);
                    bytes[0] += record.length;
                }
                RecordedSession analysis = new RecordedSession(deviceId, sessionId, startedAt, "fleet-lsm6dsox", rateHz,
                        List.of(), List.of(), List.of(), new SessionSummary(seconds, 0, Double.NaN, Double.NaN, 6, 0,
                        Double.NaN, Double.NaN));
                byte[] end = SyncCodec.encode(OutboxRecording.endRecord(analysis, SyncRecord.EndStatus.COMPLETE, chunks.size()));
                outbox.end(sessionId, end);
                bytes[0] += end.length;
            });
        }
        return bytes[0];
    }

    private static void run(Path directory, Path runDirectory, String brokerUri, String store, int workerCount,
                            boolean killHalfway, double spreadSeconds, String backbeat) throws Exception {
        List<String> deviceIds;
        try (var straps = Files.list(directory.resolve("straps"))) {
            deviceIds = straps.map(path -> path.getFileName().toString()).sorted().toList();
        }
        long samplesPerSession = Long.parseLong(Files.readString(directory.resolve("samples-per-session")).strip());
        for (String deviceId : deviceIds) {
            Path target = Files.createDirectories(runDirectory.resolve("straps").resolve(deviceId));
            try (var files = Files.list(directory.resolve("straps").resolve(deviceId))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
        }
        List<Worker> workers = new ArrayList<>();
        for (int index = 0; index < workerCount; index++) {
            workers.add(Worker.start(backbeat, brokerUri, store, runDirectory.resolve("worker-" + index + ".log")));
        }
        for (Worker worker : workers) {
            worker.awaitListening();
        }
        int straps = deviceIds.size();
        double[] endSeconds = new double[straps];
        double[] confirmedSeconds = new double[straps];
        Arrays.fill(confirmedSeconds, Double.NaN);
        AtomicInteger confirmed = new AtomicInteger();
        AtomicLong resent = new AtomicLong();
        Map<String, String> failures = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(straps);
        long startNanos = System.nanoTime();
        for (int strap = 0; strap < straps; strap++) {
            int index = strap;
            String deviceId = deviceIds.get(strap);
            double offsetSeconds = straps == 1 ? 0 : spreadSeconds * strap / (straps - 1);
            Thread.ofPlatform().name("strap-" + deviceId).start(() -> {
                try {
                    long endNanos = startNanos + (long) (offsetSeconds * 1e9);
                    long wait = endNanos - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    endSeconds[index] = (System.nanoTime() - startNanos) / 1e9;
                    try (DeviceOutbox outbox = DeviceOutbox.open(runDirectory.resolve("straps").resolve(deviceId))) {
                        OutboxSender.Result result = DeviceSync.run(outbox, deviceId,
                                BrokerEndpoint.plain(brokerUri, ClientIds.device(deviceId)),
                                OutboxSender.Settings.DEFAULTS.withWindow(WINDOW).withResendAfter(RESEND_AFTER),
                                Duration.ofMinutes(20), line -> {
                                    if (line.contains(" confirmed by the host")) {
                                        confirmedSeconds[index] = (System.nanoTime() - startNanos) / 1e9;
                                        confirmed.incrementAndGet();
                                    }
                                });
                        resent.addAndGet(result.resent());
                        if (!result.allConfirmed()) {
                            failures.put(deviceId, "not confirmed: " + result.pending());
                        }
                    }
                } catch (Exception e) {
                    failures.put(deviceId, e.toString());
                } finally {
                    done.countDown();
                }
            });
        }
        String killed = "no";
        if (killHalfway) {
            // halfway: half of every record stored (the store is read as it fills)
            long chunksPerSession = Long.parseLong(Files.readString(directory.resolve("chunks-per-session")).strip());
            long halfOfTheChunks = straps * chunksPerSession / 2;
            while (done.getCount() > 0 && storedChunks(store) < halfOfTheChunks) {
                Thread.sleep(200);
            }
            double killedAt = (System.nanoTime() - startNanos) / 1e9;
            int confirmedAtKill = confirmed.get();
            long storedAtKill = storedChunks(store);
            workers.getFirst().kill();
            Worker restarted = Worker.start(backbeat, brokerUri, store, runDirectory.resolve("worker-restarted.log"));
            restarted.awaitListening();
            workers.set(0, restarted);
            killed = String.format(Locale.ROOT, "at %.1f s with %d confirmed and %d of %d chunk records stored, restarted "
                    + "after %.1f s", killedAt, confirmedAtKill, storedAtKill,
                    straps * chunksPerSession, (System.nanoTime() - startNanos) / 1e9 - killedAt);
        }
        done.await(25, TimeUnit.MINUTES);
        double lastSeconds = Arrays.stream(confirmedSeconds).filter(Double::isFinite).max().orElse(Double.NaN);
        int duplicatesRecognised = 0;
        for (Worker worker : workers) {
            worker.stop();
        }
        for (Path log : listLogs(runDirectory)) {
            duplicatesRecognised += Worker.alreadyStored(Files.readString(log));
        }
        double[] latencies = new double[straps];
        int latencyCount = 0;
        for (int strap = 0; strap < straps; strap++) {
            if (Double.isFinite(confirmedSeconds[strap])) {
                latencies[latencyCount++] = confirmedSeconds[strap] - endSeconds[strap];
            }
        }
        latencies = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(latencies);
        StoreCount counted = countStored(store, backbeat, deviceIds, samplesPerSession);
        int lost = straps - counted.wholeSessions();
        boolean passed = failures.isEmpty() && lost == 0 && counted.duplicated() == 0 && confirmed.get() == straps;
        failures.entrySet().stream().limit(5).forEach(failure -> System.out.println("failed: " + failure));
        System.out.printf(Locale.ROOT, "killed worker: %s%n", killed);
        System.out.printf(Locale.ROOT, "RESULT straps=%d workers=%d confirmed=%d stored_whole=%d lost=%d duplicated=%d "
                        + "conflicts=%d quarantined=%d resent_records=%d recognised_already_stored=%d last_s=%.1f "
                        + "sessions_per_s=%.2f end_to_confirmed_median_s=%.1f end_to_confirmed_p99_s=%.1f killed=%s %s%n",
                straps, workerCount, confirmed.get(), counted.wholeSessions(), lost, counted.duplicated(),
                counted.conflicts(), counted.quarantined(), resent.get(), duplicatesRecognised, lastSeconds,
                straps / lastSeconds, percentile(latencies, 0.5), percentile(latencies, 0.99), killHalfway ? "yes" : "no",
                passed ? "PASS" : "FAIL");
    }

    /**
     * The chunk records committed to {@code store} so far: a directory's SQLite file, or a PostgreSQL
     * store read as its URI's role (found as {@code backbeat} finds it: {@code PGPASSWORD}, TLS
     * settings); 0 while the file or the table does not exist yet, a locked SQLite file waited for.
     *
     * @throws IllegalStateException when the store cannot be read for another reason (a wrong
     *     password, a bad URI): the halfway kill would otherwise never come
     */
    private static long storedChunks(String store) {
        String jdbcUri;
        java.util.Properties login = new java.util.Properties();
        if (dev.backbeat.host.store.StoreLocation.of(store, System.getenv())
                instanceof dev.backbeat.host.store.StoreLocation.PostgresqlDatabase database) {
            jdbcUri = database.jdbcUrl();
            login.setProperty("user", database.user());
            database.password().ifPresent(password -> login.setProperty("password", password));
            login.putAll(database.tlsProperties());
        } else {
            Path file = Path.of(store).resolve(SessionStore.FILE_NAME);
            if (!Files.exists(file)) {
                return 0;
            }
            jdbcUri = "jdbc:sqlite:" + file.toAbsolutePath();
            login.setProperty("busy_timeout", "5000");
        }
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbcUri, login);
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM sync_chunks")) {
            return count.next() ? count.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            // PostgreSQL's undefined_table, SQLite's "no such table": the workers have not made the schema yet
            if ("42P01".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains("no such table")) {
                return 0;
            }
            throw new IllegalStateException("cannot count the chunk records in " + store + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> listLogs(Path runDirectory) throws IOException {
        try (var files = Files.list(runDirectory)) {
            return files.filter(path -> path.getFileName().toString().startsWith("worker-")).sorted().toList();
        }
    }

    static double percentile(double[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(fraction * sorted.length) - 1; // nearest rank
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /**
     * What the store holds of the fleet's sessions.
     *
     * @param wholeSessions sessions stored with every sample
     * @param duplicated sessions listed more than once
     */
    private record StoreCount(int wholeSessions, int duplicated, int conflicts, int quarantined) {
    }

    private static StoreCount countStored(String store, String backbeat, List<String> deviceIds, long samplesPerSession)
            throws Exception {
        if (store.contains("://")) {
            return countThroughTheCommand(store, backbeat, deviceIds);
        }
        try (SessionStore sessions = SessionStore.open(Path.of(store), false)) {
            List<SessionListing> listings = sessions.list();
            Map<String, Integer> times = new ConcurrentHashMap<>();
            int whole = 0;
            for (SessionListing listing : listings) {
                if (times.merge(listing.deviceId() + "/" + listing.sessionId(), 1, Integer::sum) == 1
                        && deviceIds.contains(listing.deviceId())
                        && listing.upperSamples() + listing.lowerSamples() == samplesPerSession) {
                    whole++;
                }
            }
            int duplicated = (int) times.values().stream().filter(count -> count > 1).count();
            SyncStore sync = new SyncStore(sessions);
            return new StoreCount(whole, duplicated, sync.conflictCount(), sync.quarantineCount());
        }
    }

    /**
     * A store this benchmark cannot open itself (a PostgreSQL URI): the sessions {@code backbeat
     * sessions --json} lists; a session is only ever listed once its start, end and every chunk are
     * in, and the straps confirmed each against the content digest of what is stored.
     */
    private static StoreCount countThroughTheCommand(String store, String backbeat, List<String> deviceIds) throws Exception {
        Process listing = new ProcessBuilder(backbeat, "sessions", "--json", "--store", store).redirectErrorStream(false).start();
        String json = new String(listing.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        listing.waitFor();
        Matcher sessions = Pattern.compile("\"device_id\": \"([^\"]+)\",\\s*\"session_id\": \"([^\"]+)\"").matcher(json);
        Map<String, Integer> times = new ConcurrentHashMap<>();
        while (sessions.find()) {
            if (deviceIds.contains(sessions.group(1))) {
                times.merge(sessions.group(1) + "/" + sessions.group(2), 1, Integer::sum);
            }
        }
        int duplicated = (int) times.values().stream().filter(count -> count > 1).count();
        return new StoreCount(times.size(), duplicated, -1, -1);
    }

    /** One {@code backbeat sync --share fleet --follow} process. */
    private record Worker(Process process, Path log) {

        static Worker start(String backbeat, String brokerUri, String store, Path log) throws IOException {
            return new Worker(new ProcessBuilder(backbeat, "sync", "--share", GROUP, "--follow", "--broker", brokerUri,
                    "--store", store).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
        }

        void awaitListening() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("listening for the straps' sessions")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("a worker did not start: " + Files.readString(log));
                }
                Thread.sleep(20);
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        /** Records a worker's log says were received again and recognised as stored. */
        static int alreadyStored(String log) {
            Matcher repeated = Pattern.compile("received (\\d+) record\\(s\\) already stored").matcher(log);
            int total = 0;
            while (repeated.find()) {
                total += Integer.parseInt(repeated.group(1));
            }
            return total;
        }
    }
}
