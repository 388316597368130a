// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * The broker's retained messages as one file: what {@link RetainedMessageKeeper} writes so that
 * they outlive a restart of a broker whose queues live in memory.
 *
 * <p>Layout (big-endian): {@code "BBRM"}, format 1 (one byte), the message count (int32), then per
 * message the topic (int32 length, UTF-8), the QoS (one byte, 0..2), the message expiry in seconds
 * (int64, −1 for none) and the payload (int32 length, bytes); last the CRC-32C of everything
 * before it (int32). {@link #decode} never throws: a file that is short, long, damaged or of
 * another format is {@link Decoded.Unreadable} with the reason.
 */
public final class RetainedMessageSnapshot {

    private static final byte[] MAGIC = {'B', 'B', 'R', 'M'};
    private static final int FORMAT = 1;
    /** An MQTT topic is at most 65 535 bytes of UTF-8. */
    static final int MAX_TOPIC_BYTES = 65_535;

    private RetainedMessageSnapshot() {
    }

    /** One retained message as kept. */
    public record KeptMessage(String topic, int qos, OptionalLong messageExpirySeconds, byte[] payload) {
        public KeptMessage {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(messageExpirySeconds, "messageExpirySeconds");
            Objects.requireNonNull(payload, "payload");
            if (qos < 0 || qos > 2) {
                throw new IllegalArgumentException("QoS must be 0..2, was " + qos);
            }
            if (topic.isEmpty() || topic.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES) {
                throw new IllegalArgumentException("a topic is 1.." + MAX_TOPIC_BYTES + " bytes");
            }
            if (messageExpirySeconds.isPresent() && messageExpirySeconds.getAsLong() < 0) {
                throw new IllegalArgumentException("message expiry must not be negative");
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof KeptMessage kept && topic.equals(kept.topic) && qos == kept.qos
                    && messageExpirySeconds.equals(kept.messageExpirySeconds) && Arrays.equals(payload, kept.payload);
        }

        @Override
        public int hashCode() {
            return Objects.hash(topic, qos, messageExpirySeconds, Arrays.hashCode(payload));
        }

        @Override
        public String toString() {
            return "KeptMessage[" + topic + ", QoS " + qos + ", " + payload.length + " bytes]";
        }
    }

    /** What {@link #decode} found. */
    public sealed interface Decoded {
        /** The messages, in the file's order. */
        record Read(List<KeptMessage> messages) implements Decoded {
        }

        /** Not a snapshot this program reads; {@code reason} says why. */
        record Unreadable(String reason) implements Decoded {
        }
    }

    /** The file's bytes for {@code messages}. */
    public static byte[] encode(List<KeptMessage> messages) {
        long size = MAGIC.length + 1 + 4 + 4;
        List<byte[]> topics = new ArrayList<>(messages.size());
        for (KeptMessage message : messages) {
            byte[] topic = message.topic().getBytes(StandardCharsets.UTF_8);
            topics.add(topic);
            size += 4 + topic.length + 1 + 8 + 4 + message.payload().length;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("retained messages of " + size + " bytes do not fit one snapshot");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(MAGIC).put((byte) FORMAT).putInt(messages.size());
        for (int index = 0; index < messages.size(); index++) {
            KeptMessage message = messages.get(index);
            byte[] topic = topics.get(index);
            out.putInt(topic.length).put(topic);
            out.put((byte) message.qos());
            out.putLong(message.messageExpirySeconds().orElse(-1));
            out.putInt(message.payload().length).put(message.payload());
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /** The messages in {@code bytes}, or why they cannot be read; never throws. */
    public static Decoded decode(byte[] bytes) {
        if (bytes.length < MAGIC.length + 1 + 4 + 4) {
            return new Decoded.Unreadable(bytes.length + " bytes, shorter than an empty snapshot");
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return new Decoded.Unreadable("it does not start with BBRM: not a retained-message snapshot");
        }
        int format = bytes[MAGIC.length] & 0xff;
        if (format != FORMAT) {
            return new Decoded.Unreadable("format " + format + ", this program reads format " + FORMAT
                    + " (written by a newer backbeat?)");
        }
        int bodyLength = bytes.length - 4;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bodyLength);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt(bodyLength) != (int) crc.getValue()) {
            return new Decoded.Unreadable("its checksum does not match its contents (damaged or cut short)");
        }
        in.position(MAGIC.length + 1);
        in.limit(bodyLength);
        int count = in.getInt();
        if (count < 0) {
            return new Decoded.Unreadable("a negative message count " + count);
        }
        List<KeptMessage> messages = new ArrayList<>(Math.min(count, 1024));
        for (int index = 0; index < count; index++) {
            String where = "message " + (index + 1) + " of " + count;
            if (in.remaining() < 4) {
                return new Decoded.Unreadable(where + ": cut short before its topic");
            }
            int topicLength = in.getInt();
            if (topicLength < 1 || topicLength > MAX_TOPIC_BYTES || topicLength > in.remaining()) {
                return new Decoded.Unreadable(where + ": a topic of " + topicLength + " bytes");
            }
            String topic;
            try {
                topic = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(in.slice(in.position(), topicLength)).toString();
            } catch (CharacterCodingException e) {
                return new Decoded.Unreadable(where + ": its topic is not UTF-8");
            }
            in.position(in.position() + topicLength);
            if (in.remaining() < 1 + 8 + 4) {
                return new Decoded.Unreadable(where + " (" + topic + "): cut short after its topic");
            }
            int qos = in.get() & 0xff;
            long expiry = in.getLong();
            int payloadLength = in.getInt();
            if (qos > 2) {
                return new Decoded.Unreadable(where + " (" + topic + "): QoS " + qos);
            }
            if (expiry < -1) {
                return new Decoded.Unreadable(where + " (" + topic + "): message expiry " + expiry + " s");
            }
            if (payloadLength < 0 || payloadLength > in.remaining()) {
                return new Decoded.Unreadable(where + " (" + topic + "): a payload of " + payloadLength + " bytes with "
                        + in.remaining() + " left");
            }
            byte[] payload = new byte[payloadLength];
            in.get(payload);
            messages.add(new KeptMessage(topic, qos, expiry < 0 ? OptionalLong.empty() : OptionalLong.of(expiry), payload));
        }
        if (in.hasRemaining()) {
            return new Decoded.Unreadable(in.remaining() + " bytes after the last of " + count + " messages");
        }
        return new Decoded.Read(List.copyOf(messages));
    }
}
