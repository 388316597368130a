// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.live;

import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.control.ControlCodec;
import dev.backbeat.mqtt.control.ControlDecodeResult;
import dev.backbeat.mqtt.control.DeviceHealth;
import dev.backbeat.mqtt.live.LiveCodec;
import dev.backbeat.mqtt.live.LiveDecodeResult;
import dev.backbeat.mqtt.live.LiveFrame;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code backbeat live} knows of the strap it follows: its newest live frame and when it
 * arrived, and its health (the retained health topic, and its last will). It follows the strap
 * given, or else the first whose live frame arrives. Bad bytes never stop it: a payload that does
 * not decode is counted and its reason kept.
 */
public final class LiveBoard {

    /** What the strap is doing, as far as the host can tell. */
    public enum StrapState {
        /** Nothing heard of the strap yet (or, without a device, of any strap recording). */
        WAITING,
        /** Live frames arrive. */
        RECORDING,
        /** Its health says recording, but no frame has arrived yet (it calibrates, or frames are dropped). */
        STARTING,
        /** Its health says it waits for a start (idle, or sending its outbox). */
        IDLE,
        /** Frames stopped for longer than the gone-after time while its health still said recording. */
        SILENT,
        /** It stopped cleanly (health {@code offline}). */
        OFFLINE,
        /** Its connection died: the broker published its last will (health {@code gone}). */
        GONE
    }

    private final Duration goneAfter;
    private String deviceId;
    private LiveFrame frame;
    private long frameNanos;
    private DeviceHealth.State health;
    private long healthNanos;
    private long rejected;
    private String lastRejection = "";

    /**
     * @param deviceId the strap to follow, or empty for the first one whose frame arrives
     * @param goneAfter how long without frames, while its health says recording, until the strap is {@link StrapState#SILENT}
     */
    public LiveBoard(Optional<String> deviceId, Duration goneAfter) {
        this.deviceId = deviceId.orElse(null);
        this.goneAfter = goneAfter;
    }

    /** Takes a message from the live or health topics, arrived at {@code nowNanos} ({@link System#nanoTime()}). */
    public void receive(MqttLink.InboundMessage message, long nowNanos) {
        Optional<SyncTopics.DeviceTopic> topic = SyncTopics.parse(message.topic());
        if (topic.isEmpty() || message.payload().length == 0) {
            return;
        }
        String from = topic.get().deviceId();
        switch (topic.get().kind()) {
            case "live" -> {
                switch (LiveCodec.decode(message.payload())) {
                    case LiveDecodeResult.Frame(LiveFrame decoded) -> {
                        if (deviceId == null) {
                            deviceId = from;
                        }
                        if (from.equals(deviceId) && decoded.deviceId().equals(from)) {
                            frame = decoded;
                            frameNanos = nowNanos;
                        }
                    }
                    case LiveDecodeResult.Rejected(String reason) -> reject(from, reason);
                }
            }
            case "health" -> {
                if (!from.equals(deviceId)) {
                    return;
                }
                switch (ControlCodec.decode(message.payload())) {
                    case ControlDecodeResult.Health(DeviceHealth decoded) -> {
                        health = decoded.state();
                        healthNanos = nowNanos;
                    }
                    case ControlDecodeResult.Rejected(String reason) -> reject(from, "health: " + reason);
                    default -> reject(from, "health: not a health record");
                }
            }
            default -> { }
        }
    }

    private void reject(String from, String reason) {
        rejected++;
        lastRejection = from + ": " + reason;
    }

    /** What the strap is doing at {@code nowNanos}. */
    public StrapState state(long nowNanos) {
        boolean frameNewer = frame != null && (health == null || frameNanos >= healthNanos);
        if (health == DeviceHealth.State.GONE && !frameNewer) {
            return StrapState.GONE;
        }
        if (health == DeviceHealth.State.OFFLINE && !frameNewer) {
            return StrapState.OFFLINE;
        }
        boolean fresh = frame != null && nowNanos - frameNanos <= goneAfter.toNanos();
        if (fresh) {
            return StrapState.RECORDING;
        }
        if (health == DeviceHealth.State.IDLE || health == DeviceHealth.State.SENDING) {
            return StrapState.IDLE;
        }
        if (frame != null) {
            return StrapState.SILENT;
        }
        return health == DeviceHealth.State.RECORDING ? StrapState.STARTING : StrapState.WAITING;
    }

    /** The strap followed, if known yet. */
    public Optional<String> deviceId() {
        return Optional.ofNullable(deviceId);
    }

    /** The newest frame, if any arrived. */
    public Optional<LiveFrame> frame() {
        return Optional.ofNullable(frame);
    }

    /** Seconds since the newest frame arrived at {@code nowNanos}; infinite if none did. */
    public double secondsSinceFrame(long nowNanos) {
        return frame == null ? Double.POSITIVE_INFINITY : (nowNanos - frameNanos) / 1e9;
    }

    public Duration goneAfter() {
        return goneAfter;
    }

    /** Payloads that did not decode. */
    public long rejected() {
        return rejected;
    }

    /** Why the last of them did not, with its strap; empty if none. */
    public String lastRejection() {
        return lastRejection;
    }
}
