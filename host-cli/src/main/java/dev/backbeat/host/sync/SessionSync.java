package dev.backbeat.host.sync;

import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionDecodeResult;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import dev.backbeat.host.store.StoreOutcome;
import dev.backbeat.mqtt.ReceivedSession;
import dev.backbeat.mqtt.SessionInbox;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Moves sessions from the broker into the store: decode and check each payload, store it in one
 * transaction, and only then acknowledge it (clear the retained message). A payload that fails
 * the checks is reported and left on the broker, never stored.
 */
public final class SessionSync {

    private final SessionInbox inbox;
    private final SessionStore store;
    private final Consumer<String> progress;

    public SessionSync(SessionInbox inbox, SessionStore store, Consumer<String> progress) {
        this.inbox = inbox;
        this.store = store;
        this.progress = progress;
    }

    /**
     * Receives until nothing has arrived for {@code idle} (or forever when {@code idle} is null),
     * storing each session.
     */
    public SyncReport run(Duration idle) throws IOException, StoreException, InterruptedException {
        List<String> stored = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        int duplicates = 0;
        int conflicts = 0;
        Duration wait = idle == null ? Duration.ofSeconds(60) : idle;
        while (true) {
            Optional<ReceivedSession> next = inbox.poll(wait);
            if (next.isEmpty()) {
                if (idle == null) {
                    continue;
                }
                return new SyncReport(stored, duplicates, conflicts, rejected);
            }
            ReceivedSession received = next.get();
            SessionDecodeResult decoded = SessionCodec.decode(received.payload());
            if (decoded instanceof SessionDecodeResult.Rejected(String reason)) {
                String line = received.topic() + ": " + reason;
                rejected.add(line);
                progress.accept("rejected " + line);
                continue;
            }
            RecordedSession session = ((SessionDecodeResult.Decoded) decoded).session();
            if (!session.deviceId().equals(received.deviceId()) || !session.sessionId().equals(received.sessionId())) {
                String line = received.topic() + ": payload is device " + session.deviceId() + " session "
                        + session.sessionId() + ", not what the topic names";
                rejected.add(line);
                progress.accept("rejected " + line);
                continue;
            }
            StoreOutcome outcome = store.store(session, received.payload());
            switch (outcome) {
                case STORED -> {
                    stored.add(session.deviceId() + "/" + session.sessionId());
                    progress.accept("stored " + session.deviceId() + "/" + session.sessionId() + " ("
                            + received.payload().length + " bytes)");
                }
                case DUPLICATE -> duplicates++;
                case CONFLICT -> {
                    conflicts++;
                    progress.accept("conflict: " + session.deviceId() + "/" + session.sessionId()
                            + " arrived with different content; the stored one is kept, the new one set aside");
                }
            }
            inbox.acknowledge(received);
        }
    }
}
