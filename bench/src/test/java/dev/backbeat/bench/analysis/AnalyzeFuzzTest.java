// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.bench.spine.SimulatedSessions;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.recording.RawRecordingWriter;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.hardware.sim.Routine;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The short version of {@code bench/analyze-fuzz}: mutated exports of a simulated session through {@code backbeat analyze}. */
class AnalyzeFuzzTest {

    /** Cases per run: enough to meet every kind of mutation a few times, in about half a minute. */
    private static final int CASES = 120;

    @TempDir
    Path directory;

    @Test
    void analyze_mutatedExports_exitZeroOrSixInOneLineWithinFiveSeconds() throws Exception {
        AnalyzeFuzz.Source source = simulatedExport();
        AnalyzeFuzz fuzz = new AnalyzeFuzz(directory);
        List<String> failures = new ArrayList<>();
        int analysed = 0;
        int refused = 0;
        for (int index = 0; index < CASES; index++) {
            AnalyzeFuzz.Outcome outcome = fuzz.run(source, new SplittableRandom(7_000_003L + index));
            if (outcome.failed()) {
                failures.add("case " + index + " (" + outcome.description() + "): " + outcome.failure() + "; " + outcome.message());
            } else if (outcome.exitCode() == 0) {
                analysed++;
            } else {
                refused++;
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(analysed > CASES / 5 && refused > CASES / 5, analysed + " analysed, " + refused + " refused");
    }

    /** Up to two minutes of cat-cow, both sensors at 100 Hz, as {@code backbeat export} would write it. */
    private static AnalyzeFuzz.Source simulatedExport() throws Exception {
        Routine routine = SimulatedSessions.types().get("cat-cow");
        SimulatedSessions.Session session = SimulatedSessions.generate("cat-cow", routine, 5, 100);
        List<SensorTrack> tracks = new ArrayList<>();
        for (SensorPosition sensor : List.of(SensorPosition.UPPER, SensorPosition.LOWER)) {
            SensorTrack full = session.tracks().get(sensor);
            SensorTrack.Builder builder = new SensorTrack.Builder(sensor);
            for (int index = 0; index < full.sampleCount() && full.timeSeconds(index) < 120; index++) {
                builder.add(full.sample(index));
            }
            tracks.add(builder.build());
        }
        StringWriter text = new StringWriter();
        RawRecordingWriter.write(text, Map.of("rate_hz", "100"), tracks);
        return AnalyzeFuzz.Source.of("simulated", text.toString().lines().toList());
    }
}
