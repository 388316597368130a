// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The profile's {@code calibration} key: where each session's calibration comes from. */
class ProfileCalibrationKeyTest {

    @Test
    void parse_withoutTheKey_standsEverySession() throws Exception {
        assertEquals(Profile.Calibration.STAND, ProfileFile.parse("p", "backbeat-profile 1\nname p\n").calibration());
        for (Profile builtIn : BuiltInProfiles.all()) {
            assertEquals(Profile.Calibration.STAND, builtIn.calibration(), builtIn.name());
        }
        assertEquals(Profile.Calibration.STAND, SessionPlan.DEFAULT.calibration(), "no profile: a stand");
    }

    @Test
    void parse_stored_isKeptThroughThePlanAndItsPersonalisedRoutine() throws Exception {
        String text = DefinitionText.profile("gentle").text() + "calibration stored\n";
        SessionPlan plan = SessionPlan.of(DefinitionText.routine("extensions"), Optional.of(DefinitionText.of("g", text)),
                Double.NaN, Double.NaN, Double.NaN);
        assertEquals(Profile.Calibration.STORED, plan.calibration());
        assertEquals(Profile.Calibration.STORED, plan.withMeasuredRange(20, 40).calibration());
        assertEquals(Profile.Calibration.STORED, plan.profile().orElseThrow().withMeasuredRange(20, 40).calibration());
    }

    @Test
    void parse_otherValue_isRefusedNamingLineAndChoices() {
        RoutineFormatException wrong = assertThrows(RoutineFormatException.class,
                () -> ProfileFile.parse("p.profile", "backbeat-profile 1\nname p\ncalibration always\n"));
        assertTrue(wrong.getMessage().startsWith("p.profile:3: calibration must be stand or stored, was 'always'"),
                wrong.getMessage());
    }
}
