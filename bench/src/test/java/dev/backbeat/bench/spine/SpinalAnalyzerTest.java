// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.core.spine.NeutralEstimate;
import dev.backbeat.core.spine.SpinalAnalysis;
import dev.backbeat.core.spine.SpinalAnalysisSettings;
import dev.backbeat.core.spine.SpinalAnalyzer;
import dev.backbeat.hardware.sim.CatCowFlow;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.sim.Routines;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The offline analysis on simulated sessions with known truth. */
class SpinalAnalyzerTest {

    private static final SpinalAnalyzer ANALYZER = new SpinalAnalyzer(SpinalAnalysisSettings.DEFAULTS);

    private static double rmse(SpinalAnalysis analysis, SimulatedSessions.Session session, int angle, double fromSeconds) {
        double[] values = angle == 0 ? analysis.flexionDegrees() : angle == 1 ? analysis.sideBendDegrees() : analysis.twistDegrees();
        double sum = 0;
        int count = 0;
        for (int index = 0; index < analysis.sampleCount(); index++) {
            if (analysis.timeSeconds()[index] >= fromSeconds) {
                double error = values[index] - session.wearer().spinalAnglesDegrees(analysis.timeSeconds()[index])[angle];
                sum += error * error;
                count++;
            }
        }
        return Math.sqrt(sum / count);
    }

    /** The samples of {@code track} from {@code startSeconds} on. */
    private static SensorTrack from(SensorTrack track, double startSeconds) {
        SensorTrack.Builder builder = new SensorTrack.Builder(track.sensor());
        for (int index = 0; index < track.sampleCount(); index++) {
            if (track.timeSeconds(index) >= startSeconds) {
                builder.add(track.sample(index));
            }
        }
        return builder.build();
    }

    @Test
    void analyze_catCowWithStandAtStart_findsTheStandAndTracksAllAnglesWithinOneDegree() {
        SimulatedSessions.Session session = SimulatedSessions.generate("cat-cow",
                new Routine(List.of(Routines.stand(5), CatCowFlow.DEFAULT.withCycles(6))), 1, 100);
        SpinalAnalysis analysis = ANALYZER.analyze(session.tracks().get(SensorPosition.UPPER),
                session.tracks().get(SensorPosition.LOWER));
        assertEquals(NeutralEstimate.Method.STAND_AT_START, analysis.neutral().method());
        assertEquals("high", analysis.neutral().confidence());
        assertTrue(analysis.neutral().durationSeconds() >= 3, analysis.neutral().toString());
        assertTrue(rmse(analysis, session, 0, 0) < 1.0, "flexion");
        assertTrue(rmse(analysis, session, 1, 0) < 1.0, "side bend");
        assertTrue(rmse(analysis, session, 2, 0) < 2.0, "twist");
    }

    @Test
    void analyze_recordingWithoutAStandAtStart_usesTheLaterStandInItsStartingPostureAndSaysSo() {
        // starts straight into the flow; the only stand comes 40 s later
        SimulatedSessions.Session session = SimulatedSessions.generate("late-stand", new Routine(List.of(
                CatCowFlow.DEFAULT.withCycles(4), Routines.stand(4), CatCowFlow.DEFAULT.withCycles(2))), 2, 100);
        SpinalAnalysis analysis = ANALYZER.analyze(session.tracks().get(SensorPosition.UPPER),
                session.tracks().get(SensorPosition.LOWER));
        assertEquals(NeutralEstimate.Method.STARTING_POSTURE_HELD, analysis.neutral().method());
        assertEquals("medium", analysis.neutral().confidence());
        assertTrue(analysis.neutral().startSeconds() > 40, analysis.neutral().toString());
        assertTrue(rmse(analysis, session, 0, 0) < 1.5, "flexion " + rmse(analysis, session, 0, 0));
    }

    @Test
    void analyze_recordingThatBeginsMovingIntoAHeldExtension_takesTheNeutralBetweenRepetitionsNotTheHold() {
        // no stand: the first still stretch is the first 20 s extension hold at -15°; the neutral is
        // the 5 s rest between repetitions, in the posture the recording began in
        SimulatedSessions.Session session = SimulatedSessions.generate("extensions-no-stand",
                new Routine(List.of(Routines.controlledExtensions(3, 15, 20))), 4, 100);
        // the simulated movement starts from rest: cut its first second, so the recording begins moving
        SpinalAnalysis analysis = ANALYZER.analyze(from(session.tracks().get(SensorPosition.UPPER), 1.0),
                from(session.tracks().get(SensorPosition.LOWER), 1.0));
        assertEquals(NeutralEstimate.Method.STARTING_POSTURE_HELD, analysis.neutral().method(), analysis.neutral().toString());
        assertTrue(analysis.neutral().startSeconds() > 24, analysis.neutral().toString());
        assertTrue(rmse(analysis, session, 0, 0) < 1.5, "flexion " + rmse(analysis, session, 0, 0));
    }

