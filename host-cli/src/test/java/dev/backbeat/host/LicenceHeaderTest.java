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
import org.junit.jupiter.api.Test;

/**
 * Every Java source says how it is licensed in its first line, and every file that carries
 * third-party code (VQF's, under MIT) is listed in NOTICE, so the credit travels with the code.
 */
class LicenceHeaderTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String OWN = "// SPDX-License-Identifier: Apache-2.0";
    private static final String PORTED = "// SPDX-License-Identifier: Apache-2.0 AND MIT";

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            return files.filter(path -> path.toString().endsWith(".java")
                    && path.toString().contains("/src/")
                    && !path.toString().contains("/target/")
                    && !path.toString().contains("/.mvn/")).toList();
        }
    }

    @Test
    void sources_everyJavaFile_startsWithItsLicence() throws IOException {
        List<String> offenders = new ArrayList<>();
        List<Path> sources = javaSources();
        for (Path file : sources) {
            String first = Files.readAllLines(file).stream().findFirst().orElse("");
            if (!first.equals(OWN) && !first.equals(PORTED)) {
                offenders.add(REPOSITORY.relativize(file) + ": " + first);
            }
        }
        assertTrue(sources.size() > 100, "scanned the repository's sources from " + REPOSITORY + ": " + sources.size());
        assertEquals(List.of(), offenders, "first line must be '" + OWN + "' or '" + PORTED + "'");
    }

    @Test
    void notice_everyFileWithThirdPartyCode_isListed() throws IOException {
        String notice = Files.readString(REPOSITORY.resolve("NOTICE"));
        List<String> unlisted = new ArrayList<>();
        int ported = 0;
        for (Path file : javaSources()) {
            if (Files.readAllLines(file).stream().findFirst().orElse("").equals(PORTED)) {
                ported++;
                String name = file.getFileName().toString();
                if (!notice.contains(name.substring(0, name.length() - ".java".length()))) {
                    unlisted.add(REPOSITORY.relativize(file).toString());
                }
            }
        }
        assertTrue(ported > 0, "no file says it carries third-party code");
        assertEquals(List.of(), unlisted, "files with third-party code that NOTICE does not list");
    }
}
