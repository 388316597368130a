// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.control;

/** The outcome of decoding a control payload: never an exception for bad bytes. */
public sealed interface ControlDecodeResult {

    /** A valid health record. */
    record Health(DeviceHealth health) implements ControlDecodeResult {
    }

    /** A valid command. */
    record Command(DeviceCommand command) implements ControlDecodeResult {
    }

    /** A valid desired configuration (the host's, for a strap). */
    record Configuration(DesiredConfiguration configuration) implements ControlDecodeResult {
    }

    /** A valid configuration report (a strap's). */
    record Report(ConfigurationReport report) implements ControlDecodeResult {
    }

    /** Not a valid record; {@code reason} says what is wrong (no payload bytes). */
    record Rejected(String reason) implements ControlDecodeResult {
    }
}
