// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MovementGuardsTest {

    private static final RoutineStep EXTENSION = BuiltInRoutines.named("extensions").orElseThrow().steps().get(1);

    /** Extension hovering around the 15° limit (14–16°, 1 Hz) for {@code seconds}, at 100 Hz. */
    private static List<GuardAlert> hover(MovementGuards guards, double seconds) {
        List<GuardAlert> alerts = new ArrayList<>();
        for (double time = 0; time < seconds; time += 0.01) {
            double extension = 15 + Math.sin(2 * Math.PI * time);
            GuardAlert alert = guards.update(time, -extension, 0, 0, EXTENSION, 1);
            if (alert != null) {
                alerts.add(alert);
            }
        }
        return alerts;
    }

    @Test
    void hyperextension_hoveringAtTheLimit_alertsOnceWithoutAStormAndNoAllClearInsideTheHysteresis() {
        List<GuardAlert> alerts = hover(new MovementGuards(MovementGuards.Settings.DEFAULTS, 15), 8);
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(GuardAlert.Kind.HYPEREXTENSION, alerts.get(0).kind());
    }

    @Test
    void snooze_silencesTheRestOfTheStepOnly() {
        MovementGuards guards = new MovementGuards(MovementGuards.Settings.DEFAULTS, 15);
        assertNull(guards.update(0, 0, 0, 0, EXTENSION, 1));
        assertEquals(GuardAlert.Kind.SNOOZED, guards.snooze(0, 1).kind());
        assertEquals(List.of(), hover(guards, 8));
        assertEquals(GuardAlert.Kind.HYPEREXTENSION, guards.update(9, -20, 0, 0, EXTENSION, 2).kind());
    }

    @Test
    void update_stepWithoutGuards_raisesNothing() {
        MovementGuards guards = new MovementGuards(MovementGuards.Settings.DEFAULTS, 15);
        RoutineStep stand = BuiltInRoutines.named("extensions").orElseThrow().steps().get(0);
        assertNull(guards.update(1, -40, 0, 0, stand, 0));
    }
}
