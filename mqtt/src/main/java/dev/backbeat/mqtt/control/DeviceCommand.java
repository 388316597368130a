// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.control;

import dev.backbeat.mqtt.sync.SyncTopics;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The host's command to one strap ({@code backbeat start DEVICE}, {@code backbeat stop DEVICE}),
 * published retained on {@link SyncTopics#command} while the host waits for the strap's answer.
 *
 * @param deviceId the strap it is for (signed: it cannot be moved to another strap)
 * @param commandId unique per command (the host makes a random one); the strap carries out a
 *     command id once, so a retained command delivered again (a reconnect, a restart) does nothing
 * @param action what to do
 * @param issuedAt when the host issued it (its own clock; informative)
 * @param signature the host's signature ({@link dev.backbeat.mqtt.HostSignature}) over the encoded
 *     command without it, or empty when unsigned; a paired strap refuses unsigned commands
 */
public record DeviceCommand(String deviceId, String commandId, Action action, Instant issuedAt, byte[] signature) {

    /** Longest signature accepted, bytes (a DER ECDSA P-256 signature is at most 72). */
    public static final int MAX_SIGNATURE_BYTES = 128;

    /** What the strap is asked to do. */
    public enum Action {
        /** Start a session with the selected routine (nothing if one is running). */
        START,
        /** End the running session; what was recorded is kept (nothing if none is running). */
        STOP;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DeviceCommand {
        SyncTopics.requireId(deviceId);
        SyncTopics.requireId(commandId);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(signature, "signature (empty when unsigned)");
        if (signature.length > MAX_SIGNATURE_BYTES) {
            throw new IllegalArgumentException("a command signature of " + signature.length + " bytes is over the "
                    + MAX_SIGNATURE_BYTES + "-byte limit");
        }
        signature = signature.clone();
    }

    /** An unsigned command. */
    public static DeviceCommand unsigned(String deviceId, String commandId, Action action, Instant issuedAt) {
        return new DeviceCommand(deviceId, commandId, action, issuedAt, new byte[0]);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public boolean isSigned() {
        return signature.length > 0;
    }

    public DeviceCommand withSignature(byte[] newSignature) {
        return new DeviceCommand(deviceId, commandId, action, issuedAt, newSignature);
    }

    /** The same command without a signature: what the signature covers, once encoded. */
    public DeviceCommand unsigned() {
        return isSigned() ? withSignature(new byte[0]) : this;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceCommand command && deviceId.equals(command.deviceId)
                && commandId.equals(command.commandId) && action == command.action && issuedAt.equals(command.issuedAt)
                && Arrays.equals(signature, command.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, commandId, action, issuedAt, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "DeviceCommand[" + action.label() + " " + deviceId + ", id " + commandId
                + (isSigned() ? ", signed" : ", unsigned") + "]";
    }
}
