// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto broker process on a loopback port, for the fault tests: started with our
 * configuration, killed with SIGTERM or SIGKILL, restarted on the same port with the same
 * persistence directory. {@code .ci/run} installs the Debian package; on CI a missing broker fails
 * the test instead of skipping it.
 */
public final class MosquittoProcess implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final String extraConfiguration;
    private Process process;

    public MosquittoProcess(Path directory, int port, String extraConfiguration) {
        this.directory = directory;
        this.port = port;
        this.extraConfiguration = extraConfiguration;
    }

    public static Path binary() {
        String named = System.getProperty("backbeat.mosquitto"); // -Dbackbeat.mosquitto=PATH, e.g. to try a machine without it
        for (String candidate : named != null ? List.of(named)
                : List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        if (System.getenv("CI") != null && named == null) {
            throw new IllegalStateException("mosquitto is not installed; .ci/run installs it with apt-get");
        }
        Assumptions.abort("mosquitto is not installed (apt-get install mosquitto, or run .ci/run, which installs it)");
        return null;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts (or restarts) the broker and waits until it accepts connections. */
    public MosquittoProcess start() throws IOException, InterruptedException {
        Path binary = binary();
        Files.createDirectories(directory.resolve("data"));
        Path configuration = directory.resolve("mosquitto.conf");
        Files.writeString(configuration, String.join("\n",
                "per_listener_settings false",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + directory.resolve("data") + "/",
                "autosave_interval 1",
                "max_topic_alias 0",
                "max_queued_messages 1000",
                "log_dest file " + directory.resolve("mosquitto.log"),
                extraConfiguration, ""));
        process = new ProcessBuilder(binary.toString(), "-c", configuration.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": "
                        + Files.readString(directory.resolve("stdout.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("mosquitto did not listen on port " + port + " within 10 s");
    }

    /** SIGKILL: no chance to save anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: Mosquitto saves its persistence file and exits. */
    public void terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
