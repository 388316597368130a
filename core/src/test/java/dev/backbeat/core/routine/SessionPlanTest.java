// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks a configuration's routine, profile and breathing go through on the host and on the strap. */
class SessionPlanTest {

    @TempDir
    Path directory;

    private static SessionPlan plan(String routine, String profile, double rate, double inhale, double exhale)
            throws Exception {
        return SessionPlan.of(DefinitionText.routine(routine),
                profile == null ? Optional.empty() : Optional.of(DefinitionText.profile(profile)), rate, inhale, exhale);
    }

    @Test
    void of_builtInRoutineAndProfile_recordsTheSha256OfTheirText() throws Exception {
        SessionPlan plan = plan("extensions", "gentle", Double.NaN, Double.NaN, Double.NaN);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(BuiltInRoutines.source("extensions").orElseThrow().getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, plan.routineSha256());
        assertEquals(64, plan.profileSha256().length());
        assertEquals("gentle", plan.profileName());
        assertEquals(BuiltInProfiles.named("gentle").orElseThrow().personalise(BuiltInRoutines.named("extensions").orElseThrow()),
                plan.personalisedRoutine());
    }

    @Test
    void of_pacerRateAndRatio_areSetInEveryStep() throws Exception {
        GuidedRoutine routine = plan("cat-cow", "athletic", 4, 3, 7).personalisedRoutine();
        for (RoutineStep step : routine.steps()) {
            assertEquals(4, step.breath().breathsPerMinute());
            assertEquals(3, step.breath().inhaleParts());
            assertEquals(7, step.breath().exhaleParts());
        }
        assertEquals(5, plan("cat-cow", null, 5, Double.NaN, Double.NaN).personalisedRoutine().steps().get(1)
                .breath().breathsPerMinute());
        assertEquals(SessionPlan.DEFAULT.routine(), SessionPlan.DEFAULT.personalisedRoutine());
    }

    @Test
    void of_invalidRoutineFile_namesTheFileAndLine() throws Exception {
        Path file = directory.resolve("mine.routine");
        Files.writeString(file, "backbeat-routine 1\nname mine\nstep neutral-stand duration=5\nstep extension repetitions=0\n");
        RoutineFormatException error = assertThrows(RoutineFormatException.class,
                () -> plan(file.toString(), null, Double.NaN, Double.NaN, Double.NaN));
        assertEquals(4, error.line());
        assertTrue(error.getMessage().startsWith(file + ":4: repetitions"), error.getMessage());
    }

    @Test
    void of_breathingOutOfRange_isRefusedWithTheRange() {
        assertEquals("pacer rate: must be 3..10 breaths/min, was 12", assertThrows(RoutineFormatException.class,
                () -> plan("cat-cow", null, 12, Double.NaN, Double.NaN)).getMessage());
        assertTrue(assertThrows(RoutineFormatException.class, () -> plan("cat-cow", null, Double.NaN, 1, 9))
                .getMessage().contains("within 1:4 and 4:1"));
    }

    @Test
    void routine_neitherBuiltInNorAFile_isRefusedListingTheBuiltIns() {
        RoutineFormatException error = assertThrows(RoutineFormatException.class, () -> DefinitionText.routine("yoga"));
        assertTrue(error.getMessage().startsWith("yoga: is neither a built-in routine (built in: daily, cat-cow"),
                error.getMessage());
    }

    @Test
    void withMeasuredRange_shareOfTheRange_resolvesToDegreesAndCapsTheRangeAsked() throws Exception {
        String text = BuiltInProfiles.source("custom").orElseThrow().replace("extension-limit 25", "extension-limit 80%");
        SessionPlan plan = SessionPlan.of(DefinitionText.routine("extensions"),
                java.util.Optional.of(DefinitionText.of("share.profile", text)), Double.NaN, Double.NaN, Double.NaN);
        assertTrue(Double.isNaN(plan.profile().orElseThrow().extensionLimit().degrees()), "a share until a range is measured");
        SessionPlan resolved = plan.withMeasuredRange(15, 40);
        assertEquals(12, resolved.profile().orElseThrow().extensionLimit().degrees(), 1e-9);
        assertEquals(60, resolved.profile().orElseThrow().flexionLimit().degrees(), 1e-9, "a limit in degrees stays");
        // the extension asked for is capped at 80 % of the 12° limit
        assertEquals(9.6, resolved.personalisedRoutine().steps().get(1).rangeDegrees(), 1e-9);
        assertEquals(plan, plan.withMeasuredRange(Double.NaN, Double.NaN), "nothing measured: unchanged");
    }
}
