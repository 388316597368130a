// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.control.ControlCodec;
import dev.backbeat.mqtt.control.DeviceHealth;
import dev.backbeat.mqtt.live.LiveCodec;
import dev.backbeat.mqtt.live.LiveFrame;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveBoardTest {

    private static final long SECOND = 1_000_000_000L;

    private static MqttLink.InboundMessage frame(String device, int repetitions) {
        return new MqttLink.InboundMessage(SyncTopics.live(device), LiveCodec.encode(new LiveFrame(device, "s1", 1, 12.5,
                -17.25, 3.5, -0.75, LiveFrame.PacerPhase.EXHALE, repetitions, 1, LiveFrame.Alert.TOO_FAST, 11)), false);
    }

    private static MqttLink.InboundMessage health(String device, DeviceHealth.State state) {
        DeviceHealth health = new DeviceHealth(device, Instant.parse("2026-12-06T20:00:00Z"), "1", 10, state, "cat-cow", 0, 0,
                Optional.empty(), 1, 1, 0, 0, List.of(), DeviceHealth.ClockStatus.UNKNOWN, "", "", "");
        return new MqttLink.InboundMessage(SyncTopics.health(device), ControlCodec.encode(health), true);
    }

    @Test
    void state_framesThenTheirEndWhileHealthSaysRecording_isRecordingThenSilent() {
        LiveBoard board = new LiveBoard(Optional.of("strap-01"), Duration.ofSeconds(3));
        board.receive(health("strap-01", DeviceHealth.State.RECORDING), 0);
        assertEquals(LiveBoard.StrapState.STARTING, board.state(0));
        board.receive(frame("strap-01", 4), SECOND);
        assertEquals(LiveBoard.StrapState.RECORDING, board.state(3 * SECOND));
        assertEquals(LiveBoard.StrapState.SILENT, board.state(5 * SECOND));
        assertTrue(LiveLines.plain(board, 5 * SECOND, "tcp://b").contains("no live frames for 4 s"),
                LiveLines.plain(board, 5 * SECOND, "tcp://b"));
    }

    @Test
    void state_lastWillAfterFrames_isGone_andIdleHealthIsIdle() {
        LiveBoard board = new LiveBoard(Optional.of("strap-01"), Duration.ofSeconds(3));
        board.receive(frame("strap-01", 4), 0);
        board.receive(health("strap-01", DeviceHealth.State.IDLE), SECOND / 2);
        assertEquals(LiveBoard.StrapState.RECORDING, board.state(SECOND), "a frame newer than 3 s still shows");
        assertEquals(LiveBoard.StrapState.IDLE, board.state(4 * SECOND));
        board.receive(health("strap-01", DeviceHealth.State.GONE), 5 * SECOND);
        assertEquals(LiveBoard.StrapState.GONE, board.state(5 * SECOND));
        assertEquals("strap strap-01 GONE: its connection died (last will)", LiveLines.plain(board, 5 * SECOND, "tcp://b"));
    }

    @Test
    void receive_withoutDevice_followsTheFirstStrapWhoseFrameArrives() {
        LiveBoard board = new LiveBoard(Optional.empty(), Duration.ofSeconds(3));
        assertEquals("waiting for a strap to record on tcp://b", LiveLines.plain(board, 0, "tcp://b"));
        board.receive(frame("strap-02", 2), 0);
        board.receive(frame("strap-03", 9), 0);
        board.receive(health("strap-03", DeviceHealth.State.GONE), 0);

        assertEquals(Optional.of("strap-02"), board.deviceId());
        assertEquals(LiveBoard.StrapState.RECORDING, board.state(0));
        assertEquals("strap-02 12.5 s  flexion -17.3°  side bend 3.5°  twist -0.8°  pacer exhale  repetitions 2  "
                + "alerts 1 (last: too fast at 11.0 s)", LiveLines.plain(board, 0, "tcp://b"));
    }

    @Test
    void receive_badBytes_areCountedAndTheFrameKept() {
        LiveBoard board = new LiveBoard(Optional.of("strap-01"), Duration.ofSeconds(3));
        board.receive(frame("strap-01", 4), 0);
        board.receive(new MqttLink.InboundMessage(SyncTopics.live("strap-01"), new byte[] {'B', 'K', 'L', 'V', 1, 0}, false), 0);
        board.receive(new MqttLink.InboundMessage(SyncTopics.health("strap-01"), new byte[] {1, 2, 3}, true), 0);

        assertEquals(2, board.rejected());
        assertEquals(4, board.frame().orElseThrow().repetitionCount());
        assertTrue(board.lastRejection().startsWith("strap-01: health: "), board.lastRejection());
        assertTrue(LiveLines.screen(board, 0, 80, "tcp://b").contains("2 unreadable message(s), the last: "
                + board.lastRejection()));
    }

    @Test
    void screen_recording_drawsBarsTowardsEachAngle() {
        LiveBoard board = new LiveBoard(Optional.of("strap-01"), Duration.ofSeconds(3));
        board.receive(frame("strap-01", 4), 0);

        List<String> screen = LiveLines.screen(board, 0, 80, "tcp://b");

        assertTrue(screen.stream().anyMatch(line -> line.startsWith("flexion     -17.3°  ") && line.contains("███|")),
                String.join("\n", screen));
        assertTrue(screen.contains("pacer       EXHALE  (breathe out)"), String.join("\n", screen));
        assertTrue(screen.contains("repetitions 4"), String.join("\n", screen));
    }

    @Test
    void bar_pastTheRange_fillsItsHalfAndMarksTheEnd() {
        assertEquals("·····|·····", LiveLines.bar(0, 60, 11));
        assertEquals("·····|███··", LiveLines.bar(36, 60, 11));
        assertEquals("<████|·····", LiveLines.bar(-90, 60, 11));
    }
}
