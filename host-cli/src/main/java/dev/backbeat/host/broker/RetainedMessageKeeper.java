// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.publish.RetainedMessageStore;
import com.hivemq.extension.sdk.api.services.publish.RetainedPublish;
import dev.backbeat.mqtt.DurableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Keeps the broker's retained messages across restarts while everything else it holds lives in
 * memory: at start it puts back what its {@link RetainedMessageSnapshot} file holds; then every
 * {@value #SAVE_PERIOD_MILLIS} ms, and when the broker is closed, it writes the retained messages
 * again if they changed ({@link DurableFile}: a new file, forced to disk, renamed over the old one).
 *
 * <p>Why not HiveMQ's own file persistence: it writes every QoS 1 message to every subscriber
 * through an on-disk queue (Xodus) and its payload store, even for clean sessions, which is all
 * Backbeat's clients use. That was most of the broker's processor time while a strap sent its
 * backlog (bench/backlog-processes), for nothing the sync needs: a strap keeps every record in its
 * outbox until the host confirms it after its commit, so a queue lost with the broker is sent
 * again. What does need to survive is retained: the host's desired configurations and commands,
 * the straps' health, manifests and reports, the host's acknowledgements. A crash loses at most
 * the changes of the last {@value #SAVE_PERIOD_MILLIS} ms, which their senders publish again (a
 * strap its health and manifest on connecting; the host an acknowledgement when asked again).
 *
 * <p>HiveMQ starts its extensions, and waits for them, before it binds its listeners, so the
 * retained messages are back before any client connects.
 *
 * <p>An unreadable file (damaged, another format) is moved aside to {@code NAME.unreadable}, said
 * in a notice, and the broker starts without it.
 */
final class RetainedMessageKeeper implements ExtensionMain {

    /** How often the retained messages are written when they changed: 2000 ms. */
    static final long SAVE_PERIOD_MILLIS = 2000;
    /** The longest a restore or a save waits for HiveMQ's retained store: 30 s. */
    private static final long STORE_TIMEOUT_SECONDS = 30;
    /** MQTT's message expiry interval is an unsigned 32-bit number of seconds. */
    private static final long MAX_MESSAGE_EXPIRY_SECONDS = 0xFFFF_FFFFL;

    private final Path file;
    private final Consumer<String> notices;
    private final Object saving = new Object();
    private byte[] lastSaved = new byte[0];
    /** Set on HiveMQ's extension thread, stopped from the one closing the broker. */
    private volatile ScheduledExecutorService periodicSave;
    private volatile int restoredCount;

    /**
     * @param file where the retained messages are kept, e.g. {@code data/retained-messages}
     * @param notices receives one line when the file cannot be read or written
     */
    RetainedMessageKeeper(Path file, Consumer<String> notices) {
        this.file = file;
        this.notices = notices;
    }

    /** How many retained messages the start put back. */
    int restoredCount() {
        return restoredCount;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        restore(Services.retainedMessageStore());
        // a thread of its own: HiveMQ lists its retained messages on its extension executor, so a
        // save waiting for that list there would wait for itself
        periodicSave = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "broker-retained-messages");
            thread.setDaemon(true);
            return thread;
        });
        periodicSave.scheduleWithFixedDelay(this::saveQuietly, SAVE_PERIOD_MILLIS, SAVE_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Stops the periodic saves if {@link #stopPeriodicSaves()} has not (a broker stopped some other way). */
    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        ScheduledExecutorService saves = periodicSave;
        if (saves != null) {
            saves.shutdownNow();
        }
    }

    /**
     * Stops the periodic saves and waits for one under way to finish (at most the store's timeout),
     * before {@link EmbeddedBroker#close()} saves once more and stops HiveMQ: a save that ran while
     * HiveMQ was stopping asked its stopped executors for the retained messages, which Guava logged
     * as a severe error and the save waited out.
     */
    void stopPeriodicSaves() {
        ScheduledExecutorService saves = periodicSave;
        if (saves == null) {
            return;
        }
        saves.shutdown();
        try {
            if (!saves.awaitTermination(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                saves.shutdownNow();
            }
        } catch (InterruptedException e) {
            saves.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void restore(RetainedMessageStore store) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException first) {
            return;
        } catch (IOException | OutOfMemoryError e) {
            notices.accept("cannot read the retained messages in " + file + ": " + e.getMessage()
                    + "; starting without them");
            return;
        }
        switch (RetainedMessageSnapshot.decode(bytes)) {
            case RetainedMessageSnapshot.Decoded.Unreadable(String reason) -> setAside(reason);
            case RetainedMessageSnapshot.Decoded.Read(List<RetainedMessageSnapshot.KeptMessage> messages) -> {
                List<CompletableFuture<Void>> added = new ArrayList<>(messages.size());
                for (RetainedMessageSnapshot.KeptMessage message : messages) {
                    var publish = RetainedPublish.builder()
                            .topic(message.topic())
                            .qos(Qos.valueOf(message.qos()))
                            .payload(ByteBuffer.wrap(message.payload()));
                    message.messageExpirySeconds().ifPresent(publish::messageExpiryInterval);
                    added.add(store.addOrReplace(publish.build()));
                }
                try {
                    CompletableFuture.allOf(added.toArray(CompletableFuture[]::new))
                            .get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    restoredCount = messages.size();
                    lastSaved = bytes;
                } catch (ExecutionException | TimeoutException e) {
                    notices.accept("could not put back the " + messages.size() + " retained messages of " + file
                            + ": " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void setAside(String reason) {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            notices.accept("the retained messages in " + file + " cannot be read (" + reason + "); moved to " + aside
                    + ", starting without them");
        } catch (IOException e) {
            notices.accept("the retained messages in " + file + " cannot be read (" + reason + ") nor moved aside ("
                    + e.getMessage() + "); starting without them");
        }
    }

    /**
     * Writes the broker's retained messages to the file if they changed since the last write; a
     * failure is a notice, and the previous file stays.
     */
    void saveQuietly() {
        try {
            save(Services.retainedMessageStore());
        } catch (IOException | RuntimeException e) {
            notices.accept("cannot keep the retained messages in " + file + ": " + e.getMessage()
                    + " (the previous copy stays; trying again in " + SAVE_PERIOD_MILLIS + " ms)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void save(RetainedMessageStore store) throws IOException, InterruptedException {
        synchronized (saving) {
            List<RetainedMessageSnapshot.KeptMessage> messages = Collections.synchronizedList(new ArrayList<>());
            try {
                store.iterateAllRetainedMessages((context, retained) -> messages.add(kept(retained)))
                        .get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("HiveMQ did not list its retained messages: " + e, e);
            }
            // HiveMQ iterates in no fixed order: sorted, an unchanged set gives the same bytes
            messages.sort(Comparator.comparing(RetainedMessageSnapshot.KeptMessage::topic));
            byte[] bytes = RetainedMessageSnapshot.encode(messages);
            if (Arrays.equals(bytes, lastSaved)) {
                return;
            }
            DurableFile.replace(file, bytes);
            lastSaved = bytes;
        }
    }

    private static RetainedMessageSnapshot.KeptMessage kept(RetainedPublish retained) {
        byte[] payload = retained.getPayload().map(buffer -> {
            ByteBuffer readOnly = buffer.asReadOnlyBuffer();
            byte[] copy = new byte[readOnly.remaining()];
            readOnly.get(copy);
            return copy;
        }).orElse(new byte[0]);
        OptionalLong expiry = retained.getMessageExpiryInterval()
                .filter(seconds -> seconds >= 0 && seconds <= MAX_MESSAGE_EXPIRY_SECONDS)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
        return new RetainedMessageSnapshot.KeptMessage(retained.getTopic(), retained.getQos().getQosNumber(), expiry,
                payload);
    }
}
