// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.junit.jupiter.api.Test;

/**
 * The runtime libraries beside the packaged jar (target/lib, as ./backbeat-device runs them): none is
 * signed, so none costs the service the JDK's jar verification (bench/README.md, issue 14), and Paho's
 * is Eclipse's jar with only its signature files left out.
 */
class RuntimeLibrariesIT {

    private static final Path LIBRARIES = Path.of("target/lib");

    @Test
    void runtimeLibraries_packaged_noneIsSigned() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(LIBRARIES)) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        }
        assertTrue(jars.stream().anyMatch(jar -> jar.getFileName().toString().startsWith("org.eclipse.paho.client.mqttv3-")),
                "Paho's client is among " + jars);
        for (Path jar : jars) {
            assertEquals(List.of(), signatureFiles(jar), jar + " carries a signature");
        }
    }

    @Test
    void pahoJar_packaged_holdsEclipsesEntriesByteForByte() throws Exception {
        // the packaged jar (its Class-Path: lib/...) and Maven's copy, still signed, are both on the class path
        Path packaged = Path.of(MqttAsyncClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertEquals(LIBRARIES.toAbsolutePath(), packaged.getParent(), "Paho's client loaded from lib/");
        Path signed = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(entry -> entry.getFileName().equals(packaged.getFileName()) && !entry.getParent().equals(packaged.getParent()))
                .findFirst().orElseThrow(() -> new AssertionError("no copy of " + packaged.getFileName() + " from Maven's repository"));
        assertFalse(signatureFiles(signed).isEmpty(), "Maven's copy " + signed + " is signed (else this test proves nothing)");
        Map<String, byte[]> expected = entries(signed);
        signatureFiles(signed).forEach(expected::remove);
        Map<String, byte[]> actual = entries(packaged);
        assertEquals(expected.keySet(), actual.keySet(), "the entries of " + packaged);
        for (Map.Entry<String, byte[]> entry : expected.entrySet()) {
            assertArrayEquals(entry.getValue(), actual.get(entry.getKey()), entry.getKey() + " in " + packaged);
        }
    }

    /**
     * The names of the jar's signature files (META-INF/*.SF and the signature blocks beside them): with
     * them the JDK parses the signature, whether or not it then trusts it (JDK 25 treats Eclipse's
     * signature of Paho 1.2.5 as absent, its algorithm disabled, after parsing it all the same).
     */
    private static List<String> signatureFiles(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            file.stream().map(JarEntry::getName)
                    .filter(name -> name.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"))
                    .forEach(names::add);
        }
        return names;
    }

    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            for (JarEntry entry : file.stream().toList()) {
                if (!entry.isDirectory()) {
                    try (InputStream in = file.getInputStream(entry)) {
                        contents.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        assertNotNull(contents.get("META-INF/MANIFEST.MF"), jar + " has a manifest");
        return contents;
    }
}
