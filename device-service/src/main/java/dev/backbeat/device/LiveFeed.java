// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.mqtt.live.LiveFrame;

/**
 * Where the sampling thread hands each live frame ({@link SessionPipeline}, every
 * {@value SessionPipeline#LIVE_INTERVAL_SECONDS} s of session time). It runs on the sampling thread,
 * so it must return at once and do no I/O: {@code serve} hands the frame to
 * {@link dev.backbeat.device.serve.LivePublisher}, which publishes it on a thread of its own.
 */
@FunctionalInterface
public interface LiveFeed {

    /** No one takes live frames: the pipeline does not build them. */
    LiveFeed NONE = frame -> { };

    void offer(LiveFrame frame);
}
