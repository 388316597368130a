// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.live;

/** What {@link LiveCodec#decode} made of a payload: a frame, or the reason it is not one. */
public sealed interface LiveDecodeResult {

    /** A valid frame. */
    record Frame(LiveFrame frame) implements LiveDecodeResult {
    }

    /** Not a valid frame; {@code reason} says what is wrong (no payload bytes). */
    record Rejected(String reason) implements LiveDecodeResult {
    }
}
