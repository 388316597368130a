// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutineFileTest {

    private static final String HEADER = "backbeat-routine 1\nname test\n";

    private static RoutineFormatException refused(String text) {
        return assertThrows(RoutineFormatException.class, () -> RoutineFile.parse("r.routine", text));
    }

    @Test
    void parse_extensionsWithHolds_derivesBreathsFromTempoHoldAndExhale() throws Exception {
        GuidedRoutine routine = RoutineFile.parse("r.routine", HEADER + "title Extensions\n"
                + "step neutral-stand duration=5   # the calibration\n"
                + "step extension repetitions=5 hold=30 tempo=4 pacer=6 ratio=4:6 range=15\n");
        assertEquals("test", routine.name());
        assertEquals("Extensions", routine.title());
        RoutineStep extension = routine.steps().get(1);
        assertEquals(Movement.EXTENSION, extension.movement());
        // out 4 s + hold 30 s + back over the 6 s exhale = 40 s = 4 breaths of 10 s
        assertEquals(4, extension.breathsPerRepetition());
        assertEquals(35, extension.holdLimitSeconds(), 1e-9);
        assertEquals(Set.of(Guard.HYPEREXTENSION, Guard.END_RANGE_HOLD, Guard.SPEED), extension.guards());
        assertEquals(10 + 5 * 40, routine.plannedSeconds(), 1e-9); // the 5 s stand lasts its whole breath
    }

    @Test
    void parse_flowWithoutTempo_movesOutOverTheInhale() throws Exception {
        GuidedRoutine routine = RoutineFile.parse("r.routine", HEADER
                + "step neutral-stand duration=5\nstep cat-cow repetitions=8 pacer=5 ratio=1:1\n");
        RoutineStep flow = routine.steps().get(1);
        assertTrue(Double.isNaN(flow.tempoSeconds()));
        assertEquals(6, flow.movementOutSeconds(), 1e-9);
        assertEquals(1, flow.breathsPerRepetition());
    }

    @Test
    void parse_sidedMovement_countsRepetitionsEachSide() throws Exception {
        GuidedRoutine routine = RoutineFile.parse("r.routine", HEADER
                + "step neutral-stand duration=5\nstep side-bend repetitions=4 hold=5 tempo=3\n");
        assertEquals(8, routine.steps().get(1).totalRepetitions());
        assertEquals(10 + 8 * 2 * 10, routine.plannedSeconds(), 1e-9);
    }

    @Test
    void format_anyBuiltInRoutine_readsBackToTheSameRoutine() throws Exception {
        for (GuidedRoutine routine : BuiltInRoutines.all()) {
            assertEquals(routine, RoutineFile.parse("formatted", RoutineFile.format(routine)), routine.name());
        }
    }

    @Test
    void builtIns_everyOne_startsWithAStandAndDailyLastsFiveToTenMinutes() {
        assertEquals(BuiltInRoutines.NAMES.size(), BuiltInRoutines.all().size());
        for (GuidedRoutine routine : BuiltInRoutines.all()) {
            assertEquals(Movement.NEUTRAL_STAND, routine.steps().get(0).movement(), routine.name());
        }
        double daily = BuiltInRoutines.named("daily").orElseThrow().plannedSeconds();
        assertTrue(daily >= 300 && daily <= 600, "daily lasts " + daily + " s");
        GuidedRoutine extensions = BuiltInRoutines.named("extensions").orElseThrow();
        RoutineStep step = extensions.steps().get(1);
        assertEquals(5, step.repetitions());
        assertEquals(30, step.holdSeconds());
        assertTrue(step.holdLimitSeconds() > step.holdSeconds(), "the guard must not fire on the prescribed 30 s hold");
        assertFalse(BuiltInRoutines.named("no-such").isPresent());
    }

    @Test
    void parse_firstStepNotAStand_isRefusedNamingItsLine() {
        RoutineFormatException error = refused(HEADER + "\n# flows first\nstep cat-cow repetitions=3\n");
        assertEquals(5, error.line());
        assertTrue(error.getMessage().startsWith("r.routine:5: the first step must be a neutral-stand"), error.getMessage());
    }

    @Test
    void parse_unknownMovement_isRefusedWithTheChoices() {
        RoutineFormatException error = refused(HEADER + "step neutral-stand duration=5\nstep backflip repetitions=3\n");
        assertEquals(4, error.line());
        assertTrue(error.getMessage().contains("unknown movement 'backflip'"), error.getMessage());
        assertTrue(error.getMessage().contains("lunge-twist"), error.getMessage());
    }

    @Test
    void parse_badValues_areRefusedNamingKeyUnitAndRange() {
        assertTrue(refused(HEADER + "step neutral-stand duration=5\nstep extension repetitions=5 pacer=12\n").getMessage()
                .contains("pacer must be a number of breaths/min from 3 to 10, was '12'"));
        assertTrue(refused(HEADER + "step neutral-stand duration=5\nstep extension repetitions=2.5\n").getMessage()
                .contains("repetitions must be a whole number"));
        assertTrue(refused(HEADER + "step neutral-stand duration=5\nstep extension repetitions=5 ratio=4-6\n").getMessage()
                .contains("ratio must be inhale:exhale"));
        assertTrue(refused(HEADER + "step neutral-stand duration=5\nstep extension repetitions=5 hold=NaN\n").getMessage()
                .contains("hold must be a number of s from 0 to 120, was 'NaN'"));
        assertTrue(refused(HEADER + "step neutral-stand duration=5\nstep extension repetitions=5 hold=30 breaths=2\n").getMessage()
                .contains("breaths=2 cannot hold the movement out"));
        assertTrue(refused(HEADER + "step neutral-stand duration=5\nstep extension repetitions=5 hold=30 hold-limit=20\n")
                .getMessage().contains("hold-limit (20 s) is shorter than the hold"));
        assertTrue(refused(HEADER + "step neutral-stand duration=5\nstep extension repetitions=5 duration=60\n").getMessage()
                .contains("needs either repetitions=N or duration=SECONDS"));
        assertTrue(refused(HEADER + "step neutral-stand repetitions=5\n").getMessage()
                .contains("neutral-stand takes duration, pacer, ratio and pause only, not 'repetitions'"));
        assertTrue(refused(HEADER + "step neutral-stand duration=5 duration=6\n").getMessage().contains("'duration' given twice"));
        assertTrue(refused(HEADER + "step neutral-stand duration=5\nstep twist repetitions=2 speed=fast\n").getMessage()
                .contains("unknown key 'speed'"));
        assertTrue(refused(HEADER + "step neutral-stand duration=5\nstep twist repetitions=2 guards=speed,wobble\n").getMessage()
                .contains("unknown guard 'wobble'"));
    }

    @Test
    void parse_headerProblems_areRefusedAndANewerFormatAsksForAnUpdate() {
        assertTrue(refused("").getMessage().contains("is empty"));
        assertTrue(refused("name x\n").getMessage().contains("expected 'backbeat-routine 1' as the first line"));
        RoutineFormatException newer = refused("backbeat-routine 2\nname x\n");
        assertTrue(newer.getMessage().endsWith("format 2 is newer than this backbeat reads (1): update backbeat"), newer.getMessage());
        assertTrue(refused("backbeat-routine 1\nstep neutral-stand duration=5\n").getMessage().contains("has no name line"));
        assertTrue(refused("backbeat-routine 1\nname x\n").getMessage().contains("has no steps"));
        assertTrue(refused("backbeat-routine 1\nname Big Name\n").getMessage().contains("name must be"));
    }

    @Test
    void read_binaryOrNonUtf8File_isRefusedWithoutEchoingItsBytes(@TempDir Path directory) throws Exception {
        Path binary = directory.resolve("binary.routine");
        Files.write(binary, new byte[] {'b', 'a', '\n', 0, (byte) 0xff, 0x1b, '[', '2', 'J'});
        RoutineFormatException error = assertThrows(RoutineFormatException.class, () -> RoutineFile.read(binary));
        assertEquals(binary + ":2: not a text file (a NUL byte)", error.getMessage());
        Path latin1 = directory.resolve("latin1.routine");
        Files.write(latin1, "backbeat-routine 1\nname caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(latin1 + ": not UTF-8 text", assertThrows(RoutineFormatException.class, () -> RoutineFile.read(latin1)).getMessage());
    }

    @Test
    void parse_controlCharactersInAName_areNotEchoed() {
        RoutineFormatException error = refused(HEADER + "step neutral-stand duration=5\nstep \u001b[2Jx repetitions=1\n");
        assertFalse(error.getMessage().contains("\u001b"), error.getMessage());
    }
}
