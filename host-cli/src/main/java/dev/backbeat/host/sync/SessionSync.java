// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.sync;

import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import dev.backbeat.host.store.StoreOutcome;
import dev.backbeat.host.store.SyncStore;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.ReconnectBackoff;
import dev.backbeat.mqtt.sync.AcknowledgementSigner;
import dev.backbeat.mqtt.sync.ChunkRanges;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncDecodeResult;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The host's side of the sync protocol.
 *
 * <ol>
 *   <li>Announces itself: presence "online", retained, with a last will "offline".</li>
 *   <li>Takes what arrived (up to {@value #BATCH_MAX} messages; a bundle is unpacked into its
 *       records), checks each record (schema, hash, samples, device id in the payload against the
 *       topic) and stores it idempotently, all in one
 *       transaction; a session whose start, end and chunks are all in is assembled in the same
 *       transaction. Refused payloads are quarantined with their reason.</li>
 *   <li>Only after the commit, publishes each touched session's acknowledgement (retained).</li>
 *   <li>On a device's manifest: re-acknowledges sessions it already holds (the acknowledgement may
 *       have been lost with a crash between commit and publish), asks for holes (gap request), and
 *       clears the retained acknowledgements of sessions the device has let go.</li>
 * </ol>
 *
 * A lost connection is replaced by a new one (clean start); nothing is acknowledged that is not committed.
 *
 * <p>Several workers ({@link WorkerGroup}, {@code backbeat sync --share GROUP}) may share the
 * straps' traffic and one store: each record is stored by whichever worker the broker gave it to,
 * and every acknowledgement, gap request and assembly is decided from what the store holds, never
 * from what this worker saw. The store's keys make two workers committing the same record safe (the
 * second sees a duplicate). A manifest may overtake records that another worker has not committed
 * yet, so a worker of a group compares a manifest only {@value #SHARED_MANIFEST_SETTLE_MILLIS} ms
 * after it arrived (what is still missing then is asked for again; a record asked for needlessly
 * comes back as a duplicate). A session whose last parts were committed by two workers at once
 * (each not seeing the other's uncommitted part) is assembled when the next manifest names it.
 * A commit that fails only because another worker holds the store (SQLite's lock, a PostgreSQL
 * serialization failure) is tried again.
 *
 * <p>With the host's TLS files ({@code backbeat sync --tls DIR}) every acknowledgement is signed
 * ({@link AcknowledgementSigner}) and a paired strap believes no other. Records that arrive again
 * although stored (resends after a lost acknowledgement, duplicate deliveries, replays) change
 * nothing; each batch that had some says so in one line.
 */
public final class SessionSync {

    static final int BATCH_MAX = 2_000;
    /**
     * Fault injection for the tests that kill the host as a real process between a commit and its
     * acknowledgement: with {@code -Dbackbeat.faults.haltAfterCommit=N} the process halts (exit
     * {@value #HALTED_EXIT}, no shutdown hooks, like {@code kill -9}) right after its N-th commit
     * of records.
     * Unset (0) in normal use.
     */
    static final long HALT_AFTER_COMMIT = Long.getLong("backbeat.faults.haltAfterCommit", 0);
    static final int HALTED_EXIT = 137;
    /** Batches at least this large are checked on all cores. */
    private static final int PARALLEL_CHECK_MIN = 32;
    /** How long a batch gathers arrivals before its commit, ns (10 ms). */
    static final long GATHER_NANOS = 10_000_000;
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    /** Sessions named in a batch's line about records already stored; the rest are counted. */
    private static final int REPEATED_SESSIONS_LISTED = 5;
    /**
     * How long a worker of a share group waits before comparing a manifest with the store, ms
     * (1000): long enough for the other workers to commit the records the strap sent before it
     * (a batch gathers for {@value #GATHER_NANOS} ns and commits in well under a second). Raising it
     * delays the re-acknowledgement of a lost acknowledgement and the request for a lost record; a
     * single host compares at once (its records and manifests arrive in order).
     */
    static final long SHARED_MANIFEST_SETTLE_MILLIS = 1_000;
    /**
     * Most attempts at a batch whose commit failed because another worker held the store (20, waiting
     * 20 ms more after each, at most 1 s; with SQLite's 5 s busy timeout a batch is given up after
     * about two minutes of a locked store, and stored record by record).
     */
    private static final int TRANSIENT_RETRIES = 20;

    /** Opens a connection with the presence will, subscribed to the given topics. */
    @FunctionalInterface
    public interface LinkFactory {
        MqttLink connect(List<String> subscriptions, String willTopic, String willPayload) throws BrokerUnreachableException;
    }

    private final LinkFactory links;
    private final SyncStore store;
    private final Consumer<String> progress;
    private final Optional<AcknowledgementSigner> signer;
    private final Optional<WorkerGroup> workerGroup;
    private final long manifestSettleNanos;
    /** Manifests waiting for their settle time, by device: the newest content, the first arrival. */
    private final Map<String, PendingManifest> pendingManifests = new LinkedHashMap<>();
    private volatile boolean stopRequested;
    private volatile MqttLink link;

    /** Hears how far a backlog is (see {@link #backlogProgress}). */
    @FunctionalInterface
    public interface BacklogProgress {
        /** {@code storedSessions} of the {@code announcedSessions} the straps' manifests listed as not yet stored here. */
        void progress(int storedSessions, int announcedSessions);
    }

    private BacklogProgress backlogProgress = (storedSessions, announcedSessions) -> { };
    /** Sessions (device/session) the manifests listed as not complete here; those of them stored in this run. */
    private final Set<String> backlog = new HashSet<>();
    private final Set<String> backlogStored = new HashSet<>();
    private final List<String> stored = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private int duplicates;
    private int conflicts;
    private volatile long records;
    private long commits;

    /** A sync that publishes unsigned acknowledgements (a loopback broker, no TLS files). */
    public SessionSync(LinkFactory links, SessionStore store, Consumer<String> progress) {
        this(links, store, Optional.empty(), progress);
    }

    /** @param signer signs every acknowledgement with the host's key (with the host's TLS files); empty: unsigned */
    public SessionSync(LinkFactory links, SessionStore store, Optional<AcknowledgementSigner> signer,
                       Consumer<String> progress) {
        this(links, store, signer, Optional.empty(), progress);
    }

    /**
     * @param signer signs every acknowledgement with the host's key (with the host's TLS files); empty: unsigned
     * @param workerGroup the share group this sync is one worker of; empty: the only host, subscribed to everything
     */
    public SessionSync(LinkFactory links, SessionStore store, Optional<AcknowledgementSigner> signer,
                       Optional<WorkerGroup> workerGroup, Consumer<String> progress) {
        this.links = links;
        this.store = new SyncStore(store);
        this.signer = signer;
        this.workerGroup = workerGroup;
        this.manifestSettleNanos = workerGroup.isPresent() ? SHARED_MANIFEST_SETTLE_MILLIS * 1_000_000 : 0;
        this.progress = progress;
    }

    /**
     * Tells {@code listener}, on the sync's thread, how many of the sessions the straps' manifests
     * listed as not yet stored here have been stored in this run, whenever either count changes.
     */
    public void backlogProgress(BacklogProgress listener) {
        this.backlogProgress = listener;
    }

    private record PendingManifest(SyncRecord.Manifest manifest, long arrivedNanos) {
    }

    /** Asks a running {@link #run} to finish its batch and return. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Receives until nothing has arrived for {@code idle}, or until {@link #stop()} when
     * {@code idle} is null.
     *
     * @throws BrokerUnreachableException if the broker cannot be reached at the start
     */
    public SyncReport run(Duration idle) throws IOException, StoreException, InterruptedException {
        link = idle == null ? connectPatiently() : connect();
        String sharing = workerGroup.map(group -> " as worker " + group.workerId() + " of share group " + group.group())
                .orElse("");
        progress.accept(idle == null ? "listening for the straps' sessions until stopped" + sharing
                : String.format(java.util.Locale.ROOT, "listening for the straps' sessions until none arrives for %.1f s",
                        idle.toMillis() / 1000.0) + sharing);
        long lastArrival = System.nanoTime();
        ReconnectBackoff backoff = new ReconnectBackoff();
        try {
            while (!stopRequested) {
                if (!link.isConnected()) {
                    progress.accept("lost the broker (" + link.lossReason() + "); reconnecting");
                    link.close();
                    try {
                        link = connect();
                        backoff.reset();
                    } catch (BrokerUnreachableException e) {
                        Thread.sleep(backoff.nextMillis());
                        if (idle != null && System.nanoTime() - lastArrival > idle.toNanos()) {
                            break;
                        }
                        continue;
                    }
                }
                List<MqttLink.InboundMessage> batch = new ArrayList<>();
                link.drainTo(batch, BATCH_MAX);
                if (batch.isEmpty()) {
                    try {
                        compareSettledManifests();
                    } catch (IOException lost) {
                        progress.accept("publishing failed (" + lost.getMessage() + "); the device will resend");
                    }
                    Optional<MqttLink.InboundMessage> next = link.poll(Duration.ofMillis(20));
                    if (next.isEmpty()) {
                        if (idle != null && System.nanoTime() - lastArrival > idle.toNanos()) {
                            break;
                        }
                        continue;
                    }
                    batch.add(next.get());
                }
                // group commit: gather what arrives within a few milliseconds into one transaction
                // (one fsync), so a backlog is not limited to one record per disk flush
                long gatherUntil = System.nanoTime() + GATHER_NANOS;
                while (batch.size() < BATCH_MAX && System.nanoTime() < gatherUntil) {
                    if (link.drainTo(batch, BATCH_MAX - batch.size()) == 0) {
                        Thread.sleep(1);
                    }
                }
                lastArrival = System.nanoTime();
                try {
                    handle(batch);
                    compareSettledManifests();
                } catch (IOException lost) {
                    progress.accept("publishing failed (" + lost.getMessage() + "); the device will resend");
                }
            }
        } finally {
            if (link != null) {
                try {
                    if (link.isConnected()) {
                        // a worker clears its own presence (the others stay); the only host says offline
                        link.publish(presenceTopic(), workerGroup.isPresent() ? new byte[0]
                                : SyncTopics.OFFLINE.getBytes(StandardCharsets.UTF_8), true, Duration.ofSeconds(2));
                    }
                } catch (IOException ignored) {
                    // the last will says the same
                }
                link.close();
                link = null;
            }
            store.close();
        }
        return new SyncReport(stored, duplicates, conflicts, rejected);
    }

    /** Whether the sync is connected to the broker now. */
    public boolean isConnected() {
        MqttLink current = link;
        return current != null && current.isConnected();
    }

    /** Records received (stored, duplicate or conflicting) so far. */
    public long records() {
        return records;
    }

    /** In follow mode a broker that is down at the start is waited for (until {@link #stop()}). */
    private MqttLink connectPatiently() throws IOException, InterruptedException {
        ReconnectBackoff backoff = new ReconnectBackoff();
        String lastReason = null;
        while (true) {
            try {
                return connect();
            } catch (BrokerUnreachableException e) {
                if (stopRequested) {
                    throw e;
                }
                if (!e.getMessage().equals(lastReason)) { // said once, not on every retry
                    progress.accept("waiting for the broker (retrying until stopped): " + e.getMessage());
                    lastReason = e.getMessage();
                }
                Thread.sleep(backoff.nextMillis());
            }
        }
    }

    private String presenceTopic() {
        return workerGroup.map(WorkerGroup::presenceTopic).orElse(SyncTopics.HOST_PRESENCE);
    }

    private MqttLink connect() throws BrokerUnreachableException, IOException {
        // a worker's last will clears its presence (an empty retained message): the group's other workers stay online
        MqttLink connected = links.connect(workerGroup.map(WorkerGroup::subscriptions)
                        .orElse(List.of(SyncTopics.ALL_CHUNKS, SyncTopics.ALL_MANIFESTS)),
                presenceTopic(), workerGroup.isPresent() ? "" : SyncTopics.OFFLINE);
        try {
            connected.publish(presenceTopic(), SyncTopics.ONLINE.getBytes(StandardCharsets.UTF_8), true,
                    PUBLISH_TIMEOUT);
        } catch (IOException e) {
            connected.close();
            throw e;
        }
        return connected;
    }

    private void handle(List<MqttLink.InboundMessage> batch) throws IOException, StoreException {
        Set<String> touched = new LinkedHashSet<>();
        Map<String, SyncRecord.Manifest> manifests = new LinkedHashMap<>();
        Map<String, Integer> repeated = new LinkedHashMap<>();
        List<String> assembled = new ArrayList<>();
        // checking a record (hash, inflating and checking its samples) needs no store: spread it over the cores
        List<Arrival> arrivals = (batch.size() < PARALLEL_CHECK_MIN ? batch.stream() : batch.parallelStream())
                .map(SessionSync::check).flatMap(List::stream).toList();
        long recordsBefore = records;
        int duplicatesBefore = duplicates;
        int conflictsBefore = conflicts;
        int rejectedBefore = rejected.size();
        try {
            storeRetryingWhileBusy(arrivals, touched, manifests, repeated, assembled);
        } catch (StoreException | RuntimeException batchFailed) {
            // one record the checks let through but the store refused must not cost the batch (or,
            // retained, every later start): store each record alone and quarantine the one that fails
            records = recordsBefore;
            duplicates = duplicatesBefore;
            conflicts = conflictsBefore;
            rejected.subList(rejectedBefore, rejected.size()).clear();
            touched.clear();
            manifests.clear();
            repeated.clear();
            assembled.clear();
            progress.accept("storing a batch of " + arrivals.size() + " record(s) failed (" + batchFailed.getMessage()
                    + "); storing them one by one");
            for (Arrival arrival : arrivals) {
                storeAlone(arrival, touched, manifests, repeated, assembled);
            }
        }
        if (!touched.isEmpty() && ++commits == HALT_AFTER_COMMIT) {
            Runtime.getRuntime().halt(HALTED_EXIT); // fault injection: die between a commit and its acknowledgement
        }
        // committed: now it is safe to say so
        if (!repeated.isEmpty()) {
            progress.accept(describeRepeated(repeated));
        }
        for (String key : assembled) {
            stored.add(key);
            progress.accept("stored " + key);
            if (backlog.contains(key) && backlogStored.add(key)) {
                backlogProgress.progress(backlogStored.size(), backlog.size());
            }
        }
        for (String key : touched) {
            String[] ids = key.split("/", 2);
            acknowledge(ids[0], ids[1]);
        }
        long now = System.nanoTime();
        for (SyncRecord.Manifest manifest : manifests.values()) {
            PendingManifest earlier = pendingManifests.get(manifest.deviceId());
            pendingManifests.put(manifest.deviceId(), new PendingManifest(manifest,
                    earlier == null ? now : earlier.arrivedNanos()));
        }
    }

    /** Compares the manifests that have waited their settle time (at once for a single host). */
    private void compareSettledManifests() throws IOException, StoreException {
        if (pendingManifests.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (var pending = pendingManifests.values().iterator(); pending.hasNext(); ) {
            PendingManifest next = pending.next();
            if (now - next.arrivedNanos() < manifestSettleNanos) {
                continue;
            }
            pending.remove();
            try {
                compareManifest(next.manifest());
            } catch (RuntimeException unexpected) { // a manifest is a strap's word: it must not end the host
                progress.accept("could not compare the manifest of " + next.manifest().deviceId() + ": " + unexpected);
            }
        }
    }

    /**
     * Stores the batch in one transaction; a commit that failed only because another worker held the
     * store is undone (counts too) and tried again after a short wait.
     */
    private void storeRetryingWhileBusy(List<Arrival> arrivals, Set<String> touched,
                                        Map<String, SyncRecord.Manifest> manifests, Map<String, Integer> repeated,
                                        List<String> assembled) throws StoreException {
        long recordsBefore = records;
        int duplicatesBefore = duplicates;
        int conflictsBefore = conflicts;
        int rejectedBefore = rejected.size();
        for (int attempt = 1; ; attempt++) {
            try {
                store.inTransaction(() -> storeAll(arrivals, touched, manifests, repeated, assembled));
                return;
            } catch (StoreException | RuntimeException failed) {
                if (attempt == TRANSIENT_RETRIES || !TransientStoreFailure.isTransient(failed)) {
                    throw failed;
                }
                records = recordsBefore;
                duplicates = duplicatesBefore;
                conflicts = conflictsBefore;
                rejected.subList(rejectedBefore, rejected.size()).clear();
                touched.clear();
                manifests.clear();
                repeated.clear();
                assembled.clear();
                try {
                    Thread.sleep(Math.min(1_000, 20L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while waiting for the store: " + failed.getMessage(), failed);
                }
            }
        }
    }

    private void storeAll(List<Arrival> arrivals, Set<String> touched, Map<String, SyncRecord.Manifest> manifests,
                          Map<String, Integer> repeated, List<String> assembled) throws SQLException, StoreException {
        Set<String> touchedHere = new LinkedHashSet<>();
        for (Arrival arrival : arrivals) {
            receive(arrival, touchedHere, manifests, repeated);
        }
        for (String key : touchedHere) {
            String[] ids = key.split("/", 2);
            if (store.assembleIfComplete(ids[0], ids[1])) {
                assembled.add(key);
            }
        }
        touched.addAll(touchedHere);
    }

    /**
     * Stores one record in its own transaction; if the store refuses it, quarantines it with the
     * reason instead. Only a store that cannot even quarantine (a full disk, a lost file) ends the sync.
     */
    private void storeAlone(Arrival arrival, Set<String> touched, Map<String, SyncRecord.Manifest> manifests,
                            Map<String, Integer> repeated, List<String> assembled) throws StoreException {
        long recordsBefore = records;
        int duplicatesBefore = duplicates;
        int conflictsBefore = conflicts;
        Map<String, SyncRecord.Manifest> manifestHere = new LinkedHashMap<>();
        Map<String, Integer> repeatedHere = new LinkedHashMap<>();
        List<String> assembledHere = new ArrayList<>();
        Set<String> touchedHere = new LinkedHashSet<>();
        try {
            store.inTransaction(() -> storeAll(List.of(arrival), touchedHere, manifestHere, repeatedHere, assembledHere));
        } catch (StoreException | RuntimeException refused) {
            records = recordsBefore;
            duplicates = duplicatesBefore;
            conflicts = conflictsBefore;
            if (TransientStoreFailure.isTransient(refused)) { // not the record's fault: keep it unacknowledged
                throw new StoreException("the store stayed locked by another writer: " + refused.getMessage(), refused);
            }
            String reason = "the store refused it: " + refused.getMessage();
            store.inTransaction(() -> reject(arrival, reason));
            return;
        }
        touched.addAll(touchedHere);
        manifests.putAll(manifestHere);
        repeatedHere.forEach((key, count) -> repeated.merge(key, count, Integer::sum));
        assembled.addAll(assembledHere);
    }

    /** One record as it arrived (alone, or unpacked from a bundle) with the outcome of checking it. */
    private record Arrival(String topic, byte[] payload, SyncDecodeResult decoded) {
    }

    /**
     * The records in a message, each checked: one for a plain record, one per record for a bundle
     * (so one bad record is quarantined on its own while the good ones are stored), none for a
     * cleared retained message.
     */
    private static List<Arrival> check(MqttLink.InboundMessage message) {
        try {
            return checkRecords(message);
        } catch (RuntimeException | StackOverflowError unexpected) { // a decoder bug must not end the host
            return List.of(new Arrival(message.topic(), message.payload(),
                    new SyncDecodeResult.Rejected("could not be checked: " + unexpected)));
        }
    }

    private static List<Arrival> checkRecords(MqttLink.InboundMessage message) {
        if (message.payload().length == 0) {
            return List.of();
        }
        SyncDecodeResult decoded = SyncCodec.decode(message.payload());
        if (decoded instanceof SyncDecodeResult.Decoded(SyncRecord.Bundle bundle)) {
            Optional<SyncTopics.DeviceTopic> topic = SyncTopics.parse(message.topic());
            if (topic.isPresent() && !topic.get().deviceId().equals(bundle.deviceId())) {
                return List.of(new Arrival(message.topic(), message.payload(), new SyncDecodeResult.Rejected("bundle is from device '"
                        + bundle.deviceId() + "' but came on device '" + topic.get().deviceId() + "''s topic")));
            }
            List<Arrival> arrivals = new ArrayList<>(bundle.records().size());
            for (byte[] record : bundle.records()) {
                arrivals.add(new Arrival(message.topic(), record, SyncCodec.decode(record)));
            }
            return arrivals;
        }
        return List.of(new Arrival(message.topic(), message.payload(), decoded));
    }

    private void receive(Arrival message, Set<String> touched, Map<String, SyncRecord.Manifest> manifests,
                         Map<String, Integer> repeated) throws SQLException {
        Optional<SyncTopics.DeviceTopic> topic = SyncTopics.parse(message.topic());
        if (topic.isEmpty()) {
            return; // not a sync topic
        }
        SyncDecodeResult decoded = message.decoded();
        String deviceId = topic.get().deviceId();
        if (decoded instanceof SyncDecodeResult.Rejected(String reason)) {
            reject(message, reason);
            return;
        }
        SyncRecord record = ((SyncDecodeResult.Decoded) decoded).record();
        if (!record.deviceId().equals(deviceId)) {
            reject(message, "payload is from device '" + record.deviceId() + "' but came on device '" + deviceId + "''s topic");
            return;
        }
        String kind = topic.get().kind();
        StoreOutcome outcome;
        String sessionId;
        switch (record) {
            case SyncRecord.SessionStart start when kind.equals("chunks") -> {
                outcome = store.storeStart(start, message.payload());
                sessionId = start.sessionId();
            }
            case SyncRecord.SessionChunk chunk when kind.equals("chunks") -> {
                outcome = store.storeChunk(chunk, message.payload());
                sessionId = chunk.sessionId();
            }
            case SyncRecord.SessionEnd end when kind.equals("chunks") -> {
                outcome = store.storeEnd(end, message.payload());
                sessionId = end.sessionId();
            }
            case SyncRecord.Manifest manifest when kind.equals("manifest") -> {
                manifests.put(deviceId, manifest);
                return;
            }
            default -> {
                reject(message, "a " + record.getClass().getSimpleName() + " does not belong on a " + kind + " topic");
                return;
            }
        }
        records++;
        touched.add(deviceId + "/" + sessionId);
        switch (outcome) {
            case STORED -> { }
            case DUPLICATE -> {
                duplicates++;
                repeated.merge(deviceId + "/" + sessionId, 1, Integer::sum);
            }
            case CONFLICT -> {
                conflicts++;
                progress.accept("conflict: " + deviceId + "/" + sessionId + " " + describe(record)
                        + " arrived again with different content; the stored one is kept, the new one set aside");
            }
        }
    }

    /** One line for a batch's records that were already stored, by session. */
    static String describeRepeated(Map<String, Integer> repeated) {
        int total = repeated.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder line = new StringBuilder("received " + total + " record(s) already stored (resent, delivered twice "
                + "or replayed; nothing changed): ");
        int listed = 0;
        for (Map.Entry<String, Integer> session : repeated.entrySet()) {
            if (listed == REPEATED_SESSIONS_LISTED) {
                line.append(", and ").append(repeated.size() - listed).append(" more session(s)");
                break;
            }
            line.append(listed++ == 0 ? "" : ", ").append(session.getKey()).append(" ×").append(session.getValue());
        }
        return line.toString();
    }

    private static String describe(SyncRecord record) {
        return switch (record) {
            case SyncRecord.SessionChunk chunk -> "chunk " + chunk.index();
            case SyncRecord.SessionStart start -> "start";
            case SyncRecord.SessionEnd end -> "end";
            default -> record.getClass().getSimpleName();
        };
    }

    private void reject(Arrival message, String reason) throws SQLException {
        store.quarantine(message.topic(), reason, message.payload());
        String line = message.topic() + ": " + reason + " (" + message.payload().length + " bytes, quarantined)";
        rejected.add(line);
        progress.accept("rejected " + line);
    }

    private void acknowledge(String deviceId, String sessionId) throws IOException, StoreException {
        SyncRecord.Acknowledgement ack;
        try {
            ack = store.acknowledgement(deviceId, sessionId);
            if (ack.complete()) {
                store.noteRetainedAcknowledgement(deviceId, sessionId);
            }
        } catch (SQLException e) {
            throw new StoreException("reading what is stored of " + deviceId + "/" + sessionId + " failed: " + e.getMessage(), e);
        }
        // not waited for: a lost acknowledgement costs a resend (answered by a duplicate's ack) or
        // is said again on the next manifest, never a loss; waiting would stall the next commit
        byte[] encoded = SyncCodec.encode(signer.isPresent() ? signer.get().sign(ack) : ack);
        if (!link.offer(SyncTopics.ack(deviceId, sessionId), encoded, true)) {
            link.publish(SyncTopics.ack(deviceId, sessionId), encoded, true, PUBLISH_TIMEOUT);
        }
    }

    /**
     * Assembles a session whose parts are all stored but which no commit assembled: two workers
     * committed its last parts at the same time, each without the other's.
     */
    private boolean assembleNow(String deviceId, String sessionId) throws StoreException {
        boolean[] assembledNow = new boolean[1];
        store.inTransaction(() -> assembledNow[0] = store.assembleIfComplete(deviceId, sessionId));
        if (assembledNow[0]) {
            stored.add(deviceId + "/" + sessionId);
            progress.accept("stored " + deviceId + "/" + sessionId + " (its last parts came to different workers)");
        }
        return assembledNow[0];
    }

    private void compareManifest(SyncRecord.Manifest manifest) throws IOException, StoreException {
        String deviceId = manifest.deviceId();
        Set<String> listed = new HashSet<>();
        try {
            for (SyncRecord.ManifestEntry entry : manifest.sessions()) {
                if (!listed.add(entry.sessionId())) {
                    continue; // a session listed again (a strap never does): answered once, not once per line
                }
                SyncRecord.Acknowledgement ack = store.acknowledgement(deviceId, entry.sessionId());
                if (!ack.complete() && ack.startStored() && ack.endStored() && assembleNow(deviceId, entry.sessionId())) {
                    ack = store.acknowledgement(deviceId, entry.sessionId());
                }
                if (!ack.complete() && backlog.add(deviceId + "/" + entry.sessionId())) {
                    backlogProgress.progress(backlogStored.size(), backlog.size());
                }
                if (ack.complete()) {
                    acknowledge(deviceId, entry.sessionId()); // the device did not get it: say it again
                    continue;
                }
                ChunkRanges stored = ack.chunks();
                int[] bounds = stored.bounds();
                int highest = bounds.length == 0 ? 0 : bounds[bounds.length - 1];
                ChunkRanges holes = stored.missingBelow(Math.min(highest, entry.sealedChunks()));
                boolean startMissing = !ack.startStored() && !stored.isEmpty();
                boolean endMissing = entry.ended() && !ack.endStored() && stored.isFirstN(entry.sealedChunks());
                if (!holes.isEmpty() || startMissing || endMissing) {
                    progress.accept("asking " + deviceId + " again for session " + entry.sessionId() + ": chunks " + holes
                            + (startMissing ? ", start" : "") + (endMissing ? ", end" : ""));
                    link.publish(SyncTopics.requests(deviceId), SyncCodec.encode(new SyncRecord.GapRequest(deviceId,
                            entry.sessionId(), startMissing, endMissing, holes)), false, PUBLISH_TIMEOUT);
                }
            }
            for (String sessionId : store.retainedAcknowledgements(deviceId)) {
                if (!listed.contains(sessionId)) {
                    link.publish(SyncTopics.ack(deviceId, sessionId), new byte[0], true, PUBLISH_TIMEOUT);
                    store.inTransaction(() -> store.forgetRetainedAcknowledgement(deviceId, sessionId));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("comparing the manifest of " + deviceId + " failed: " + e.getMessage(), e);
        }
    }
}
