// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileFileTest {

    @Test
    void builtIns_allRead_andListOnlyBuiltInRoutines() {
        assertEquals(List.of("gentle", "athletic", "custom"), BuiltInProfiles.all().stream().map(Profile::name).toList());
        for (Profile profile : BuiltInProfiles.all()) {
            for (String routine : profile.routines()) {
                assertTrue(BuiltInRoutines.named(routine).isPresent(), profile.name() + " lists " + routine);
            }
        }
    }

    @Test
    void personalise_gentleExtensions_slowsThePacerShortensHoldsAndCapsTheRange() {
        Profile gentle = BuiltInProfiles.named("gentle").orElseThrow();
        GuidedRoutine extensions = BuiltInRoutines.named("extensions").orElseThrow();
        RoutineStep step = gentle.personalise(extensions).steps().get(1);
        assertEquals(5, step.breath().breathsPerMinute());
        assertEquals(20, step.holdSeconds());
        assertEquals(25, step.holdLimitSeconds(), 1e-9);
        assertEquals(6, step.tempoSeconds(), 1e-9); // 4 s × 1.5
        assertEquals(12, step.rangeDegrees(), 1e-9); // the routine's 15°, capped at 0.8 of the 15° limit
        // out 6 s + hold 20 s + back over the 7.2 s exhale of a 12 s breath: 3 breaths
        assertEquals(3, step.breathsPerRepetition());
        Profile athletic = BuiltInProfiles.named("athletic").orElseThrow();
        assertEquals(Profile.CuePattern.PULSES, athletic.cuePattern());
    }

    @Test
    void parse_percentLimit_isAShareOfTheMeasuredRange() throws Exception {
        Profile profile = ProfileFile.parse("p", "backbeat-profile 1\nname p\nextension-limit 80%\n");
        assertEquals(0.8, profile.extensionLimit().fractionOfMeasuredRange(), 1e-12);
        assertEquals(16, profile.extensionLimit().degrees(20), 1e-9);
    }

    @Test
    void parse_badProfiles_areRefusedNamingFileLineAndKey() {
        RoutineFormatException unknown = assertThrows(RoutineFormatException.class,
                () -> ProfileFile.parse("p.profile", "backbeat-profile 1\nname p\n\npace 5\n"));
        assertTrue(unknown.getMessage().startsWith("p.profile:4: unknown key 'pace'"), unknown.getMessage());
        assertTrue(assertThrows(RoutineFormatException.class, () -> ProfileFile.parse("p", "backbeat-profile 1\nname p\npacer 2\n"))
                .getMessage().contains("pacer must be a number of breaths/min from 3 to 10"));
        assertTrue(assertThrows(RoutineFormatException.class, () -> ProfileFile.parse("p", "backbeat-profile 1\nname p\ncue-pattern buzz\n"))
                .getMessage().contains("cue-pattern must be envelope or pulses"));
        assertTrue(assertThrows(RoutineFormatException.class, () -> ProfileFile.parse("p", "backbeat-profile 1\nname p\nextension-limit 200%\n"))
                .getMessage().contains("from 10 to 150"));
        assertTrue(assertThrows(RoutineFormatException.class, () -> ProfileFile.parse("p", "backbeat-profile 1\nname p\nname q\n"))
                .getMessage().contains("name given twice"));
    }
}
