// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuredRangeTest {

    @TempDir
    Path dataDirectory;

    @Test
    void read_noFile_hasNoRange() {
        MeasuredRange range = MeasuredRange.read(dataDirectory);
        assertTrue(Double.isNaN(range.extensionDegrees()) && Double.isNaN(range.flexionDegrees()));
    }

    @Test
    void with_sessionsWritten_readBackTheLargestOfTheLastTen() throws Exception {
        MeasuredRange range = MeasuredRange.read(dataDirectory);
        for (int session = 1; session <= 12; session++) {
            // session 1 went furthest (30° of extension), but it is older than the last ten
            double extension = session == 1 ? 30 : 10 + session;
            range = range.with(120, 1.0, -extension, 40 + session);
        }
        range.write(dataDirectory);
        MeasuredRange read = MeasuredRange.read(dataDirectory);
        assertEquals(10, read.sessionCount());
        assertEquals(22, read.extensionDegrees(), 1e-9);
        assertEquals(52, read.flexionDegrees(), 1e-9);
    }

    @Test
    void with_shortOrUncalibratedSession_changesNothing() {
        MeasuredRange range = MeasuredRange.read(dataDirectory);
        assertSame(range, range.with(20, 1.0, -15, 30), "stopped after 20 s");
        assertSame(range, range.with(120, Double.NaN, -15, 30), "no neutral stand");
    }

    @Test
    void read_damagedOrNewerFile_hasNoRange() throws Exception {
        for (String text : new String[] {"backbeat-measured-range 2\nsession 10 20\n", "backbeat-measured-range 1\nsession ten 20\n",
            "backbeat-measured-range 1\nsession 10 20 30\n", "backbeat-measured-range 1\nsession 400 20\n", "\u0000\u00ff binary"}) {
            Files.writeString(dataDirectory.resolve(MeasuredRange.FILE_NAME), text);
            assertTrue(Double.isNaN(MeasuredRange.read(dataDirectory).extensionDegrees()), text);
        }
    }
}
