// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.host.cli.BackbeatMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every identity's files go into a directory of their own, which is copied whole to one machine:
 * the names of straps, the host and the broker, and their directories, never mix, in either order.
 */
class PairingDirectoriesTest {

    @TempDir
    Path directory;

    private Path ca;
    private StringWriter err;

    private int pair(String... args) {
        err = new StringWriter();
        String[] withCa = Stream.concat(Stream.of("pair", "--ca", ca.toString()), Stream.of(args)).toArray(String[]::new);
        return BackbeatMain.commandLine().setOut(new PrintWriter(new StringWriter(), true))
                .setErr(new PrintWriter(err, true)).execute(withCa);
    }

    @BeforeEach
    void pairTheHostAndTheBroker() {
        ca = directory.resolve("ca");
        assertEquals(0, pair("--host"));
        assertEquals(0, pair("--broker", "localhost"));
    }

    private void assertOnlyTheBrokersFiles() {
        Path broker = ca.resolve("issued").resolve("broker");
        assertTrue(Files.exists(broker.resolve("broker.key")));
        assertFalse(Files.exists(broker.resolve("client.key")), "no strap's key beside the broker's");
        assertFalse(Files.exists(broker.resolve("client.crt")));
    }

    @Test
    void pairStrap_namedLikeTheBrokersDirectory_exitsUsageAndWritesNothing() {
        for (String name : new String[] {"broker", "Broker", "BROKER"}) {
            assertEquals(2, pair(name), name);
            assertTrue(err.toString().startsWith("backbeat pair: '" + name + "' is the name of the broker's directory"),
                    err.toString());
        }
        assertOnlyTheBrokersFiles();
    }

    @Test
    void pairStrap_namedDotOrDotDot_exitsUsage_soNoKeyLandsBesideTheCasKey() {
        for (String name : new String[] {".", ".."}) {
            assertEquals(2, pair(name), name);
            assertTrue(err.toString().contains("names a directory"), err.toString());
        }
        assertFalse(Files.exists(ca.resolve("client.key")));
    }

    @Test
    void pairBroker_intoAStrapsDirectory_exitsUsageNamingTheStrap() throws Exception {
        assertEquals(0, pair("strap-07"));
        Path strap = ca.resolve("issued").resolve("strap-07");
        assertEquals(2, pair("--broker", "localhost", "--out", strap.toString()));
        assertTrue(err.toString().contains(strap + " holds the files of 'strap-07'"), err.toString());
        assertFalse(Files.exists(strap.resolve("broker.key")), "the broker's key is not handed to the strap");
    }

    @Test
    void pairBroker_overAStrapPairedAsBrokerBeforeThisCheck_exitsUsage() throws Exception {
        // a directory issued/broker that an older backbeat filled with a strap's files
        Path legacy = directory.resolve("legacy-ca");
        ca = legacy;
        assertEquals(0, pair("--host"));
        HostAuthority authority = HostAuthority.openOrCreate(legacy);
        Path brokerDirectory = legacy.resolve("issued").resolve("broker");
        authority.writeClient(authority.issue("strap-09", HostAuthority.Purpose.CLIENT, java.util.List.of()), brokerDirectory);
        assertEquals(2, pair("--broker", "localhost"));
        assertTrue(err.toString().contains("holds the files of 'strap-09'"), err.toString());
        assertFalse(Files.exists(brokerDirectory.resolve("broker.key")));
    }

    @Test
    void pairStrap_intoTheBrokersDirectoryWithOut_exitsUsage() {
        Path broker = ca.resolve("issued").resolve("broker");
        assertEquals(2, pair("strap-07", "--out", broker.toString()));
        assertTrue(err.toString().contains(broker + " holds the broker's broker.key"), err.toString());
        assertOnlyTheBrokersFiles();
    }

    @Test
    void pairStrap_intoAnotherStrapsDirectory_exitsUsage_butPairingTheSameStrapAgainRenews() throws Exception {
        assertEquals(0, pair("strap-07"));
        Path strap = ca.resolve("issued").resolve("strap-07");
        String key = Files.readString(strap.resolve("client.key"));
        assertEquals(2, pair("strap-08", "--out", strap.toString()));
        assertTrue(err.toString().contains("holds the files of 'strap-07'"), err.toString());
        assertEquals(key, Files.readString(strap.resolve("client.key")), "strap-07's key is untouched");
        assertEquals(0, pair("strap-07"), err.toString());
    }

    @Test
    void pairStrap_intoTheCaDirectory_exitsUsage() {
        assertEquals(2, pair("strap-07", "--out", ca.toString()));
        assertTrue(err.toString().contains("is the CA's directory"), err.toString());
        assertFalse(Files.exists(ca.resolve("client.key")));
    }
}
