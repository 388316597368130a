// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.bench.spine.SimulatedSessions;
import dev.backbeat.core.analysis.RecordingAnalysis;
import dev.backbeat.core.analysis.RecordingAnalyzer;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.recording.RawRecording;
import dev.backbeat.core.rhythm.Hold;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.session.SensorTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A recording whose time stamps jump: the analysis splits there instead of seeing stillness. */
class GapAnalysisTest {

    /** The track with {@code jumpSeconds} added to every time stamp from {@code atSeconds} on. */
    private static SensorTrack withJump(SensorTrack track, double atSeconds, double jumpSeconds) {
        int n = track.sampleCount();
        double[] time = new double[n];
        for (int index = 0; index < n; index++) {
            time[index] = track.timeSeconds(index) + (track.timeSeconds(index) >= atSeconds ? jumpSeconds : 0);
        }
        double[] gyroscope = track.gyroscopeInterleaved();
        double[] accelerometer = track.accelerometerInterleaved();
        float[] gyroscopeFloats = new float[gyroscope.length];
        float[] accelerometerFloats = new float[accelerometer.length];
        for (int index = 0; index < gyroscope.length; index++) {
            gyroscopeFloats[index] = (float) gyroscope[index];
            accelerometerFloats[index] = (float) accelerometer[index];
        }
        return new SensorTrack(track.sensor(), time, gyroscopeFloats, accelerometerFloats);
    }

    @Test
    void analyze_thirtySecondJumpInsideAnExtensionHold_splitsAtTheGapAndMakesNothingUp() {
        LabelledSessions.Labelled labelled = LabelledSessions.types().get("extensions-5x30s");
        SimulatedSessions.Session session = SimulatedSessions.generate("gap", labelled.routine(), 5, 100, 8);
        Map<SensorPosition, SensorTrack> tracks = session.tracks();
        // 20 s into the routine the first extension is being held; the clock jumps by 30 s there
        double jumpAt = 20;
        List<SensorTrack> jumped = new ArrayList<>();
        jumped.add(withJump(tracks.get(SensorPosition.UPPER), jumpAt, 30));
        jumped.add(withJump(tracks.get(SensorPosition.LOWER), jumpAt, 30));
        RawRecording recording = new RawRecording(jumped, Map.of(), false, List.of());

        RecordingAnalysis analysis = RecordingAnalyzer.withDefaults().analyze(recording);

        assertFalse(recording.gaps().isEmpty(), "the jump is a gap");
        for (Repetition repetition : analysis.rhythm().repetitions()) {
            assertTrue(repetition.endSeconds() < jumpAt || repetition.startSeconds() >= jumpAt + 30, repetition.toString());
            assertTrue(repetition.durationSeconds() < 45, repetition.toString());
        }
        for (Hold hold : analysis.rhythm().holds()) {
            assertTrue(hold.endSeconds() < jumpAt || hold.startSeconds() >= jumpAt + 30, hold.toString());
        }
        analysis.rhythm().breath().forEach(window ->
                assertTrue(window.endSeconds() < jumpAt || window.startSeconds() >= jumpAt + 30, window.toString()));
        // the four extensions after the jump are whole and counted
        assertEquals(labelled.fullRepetitions() - 1, analysis.rhythm().repetitionCount(),
                analysis.rhythm().repetitions().toString());
        assertTrue(Double.isNaN(analysis.rhythm().tempo().cyclePeriodCv())
                || analysis.rhythm().tempo().cyclePeriodCv() < 0.3, analysis.rhythm().tempo().toString());
    }
}
