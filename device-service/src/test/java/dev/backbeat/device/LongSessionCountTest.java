// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.rhythm.RepetitionKind;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long sessions (issue 11): the demo's session of 60 cat-cow cycles, run as {@code backbeat demo
 * --cycles 60 --time-scale 0 --seed N} runs it (the real drivers over the register-level simulated
 * chips, the streaming detector live), counts every cycle. {@code bench/demo-long} checks seeds
 * 1..10 through the whole demo; this runs the device part for a few seeds in the build.
 */
class LongSessionCountTest {

    @TempDir
    Path temporary;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {2, 5, 9})
    void simulatedSession_sixtyCatCowCycles_countsSixtyRepetitions(long seed) throws Exception {
        Path dataDirectory = Files.createDirectory(temporary.resolve("seed-" + seed));
        DeviceConfiguration configuration = DeviceConfigurationFile.defaults(dataDirectory);
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        DeviceService service = new DeviceService(DeviceSettings.defaults(dataDirectory), lines::add);

        RecordedSession session = service.runSimulatedSession(configuration, new SimulationOptions(60, 0, seed)).session();

        String repetitions = session.repetitions().toString();
        assertEquals(60, session.summary().repetitionCount(), repetitions);
        long fullCycles = session.repetitions().stream().filter(repetition -> !repetition.partial())
                .map(Repetition::kind).filter(kind -> kind == RepetitionKind.FLEXION_EXTENSION).count();
        assertEquals(60, fullCycles, repetitions);
        // the count while recording keeps up: the last progress line (600 s, the 60th cycle under way)
        // shows 58 or more, not a count that stopped while a slow drift of the twist kept cycles open
        String last = lines.stream().filter(line -> line.contains("repetitions ")).reduce((first, second) -> second).orElseThrow();
        int shown = Integer.parseInt(last.substring(last.lastIndexOf("repetitions ") + "repetitions ".length()).trim());
        assertTrue(shown >= 58 && shown <= 60, last);
    }
}
