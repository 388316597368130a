// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

/** The outcome of decoding a sync payload: never an exception for bad bytes. */
public sealed interface SyncDecodeResult {

    /** A valid record. */
    record Decoded(SyncRecord record) implements SyncDecodeResult {
    }

    /** Not a valid record; {@code reason} says what is wrong (no payload bytes, no secrets). */
    record Rejected(String reason) implements SyncDecodeResult {
    }
}
