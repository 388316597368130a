// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {

    @Test
    void accept_outputStuck_neverWaitsAndCountsWhatItDropped() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        ProgressLines lines = new ProgressLines(line -> {
            try {
                released.await(10, TimeUnit.SECONDS); // a terminal that does not read
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(line);
        });
        long before = System.nanoTime();
        for (int index = 0; index < 200; index++) {
            lines.accept("line " + index);
        }
        long tookMillis = (System.nanoTime() - before) / 1_000_000;
        released.countDown();
        lines.close();

        assertTrue(tookMillis < 1000, "accept waited " + tookMillis + " ms");
        // at most the one the writer held and CAPACITY waiting got through; the rest were dropped, and each count of
        // them went out with the next line that got through
        List<String> through = written.stream().filter(line -> line.startsWith("line ")).toList();
        List<String> counts = written.stream().filter(line -> line.startsWith("(")).toList();
        assertTrue(!counts.isEmpty(), written.toString());
        int dropped = 0;
        for (String count : counts) {
            assertTrue(count.endsWith(" progress line(s) dropped: the output was not keeping up)"), count);
            dropped += Integer.parseInt(count.substring(1, count.indexOf(' ')));
        }
        assertEquals(200, through.size() + dropped);
        assertTrue(through.size() <= ProgressLines.CAPACITY + 1, through.size() + " lines got through");
        assertEquals("line 0", through.get(0));
    }
}
