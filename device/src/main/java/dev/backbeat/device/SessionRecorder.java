package dev.backbeat.device;

import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Keeps recorded sessions on the device's disk: {@code <data>/sessions/outbox/<id>.bbs} until the
 * broker acknowledged them, then {@code <data>/sessions/sent/<id>.bbs}. Files are written to a
 * temporary name, forced to disk and renamed, so a power cut never leaves half a session.
 */
final class SessionRecorder {

    static final String EXTENSION = ".bbs";
    private final Path outbox;
    private final Path sent;

    SessionRecorder(Path dataDirectory) throws IOException {
        this.outbox = dataDirectory.resolve("sessions").resolve("outbox");
        this.sent = dataDirectory.resolve("sessions").resolve("sent");
        try {
            Files.createDirectories(outbox);
            Files.createDirectories(sent);
        } catch (IOException e) {
            throw new IOException("cannot create the device data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    /** Writes the session to the outbox; returns its file. */
    Path save(RecordedSession session, byte[] payload) throws IOException {
        Path target = outbox.resolve(session.sessionId() + EXTENSION);
        Path temporary = outbox.resolve(session.sessionId() + EXTENSION + ".tmp");
        try (var channel = Files.newByteChannel(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(payload));
            ((java.nio.channels.FileChannel) channel).force(true);
        }
        return Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Moves an acknowledged session from the outbox to {@code sent}; returns its new path. */
    Path markSent(String sessionId) throws IOException {
        return Files.move(outbox.resolve(sessionId + EXTENSION), sent.resolve(sessionId + EXTENSION),
                StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    Path outbox() {
        return outbox;
    }
}
