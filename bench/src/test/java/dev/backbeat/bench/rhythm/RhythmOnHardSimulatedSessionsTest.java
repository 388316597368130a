// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backbeat.bench.spine.SimulatedSessions;
import dev.backbeat.core.analysis.RecordingAnalysis;
import dev.backbeat.core.imu.SensorPosition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hard labelled sessions (50 Hz, short or no stands, straps rotated about the spine and high on
 * the back, soft-tissue kicks, drifting offsets) through the path {@code backbeat analyze} takes, at
 * one seed: every hard type, each counted exactly on all 40 seeds of {@code bench/rhythm-eval 40}
 * (2026-12-07), so a regression shows.
 */
class RhythmOnHardSimulatedSessionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"hip-hinge-bends", "fast-coupled-side-bends", "coupled-side-bends", "side-bends-strong-coupling",
        "quadruped-cat-cow", "cat-cow-breath-locked", "extensions-short-stand", "twists-with-turns", "no-stand-cat-cow",
        "no-stand-side-bends", "sit-down-twists", "no-stand-sit-down-twists", "hard-mixed"})
    void analyze_hardSession_countsTheLabelledRepetitions(String type) {
        LabelledSessions.Labelled labelled = LabelledSessions.hardTypes().get(type);
        SimulatedSessions.Session session = RhythmEvaluation.generate(type, labelled, 1);
        assertEquals(50, session.tracks().get(SensorPosition.UPPER).medianSampleRateHz(), 0.01);
        RecordingAnalysis analysis = RhythmEvaluation.analyze(session);
        assertEquals(labelled.fullRepetitions(), analysis.rhythm().repetitionCount(),
                RhythmEvaluation.describe(analysis.rhythm().repetitions()));
    }
}
