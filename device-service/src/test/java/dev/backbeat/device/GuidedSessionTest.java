// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.pacer.BreathPhase;
import dev.backbeat.core.pacer.GuidedPacer;
import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.routine.BreathCoupling;
import dev.backbeat.core.routine.DefinitionText;
import dev.backbeat.core.routine.GuardAlert;
import dev.backbeat.core.routine.Profile;
import dev.backbeat.core.routine.SessionPlan;
import dev.backbeat.core.session.GuidedSessionRecord;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionDecodeResult;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.hardware.sim.GuidedRoutineScript;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guided routine end to end on the strap's real path: the drivers on the register-level simulated
 * chips, the simulated wearer following the routine, the guided pacer on the simulated DRV2605L, the
 * guards and the coupling, recorded into the outbox.
 */
class GuidedSessionTest {

    @TempDir
    Path dataDirectory;

    private final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Gentle extensions without the gentle profile's glide: the simulated wearer follows the routine
     * as written and does not feel the motor, so it cannot follow a pacer gliding from a rate the
     * strap measured a few per cent off its own (it would drift off the cues by seconds, as a person
     * ignoring the pacer would); the glide has its own test below.
     */
    private RecordedSession run(GuidedRoutineScript.Deviations wearer) throws Exception {
        return run(wearer, 6, "glide 0");
    }

