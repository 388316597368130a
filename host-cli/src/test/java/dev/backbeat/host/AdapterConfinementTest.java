// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each third-party transport or platform library lives in one adapter package only, so the rest of
 * the code depends on our own interfaces. Scans every module's main sources.
 */
class AdapterConfinementTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @ParameterizedTest(name = "{0} only in {1}")
    @CsvSource({
        "com.pi4j, dev/backbeat/device/pi4j/",
        "org.eclipse.paho, dev/backbeat/mqtt/paho/",
        "com.hivemq, dev/backbeat/host/broker/",
        "org.jline, dev/backbeat/host/live/"})
    void imports_ofLibrary_onlyInItsAdapterPackage(String libraryPackage, String adapterDirectory) throws IOException {
        List<String> offenders = new ArrayList<>();
        int sourceFiles = 0;
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")
                    && path.toString().contains("/src/main/java/")
                    && !path.toString().contains("/target/")).toList()) {
                sourceFiles++;
                boolean inAdapter = file.toString().replace('\\', '/').contains("/src/main/java/" + adapterDirectory);
                if (!inAdapter && Files.readString(file).contains("import " + libraryPackage + ".")) {
                    offenders.add(REPOSITORY.relativize(file).toString());
                }
            }
        }
        assertTrue(sourceFiles > 50, "scanned the repository's sources from " + REPOSITORY + ": " + sourceFiles + " files");
        assertEquals(List.of(), offenders, libraryPackage + " used outside " + adapterDirectory);
    }
}
