// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.host.broker.EmbeddedBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: long-running commands say what they do, run as a user runs them (a process, stopped
 * with SIGTERM as Ctrl-C's SIGINT stops it: both run the shutdown hooks): {@code sync --follow}
 * says it is listening, {@code broker} says it is stopping.
 */
class CommandLifecycleIT {

    @TempDir
    Path directory;

    @Test
    void brokerAndSyncFollow_sayTheyListen_andStopping() throws Exception {
        int port = EmbeddedBroker.freeLoopbackPort();
        Path brokerLog = directory.resolve("broker.log");
        Process broker = backbeat(brokerLog, "broker", "--port", Integer.toString(port), "--home", directory.resolve("home").toString());
        try {
            awaitLine(brokerLog, "MQTT broker listening on tcp://127.0.0.1:" + port, 60);
            Path syncLog = directory.resolve("sync.log");
            Process sync = backbeat(syncLog, "sync", "--follow", "--broker", "tcp://127.0.0.1:" + port,
                    "--store", Files.createDirectories(directory.resolve("store")).toString());
            awaitLine(syncLog, "listening for the straps' sessions until stopped", 30);
            sync.destroy();
            assertTrue(sync.waitFor(20, TimeUnit.SECONDS), "sync stopped");
            String syncOutput = Files.readString(syncLog);
            assertTrue(syncOutput.contains("backbeat sync: stopping (finishing the batch in hand)"), syncOutput);
            assertTrue(syncOutput.contains("synced 0 new sessions into "), syncOutput);
        } finally {
            broker.destroy();
            assertTrue(broker.waitFor(30, TimeUnit.SECONDS), "broker stopped");
        }
        String brokerOutput = Files.readString(brokerLog);
        assertTrue(brokerOutput.contains("backbeat broker: stopping (retained messages stay in "), brokerOutput);
        assertTrue(brokerOutput.contains("backbeat broker: stopped"), brokerOutput);
    }

    private static Process backbeat(Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BackbeatMain.class.getName());
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitLine(Path log, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' within " + seconds + " s in:\n" + (Files.exists(log) ? Files.readString(log) : ""));
    }
}
