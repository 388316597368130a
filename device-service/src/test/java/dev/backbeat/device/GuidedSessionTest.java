// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.routine.BreathCoupling;
import dev.backbeat.core.routine.DefinitionText;
import dev.backbeat.core.routine.GuardAlert;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * A guided routine end to end on the strap's real path: the drivers on the register-level simulated
 * chips, the simulated wearer following the routine, the guided pacer on the simulated DRV2605L, the
 * guards and the coupling, recorded into the outbox.
 */
class GuidedSessionTest {

    @TempDir
    Path dataDirectory;

    private RecordedSession run(GuidedRoutineScript.Deviations wearer) throws Exception {
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of(), "test", dataDirectory);
        SessionPlan plan = SessionPlan.of(DefinitionText.routine("extensions"), Optional.of(DefinitionText.profile("gentle")),
                Double.NaN, Double.NaN, Double.NaN);
        DeviceService service = new DeviceService(DeviceSettings.from(configuration).withPlan(plan), line -> { });
        return service.runGuidedSimulatedSession(configuration, new SimulationOptions(1, 0, 3), wearer).session();
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
}