    /**
     * Gentle extensions (the profile's glide line replaced by {@code glide}), the simulated wearer
     * breathing {@code ownBreathsPerMinute} (the simulation takes it from the pacer key).
     */
    private RecordedSession run(GuidedRoutineScript.Deviations wearer, double ownBreathsPerMinute, String glide)
            throws Exception {
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of("pacer.breaths_per_minute = "
                + ownBreathsPerMinute), "test", dataDirectory);
        String gentle = DefinitionText.profile("gentle").text().replace("glide 3", glide);
        SessionPlan plan = SessionPlan.of(DefinitionText.routine("extensions"),
                Optional.of(DefinitionText.of("gentle.profile (" + glide + ")", gentle)), Double.NaN, Double.NaN, Double.NaN);
        DeviceService service = new DeviceService(DeviceSettings.from(configuration).withPlan(plan), lines::add);
        return service.runGuidedSimulatedSession(configuration, new SimulationOptions(1, 0, 3), wearer).session();
    }

    @Test
    void guidedSession_gentleGlide_startsAtTheBreathingMeasuredInTheSilentStandAndGlidesToTheTarget() throws Exception {
        RecordedSession session = run(GuidedRoutineScript.Deviations.NONE, 10, "glide 3");
        String measured = lines.stream().filter(line -> line.startsWith("breathing in the stand: ")).findFirst()
                .orElseThrow(() -> new AssertionError(lines.toString()));
        double rate = Double.parseDouble(measured.substring("breathing in the stand: ".length(), measured.indexOf(" /min")));
        assertEquals(10, rate, 1.0, measured);
        List<PacerCue> inhales = session.pacerCues().stream().filter(cue -> cue.phase() == BreathPhase.INHALE).toList();
        assertEquals(Profile.MEASURING_STAND_SECONDS, inhales.get(0).timeSeconds(), 1e-6, "silent through the 30 s stand");
        // every breath at the glide's rate as it begins: from the measured rate (to 0.05 /min, as logged) to 5 /min over 3 min
        for (int index = 1; index < inhales.size(); index++) {
            double start = inhales.get(index - 1).timeSeconds();
            double share = Math.min(1, (start - Profile.MEASURING_STAND_SECONDS) / 180);
            double expected = 60 / (rate + (5 - rate) * share);
            assertEquals(expected, inhales.get(index).timeSeconds() - start, 0.05 * expected / rate,
                    "breath " + index + " at " + start + " s: " + inhales);
        }
        // the routine's 15 breaths end before the glide does (a glide spans routines only in longer plans such as daily)
        double first = inhales.get(1).timeSeconds() - inhales.get(0).timeSeconds();
        double last = inhales.get(inhales.size() - 1).timeSeconds() - inhales.get(inhales.size() - 2).timeSeconds();
        assertTrue(last > first + 1.5, "the breaths lengthen towards 12 s: " + inhales);
        // the simulated wearer does not feel the motor: it follows a glide from its own 10 /min, the strap's
        // pacer one from the rate it measured, so its repetitions drift off the cues; the coupling must
        // measure that true lag (its cue against the strap's; the tempo is fixed) within 0.2 s
        SessionPlan plan = SessionPlan.of(DefinitionText.routine("extensions"), Optional.of(DefinitionText.profile("gentle")),
                Double.NaN, Double.NaN, Double.NaN);
        GuidedPacer wearer = new GuidedPacer(plan.personalisedRoutine(),
                new GuidedPacer.Settings(Profile.CuePattern.ENVELOPE, 0.8, 180, Double.NaN));
        wearer.measuredBreathing(10);
        for (double time = 0; !wearer.finished(); time = wearer.nextChangeSeconds(time)) {
            wearer.update(time);
        }
        List<GuidedPacer.RepetitionStart> truth = wearer.repetitionStarts();
        List<BreathCoupling.RepetitionCoupling> measuredLags = session.guided().orElseThrow().coupling().get(0).repetitions();
        assertEquals(truth.size(), measuredLags.size(), truth + " " + measuredLags);
        for (int index = 0; index < truth.size(); index++) {
            double trueLag = truth.get(index).cueSeconds() - measuredLags.get(index).cueSeconds();
            // a movement begun more than half its 6 s out-time early begins before the window the coupling
            // searches (from the cue less half the out-time): within 0.5 s there, 0.2 s otherwise
            double tolerance = Math.abs(trueLag) <= 3 ? 0.2 : 0.5;
            assertEquals(trueLag, measuredLags.get(index).lagSeconds(), tolerance, "repetition " + (index + 1) + ": " + measuredLags);
        }
    }

    @Test
    void guidedSession_gentleExtensionsDoneAsAsked_countsFiveOnTheCuesWithoutAlerts() throws Exception {
        RecordedSession session = run(GuidedRoutineScript.Deviations.NONE);
        GuidedSessionRecord guided = session.guided().orElseThrow();
        assertEquals("extensions", guided.routineName());
        assertEquals("gentle", guided.profileName());
        assertEquals(2, guided.steps().size());
        assertEquals(5, session.summary().repetitionCount(), session.repetitions().toString());
        assertEquals(List.of(), guided.alerts());
        BreathCoupling.SetCoupling coupling = guided.coupling().get(0);
        assertEquals(5, coupling.repetitions().size());
        assertTrue(Math.abs(coupling.meanLagSeconds()) < 0.3, coupling.toString());
        assertTrue(coupling.score() > 0.95, coupling.toString());
        // paced at the profile's 5 breaths/min: 12 s breaths
        assertEquals(12.0, session.pacerCues().get(2).timeSeconds() - session.pacerCues().get(0).timeSeconds(), 1e-6);
        // the record survives the wire format
        SessionDecodeResult decoded = SessionCodec.decode(SessionCodec.encode(session));
        assertEquals(session, ((SessionDecodeResult.Decoded) decoded).session());
    }

    @Test
    void guidedSession_wearerGoingPastTheLimitAndLate_isAlertedAndItsLagMeasured() throws Exception {
        RecordedSession session = run(new GuidedRoutineScript.Deviations(8, 1, 1.5));
        GuidedSessionRecord guided = session.guided().orElseThrow();
        long hyperextensions = guided.alerts().stream().filter(alert -> alert.kind() == GuardAlert.Kind.HYPEREXTENSION).count();
        assertEquals(5, hyperextensions, guided.alerts().toString());
        assertTrue(guided.alerts().get(0).reason().contains("extension past the 15° limit"), guided.alerts().get(0).reason());
        // the target: the phase lag within 0.2 s of the truth, every repetition
        for (BreathCoupling.RepetitionCoupling repetition : guided.coupling().get(0).repetitions()) {
            assertEquals(1.5, repetition.lagSeconds(), 0.2, guided.coupling().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 1.5})
    void guidedSession_catCowFlow_countsEveryCycleAndTimesItsLagAgainstTheInhale(double lagSeconds) throws Exception {
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of(), "test", dataDirectory);
        SessionPlan plan = SessionPlan.of(DefinitionText.routine("cat-cow"), Optional.empty(), Double.NaN, Double.NaN, Double.NaN);
        DeviceService service = new DeviceService(DeviceSettings.from(configuration).withPlan(plan), lines::add);
        RecordedSession session = service.runGuidedSimulatedSession(configuration, new SimulationOptions(1, 0, 3),
                new GuidedRoutineScript.Deviations(0, 1, lagSeconds)).session();
        // a late wearer's last cat falls after the session's end: seven whole cycles and a partial one
        assertEquals(lagSeconds == 0 ? 8 : 7, session.summary().repetitionCount(), session.repetitions().toString());
        BreathCoupling.SetCoupling coupling = session.guided().orElseThrow().coupling().get(0);
        assertEquals(8, coupling.repetitions().size(), coupling.toString());
        // the target: within 0.2 s of the simulated wearer's true lag, every cycle
        for (BreathCoupling.RepetitionCoupling cycle : coupling.repetitions()) {
            assertEquals(lagSeconds, cycle.lagSeconds(), 0.2, coupling.toString());
        }
    }

    @Test
    void guidedSession_limitAsAShareOfTheMeasuredRange_isResolvedAgainstEarlierSessionsAndRecorded() throws Exception {
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of(), "test", dataDirectory);
        String profile = DefinitionText.profile("custom").text().replace("extension-limit 25", "extension-limit 80%");
        SessionPlan plan = SessionPlan.of(DefinitionText.routine("extensions"),
                Optional.of(DefinitionText.of("share.profile", profile)), Double.NaN, Double.NaN, Double.NaN);
        DeviceService service = new DeviceService(DeviceSettings.from(configuration).withPlan(plan), lines::add);
        DeviceService.Recording first = service.runGuidedSimulatedSession(configuration, new SimulationOptions(1, 0, 3),
                GuidedRoutineScript.Deviations.NONE);
        // no range measured yet: the guards' default limit; the session then measures the wearer's 15° of extension
        assertEquals("25.0", startSettings(first).get(PlanInStartRecord.EXTENSION_LIMIT));
        double measured = MeasuredRange.read(dataDirectory).extensionDegrees();
        assertEquals(-first.session().summary().flexionMinDegrees(), measured, 0.01);
        assertTrue(measured > 12 && measured < 20, measured + "°");
        DeviceService.Recording second = service.runGuidedSimulatedSession(configuration, new SimulationOptions(1, 0, 4),
                GuidedRoutineScript.Deviations.NONE);
        assertEquals(0.8 * measured, Double.parseDouble(startSettings(second).get(PlanInStartRecord.EXTENSION_LIMIT)), 0.06,
                "80 % of the range measured before");
    }

    private static java.util.Map<String, String> startSettings(DeviceService.Recording recording) throws Exception {
        try (dev.backbeat.device.outbox.DeviceOutbox outbox = dev.backbeat.device.outbox.DeviceOutbox.open(recording.file().getParent())) {
            return ((dev.backbeat.mqtt.sync.SyncRecord.SessionStart) ((dev.backbeat.mqtt.sync.SyncDecodeResult.Decoded)
                    dev.backbeat.mqtt.sync.SyncCodec.decode(outbox.startRecord(recording.session().sessionId()).orElseThrow()))
                    .record()).settings();
        }
    }
}
