// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code backbeat sync --share GROUP --follow} as a child process, run as a person runs it (its own
 * JVM, stopped with SIGTERM or killed with SIGKILL), its output in a log file.
 */
public final class SyncWorkerProcess implements AutoCloseable {

    private final Process process;
    private final Path logFile;

    private SyncWorkerProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts a worker of {@code group} on {@code brokerUri} storing into {@code store}, with
     * {@code extraArguments} (e.g. {@code --tls DIR}), and waits until it listens.
     */
    public static SyncWorkerProcess start(String group, String brokerUri, Path store, Path log, String... extraArguments)
            throws Exception {
        SyncWorkerProcess worker = launch(group, brokerUri, store, log, extraArguments);
        try {
            return worker.awaitListening();
        } catch (Exception | AssertionError notListening) {
            worker.close(); // not left running on the machine when the test fails here
            throw notListening;
        }
    }

    /** Starts a worker as {@link #start} does, without waiting: several JVMs start at once. */
    public static SyncWorkerProcess launch(String group, String brokerUri, Path store, Path log, String... extraArguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.backbeat.host.cli.BackbeatMain", "sync", "--share", group, "--follow", "--broker", brokerUri,
                "--store", store.toString()));
        command.addAll(List.of(extraArguments));
        return new SyncWorkerProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(),
                log);
    }

    /** Waits up to 60 s (a JVM starting on a busy machine) until the worker says it listens; fails if it exits or does not. */
    public SyncWorkerProcess awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!log().contains("listening for the straps' sessions")) {
            assertTrue(process.isAlive(), "the worker exited: " + log());
            assertTrue(System.nanoTime() < deadline, "the worker did not connect within 60 s: " + log());
            Thread.sleep(50);
        }
        return this;
    }

    public String log() throws IOException {
        return Files.readString(logFile);
    }

    /** SIGTERM: the worker finishes its batch, clears its presence and reports. */
    public void stop() throws Exception {
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the worker should stop on SIGTERM");
    }

    /** SIGKILL: no goodbye; the broker publishes its last will. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The new sessions the stopped worker reported it stored. */
    public int sessionsStored() throws IOException {
        Matcher synced = Pattern.compile("synced (\\d+|1) new session").matcher(log());
        assertTrue(synced.find(), "the worker reported: " + log());
        return Integer.parseInt(synced.group(1));
    }

    /** Kills the worker if it still runs (a test that failed before stopping it). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
