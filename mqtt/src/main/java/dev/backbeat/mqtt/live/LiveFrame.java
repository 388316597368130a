// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.live;

import dev.backbeat.mqtt.sync.SyncTopics;
import java.util.Objects;

/**
 * What a recording strap shows on its live topic ({@link SyncTopics#live}) about ten times a
 * second: the spinal angles, the pacer's phase, the repetitions counted so far and the alerts. A
 * view of the moment, never a record: frames are sent at QoS 0, not retained, and dropped when
 * nobody can take them (see {@code LiveCodec}).
 *
 * @param deviceId the strap
 * @param sessionId the session being recorded
 * @param sequence frames of this session before this one (a gap in the sequence is a dropped frame)
 * @param sessionSeconds session time of the frame, s
 * @param flexionDegrees flexion (+) / extension (−), degrees; NaN while the strap calibrates in the stand
 * @param sideBendDegrees side bend, degrees (right +); NaN while calibrating
 * @param twistDegrees axial twist, degrees; NaN while calibrating
 * @param pacerPhase what the breath pacer asks for now
 * @param repetitionCount repetitions counted so far in the session
 * @param alertCount alerts raised so far in the session (guards, or the end-range warning)
 * @param lastAlert the most recent alert, {@link Alert#NONE} if none yet
 * @param lastAlertSeconds session time of {@code lastAlert}, s; NaN if none
 */
public record LiveFrame(String deviceId, String sessionId, long sequence, double sessionSeconds,
                        double flexionDegrees, double sideBendDegrees, double twistDegrees, PacerPhase pacerPhase,
                        int repetitionCount, int alertCount, Alert lastAlert, double lastAlertSeconds) {

    /** Most repetitions or alerts a frame carries (the wire's u16); more are shown as this. */
    public static final int MAX_COUNT = 0xFFFF;

    /** What the breath pacer asks for. */
    public enum PacerPhase {
        /** The pacer is not running (before the first cue, after the routine's end). */
        NONE,
        /** Breathe in. */
        INHALE,
        /** Breathe out. */
        EXHALE,
        /** The pause after an exhale (a guided step with a pause). */
        PAUSE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An alert's kind: the guards' ({@code GuardAlert.Kind}) and the fixed-rate pacer's end-range warning. */
    public enum Alert {
        NONE, HYPEREXTENSION, BACK_IN_RANGE, END_RANGE_HOLD, TOO_FAST, SNOOZED, END_RANGE_WARNING;

        /** For people: {@code end range hold}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    public LiveFrame {
        SyncTopics.requireId(deviceId);
        SyncTopics.requireId(sessionId);
        Objects.requireNonNull(pacerPhase, "pacerPhase");
        Objects.requireNonNull(lastAlert, "lastAlert");
        if (sequence < 0 || sequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence must be 0..2^32-1, was " + sequence);
        }
        if (!(sessionSeconds >= 0) || Double.isInfinite(sessionSeconds)) {
            throw new IllegalArgumentException("sessionSeconds must be finite and not negative, was " + sessionSeconds);
        }
        if (repetitionCount < 0 || alertCount < 0) {
            throw new IllegalArgumentException("a live count is negative");
        }
        repetitionCount = Math.min(MAX_COUNT, repetitionCount);
        alertCount = Math.min(MAX_COUNT, alertCount);
    }

    /** Whether the strap still calibrates in the opening stand (no angles yet). */
    public boolean calibrating() {
        return Double.isNaN(flexionDegrees);
    }
}
