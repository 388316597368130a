// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.mqtt.live.LiveCodec;
import dev.backbeat.mqtt.live.LiveDecodeResult;
import dev.backbeat.mqtt.live.LiveFrame;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LivePublisherTest {

    private static LiveFrame frame(long sequence) {
        return new LiveFrame("strap-01", "s1", sequence, sequence * 0.1, 1, 2, 3, LiveFrame.PacerPhase.INHALE, 0, 0,
                LiveFrame.Alert.NONE, Double.NaN);
    }

    @Test
    void offer_whileTheSinkIsStuck_neverWaitsAndTheNewestFrameGoesNext() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
        try (LivePublisher publisher = new LivePublisher((topic, payload) -> {
            try {
                release.await(); // a broker that does not take the bytes
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            sent.add(payload);
            return true;
        })) {
            publisher.offer(frame(0));
            Thread.sleep(100); // the publishing thread takes frame 0 and is stuck in the sink
            long start = System.nanoTime();
            for (int i = 1; i <= 10_000; i++) {
                publisher.offer(frame(i));
            }
            double millis = (System.nanoTime() - start) / 1e6;
            assertTrue(millis < 500, "10 000 offers took " + millis + " ms");
            release.countDown();
            assertEquals(0, decoded(sent.poll(5, TimeUnit.SECONDS)).sequence());
            assertEquals(10_000, decoded(sent.poll(5, TimeUnit.SECONDS)).sequence());
            assertEquals(9_999, publisher.dropped());
        }
    }

    @Test
    void offer_whileNotConnected_dropsTheFrame() throws Exception {
        CountDownLatch tried = new CountDownLatch(3);
        try (LivePublisher publisher = new LivePublisher((topic, payload) -> {
            assertEquals("backbeat/v2/devices/strap-01/live", topic);
            tried.countDown();
            return false;
        })) {
            for (int i = 0; i < 3; i++) {
                publisher.offer(frame(i));
                Thread.sleep(50);
            }
            assertTrue(tried.await(5, TimeUnit.SECONDS));
            assertEquals(0, publisher.sent());
            assertEquals(3, publisher.dropped());
        }
    }

    private static LiveFrame decoded(byte[] payload) {
        return assertInstanceOf(LiveDecodeResult.Frame.class, LiveCodec.decode(payload)).frame();
    }
}