    @Test
    void analyze_recordingThatNeverStandsStill_fallsBackToTheStartWithLowConfidence() {
        SimulatedSessions.Session session = SimulatedSessions.generate("no-stand",
                new Routine(List.of(CatCowFlow.DEFAULT.withCycles(2))), 3, 100);
        SpinalAnalysis analysis = ANALYZER.analyze(session.tracks().get(SensorPosition.UPPER),
                session.tracks().get(SensorPosition.LOWER));
        assertEquals(NeutralEstimate.Method.START_OF_RECORDING, analysis.neutral().method());
        assertEquals("low", analysis.neutral().confidence());
        assertEquals(analysis.sampleCount(), analysis.flexionDegrees().length);
    }

    @Test
    void analyze_oneSensor_reportsInclinationOnly() {
        SimulatedSessions.Session session = SimulatedSessions.generate("one-sensor",
                new Routine(List.of(Routines.stand(5), CatCowFlow.DEFAULT.withCycles(2))), 4, 100);
        SensorTrack upper = session.tracks().get(SensorPosition.UPPER);
        SpinalAnalysis analysis = ANALYZER.analyze(upper, null);
        assertEquals(1, analysis.sensorCount());
        assertNull(analysis.flexionDegrees());
        // in the cat the thorax leans forward by hinge + spinal flexion - pelvic tuck: 25 + 20 - 6 = 39°
        double maximum = 0;
        for (double value : analysis.sagittalInclinationDegrees()) {
            maximum = Math.max(maximum, value);
        }
        assertEquals(39, maximum, 2.5);
    }

    @Test
    void analyze_extensionHoldsWithDriftingGyroscopes_reZeroesTwistAtLaterStandsAndBoundsTheDrift() {
        SimulatedSessions.Session session = SimulatedSessions.generate("mixed", Routines.mixedTenMinutes(), 5, 100);
        SpinalAnalysis analysis = ANALYZER.analyze(session.tracks().get(SensorPosition.UPPER),
                session.tracks().get(SensorPosition.LOWER));
        assertTrue(analysis.twistReferenceTimesSeconds().size() >= 3, analysis.twistReferenceTimesSeconds().toString());
        assertTrue(analysis.maximumTwistDriftDegrees() > 0 && analysis.maximumTwistDriftDegrees() < 5,
                "drift bound " + analysis.maximumTwistDriftDegrees());
        assertTrue(rmse(analysis, session, 2, 0) < 2.0, "twist " + rmse(analysis, session, 2, 0));
    }

    @Test
    void analyze_strapsRotatedAboutTheSpineWithFunctionalCalibration_separatesFlexionFromSideBend() {
        // straps turned 15° and -10° about the spine's axis: invisible to gravity, so a forward bend
        // shows up partly as side bend unless the functional step finds the medio-lateral axis
        dev.backbeat.hardware.sim.WearerSettings turned = dev.backbeat.hardware.sim.WearerSettings.DEFAULTS
                .withSpineRotation(15, -10);
        Routine routine = new Routine(List.of(Routines.stand(5), CatCowFlow.DEFAULT.withCycles(4)));
        dev.backbeat.hardware.sim.SimulatedWearer wearer = new dev.backbeat.hardware.sim.SimulatedWearer(turned, routine);
        dev.backbeat.hardware.sim.SimulationClock clock = new dev.backbeat.hardware.sim.SimulationClock();
        dev.backbeat.hardware.sim.SimulatedStrap strap = dev.backbeat.hardware.sim.SimulatedStrap.of(wearer,
                dev.backbeat.hardware.sim.SensorErrorSettings.DEFAULTS, 100, 6, clock);
        java.util.Map<SensorPosition, SensorTrack.Builder> builders = new java.util.EnumMap<>(SensorPosition.class);
        clock.advance(routine.durationSeconds());
        strap.drainTo((sensor, sample) -> builders.computeIfAbsent(sensor, SensorTrack.Builder::new).add(sample));
        SensorTrack upper = builders.get(SensorPosition.UPPER).build();
        SensorTrack lower = builders.get(SensorPosition.LOWER).build();

        SpinalAnalysis plain = new SpinalAnalyzer(SpinalAnalysisSettings.DEFAULTS.withFunctionalCalibration(false))
                .analyze(upper, lower);
        SpinalAnalysis functional = new SpinalAnalyzer(SpinalAnalysisSettings.DEFAULTS)
                .analyze(upper, lower);
        double plainSide = 0;
        double functionalSide = 0;
        for (int index = 0; index < plain.sampleCount(); index++) {
            plainSide = Math.max(plainSide, Math.abs(plain.sideBendDegrees()[index]));
            functionalSide = Math.max(functionalSide, Math.abs(functional.sideBendDegrees()[index]));
        }
        assertTrue(functional.neutral().functionalAxisCorrectionDegrees() > 5,
                "correction " + functional.neutral().functionalAxisCorrectionDegrees());
        assertTrue(functionalSide < 2.0 && plainSide > 3.0, "largest side bend without " + plainSide + "°, with " + functionalSide + "°");
    }
}
