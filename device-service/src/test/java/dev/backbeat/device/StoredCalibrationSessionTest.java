// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.analysis.RecordingAnalyzer;
import dev.backbeat.core.pacer.BreathPhase;
import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.recording.RawRecording;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.routine.DefinitionText;
import dev.backbeat.core.routine.GuardAlert;
import dev.backbeat.core.routine.SessionPlan;
import dev.backbeat.core.session.CalibrationSource;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionDecodeResult;
import dev.backbeat.core.spine.NeutralEstimate;
import dev.backbeat.core.spine.StoredCalibration;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.core.routine.GuidedRoutine;
import dev.backbeat.hardware.actuator.SimulatedHapticActuator;
import dev.backbeat.hardware.sim.GuidedRoutineScript;
import dev.backbeat.hardware.sim.OpeningStand;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.sim.WearerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile with {@code calibration stored}, end to end on the strap's real path: the drivers on the
 * register-level simulated MPU-6050s, the simulated wearer (standing as long as the strap asks), the
 * guided pacer on the simulated DRV2605L, the calibration file in the data directory.
 */
class StoredCalibrationSessionTest {

    /** How closely a session on the stored calibration must agree with one on a full stand, degrees. */
    static final double AGREEMENT_DEGREES = 1.0;
    /** How closely the host's re-analysis of a checked session's samples must agree with the strap, degrees. */
    static final double HOST_AGREEMENT_DEGREES = 1.5;

    @TempDir
    Path dataDirectory;

    private final List<String> lines = new CopyOnWriteArrayList<>();

    /** Gentle extensions without the glide (see GuidedSessionTest), calibration as given; the wearer breathes {@code breathsPerMinute}. */
    private DeviceService service(Path data, String calibration, String glide, double breathsPerMinute) throws Exception {
        DeviceConfiguration configuration = configuration(data, breathsPerMinute);
        breathing.put(data, breathsPerMinute);
        String gentle = DefinitionText.profile("gentle").text().replace("glide 3", glide) + "calibration " + calibration + "\n";
        SessionPlan plan = SessionPlan.of(DefinitionText.routine("extensions"),
                Optional.of(DefinitionText.of("gentle.profile (" + glide + ", calibration " + calibration + ")", gentle)),
                Double.NaN, Double.NaN, Double.NaN);
        return new DeviceService(DeviceSettings.from(configuration).withPlan(plan), lines::add);
    }

    private static DeviceConfiguration configuration(Path data, double breathsPerMinute) throws Exception {
        return DeviceConfigurationFile.parse(List.of("pacer.breaths_per_minute = " + breathsPerMinute), "test", data);
    }

    /** The wearer's own breathing per data directory, breaths/min (the simulation takes it from the pacer key). */
    private final Map<Path, Double> breathing = new java.util.HashMap<>();

    private DeviceService.Recording run(DeviceService service, long seed, WearerSettings body) throws Exception {
        lines.clear();
        Path data = service.settings().dataDirectory();
        return service.runGuidedSimulatedSession(configuration(data, breathing.get(data)), new SimulationOptions(1, 0, seed),
                GuidedRoutineScript.Deviations.NONE, body);
    }

    /** A session and every intensity its motor was set to. */
    private record Motored(RecordedSession session, List<SimulatedHapticActuator.IntensityChange> motor) {
    }

