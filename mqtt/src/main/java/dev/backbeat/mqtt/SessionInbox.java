package dev.backbeat.mqtt;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** The host's subscription to every device's sessions. */
public interface SessionInbox extends AutoCloseable {

    /** The next session that arrived, waiting up to {@code timeout}; empty if none came. */
    Optional<ReceivedSession> poll(Duration timeout) throws InterruptedException, IOException;

    /**
     * Tells the broker the host has safely stored {@code session}: clears the retained message
     * so it is not delivered again. Call only after the store committed.
     */
    void acknowledge(ReceivedSession session) throws IOException;

    @Override
    void close() throws IOException;
}
