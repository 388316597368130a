// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.live;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The versioned wire format of a {@link LiveFrame}: compact (68 bytes with a strap-01 device and a serve session id) because it goes out
 * ten times a second, a format of its own beside the sync and control records so none changes the
 * others' schema.
 *
 * <pre>
 * "BKLV"  4 bytes magic
 * u8      schema version: 1
 * body    big-endian (java.io.DataOutput), strings as modified UTF-8:
 *         device, session, sequence u32, session time f32 s, flexion f32, side bend f32, twist f32
 *         (degrees; NaN while calibrating), pacer phase u8 (0 none, 1 inhale, 2 exhale, 3 pause),
 *         repetitions u16, alerts u16, last alert u8 (0 none, 1 hyperextension, 2 back in range,
 *         3 end-range hold, 4 too fast, 5 snoozed, 6 end-range warning), last alert time f32 s (NaN: none)
 * </pre>
 *
 * Decoding never throws on bad bytes: too long (over {@value #MAX_FRAME_BYTES} bytes), truncated,
 * a newer schema ("update backbeat"), an unknown phase or alert, an invalid id, an angle or time
 * that is infinite or out of range, trailing bytes: each comes back as
 * {@link LiveDecodeResult.Rejected} with the reason.
 */
public final class LiveCodec {

    /** The schema this codec reads and writes. */
    public static final int SCHEMA_VERSION = 1;
    /** Largest payload accepted, bytes (two 64-character ids and the numbers). */
    public static final int MAX_FRAME_BYTES = 256;
    /** Largest angle magnitude accepted, degrees (a spine bends far less; anything beyond is corrupt). */
    static final double MAX_ANGLE_DEGREES = 360;
    private static final byte[] MAGIC = "BKLV".getBytes(StandardCharsets.US_ASCII);

    private LiveCodec() {
    }

    public static byte[] encode(LiveFrame frame) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(SCHEMA_VERSION);
            out.writeUTF(frame.deviceId());
            out.writeUTF(frame.sessionId());
            out.writeInt((int) frame.sequence());
            out.writeFloat((float) frame.sessionSeconds());
            out.writeFloat((float) frame.flexionDegrees());
            out.writeFloat((float) frame.sideBendDegrees());
            out.writeFloat((float) frame.twistDegrees());
            out.writeByte(frame.pacerPhase().ordinal());
            out.writeShort(frame.repetitionCount());
            out.writeShort(frame.alertCount());
            out.writeByte(frame.lastAlert().ordinal());
            out.writeFloat((float) frame.lastAlertSeconds());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /** The frame in {@code payload}, or why it is not one; never throws. */
    public static LiveDecodeResult decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return new LiveDecodeResult.Rejected("empty payload");
        }
        if (payload.length > MAX_FRAME_BYTES) {
            return new LiveDecodeResult.Rejected(payload.length + " bytes, a live frame has at most " + MAX_FRAME_BYTES);
        }
        if (payload.length < MAGIC.length + 1 || !Arrays.equals(payload, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return new LiveDecodeResult.Rejected("not a live frame (no BKLV magic)");
        }
        int schema = payload[MAGIC.length] & 0xFF;
        if (schema > SCHEMA_VERSION) {
            return new LiveDecodeResult.Rejected("live frame schema " + schema + " is newer than this backbeat reads ("
                    + SCHEMA_VERSION + "): update backbeat");
        }
        if (schema < 1) {
            return new LiveDecodeResult.Rejected("live frame schema 0 does not exist");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload, MAGIC.length + 1,
                payload.length - MAGIC.length - 1));
        try {
            String deviceId = in.readUTF();
            String sessionId = in.readUTF();
            long sequence = in.readInt() & 0xFFFF_FFFFL;
            double sessionSeconds = in.readFloat();
            double flexion = in.readFloat();
            double sideBend = in.readFloat();
            double twist = in.readFloat();
            int phase = in.readUnsignedByte();
            int repetitions = in.readUnsignedShort();
            int alerts = in.readUnsignedShort();
            int alert = in.readUnsignedByte();
            double alertSeconds = in.readFloat();
            if (in.available() > 0) {
                return new LiveDecodeResult.Rejected(in.available() + " bytes after the end of the live frame");
            }
            if (phase >= LiveFrame.PacerPhase.values().length) {
                return new LiveDecodeResult.Rejected("unknown pacer phase " + phase);
            }
            if (alert >= LiveFrame.Alert.values().length) {
                return new LiveDecodeResult.Rejected("unknown alert " + alert);
            }
            if (!angle(flexion) || !angle(sideBend) || !angle(twist)) {
                return new LiveDecodeResult.Rejected("an angle is beyond ±" + (int) MAX_ANGLE_DEGREES + "° or infinite");
            }
            if (!(Double.isNaN(alertSeconds) || alertSeconds >= 0 && !Double.isInfinite(alertSeconds))) {
                return new LiveDecodeResult.Rejected("alert time " + alertSeconds + " s is not a session time");
            }
            return new LiveDecodeResult.Frame(new LiveFrame(deviceId, sessionId, sequence, sessionSeconds, flexion, sideBend,
                    twist, LiveFrame.PacerPhase.values()[phase], repetitions, alerts, LiveFrame.Alert.values()[alert],
                    alertSeconds));
        } catch (EOFException truncated) {
            return new LiveDecodeResult.Rejected("truncated live frame");
        } catch (IOException malformed) {
            return new LiveDecodeResult.Rejected("malformed live frame: " + malformed.getMessage());
        } catch (IllegalArgumentException invalid) {
            return new LiveDecodeResult.Rejected("invalid live frame: " + invalid.getMessage());
        }
    }

    /** NaN (calibrating) or a finite angle within range. */
    private static boolean angle(double degrees) {
        return Double.isNaN(degrees) || Math.abs(degrees) <= MAX_ANGLE_DEGREES;
    }
}
