// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.bench.spine.SimulatedSessions;
import dev.backbeat.core.analysis.RecordingAnalysis;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.SensorTrack;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A recording whose sensors lose samples now and then (2 % at random, and a run of three now and
 * then, as a radio link does), analysed as {@code backbeat analyze} does, against the same session
 * with every sample: the same repetitions, and the same angles to within half a degree (0.06° in
 * the seated twists; 0.39° in fast side bends, where a filled sample is furthest from the lost one).
 * Before the lost samples were filled in, the angles were up to 1.6° and 2.5° off.
 */
class LostSamplesAnalysisTest {

    /** {@code track} without the samples a lossy link drops (seeded). */
    private static SensorTrack lossy(SensorTrack track, long seed) {
        Random random = new Random(seed);
        SensorTrack.Builder builder = new SensorTrack.Builder(track.sensor());
        int skip = 0;
        for (int index = 0; index < track.sampleCount(); index++) {
            if (skip > 0) {
                skip--;
                continue;
            }
            double draw = random.nextDouble();
            if (draw < 0.02) {
                continue;
            }
            if (draw < 0.023) {
                skip = 2;
                continue;
            }
            builder.add(track.sample(index));
        }
        return builder.build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"twists", "hard-mixed@100hz-flat"})
    void analyze_sensorsLosingSamples_sameRepetitionsAndAnglesAsWithEverySample(String type) {
        LabelledSessions.Labelled labelled = LabelledSessions.allTypes().get(type);
        SimulatedSessions.Session complete = RhythmEvaluation.generate(type, labelled, 2);
        Map<SensorPosition, SensorTrack> lossyTracks = new LinkedHashMap<>();
        complete.tracks().forEach((sensor, track) -> lossyTracks.put(sensor, lossy(track, sensor.ordinal() + 11)));
        SimulatedSessions.Session lossySession = new SimulatedSessions.Session(complete.type(), complete.seed(),
                complete.wearer(), lossyTracks);
        RecordingAnalysis all = RhythmEvaluation.analyze(complete);
        RecordingAnalysis lost = RhythmEvaluation.analyze(lossySession);
        assertEquals(labelled.fullRepetitions(), lost.rhythm().repetitionCount(),
                RhythmEvaluation.describe(lost.rhythm().repetitions()));
        assertEquals(RhythmEvaluation.describe(all.rhythm().repetitions()).split(" — ")[0],
                RhythmEvaluation.describe(lost.rhythm().repetitions()).split(" — ")[0]);
        // the angles at the upper samples both kept, after the first stand
        double[] allTimes = all.angles().timeSeconds();
        double[] lostTimes = lost.angles().timeSeconds();
        double largest = 0;
        for (int index = 0, other = 0; index < lostTimes.length; index++) {
            while (other < allTimes.length && allTimes[other] < lostTimes[index]) {
                other++;
            }
            if (other == allTimes.length || allTimes[other] != lostTimes[index] || lostTimes[index] < 6) {
                continue;
            }
            largest = Math.max(largest, Math.abs(lost.angles().twistDegrees()[index] - all.angles().twistDegrees()[other]));
            largest = Math.max(largest, Math.abs(lost.angles().flexionDegrees()[index] - all.angles().flexionDegrees()[other]));
            largest = Math.max(largest, Math.abs(lost.angles().sideBendDegrees()[index] - all.angles().sideBendDegrees()[other]));
        }
        assertTrue(largest < 0.5, "largest angle difference " + largest + "°");
    }
}
