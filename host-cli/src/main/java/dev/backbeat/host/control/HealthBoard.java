// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.control;

import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.control.ControlCodec;
import dev.backbeat.mqtt.control.ControlDecodeResult;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every strap's retained health on the broker ({@link SyncTopics#ALL_HEALTH}), as {@code backbeat
 * status} shows it: the broker hands the retained messages over right after the subscription, so
 * what arrived within a short wait is the board. A payload that does not decode is kept as such,
 * with its reason: one strap's bad bytes never hide the others.
 */
public final class HealthBoard {

    private HealthBoard() {
    }

    /**
     * What arrived on {@code link} (subscribed to {@link SyncTopics#ALL_HEALTH}) within {@code wait}
     * of the last arrival, by device id; an empty retained message (a cleared health) is left out.
     */
    public static Map<String, ControlDecodeResult> collect(MqttLink link, Duration wait) throws InterruptedException {
        Map<String, ControlDecodeResult> board = new TreeMap<>();
        while (true) {
            Optional<MqttLink.InboundMessage> message = link.poll(wait);
            if (message.isEmpty()) {
                return board;
            }
            Optional<SyncTopics.DeviceTopic> topic = SyncTopics.parse(message.get().topic());
            if (topic.isEmpty() || !topic.get().kind().equals("health")) {
                continue;
            }
            if (message.get().payload().length == 0) {
                board.remove(topic.get().deviceId());
                continue;
            }
            board.put(topic.get().deviceId(), ControlCodec.decode(message.get().payload()));
        }
    }
}
