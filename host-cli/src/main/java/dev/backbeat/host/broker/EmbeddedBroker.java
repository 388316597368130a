package dev.backbeat.host.broker;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The zero-set-up MQTT broker: HiveMQ Community Edition, embedded in this process, with our own
 * configuration: one TCP listener on the loopback interface only, anonymous usage statistics off.
 *
 * <p>Its folders live under a home directory: {@code conf/config.xml} (written on every start),
 * {@code data/} (retained messages and sessions, kept across restarts with file persistence) and an
 * empty {@code extensions/}.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** The MQTT port. */
    public static final int DEFAULT_PORT = 1883;
    static final String LOOPBACK_ADDRESS = "127.0.0.1";
    private static final long START_TIMEOUT_SECONDS = 60;
    /** QoS 1 messages the broker sends a subscriber before waiting for its acknowledgements (HiveMQ's default: 50). */
    static final int SUBSCRIBER_INFLIGHT_MESSAGES = 1000;

    /** Where the broker keeps its state. */
    public enum Persistence {
        /** State survives a restart (the {@code backbeat broker} command). */
        FILE,
        /** State lives in memory only (the demo, tests). */
        IN_MEMORY
    }

    private final EmbeddedHiveMQ hiveMq;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hiveMq, int port) {
        this.hiveMq = hiveMq;
        this.port = port;
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port} with its folders under {@code homeDirectory}.
     * Use {@link #freeLoopbackPort()} for a port nobody uses.
     */
    public static EmbeddedBroker start(Path homeDirectory, int port, Persistence persistence) throws BrokerStartException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        requirePortFree(port);
        Path configurationFolder = homeDirectory.resolve("conf");
        Path dataFolder = homeDirectory.resolve("data");
        Path extensionsFolder = homeDirectory.resolve("extensions");
        try {
            Files.createDirectories(configurationFolder);
            Files.createDirectories(dataFolder);
            Files.createDirectories(extensionsFolder);
            Files.writeString(configurationFolder.resolve("config.xml"), configuration(port, persistence),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BrokerStartException("cannot prepare the broker folder " + homeDirectory + ": " + e.getMessage(), e);
        }
        // HiveMQ CE keeps at most 50 QoS 1 messages unacknowledged per subscriber whatever the
        // client's receive maximum (an internal setting, not in config.xml); the sync host allows
        // 1000, and with 50 a device's backlog crawls at round-trip speed
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = SUBSCRIBER_INFLIGHT_MESSAGES;
        EmbeddedHiveMQ hiveMq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(configurationFolder)
                .withDataFolder(dataFolder)
                .withExtensionsFolder(extensionsFolder)
                .withoutLoggingBootstrap()
                .build();
        try {
            hiveMq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            closeQuietly(hiveMq);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new BrokerStartException("the embedded MQTT broker did not start on " + LOOPBACK_ADDRESS + ":" + port
                    + ": " + cause, cause);
        } catch (InterruptedException e) {
            closeQuietly(hiveMq);
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while starting the embedded MQTT broker", e);
        }
        return new EmbeddedBroker(hiveMq, port);
    }

    /** HiveMQ's config.xml: loopback only, no usage statistics. */
    static String configuration(int port, Persistence persistence) {
        return """
                <?xml version="1.0"?>
                <!-- Written by backbeat on every start; edits are overwritten. -->
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                    </tcp-listener>
                  </listeners>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                  <persistence>
                    <mode>%s</mode>
                  </persistence>
                </hivemq>
                """.formatted(port, LOOPBACK_ADDRESS, persistence == Persistence.FILE ? "file" : "in-memory");
    }

    /** A loopback port that was free a moment ago. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK_ADDRESS))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }

    private static void requirePortFree(int port) throws BrokerStartException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK_ADDRESS), port));
        } catch (IOException e) {
            throw new BrokerStartException("port " + port + " on " + LOOPBACK_ADDRESS
                    + " is already in use (another MQTT broker running?); choose another with --port", e);
        }
    }

    public int port() {
        return port;
    }

    /** The address clients use, e.g. {@code tcp://127.0.0.1:1883}. */
    public String uri() {
        return "tcp://" + LOOPBACK_ADDRESS + ":" + port;
    }

    @Override
    public void close() {
        closeQuietly(hiveMq);
    }

    private static void closeQuietly(EmbeddedHiveMQ hiveMq) {
        try {
            hiveMq.stop().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException ignored) {
            // stopping anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            hiveMq.close();
        } catch (ExecutionException ignored) {
            // already stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
