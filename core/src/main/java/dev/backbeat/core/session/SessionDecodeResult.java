// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.session;

/** The outcome of decoding a session payload: never an exception for bad bytes. */
public sealed interface SessionDecodeResult {

    /** The payload was a valid session. */
    record Decoded(RecordedSession session) implements SessionDecodeResult {
    }

    /** The payload was not a valid session; {@code reason} says what is wrong and where. */
    record Rejected(String reason) implements SessionDecodeResult {
    }
}
