// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.ReconnectBackoff;
import dev.backbeat.mqtt.sync.AcknowledgementVerifier;
import dev.backbeat.mqtt.sync.ChunkRanges;
import dev.backbeat.mqtt.sync.SessionContentDigest;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncDecodeResult;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Sends the outbox to the host until the host has confirmed every session, end to end:
 *
 * <ul>
 *   <li>publishes the manifest (retained) of the sessions not yet confirmed;</li>
 *   <li>sends only while a host is present (its retained presence says "online"; with several host
 *       workers, while any of them does); when one of several workers goes away, what was sent and
 *       not yet acknowledged is sent again at once (the broker drops what it had handed that worker);</li>
 *   <li>keeps at most {@link Settings#window()} messages sent but not acknowledged by the host, so
 *       the broker never holds a backlog it could drop;</li>
 *   <li>sends up to {@link Settings#bundleRecords()} records that are ready as one message (a
 *       {@link SyncRecord.Bundle}), so a backlog costs one MQTT message per several seconds of
 *       samples, not one per second;</li>
 *   <li>resends what is not acknowledged after its resend time ({@link ResendTimer}: at least
 *       {@link Settings#resendAfter()}, longer when the host's acknowledgements take longer, doubled
 *       while resends find nothing acknowledged, so a host that is slow but working is not flooded
 *       with copies of what it has queued), what the host asks
 *       for in a gap request, and everything unacknowledged after a reconnect or the host's return;</li>
 *   <li>marks a session confirmed only when the host's acknowledgement says it holds all of it,
 *       and checks that claim against what the outbox has (an inconsistent one is logged and ignored);</li>
 *   <li>believes an acknowledgement only if its {@link AcknowledgementVerifier} does (on a paired
 *       strap: signed by the host), and ignores one that claims less than one it already accepted
 *       (a late or replayed one; see the verifier for why a replay cannot make it drop data).</li>
 * </ul>
 *
 * A lost connection is replaced by a new one from the {@link LinkFactory} (a clean session each
 * time); every wait is bounded by the run's timeout.
 */
public final class OutboxSender {

    /** Opens a connection subscribed to the given topics. */
    @FunctionalInterface
    public interface LinkFactory {
        MqttLink connect(List<String> subscriptions) throws BrokerUnreachableException;
    }

    /**
     * @param window most messages (records or bundles) sent and not yet wholly acknowledged by the
     *     host (default 400; below the 1000 messages Mosquitto and HiveMQ CE queue per client by
     *     default)
     * @param resendAfter resend a record not acknowledged after at least this long (default 10 s;
     *     the {@link ResendTimer} lengthens it while the host's acknowledgements take longer)
     * @param manifestInterval publish a changed manifest at most this often (default 1 s)
     * @param liveSendInterval while a session is being recorded, look for what it sealed and send
     *     it this often (default 5 s: five one-second chunks as one bundle, one manifest and one
     *     acknowledgement, where sending each chunk as it was sealed cost the strap 0.3 % of a core
     *     in per-message work; the host stores a recording session at most this much later, and the
     *     live view has frames of its own)
     * @param retention keep confirmed sessions this long before deleting them (default 7 days)
     * @param bundleRecords most records sent as one message (default 8: about 17 kB for two IMUs at
     *     200 Hz; 1 sends every record alone); a bundle also stops at {@link #BUNDLE_MAX_BYTES}
     */
    public record Settings(int window, Duration resendAfter, Duration manifestInterval, Duration retention,
                           int bundleRecords, Duration liveSendInterval) {
        public static final Settings DEFAULTS = new Settings(400, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofDays(7), 8, Duration.ofSeconds(5));

        public Settings {
            if (window < 1 || window > 900) {
                throw new IllegalArgumentException("window must be 1..900 messages, was " + window);
            }
            if (bundleRecords < 1 || bundleRecords > 64) {
                throw new IllegalArgumentException("bundle size must be 1..64 records, was " + bundleRecords);
            }
            if (liveSendInterval.isNegative() || liveSendInterval.isZero()) {
                throw new IllegalArgumentException("the live send interval must be positive, was " + liveSendInterval);
            }
        }

        public Settings withResendAfter(Duration newResendAfter) {
            return new Settings(window, newResendAfter, manifestInterval, retention, bundleRecords, liveSendInterval);
        }

        public Settings withWindow(int newWindow) {
            return new Settings(newWindow, resendAfter, manifestInterval, retention, bundleRecords, liveSendInterval);
        }

        public Settings withBundleRecords(int newBundleRecords) {
            return new Settings(window, resendAfter, manifestInterval, retention, newBundleRecords, liveSendInterval);
        }

        public Settings withLiveSendInterval(Duration newLiveSendInterval) {
            return new Settings(window, resendAfter, manifestInterval, retention, bundleRecords, newLiveSendInterval);
        }
    }

    /**
     * Largest bundle, bytes (256 KiB): far below the host's 16 MiB packet limit and any broker's
     * default, so no broker discards a bundle after acknowledging it (MQTT-3.1.2-25).
     */
    public static final int BUNDLE_MAX_BYTES = 256 << 10;

    /**
     * What a run did.
     *
     * @param confirmed sessions the host confirmed during the run
     * @param pending sessions still not confirmed at the end
     * @param sent records published (first sends and resends)
     * @param resent records published again
     * @param messages MQTT messages those records took (a bundle is one)
     * @param connections connections made
     */
    public record Result(List<String> confirmed, List<String> pending, long sent, long resent, long messages,
                         int connections) {
        public boolean allConfirmed() {
            return pending.isEmpty();
        }
    }

    private static final int START = -1;
    private static final int END = -2;

    private final DeviceOutbox outbox;
    private final String deviceId;
    private final LinkFactory links;
    private final Settings settings;
    private final Clock clock;
    private final Consumer<String> log;
    private final AcknowledgementVerifier verifier;

    private final Map<String, SessionProgress> sessions = new LinkedHashMap<>();
    /** Records sent and not acknowledged, with when and in which message. */
    private final Map<Key, InFlight> inFlight = new HashMap<>();
    /** Messages with records not yet acknowledged: message number → such records. */
    private final Map<Long, Integer> unacknowledgedPerMessage = new HashMap<>();
    private final Deque<Key> resend = new ArrayDeque<>();
    private final List<String> confirmed = new ArrayList<>();
    private final ResendTimer resendTimer;
    private MqttLink link;
    /** The presence topics (the host's, or each host worker's) that say "online" now. */
    private final java.util.Set<String> hostsOnline = new java.util.HashSet<>();
    private boolean hostOnline;
    private boolean manifestDirty = true;
    private long lastManifestNanos;
    private long sent;
    private long resentCount;
    private long messages;
    private int connections;
    private volatile boolean stopRequested;

    /** A sender that accepts unsigned acknowledgements (an unpaired strap on a loopback broker). */
    public OutboxSender(DeviceOutbox outbox, String deviceId, LinkFactory links, Settings settings, Clock clock,
                        Consumer<String> log) {
        this(outbox, deviceId, links, settings, clock, log, AcknowledgementVerifier.UNSIGNED_ACCEPTED);
    }

    /** @param verifier what acknowledgements it believes (a paired strap: only the host's signed ones) */
    public OutboxSender(DeviceOutbox outbox, String deviceId, LinkFactory links, Settings settings, Clock clock,
                        Consumer<String> log, AcknowledgementVerifier verifier) {
        this.outbox = outbox;
        this.deviceId = deviceId;
        this.links = links;
        this.settings = settings;
        this.clock = clock;
        this.log = log;
        this.verifier = verifier;
        this.resendTimer = new ResendTimer(settings.resendAfter());
    }

    /**
     * Sends until every session in the outbox is confirmed, or {@code timeout} passes.
     *
     * @throws BrokerUnreachableException when no connection could be made at all within the timeout
     */
    public Result run(Duration timeout) throws IOException, InterruptedException {
        return run(timeout, () -> false);
    }

    /**
     * Sends while a session is being recorded into the outbox (by another connection to it): what
     * is sealed goes out every {@link Settings#liveSendInterval()}; once
     * {@code recording} turns false, sends until every session is confirmed or {@code timeout}
     * passes (counted from the end of the recording). A broker or host that is away while recording
     * only delays the sending.
     *
     * @throws BrokerUnreachableException when no connection could be made at all
     */
    public Result run(Duration timeout, BooleanSupplier recording) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextRefreshNanos = System.nanoTime() + settings.liveSendInterval().toNanos();
        // true at first: a recording that ended before the first look is still refreshed once
        boolean wasLive = true;
        int purged = outbox.purgeConfirmedBefore(clock.instant().minus(settings.retention()));
        if (purged > 0) {
            log.accept("deleted " + purged + " confirmed session(s) older than the retention period");
        }
        refreshSessions();
        ReconnectBackoff backoff = new ReconnectBackoff();
        String lastFailure = null;
        try {
            while (!stopRequested) {
                boolean live = recording.getAsBoolean();
                long now = System.nanoTime();
                if (live) {
                    deadline = now + timeout.toNanos();
                } else if (now >= deadline) {
                    break;
                }
                if (live && now >= nextRefreshNanos) {
                    refreshSessions(); // what the recording sealed since
                    nextRefreshNanos = now + settings.liveSendInterval().toNanos();
                } else if (wasLive && !live) {
                    refreshSessions(); // the recording's last chunks and its end
                }
                wasLive = live;
                if (link == null || !link.isConnected()) {
                    if (link != null) {
                        log.accept("connection lost (" + link.lossReason() + "); reconnecting");
                        link.close();
                        link = null;
                    }
                    try {
                        connect();
                        backoff.reset();
                    } catch (BrokerUnreachableException | LinkLostException e) {
                        lastFailure = e.getMessage();
                        if (link != null) {
                            link.close();
                            link = null;
                        }
                        Thread.sleep(Math.min(backoff.nextMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                        continue;
                    }
                }
                try {
                    handleInbound();
                    if (sessions.isEmpty() && !live) {
                        publishManifest(true);
                        break;
                    }
                    boolean clientFull = hostOnline && !fillWindow();
                    if (manifestDirty && System.nanoTime() - lastManifestNanos > settings.manifestInterval().toNanos()) {
                        publishManifest(false);
                    }
                    // an acknowledgement ends the wait at once; only a full client window needs a quick retry
                    Optional<MqttLink.InboundMessage> next = link.poll(Duration.ofMillis(
                            waitMillis(live, clientFull, nextRefreshNanos)));
                    next.ifPresent(this::handle);
                } catch (IOException lost) {
                    // the connection broke mid-publish: the loop reconnects
                    log.accept("connection problem: " + lost.getMessage());
                }
            }
        } finally {
            if (link != null) {
                link.close();
                link = null;
            }
        }
        if (connections == 0 && lastFailure != null) {
            throw new BrokerUnreachableException(lastFailure, null);
        }
        return new Result(List.copyOf(confirmed), List.copyOf(sessions.keySet()), sent, resentCount, messages, connections);
    }

    /**
     * How long the loop waits for an inbound message before its next turn, ms: 2 when the MQTT
     * client's window was full; while recording with nothing to send or wait for, until the next
     * look at the outbox, at most {@value #IDLE_WAIT_MILLIS} ms (a stop, the recording's end or a lost
     * connection is still noticed that soon); else 50.
     */
    private long waitMillis(boolean live, boolean clientFull, long nextRefreshNanos) {
        if (clientFull) {
            return 2;
        }
        if (live && inFlight.isEmpty() && resend.isEmpty() && !manifestDirty) {
            return Math.clamp((nextRefreshNanos - System.nanoTime()) / 1_000_000, 1, IDLE_WAIT_MILLIS);
        }
        return 50;
    }

    /** The longest wait for an inbound message while recording with nothing to send, ms. */
    static final long IDLE_WAIT_MILLIS = 250;

    /** Asks a running {@link #run} to return at its next turn (within {@value #IDLE_WAIT_MILLIS} ms), whatever is left to send. */
    public void stop() {
        stopRequested = true;
    }

    private void refreshSessions() throws IOException {
        for (DeviceOutbox.PendingSession pending : outbox.pending()) {
            SessionProgress progress = sessions.computeIfAbsent(pending.sessionId(), SessionProgress::new);
            if (progress.sealedChunks != pending.sealedChunks() || progress.ended != pending.ended()) {
                manifestDirty = true;
            }
            progress.sealedChunks = pending.sealedChunks();
            progress.ended = pending.ended();
        }
    }

    private void connect() throws BrokerUnreachableException, LinkLostException {
        link = links.connect(List.of(SyncTopics.ALL_HOST_PRESENCE, SyncTopics.acks(deviceId), SyncTopics.requests(deviceId)));
        connections++;
        hostOnline = false;
        hostsOnline.clear();
        requeueInFlight();
        try {
            publishManifest(false);
        } catch (IOException lost) {
            // lost again right after connecting (a Wi-Fi blip, a broker restart): the loop tries again
            throw new LinkLostException("the connection was lost right after connecting: " + lost.getMessage());
        }
    }

    /** A connection that broke before it could be used; the run reconnects. */
    private static final class LinkLostException extends Exception {
        LinkLostException(String message) {
            super(message);
        }
    }

    /** Everything sent and unacknowledged goes out again (after a reconnect or the host's return). */
    private void requeueInFlight() {
        resend.clear();
        inFlight.clear();
        unacknowledgedPerMessage.clear();
        for (SessionProgress progress : sessions.values()) {
            progress.nextChunk = 0;
            progress.startQueued = false;
            progress.endQueued = false;
        }
    }

    private void handleInbound() {
        List<MqttLink.InboundMessage> batch = new ArrayList<>();
        link.drainTo(batch, 2_000);
        batch.forEach(this::handle);
    }

    private void handle(MqttLink.InboundMessage message) {
        if (SyncTopics.isHostPresence(message.topic())) {
            receivePresence(message.topic(),
                    new String(message.payload(), StandardCharsets.UTF_8).startsWith(SyncTopics.ONLINE));
            return;
        }
        Optional<SyncTopics.DeviceTopic> topic = SyncTopics.parse(message.topic());
        if (topic.isEmpty() || !topic.get().deviceId().equals(deviceId) || message.payload().length == 0) {
            return; // not ours, or a cleared retained acknowledgement
        }
        SyncDecodeResult decoded = SyncCodec.decode(message.payload());
        if (decoded instanceof SyncDecodeResult.Rejected(String reason)) {
            log.accept("ignored a bad message on " + message.topic() + ": " + reason);
            return;
        }
        SyncRecord record = ((SyncDecodeResult.Decoded) decoded).record();
        try {
            switch (record) {
                case SyncRecord.Acknowledgement ack when topic.get().kind().equals("acks") ->
                        receiveAcknowledgement(ack, topic.get().sessionId());
                case SyncRecord.GapRequest gap when topic.get().kind().equals("requests") && gap.deviceId().equals(deviceId) ->
                        requestGaps(gap);
                default -> log.accept("ignored a " + record.getClass().getSimpleName() + " on " + message.topic()
                        + " that does not belong there");
            }
        } catch (IOException e) {
            log.accept("outbox problem: " + e.getMessage());
        }
    }

    /**
     * A host (or one host worker of a shared group) said it is online, or offline or gone (its last
     * will). Sending goes on while any is online.
     */
    private void receivePresence(String topic, boolean online) {
        boolean changed = online ? hostsOnline.add(topic) : hostsOnline.remove(topic);
        boolean anyOnline = !hostsOnline.isEmpty();
        if (anyOnline && !hostOnline) {
            log.accept("host is online");
            requeueInFlight();
            // it may be another host, or one with another store: believe its acknowledgements afresh
            sessions.values().forEach(session -> session.accepted = null);
        } else if (!anyOnline && hostOnline) {
            log.accept("host went offline; waiting for it");
        } else if (anyOnline && changed && !online) {
            // one of several workers went away: what the broker had handed it is lost with it
            log.accept("a host worker went away (" + topic + "); sending what is not acknowledged again");
            requeueInFlight();
        }
        hostOnline = anyOnline;
    }

    /** Believes {@code ack}, which came on the topic of {@code sessionId}, only if the verifier does. */
    private void receiveAcknowledgement(SyncRecord.Acknowledgement ack, String sessionId) throws IOException {
        Optional<String> rejection = verifier.rejection(ack, deviceId, sessionId);
        if (rejection.isPresent()) {
            log.accept("rejected an acknowledgement of session " + sessionId + ": " + rejection.get()
                    + "; nothing confirmed");
            return;
        }
        acknowledge(ack);
    }

    private void acknowledge(SyncRecord.Acknowledgement ack) throws IOException {
        SessionProgress progress = sessions.get(ack.sessionId());
        if (progress == null) {
            return; // already confirmed, or not ours
        }
        if (progress.accepted != null && !ack.claimsAtLeast(progress.accepted)) {
            log.accept("ignored an older acknowledgement of session " + ack.sessionId() + " (chunks " + ack.chunks()
                    + "): it claims less than one already accepted (chunks " + progress.accepted.chunks() + ")");
            return;
        }
        if (ack.complete() && (!progress.ended || !ack.endStored() || !ack.startStored()
                || !ack.chunks().isFirstN(progress.sealedChunks))) {
            // checked before anything is believed: an inconsistent claim changes nothing
            log.accept("ignored an acknowledgement of session " + ack.sessionId() + " that claims it complete with chunks "
                    + ack.chunks() + " while the outbox has " + progress.sealedChunks
                    + (progress.ended ? " and its end" : " and no end yet"));
            return;
        }
        if (ack.complete() && ack.namesContent()) {
            Optional<String> mismatch = contentMismatch(ack, progress.sealedChunks);
            if (mismatch.isPresent()) {
                log.accept("did not let session " + ack.sessionId() + " go: " + mismatch.get()
                        + "; it stays in the outbox (the host keeps records that differ as conflicts)");
                return;
            }
        }
        progress.accepted = ack;
        progress.acked = ack.chunks();
        progress.startAcked = ack.startStored();
        progress.endAcked = ack.endStored();
        long now = System.nanoTime();
        long oldestFirstSend = Long.MAX_VALUE;
        for (Map.Entry<Key, InFlight> entry : inFlight.entrySet()) {
            if (!entry.getValue().resent() && entry.getKey().sessionId.equals(ack.sessionId())
                    && progress.isAcked(entry.getKey().index)) {
                oldestFirstSend = Math.min(oldestFirstSend, entry.getValue().sentNanos());
            }
        }
        if (oldestFirstSend != Long.MAX_VALUE) { // a resent record's acknowledgement could answer either send
            resendTimer.acknowledgedAfter(now - oldestFirstSend);
        }
        forgetInFlight(key -> key.sessionId.equals(ack.sessionId()) && progress.isAcked(key.index));
        if (ack.complete()) {
            outbox.confirm(ack.sessionId(), clock.instant());
            sessions.remove(ack.sessionId());
            forgetInFlight(key -> key.sessionId.equals(ack.sessionId()));
            confirmed.add(ack.sessionId());
            manifestDirty = true;
            log.accept("session " + ack.sessionId() + " confirmed by the host (" + progress.sealedChunks + " chunks)");
        }
    }

    private void requestGaps(SyncRecord.GapRequest gap) {
        SessionProgress progress = sessions.get(gap.sessionId());
        if (progress == null) {
            return;
        }
        // the host says what it lacks: that overrides any acknowledgement it (or another host) gave before
        progress.accepted = null;
        progress.acked = progress.acked.minus(gap.chunks());
        progress.startAcked &= !gap.start();
        progress.endAcked &= !gap.end();
        if (gap.start()) {
            queueResend(new Key(gap.sessionId(), START));
        }
        int[] bounds = gap.chunks().bounds();
        for (int range = 0; range < bounds.length; range += 2) {
            for (int index = bounds[range]; index < Math.min(bounds[range + 1], progress.sealedChunks); index++) {
                queueResend(new Key(gap.sessionId(), index));
            }
        }
        if (gap.end() && progress.ended) {
            queueResend(new Key(gap.sessionId(), END));
        }
    }

    private void queueResend(Key key) {
        InFlight sent = inFlight.remove(key);
        if (sent != null) {
            released(sent);
        }
        resend.add(key);
    }

    /**
     * Why the host's complete acknowledgement does not describe this outbox's session: its content
     * digest ({@link SessionContentDigest}) differs from the one of the records here; empty when equal.
     */
    private Optional<String> contentMismatch(SyncRecord.Acknowledgement ack, int chunkCount) throws IOException {
        Optional<byte[]> start = outbox.startRecord(ack.sessionId());
        Optional<byte[]> end = outbox.endRecord(ack.sessionId());
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.of("its start or end record is missing from the outbox");
        }
        SessionContentDigest digest = SessionContentDigest.startingWithRecord(start.get());
        SessionProgress progress = sessions.get(ack.sessionId());
        for (int index = 0; index < chunkCount; index++) {
            Optional<byte[]> hash = index < progress.chunkHashes.length && progress.chunkHashes[index] != null
                    ? Optional.of(progress.chunkHashes[index]) // noted when it was sent
                    : outbox.chunkRecord(ack.sessionId(), index).flatMap(SyncCodec::chunkHash);
            if (hash.isEmpty()) {
                return Optional.of("its chunk " + index + " is missing from the outbox or unreadable");
            }
            digest.addChunkHash(hash.get());
        }
        byte[] here = digest.endingWithRecord(end.get());
        return java.security.MessageDigest.isEqual(here, ack.contentSha256()) ? Optional.empty()
                : Optional.of("the host holds other records under its keys (content " + HexFormat.of().formatHex(
                        ack.contentSha256(), 0, 8) + "…, here " + HexFormat.of().formatHex(here, 0, 8) + "…)");
    }

    private static void noteChunkHash(SessionProgress progress, int index, byte[] record) {
        if (index >= progress.chunkHashes.length) {
            progress.chunkHashes = java.util.Arrays.copyOf(progress.chunkHashes, Math.max(index + 1,
                    Math.max(progress.sealedChunks, 2 * progress.chunkHashes.length)));
        }
        if (progress.chunkHashes[index] == null) {
            progress.chunkHashes[index] = SyncCodec.chunkHash(record).orElse(null);
        }
    }

    /** Sends what the window allows; false when the MQTT client's own window was full. */
    private boolean fillWindow() throws IOException {
        long now = System.nanoTime();
        if (!inFlight.isEmpty()) {
            long stale = now - resendTimer.resendAfterNanos();
            boolean timedOut = false;
            for (Iterator<Map.Entry<Key, InFlight>> entries = inFlight.entrySet().iterator(); entries.hasNext(); ) {
                Map.Entry<Key, InFlight> entry = entries.next();
                if (entry.getValue().sentNanos() < stale) {
                    entries.remove();
                    released(entry.getValue());
                    resend.add(entry.getKey());
                    timedOut = true;
                }
            }
            if (timedOut) {
                resendTimer.timedOut();
            }
        }
        List<Key> keys = new ArrayList<>(settings.bundleRecords());
        List<Boolean> again = new ArrayList<>(settings.bundleRecords());
        List<byte[]> records = new ArrayList<>(settings.bundleRecords());
        while (unacknowledgedPerMessage.size() < settings.window()) {
            keys.clear();
            again.clear();
            records.clear();
            int resends = 0;
            int bytes = 0;
            while (keys.size() < settings.bundleRecords()) {
                Key key = resend.poll();
                boolean resent = key != null;
                if (key == null) {
                    key = nextNew();
                    if (key == null) {
                        break;
                    }
                }
                SessionProgress progress = sessions.get(key.sessionId);
                if (progress == null || progress.isAcked(key.index) || inFlight.containsKey(key) || keys.contains(key)) {
                    continue;
                }
                Optional<byte[]> record = switch (key.index) {
                    case START -> outbox.startRecord(key.sessionId);
                    case END -> outbox.endRecord(key.sessionId);
                    default -> outbox.chunkRecord(key.sessionId, key.index);
                };
                if (record.isEmpty()) {
                    continue;
                }
                if (!keys.isEmpty() && bytes + record.get().length > BUNDLE_MAX_BYTES) {
                    resend.addFirst(key); // the next bundle starts with it
                    break;
                }
                keys.add(key);
                again.add(resent);
                records.add(record.get());
                if (key.index >= 0) {
                    noteChunkHash(progress, key.index, record.get());
                }
                bytes += record.get().length;
                if (resent) {
                    resends++;
                }
            }
            if (keys.isEmpty()) {
                return true;
            }
            byte[] payload = records.size() == 1 ? records.getFirst()
                    : SyncCodec.encode(new SyncRecord.Bundle(deviceId, List.copyOf(records)));
            if (!link.offer(SyncTopics.chunks(deviceId), payload, false)) {
                for (int index = keys.size() - 1; index >= 0; index--) {
                    resend.addFirst(keys.get(index));
                }
                return false;
            }
            messages++;
            for (int index = 0; index < keys.size(); index++) {
                inFlight.put(keys.get(index), new InFlight(now, messages, again.get(index)));
            }
            unacknowledgedPerMessage.put(messages, keys.size());
            sent += keys.size();
            resentCount += resends;
        }
        return true;
    }

    /** The next record never sent on this connection, in session order: start, chunks, end. */
    private Key nextNew() {
        for (SessionProgress progress : sessions.values()) {
            if (!progress.startQueued) {
                progress.startQueued = true;
                if (!progress.startAcked) {
                    return new Key(progress.sessionId, START);
                }
            }
            while (progress.nextChunk < progress.sealedChunks) {
                int index = progress.nextChunk++;
                if (!progress.acked.contains(index)) {
                    return new Key(progress.sessionId, index);
                }
            }
            if (progress.ended && !progress.endQueued) {
                progress.endQueued = true;
                if (!progress.endAcked) {
                    return new Key(progress.sessionId, END);
                }
            }
        }
        return null;
    }

    private void publishManifest(boolean wait) throws IOException {
        List<SyncRecord.ManifestEntry> entries = new ArrayList<>();
        for (SessionProgress progress : sessions.values()) {
            entries.add(new SyncRecord.ManifestEntry(progress.sessionId, progress.sealedChunks, progress.ended));
        }
        byte[] manifest = SyncCodec.encode(new SyncRecord.Manifest(deviceId, clock.instant(), entries));
        if (wait) {
            link.publish(SyncTopics.manifest(deviceId), manifest, true, Duration.ofSeconds(5));
        } else if (!link.offer(SyncTopics.manifest(deviceId), manifest, true)) {
            return;
        }
        manifestDirty = false;
        lastManifestNanos = System.nanoTime();
    }

    private void forgetInFlight(java.util.function.Predicate<Key> which) {
        inFlight.entrySet().removeIf(entry -> {
            if (which.test(entry.getKey())) {
                released(entry.getValue());
                return true;
            }
            return false;
        });
    }

    /** One record of a message is acknowledged or will be sent again: the message counts until none is left. */
    private void released(InFlight sent) {
        unacknowledgedPerMessage.computeIfPresent(sent.message(), (message, records) -> records == 1 ? null : records - 1);
    }

    private record Key(String sessionId, int index) {
    }

    /** A record sent at {@code sentNanos} in message {@code message}; {@code resent}: not its first send. */
    private record InFlight(long sentNanos, long message, boolean resent) {
    }

    private static final class SessionProgress {
        final String sessionId;
        int sealedChunks;
        boolean ended;
        ChunkRanges acked = ChunkRanges.EMPTY;
        /** The last acknowledgement believed, or null before the first. */
        SyncRecord.Acknowledgement accepted;
        boolean startAcked;
        boolean endAcked;
        int nextChunk;
        boolean startQueued;
        boolean endQueued;
        /** Each chunk's own hash, noted when it was read to be sent (for the content check); null if not yet. */
        byte[][] chunkHashes = new byte[0][];

        SessionProgress(String sessionId) {
            this.sessionId = sessionId;
        }

        boolean isAcked(int index) {
            return switch (index) {
                case START -> startAcked;
                case END -> endAcked;
                default -> acked.contains(index);
            };
        }
    }
}
