// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The versioned wire format of a strap's health, the host's commands and desired configurations and
 * the strap's configuration reports: a format of its own beside the sync records ({@code SyncCodec}),
 * so neither changes the other's schema.
 *
 * <pre>
 * "BKCT"  4 bytes magic
 * u16     schema version: 1
 * u8      kind: 1 command, 2 health, 3 desired configuration, 4 configuration report
 * body    big-endian (java.io.DataOutput), strings as modified UTF-8:
 *   command: device, command id, action u8 (1 start, 2 stop), issuedAt epoch ms i64,
 *            then, if signed: u16 signature length (1..128), DER signature
 *   health:  device, writtenAt epoch ms i64, version, uptime s i64, state u8 (0 idle, 1 recording,
 *            2 sending, 3 offline, 4 gone), routine, outbox sessions i32, outbox bytes i64,
 *            last confirmed epoch ms i64 (-1: never), free disk bytes i64, session disk bytes i64,
 *            samples lost i64, FIFO overflows i64, u8 chip count (at most 16) + chips,
 *            clock u8 (0 synchronized, 1 not, 2 unknown), last command id, its outcome, problem
 *   desired configuration: u16 configuration format (1), device, revision i64, issuedAt epoch ms i64,
 *            routine and profile each as u8 form (0 unset, 1 built-in name, 2 file text) + u32 length
 *            (at most 64 KiB) + UTF-8 bytes, breaths/min f64, inhale parts f64, exhale parts f64 (NaN: unset),
 *            then, if signed: u16 signature length (1..128), DER signature
 *   configuration report: u16 report format (1), device, writtenAt epoch ms i64, revision i64 (0: none),
 *            routine, its SHA-256 hex, profile, its SHA-256 hex, breaths/min f64, inhale f64, exhale f64,
 *            applied in session, u8 refused (0/1) [+ refused revision i64, reason]
 * </pre>
 *
 * The configuration kinds carry a format version of their own after the kind byte, so they can grow
 * without touching the commands' and health's schema: a strap given a newer configuration format
 * refuses it with "update backbeat-device", and reports that.
 *
 * A command's signature covers the whole encoded unsigned command, from the magic to the issue
 * time, so it cannot be moved to another strap or turned into another action. Decoding never throws
 * on bad bytes: too long (over {@value #MAX_RECORD_BYTES} bytes), truncated, a newer schema ("update
 * backbeat"), an unknown kind, state or action, trailing bytes: each comes back as
 * {@link ControlDecodeResult.Rejected} with the reason.
 */
public final class ControlCodec {

    /** The schema this codec reads and writes. */
    public static final int SCHEMA_VERSION = 1;
    /** Largest payload accepted, bytes (a health record is a few hundred), but for desired configurations. */
    public static final int MAX_RECORD_BYTES = 16 << 10;
    /** Largest desired configuration accepted, bytes: two texts of at most 64 KiB and the rest. */
    public static final int MAX_CONFIGURATION_BYTES = 2 * DesiredConfiguration.MAX_TEXT_BYTES + (4 << 10);
    /** The format of desired configurations this codec reads and writes. */
    public static final int CONFIGURATION_FORMAT = 1;
    /** The format of configuration reports this codec reads and writes. */
    public static final int REPORT_FORMAT = 1;
    private static final byte[] MAGIC = "BKCT".getBytes(StandardCharsets.US_ASCII);
    private static final int COMMAND = 1;
    private static final int HEALTH = 2;
    private static final int CONFIGURATION = 3;
    private static final int REPORT = 4;

    private ControlCodec() {
    }

    public static byte[] encode(DeviceCommand command) {
        return write(out -> {
            out.writeByte(COMMAND);
            out.writeUTF(command.deviceId());
            out.writeUTF(command.commandId());
            out.writeByte(command.action().ordinal() + 1);
            out.writeLong(command.issuedAt().toEpochMilli());
            if (command.isSigned()) {
                out.writeShort(command.signature().length);
                out.write(command.signature());
            }
        });
    }

    /** What a command's signature covers: the encoded command without its signature. */
    public static byte[] signedBytes(DeviceCommand command) {
        return encode(command.unsigned());
    }

    public static byte[] encode(DeviceHealth health) {
        return write(out -> {
            out.writeByte(HEALTH);
            out.writeUTF(health.deviceId());
            out.writeLong(health.writtenAt().toEpochMilli());
            out.writeUTF(health.version());
            out.writeLong(health.uptimeSeconds());
            out.writeByte(health.state().ordinal());
            out.writeUTF(health.routine());
            out.writeInt(health.outboxSessions());
            out.writeLong(health.outboxBytes());
            out.writeLong(health.lastConfirmedAt().map(Instant::toEpochMilli).orElse(-1L));
            out.writeLong(health.freeDiskBytes());
            out.writeLong(health.sessionDiskBytes());
            out.writeLong(health.samplesLost());
            out.writeLong(health.fifoOverflows());
            out.writeByte(health.chips().size());
            for (String chip : health.chips()) {
                out.writeUTF(chip);
            }
            out.writeByte(health.clock().ordinal());
            out.writeUTF(health.lastCommandId());
            out.writeUTF(health.lastCommandOutcome());
            out.writeUTF(health.problem());
        });
    }

    public static byte[] encode(DesiredConfiguration configuration) {
        return write(out -> {
            out.writeByte(CONFIGURATION);
            out.writeShort(CONFIGURATION_FORMAT);
            out.writeUTF(configuration.deviceId());
            out.writeLong(configuration.revision());
            out.writeLong(configuration.issuedAt().toEpochMilli());
            writeChoice(out, configuration.routine());
            writeChoice(out, configuration.profile());
            out.writeDouble(configuration.breathsPerMinute());
            out.writeDouble(configuration.inhaleParts());
            out.writeDouble(configuration.exhaleParts());
            if (configuration.isSigned()) {
                out.writeShort(configuration.signature().length);
                out.write(configuration.signature());
            }
        });
    }

    /** What a configuration's signature covers: the encoded configuration without its signature. */
    public static byte[] signedBytes(DesiredConfiguration configuration) {
        return encode(configuration.unsigned());
    }

    public static byte[] encode(ConfigurationReport report) {
        return write(out -> {
            out.writeByte(REPORT);
            out.writeShort(REPORT_FORMAT);
            out.writeUTF(report.deviceId());
            out.writeLong(report.writtenAt().toEpochMilli());
            out.writeLong(report.revision());
            out.writeUTF(report.routine());
            out.writeUTF(report.routineSha256());
            out.writeUTF(report.profile());
            out.writeUTF(report.profileSha256());
            out.writeDouble(report.breathsPerMinute());
            out.writeDouble(report.inhaleParts());
            out.writeDouble(report.exhaleParts());
            out.writeUTF(report.appliedInSession());
            out.writeBoolean(report.refusal().isPresent());
            if (report.refusal().isPresent()) {
                out.writeLong(report.refusal().get().revision());
                out.writeUTF(report.refusal().get().reason());
            }
        });
    }

    private static void writeChoice(DataOutputStream out, DesiredConfiguration.Choice choice) throws IOException {
        out.writeByte(choice.form().ordinal());
        byte[] text = choice.value().getBytes(StandardCharsets.UTF_8);
        out.writeInt(text.length);
        out.write(text);
    }

    public static ControlDecodeResult decode(byte[] payload) {
        if (payload == null || payload.length < MAGIC.length + 3) {
            return rejected("payload of " + (payload == null ? 0 : payload.length) + " bytes is too short for a record");
        }
        int limit = (payload[6] & 0xFF) == CONFIGURATION ? MAX_CONFIGURATION_BYTES : MAX_RECORD_BYTES;
        if (payload.length > limit) {
            return rejected("payload of " + payload.length + " bytes is over the " + limit + "-byte limit");
        }
        for (int index = 0; index < MAGIC.length; index++) {
            if (payload[index] != MAGIC[index]) {
                return rejected("payload does not start with the control magic 'BKCT'");
            }
        }
        int version = ((payload[4] & 0xFF) << 8) | (payload[5] & 0xFF);
        if (version > SCHEMA_VERSION) {
            return rejected("control schema version " + version + " is newer than this program understands ("
                    + SCHEMA_VERSION + "); update backbeat");
        }
        if (version != SCHEMA_VERSION) {
            return rejected("control schema version " + version + " is unknown");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload, 7, payload.length - 7))) {
            ControlDecodeResult result = switch (payload[6] & 0xFF) {
                case COMMAND -> new ControlDecodeResult.Command(readCommand(in));
                case HEALTH -> new ControlDecodeResult.Health(readHealth(in));
                case CONFIGURATION -> {
                    int format = in.readUnsignedShort();
                    if (format > CONFIGURATION_FORMAT) {
                        yield rejected("configuration format " + format + " is newer than this program reads ("
                                + CONFIGURATION_FORMAT + "): update backbeat-device");
                    }
                    if (format != CONFIGURATION_FORMAT) {
                        throw new IOException("configuration format " + format + " is unknown");
                    }
                    yield new ControlDecodeResult.Configuration(readConfiguration(in));
                }
                case REPORT -> {
                    int format = in.readUnsignedShort();
                    if (format > REPORT_FORMAT) {
                        yield rejected("configuration report format " + format + " is newer than this program reads ("
                                + REPORT_FORMAT + "): update backbeat");
                    }
                    if (format != REPORT_FORMAT) {
                        throw new IOException("configuration report format " + format + " is unknown");
                    }
                    yield new ControlDecodeResult.Report(readReport(in));
                }
                default -> throw new IOException("unknown control record kind " + (payload[6] & 0xFF));
            };
            if (result instanceof ControlDecodeResult.Rejected) {
                return result; // a newer format: its body is not this program's to read
            }
            if (in.read() != -1) {
                return rejected("unexpected bytes after the record");
            }
            return result;
        } catch (EOFException truncated) {
            return rejected("record is truncated");
        } catch (IOException | RuntimeException invalid) {
            return rejected(invalid.getMessage() == null ? invalid.getClass().getSimpleName() : invalid.getMessage());
        }
    }

    private static DeviceCommand readCommand(DataInputStream in) throws IOException {
        String deviceId = in.readUTF();
        String commandId = in.readUTF();
        int action = in.readUnsignedByte();
        if (action < 1 || action > DeviceCommand.Action.values().length) {
            throw new IOException("unknown command action " + action);
        }
        Instant issuedAt = Instant.ofEpochMilli(in.readLong());
        byte[] signature = new byte[0];
        if (in.available() > 0) {
            int length = in.readUnsignedShort();
            if (length > DeviceCommand.MAX_SIGNATURE_BYTES) {
                throw new IOException("command signature of " + length + " bytes is over the "
                        + DeviceCommand.MAX_SIGNATURE_BYTES + "-byte limit");
            }
            signature = in.readNBytes(length);
            if (signature.length != length) {
                throw new EOFException();
            }
        }
        return new DeviceCommand(deviceId, commandId, DeviceCommand.Action.values()[action - 1], issuedAt, signature);
    }

    private static DesiredConfiguration readConfiguration(DataInputStream in) throws IOException {
        String deviceId = in.readUTF();
        long revision = in.readLong();
        Instant issuedAt = Instant.ofEpochMilli(in.readLong());
        DesiredConfiguration.Choice routine = readChoice(in, "routine");
        DesiredConfiguration.Choice profile = readChoice(in, "profile");
        double breathsPerMinute = in.readDouble();
        double inhaleParts = in.readDouble();
        double exhaleParts = in.readDouble();
        return new DesiredConfiguration(deviceId, revision, issuedAt, routine, profile, breathsPerMinute, inhaleParts,
                exhaleParts, readSignature(in, "configuration"));
    }

    private static DesiredConfiguration.Choice readChoice(DataInputStream in, String what) throws IOException {
        DesiredConfiguration.Form form = member(DesiredConfiguration.Form.values(), in.readUnsignedByte(), what + " form");
        int length = in.readInt();
        if (length < 0 || length > DesiredConfiguration.MAX_TEXT_BYTES) {
            throw new IOException(what + " of " + Integer.toUnsignedString(length) + " bytes is over the "
                    + DesiredConfiguration.MAX_TEXT_BYTES + "-byte limit");
        }
        byte[] text = in.readNBytes(length);
        if (text.length != length) {
            throw new EOFException();
        }
        try {
            String value = StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(text)).toString();
            return new DesiredConfiguration.Choice(form, value);
        } catch (java.nio.charset.CharacterCodingException notText) {
            throw new IOException(what + " is not UTF-8 text");
        }
    }

    private static ConfigurationReport readReport(DataInputStream in) throws IOException {
        String deviceId = in.readUTF();
        Instant writtenAt = Instant.ofEpochMilli(in.readLong());
        long revision = in.readLong();
        String routine = in.readUTF();
        String routineSha256 = in.readUTF();
        String profile = in.readUTF();
        String profileSha256 = in.readUTF();
        double breathsPerMinute = in.readDouble();
        double inhaleParts = in.readDouble();
        double exhaleParts = in.readDouble();
        String appliedInSession = in.readUTF();
        Optional<ConfigurationReport.Refusal> refusal = in.readBoolean()
                ? Optional.of(new ConfigurationReport.Refusal(in.readLong(), in.readUTF())) : Optional.empty();
        return new ConfigurationReport(deviceId, writtenAt, revision, routine, routineSha256, profile, profileSha256,
                breathsPerMinute, inhaleParts, exhaleParts, appliedInSession, refusal);
    }

    /** A signature to the end of the record, or none when the record ends here. */
    private static byte[] readSignature(DataInputStream in, String what) throws IOException {
        if (in.available() == 0) {
            return new byte[0];
        }
        int length = in.readUnsignedShort();
        if (length > DeviceCommand.MAX_SIGNATURE_BYTES) {
            throw new IOException(what + " signature of " + length + " bytes is over the "
                    + DeviceCommand.MAX_SIGNATURE_BYTES + "-byte limit");
        }
        byte[] signature = in.readNBytes(length);
        if (signature.length != length) {
            throw new EOFException();
        }
        return signature;
    }

    private static DeviceHealth readHealth(DataInputStream in) throws IOException {
        String deviceId = in.readUTF();
        Instant writtenAt = Instant.ofEpochMilli(in.readLong());
        String version = in.readUTF();
        long uptimeSeconds = in.readLong();
        DeviceHealth.State state = member(DeviceHealth.State.values(), in.readUnsignedByte(), "health state");
        String routine = in.readUTF();
        int outboxSessions = in.readInt();
        long outboxBytes = in.readLong();
        long lastConfirmed = in.readLong();
        if (lastConfirmed < -1) {
            throw new IOException("last confirmation time " + lastConfirmed + " is out of range");
        }
        long freeDiskBytes = in.readLong();
        long sessionDiskBytes = in.readLong();
        long samplesLost = in.readLong();
        long fifoOverflows = in.readLong();
        int chipCount = in.readUnsignedByte();
        if (chipCount > DeviceHealth.MAX_CHIPS) {
            throw new IOException(chipCount + " chips, at most " + DeviceHealth.MAX_CHIPS + " expected");
        }
        List<String> chips = new ArrayList<>(chipCount);
        for (int index = 0; index < chipCount; index++) {
            chips.add(in.readUTF());
        }
        DeviceHealth.ClockStatus clock = member(DeviceHealth.ClockStatus.values(), in.readUnsignedByte(), "clock status");
        return new DeviceHealth(deviceId, writtenAt, version, uptimeSeconds, state, routine, outboxSessions, outboxBytes,
                lastConfirmed < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastConfirmed)), freeDiskBytes,
                sessionDiskBytes, samplesLost, fifoOverflows, chips, clock, in.readUTF(), in.readUTF(), in.readUTF());
    }

    private static <T> T member(T[] values, int ordinal, String what) throws IOException {
        if (ordinal >= values.length) {
            throw new IOException("unknown " + what + " " + ordinal);
        }
        return values[ordinal];
    }

    @FunctionalInterface
    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeShort(SCHEMA_VERSION);
            body.write(out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    private static ControlDecodeResult rejected(String reason) {
        return new ControlDecodeResult.Rejected(reason);
    }
}