    /**
     * As {@link #run}, on a simulated strap whose motor remembers every intensity it was set to (the
     * configuration's coin motor; the DRV2605L's driver gets the same intensities).
     */
    private Motored runRememberingTheMotor(DeviceService service, long seed, WearerSettings body) throws Exception {
        lines.clear();
        Path data = service.settings().dataDirectory();
        double ownBreathsPerMinute = breathing.get(data);
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of("pacer.breaths_per_minute = "
                + ownBreathsPerMinute, "haptic.kind = coin-pwm"), "test", data);
        GuidedRoutine routine = service.settings().plan().personalisedRoutine();
        OpeningStand stand = new OpeningStand(routine.steps().get(0).durationSeconds());
        Routine script = GuidedRoutineScript.of(routine, GuidedRoutineScript.Deviations.NONE, 0, ownBreathsPerMinute, stand);
        try (StrapHardware hardware = StrapHardware.simulated(configuration, script, new SimulationOptions(1, 0, seed), body)) {
            RecordedSession session = service.runSession(hardware.strap(), hardware.pacing(), hardware.actuator(),
                    routine.plannedSeconds() + DeviceService.GUIDED_TAIL_SECONDS, hardware.label(), true, stand::lasts).session();
            return new Motored(session, ((SimulatedHapticActuator) hardware.actuator()).changes());
        }
    }

    private static CalibrationSource source(RecordedSession session) {
        return session.guided().orElseThrow().calibration().orElseThrow();
    }

    private static double stepStart(RecordedSession session, int step) {
        return session.guided().orElseThrow().steps().get(step).startSeconds();
    }

    private StoredCalibration stored(Path data) {
        return StoredCalibrationFile.read(data, DeviceSettings.DEFAULT_DEVICE_ID).calibration().orElseThrow();
    }

    @Test
    void storedCalibration_sameMounting_aShortCheckReplacesTheStandAndTheAnglesAgreeWithAFullStand() throws Exception {
        DeviceService stored = service(dataDirectory, "stored", "glide 0", 6);
        // session 1: nothing stored yet, so it stands, and stores what the still stand found
        RecordedSession first = run(stored, 3, WearerSettings.DEFAULTS).session();
        assertEquals(CalibrationSource.standAfterRefusal("none is stored yet", Double.NaN, Double.NaN), source(first));
        assertEquals(12, stepStart(first, 1), 1e-9, "the 5 s stand lasts its first 12 s breath at 5 /min");
        StoredCalibration kept = stored(dataDirectory);
        assertEquals("upper MPU-6050 0x68, lower MPU-6050 0x69", kept.chips());
        assertEquals(first.startedAt(), kept.calibratedAt());
        assertTrue(Double.isNaN(kept.breathsPerMinute()), "a 5 s stand does not measure the breathing");

        // session 2: a 3.5 s check instead of the stand
        DeviceService.Recording second = run(stored, 4, WearerSettings.DEFAULTS);
        RecordedSession checked = second.session();
        CalibrationSource source = source(checked);
        assertEquals(CalibrationSource.Kind.STORED, source.kind(), source.toString());
        assertTrue(source.deviationDegrees() < 0.5, source.toString());
        assertTrue(source.ageDays() >= 0 && source.ageDays() < 0.01, source.toString());
        assertEquals(0.5, checked.summary().neutralStartSeconds(), 1e-9);
        assertEquals(3.0, checked.summary().neutralEndSeconds(), 1e-9);
        assertEquals(3.5, stepStart(checked, 1), 1e-9, "the routine begins as the check ends");
        PacerCue firstCue = checked.pacerCues().get(0);
        assertEquals(new PacerCue(3.5, BreathPhase.INHALE), firstCue, "silent through the check");
        assertEquals(5, checked.summary().repetitionCount(), checked.repetitions().toString());
        assertEquals(List.of(), checked.guided().orElseThrow().alerts());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("calibration: the stored one (0.0 days old) fits, the check "
                + "agreed within ")), lines.toString());
        assertEquals(kept, stored(dataDirectory), "a session on the stored calibration does not store it again");
        try (dev.backbeat.device.outbox.DeviceOutbox outbox = dev.backbeat.device.outbox.DeviceOutbox.open(dataDirectory)) {
            Map<String, String> settings = ((dev.backbeat.mqtt.sync.SyncRecord.SessionStart) ((dev.backbeat.mqtt.sync.SyncDecodeResult.Decoded)
                    dev.backbeat.mqtt.sync.SyncCodec.decode(outbox.startRecord(checked.sessionId()).orElseThrow())).record()).settings();
            assertEquals("stored", settings.get(PlanInStartRecord.CALIBRATION_ASKED), settings.toString());
        }

        // the same wearer and seed on a full stand (another strap's data directory): the same angles
        Path standDirectory = Files.createDirectory(dataDirectory.resolve("stand"));
        RecordedSession stand = run(service(standDirectory, "stand", "glide 0", 6), 4, WearerSettings.DEFAULTS).session();
        assertEquals(CalibrationSource.STAND, source(stand));
        assertEquals(12, stepStart(stand, 1), 1e-9);
        assertAgree(stand, checked);
        for (long seed : new long[] {5, 6}) {
            RecordedSession onStored = run(stored, seed, WearerSettings.DEFAULTS).session();
            assertEquals(CalibrationSource.Kind.STORED, source(onStored).kind());
            assertAgree(run(service(standDirectory, "stand", "glide 0", 6), seed, WearerSettings.DEFAULTS).session(), onStored);
        }

        // the host's re-analysis of the samples finds the neutral in the short check (its still, upright
        // stretch runs on into the slow start of the first extension) and counts the same extensions
        dev.backbeat.core.analysis.RecordingAnalysis analysis = RecordingAnalyzer.withDefaults().analyze(
                new RawRecording(second.sessionWithSamples().tracks(), Map.of(), false, List.of()));
        NeutralEstimate neutral = analysis.angles().neutral();
        assertEquals(NeutralEstimate.Method.STAND_AT_START, neutral.method(), neutral.toString());
        assertEquals("high", neutral.confidence(), neutral.toString());
        assertTrue(neutral.startSeconds() < 0.5 && neutral.endSeconds() >= 3.0 && neutral.endSeconds() < 6, neutral.toString());
        List<Repetition> reanalysed = analysis.rhythm().repetitions().stream().filter(repetition -> !repetition.partial()).toList();
        assertEquals(5, reanalysed.size(), reanalysed.toString());
        System.out.printf(java.util.Locale.ROOT, "check %s: host re-analysis neutral %.2f-%.2f s, peak extensions host %s, strap %s%n",
                source, neutral.startSeconds(), neutral.endSeconds(),
                reanalysed.stream().map(repetition -> String.format(java.util.Locale.ROOT, "%.2f", repetition.peakExtensionDegrees())).toList(),
                checked.repetitions().stream().map(repetition -> String.format(java.util.Locale.ROOT, "%.2f", repetition.peakExtensionDegrees())).toList());
        for (int index = 0; index < 5; index++) {
            assertEquals(checked.repetitions().get(index).peakExtensionDegrees(), reanalysed.get(index).peakExtensionDegrees(),
                    HOST_AGREEMENT_DEGREES, checked.repetitions() + "\n" + reanalysed);
        }
        // and the record survives the wire format
        assertEquals(checked, ((SessionDecodeResult.Decoded) SessionCodec.decode(SessionCodec.encode(checked))).session());
    }

    /** Each repetition's peak extension and the session's flexion range within {@value #AGREEMENT_DEGREES}°. */
    private static void assertAgree(RecordedSession expected, RecordedSession actual) {
        List<Repetition> want = expected.repetitions();
        List<Repetition> got = actual.repetitions();
        assertEquals(want.size(), got.size(), want + "\n" + got);
        double largest = 0;
        for (int index = 0; index < want.size(); index++) {
            largest = Math.max(largest, Math.abs(want.get(index).peakExtensionDegrees() - got.get(index).peakExtensionDegrees()));
        }
        System.out.printf(java.util.Locale.ROOT, "stored calibration against a full stand: peak extension within %.2f° over %d "
                + "repetitions, flexion min %+.2f°, max %+.2f°%n", largest, want.size(),
                actual.summary().flexionMinDegrees() - expected.summary().flexionMinDegrees(),
                actual.summary().flexionMaxDegrees() - expected.summary().flexionMaxDegrees());
        for (int index = 0; index < want.size(); index++) {
            assertEquals(want.get(index).peakExtensionDegrees(), got.get(index).peakExtensionDegrees(), AGREEMENT_DEGREES,
                    "repetition " + (index + 1) + ": " + want + "\n" + got);
        }
        assertEquals(expected.summary().flexionMinDegrees(), actual.summary().flexionMinDegrees(), AGREEMENT_DEGREES);
        assertEquals(expected.summary().flexionMaxDegrees(), actual.summary().flexionMaxDegrees(), AGREEMENT_DEGREES);
    }

    @Test
    void storedCalibration_strapRemountedFifteenDegrees_isRefusedAndTheFullStandRuns() throws Exception {
        DeviceService stored = service(dataDirectory, "stored", "glide 0", 6);
        RecordedSession first = run(stored, 3, WearerSettings.DEFAULTS).session();
        StoredCalibration before = stored(dataDirectory);
        // the upper sensor turned 15° in the plane of the back since
        WearerSettings remounted = WearerSettings.DEFAULTS.withMounting(12, 15, -8, 0);
        Motored motored = runRememberingTheMotor(stored, 4, remounted);
        RecordedSession session = motored.session();
        // the motor: silent through the check's window, then one long buzz as the verdict comes, then the stand's cues
        List<SimulatedHapticActuator.IntensityChange> motor = motored.motor();
        assertTrue(motor.stream().filter(change -> change.timeSeconds() < 3.0).allMatch(change -> change.intensityFraction() == 0),
                motor.subList(0, 5).toString());
        SimulatedHapticActuator.IntensityChange buzz = motor.stream().filter(change -> change.intensityFraction() > 0)
                .findFirst().orElseThrow();
        assertEquals(1.0, buzz.intensityFraction());
        assertTrue(buzz.timeSeconds() >= 3.0 && buzz.timeSeconds() <= 3.1, buzz.toString());
        SimulatedHapticActuator.IntensityChange buzzEnd = motor.get(motor.indexOf(buzz) + 1);
        assertEquals(SessionPipeline.STAND_CUE_SECONDS, buzzEnd.timeSeconds() - buzz.timeSeconds(), 0.011, motor.subList(0, 8).toString());
        CalibrationSource source = source(session);
        assertEquals(CalibrationSource.Kind.STAND, source.kind());
        assertTrue(source.refusal().startsWith("the upper sensor's up direction is 14."), source.refusal());
        assertEquals(15 * Math.cos(Math.toRadians(12)), source.deviationDegrees(), 1.0);
        System.out.printf(java.util.Locale.ROOT, "re-mounted 15°: the check measured %.2f° and refused%n", source.deviationDegrees());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("calibration: the stored one is not used: the upper sensor's")
                && line.endsWith("stand still and upright for the calibration (one long buzz)")), lines.toString());
        // the full stand follows the check: its window 3.5 s later, the routine after its first breath
        assertEquals(4.0, session.summary().neutralStartSeconds(), 1e-9);
        assertEquals(7.0, session.summary().neutralEndSeconds(), 1e-9);
        assertEquals(3.5 + 12, stepStart(session, 1), 1e-9);
        assertEquals(5, session.summary().repetitionCount(), session.repetitions().toString());
        assertEquals(List.of(), session.guided().orElseThrow().alerts().stream()
                .filter(alert -> alert.kind() == GuardAlert.Kind.HYPEREXTENSION).toList());
        // calibrated on its own stand: the angles are the first session's (same wearer, other seed)
        for (int index = 0; index < 5; index++) {
            assertEquals(first.repetitions().get(index).peakExtensionDegrees(), session.repetitions().get(index).peakExtensionDegrees(),
                    AGREEMENT_DEGREES, first.repetitions() + "\n" + session.repetitions());
        }
        double largest = 0;
        for (int index = 0; index < 5; index++) {
            largest = Math.max(largest, Math.abs(first.repetitions().get(index).peakExtensionDegrees()
                    - session.repetitions().get(index).peakExtensionDegrees()));
        }
        System.out.printf(java.util.Locale.ROOT, "re-mounted 15°, full stand after the refusal: peak extension within %.2f° of "
                + "session 1's%n", largest);
        // and the new mounting is stored for the next session
        StoredCalibration after = stored(dataDirectory);
        assertEquals(session.startedAt(), after.calibratedAt());
        double turnedDegrees = Math.toDegrees(Math.acos(before.upperUp().dot(after.upperUp())));
        assertEquals(15 * Math.cos(Math.toRadians(12)), turnedDegrees, 1.0);
    }

    @Test
    void storedCalibration_damagedFile_isSaidIgnoredAndKeptAside() throws Exception {
        Path file = dataDirectory.resolve(StoredCalibrationFile.FILE_NAME);
        Files.writeString(file, "backbeat-calibration 1\ndevice strap-01\ncalibrated-at 2026-12-06T23:15:10Z\nupper-mou");
        RecordedSession session = run(service(dataDirectory, "stored", "glide 0", 6), 3, WearerSettings.DEFAULTS).session();
        assertTrue(lines.contains("the stored calibration " + file + " line 4: unknown key 'upper-mou'; ignored"), lines.toString());
        assertTrue(lines.contains("calibration: the stored one is not used: the calibration file did not read; the session "
                + "opens with a neutral stand"), lines.toString());
        assertEquals("the calibration file did not read", source(session).refusal());
        assertEquals(0.5, session.summary().neutralStartSeconds(), 1e-9, "no check: the stand from the start");
        assertEquals(5, session.summary().repetitionCount());
        // the still stand stored a good one; the damaged file is kept, not deleted
        assertEquals(session.startedAt(), stored(dataDirectory).calibratedAt());
        assertTrue(lines.contains("the calibration file that did not read is kept as "
                + dataDirectory.resolve(StoredCalibrationFile.SET_ASIDE_NAME)), lines.toString());
        assertTrue(Files.readString(dataDirectory.resolve(StoredCalibrationFile.SET_ASIDE_NAME)).endsWith("upper-mou"));
    }

    @Test
    void storedCalibration_olderThanAWeek_isNotCheckedAndTheSessionStands() throws Exception {
        DeviceService stored = service(dataDirectory, "stored", "glide 0", 6);
        run(stored, 3, WearerSettings.DEFAULTS);
        StoredCalibration fresh = stored(dataDirectory);
        Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8));
        StoredCalibrationFile.write(dataDirectory, DeviceSettings.DEFAULT_DEVICE_ID, new StoredCalibration(eightDaysAgo,
                fresh.chips(), fresh.upperMount(), fresh.lowerMount(), fresh.upperUp(), fresh.lowerUp(), fresh.breathsPerMinute()));
        RecordedSession session = run(stored, 4, WearerSettings.DEFAULTS).session();
        assertEquals("it is 8.0 days old (at most 7 allowed)", source(session).refusal());
        assertEquals(8.0, source(session).ageDays(), 0.01);
        assertEquals(0.5, session.summary().neutralStartSeconds(), 1e-9);
        assertEquals(12, stepStart(session, 1), 1e-9);
        assertEquals(session.startedAt(), stored(dataDirectory).calibratedAt(), "its own still stand is stored instead");
    }

    @Test
    void storedCalibration_withAGlide_startsFromTheStoredBreathingWithoutTheMeasuringStand() throws Exception {
        DeviceService stored = service(dataDirectory, "stored", "glide 3", 10);
        RecordedSession first = run(stored, 3, WearerSettings.DEFAULTS).session();
        assertEquals(30, stepStart(first, 1), 1e-9, "the silent 30 s measuring stand");
        double storedBreathing = stored(dataDirectory).breathsPerMinute();
        assertEquals(10, storedBreathing, 1.0, "the wearer's own 10 /min, measured over the stand and stored");
        RecordedSession second = run(stored, 4, WearerSettings.DEFAULTS).session();
        assertEquals(CalibrationSource.Kind.STORED, source(second).kind(), source(second).toString());
        assertEquals(3.5, stepStart(second, 1), 1e-9);
        List<PacerCue> inhales = second.pacerCues().stream().filter(cue -> cue.phase() == BreathPhase.INHALE).toList();
        assertEquals(3.5, inhales.get(0).timeSeconds(), 1e-9);
        assertEquals(60 / storedBreathing, inhales.get(1).timeSeconds() - inhales.get(0).timeSeconds(), 1e-6,
                "the first breath at the stored rate");
        assertTrue(lines.stream().anyMatch(line -> line.contains(String.format(java.util.Locale.ROOT,
                "the pacer glides from the stored breathing, %.1f /min, to 5.0 /min over 3.0 min", storedBreathing))), lines.toString());
        assertEquals(5, second.summary().repetitionCount(), second.repetitions().toString());
    }
}
