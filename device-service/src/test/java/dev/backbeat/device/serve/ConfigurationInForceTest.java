// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.routine.SessionPlan;
import dev.backbeat.mqtt.control.ConfigurationReport;
import dev.backbeat.mqtt.control.ControlCodec;
import dev.backbeat.mqtt.control.DesiredConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strap's keeping of the host's configuration: checked, stored in the data directory, in force or refused. */
class ConfigurationInForceTest {

    @TempDir
    Path dataDirectory;

    private final List<String> log = new CopyOnWriteArrayList<>();

    private static DesiredConfiguration desired(long revision, DesiredConfiguration.Choice routine, double pacer) {
        return DesiredConfiguration.unsigned("strap-01", revision, Instant.parse("2026-12-06T12:00:00Z"), routine,
                new DesiredConfiguration.Choice(DesiredConfiguration.Form.BUILT_IN, "gentle"), pacer, Double.NaN, Double.NaN);
    }

    private static DesiredConfiguration.Choice builtIn(String name) {
        return new DesiredConfiguration.Choice(DesiredConfiguration.Form.BUILT_IN, name);
    }

    private ConfigurationInForce open() throws Exception {
        return ConfigurationInForce.open(dataDirectory, "strap-01", SessionPlan.DEFAULT, Clock.systemUTC(), log::add);
    }

    @Test
    void receive_validConfiguration_isStoredAndInForceAfterARestart() throws Exception {
        ConfigurationInForce configuration = open();
        assertEquals(0, configuration.next().revision());
        assertEquals("cat-cow", configuration.report().routine());
        DesiredConfiguration extensions = desired(1, builtIn("extensions"), 5);
        configuration.receive(extensions);
        assertEquals(1, configuration.next().revision());
        assertEquals("routine extensions, profile gentle, pacer 5/min", configuration.next().plan().describe());
        assertArrayEquals(ControlCodec.encode(extensions),
                Files.readAllBytes(dataDirectory.resolve(ConfigurationInForce.FILE_NAME)), "stored as received");
        assertTrue(Files.notExists(dataDirectory.resolve(ConfigurationInForce.FILE_NAME + ".tmp")));
        ConfigurationReport report = configuration.report();
        assertEquals(1, report.revision());
        assertEquals("", report.appliedInSession(), "waits for the next session");
        configuration.applied(1, "20261206T120000Z-n1-abcd");
        assertEquals("20261206T120000Z-n1-abcd", configuration.report().appliedInSession());

        ConfigurationInForce restarted = open();
        assertEquals(configuration.next(), restarted.next());
        assertEquals(Optional.empty(), restarted.report().refusal());
    }

    @Test
    void receive_invalidOrOlderConfiguration_isRefusedWithTheReasonAndThePreviousStaysInForce() throws Exception {
        ConfigurationInForce configuration = open();
        configuration.receive(desired(2, builtIn("extensions"), Double.NaN));
        byte[] stored = Files.readAllBytes(dataDirectory.resolve(ConfigurationInForce.FILE_NAME));

        configuration.receive(desired(3, new DesiredConfiguration.Choice(DesiredConfiguration.Form.TEXT,
                "backbeat-routine 1\nname mine\nstep neutral-stand duration=5\nstep plank repetitions=3\n"), Double.NaN));
        assertEquals(new ConfigurationReport.Refusal(3, "routine of configuration 3:4: unknown movement 'plank' (expected one "
                + "of neutral-stand, rest, cat-cow, extension, supported-extension, side-bend, twist, lunge-twist)"),
                configuration.report().refusal().orElseThrow());
        configuration.receive(desired(4, builtIn("yoga"), Double.NaN));
        assertTrue(configuration.report().refusal().orElseThrow().reason().contains("'yoga'"));
        configuration.receive(desired(1, builtIn("twists"), Double.NaN));
        assertEquals(new ConfigurationReport.Refusal(1, "revision 1 is older than revision 2 in force (replayed?)"),
                configuration.report().refusal().orElseThrow());

        assertEquals(2, configuration.next().revision());
        assertEquals("extensions", configuration.next().plan().routine().name());
        assertArrayEquals(stored, Files.readAllBytes(dataDirectory.resolve(ConfigurationInForce.FILE_NAME)), "unchanged");
        assertTrue(log.stream().anyMatch(line -> line.startsWith("refused configuration 3: ")
                && line.endsWith("; configuration 2 stays in force")), log.toString());
    }

    @Test
    void receive_theSameRevisionAgain_changesNothing() throws Exception {
        ConfigurationInForce configuration = open();
        configuration.receive(desired(1, builtIn("twists"), Double.NaN));
        configuration.applied(1, "20261206T120000Z-n1-abcd");
        ConfigurationReport before = configuration.report();
        configuration.receive(desired(1, builtIn("twists"), Double.NaN)); // retained, delivered after a reconnect
        assertEquals(before, configuration.report());
    }

    @Test
    void open_storedFileThatIsNotAConfiguration_isRefusedAndTheStrapsOwnStays() throws Exception {
        Files.writeString(dataDirectory.resolve(ConfigurationInForce.FILE_NAME), "routine extensions");
        ConfigurationInForce configuration = open();
        assertEquals(0, configuration.next().revision());
        assertEquals("cat-cow", configuration.next().plan().routine().name());
        assertTrue(configuration.report().refusal().orElseThrow().reason().contains("does not start with the control magic"),
                configuration.report().toString());
    }
}
