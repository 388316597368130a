// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalLinesTest {

    @Test
    void quote_clientIdOf60000Characters_isCutAndSaysItsLength() {
        String quoted = RefusalLines.quote("x".repeat(60_000));
        assertTrue(quoted.length() < RefusalLines.QUOTED_CHARACTERS + 40, quoted);
        assertTrue(quoted.endsWith("… (60000 characters)"), quoted);
    }

    @Test
    void quote_controlCharactersAndQuotes_areEscaped() {
        assertEquals("'a\\u001b[2Jb\\u0027c\\u000a'", RefusalLines.quote("a\u001b[2Jb'c\n"));
    }

    @Test
    void accept_floodOfRefusals_passesTwentyPerWindowThenCountsTheRest() {
        long[] now = {0};
        List<String> out = new ArrayList<>();
        RefusalLines lines = new RefusalLines(out::add, () -> now[0]);
        for (int attempt = 0; attempt < 1000; attempt++) {
            lines.accept("refused " + "y".repeat(10_000));
        }
        assertEquals(RefusalLines.LINES_PER_WINDOW, out.size());
        assertTrue(out.stream().allMatch(line -> line.length() <= RefusalLines.LINE_CHARACTERS + 1), "each line bounded");
        now[0] += RefusalLines.WINDOW_SECONDS * 1_000_000_000L;
        lines.accept("refused the next one");
        assertEquals("… and 980 more refusal(s) in 10 s not shown", out.get(RefusalLines.LINES_PER_WINDOW));
        assertEquals("refused the next one", out.get(RefusalLines.LINES_PER_WINDOW + 1));
    }
}
