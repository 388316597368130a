// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import com.hivemq.extension.sdk.api.ExtensionMain;
import dev.backbeat.mqtt.OwnerOnlyFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The zero-set-up MQTT broker: HiveMQ Community Edition, embedded in this process, with our own
 * configuration: a plain TCP listener on the loopback interface only, anonymous usage statistics
 * off, and optionally a TLS listener for paired straps on other machines.
 *
 * <p>The TLS listener ({@link TlsListenerSettings}) speaks TLS 1.3 only, presents the broker's
 * certificate from {@code backbeat pair --broker}, and requires a client certificate issued by the
 * host's CA (that directory's {@code ca.crt}, nothing else). With it, an extension inside the
 * broker ({@link PairedAccessExtension}) applies the clinic set-up's rules ({@link TopicAccess}): a
 * strap reads and writes only its own topics and never an acknowledgement, and the loopback plain
 * listener takes no clients (the host connects over TLS too). Without the TLS listener, the plain
 * loopback listener is open to this machine's processes (the demo, the benchmarks). There is never
 * a plain listener on any other address.
 *
 * <p>Its folders live under a home directory: {@code conf/config.xml} (written on every start,
 * owner-only: with TLS it holds the keystores' password), {@code conf/tls/} (the keystores made from
 * the pairing files, owner-only, deleted on {@link #close()}), {@code data/} (retained messages and
 * sessions; with {@link Persistence#FILE} the retained messages are kept there across restarts, in
 * {@value #RETAINED_MESSAGES_FILE}) and an empty {@code extensions/}.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** The MQTT port. */
    public static final int DEFAULT_PORT = 1883;
    static final String LOOPBACK_ADDRESS = "127.0.0.1";
    private static final long START_TIMEOUT_SECONDS = 60;
    /** QoS 1 messages the broker sends a subscriber before waiting for its acknowledgements (HiveMQ's default: 50). */
    static final int SUBSCRIBER_INFLIGHT_MESSAGES = 1000;

    /** The file under {@code data/} that keeps the retained messages with {@link Persistence#FILE}. */
    static final String RETAINED_MESSAGES_FILE = "retained-messages";

    /**
     * Where the broker keeps its state. HiveMQ itself always runs with its in-memory persistence:
     * its file persistence writes every QoS 1 message to every subscriber through an on-disk queue,
     * clean sessions included, which cost most of the broker's processor time while a strap sent
     * its backlog, for nothing Backbeat's clients use (see {@link RetainedMessageKeeper}).
     */
    public enum Persistence {
        /**
         * Retained messages survive a restart ({@link RetainedMessageKeeper}, the {@code backbeat
         * broker} command); queues and sessions live in memory.
         */
        FILE,
        /** Everything lives in memory only (the demo, tests). */
        IN_MEMORY
    }

    /** The TLS listener with what it was made of; absent without TLS. */
    private record TlsListener(TlsListenerSettings settings, BrokerCertificates certificates,
                               BrokerCertificates.Keystores keystores) {
    }

    private final EmbeddedHiveMQ hiveMq;
    private final int port;
    private final Optional<TlsListener> tls;
    private final Optional<RetainedMessageKeeper> retainedMessages;

    private EmbeddedBroker(EmbeddedHiveMQ hiveMq, int port, Optional<TlsListener> tls,
                           Optional<RetainedMessageKeeper> retainedMessages) {
        this.hiveMq = hiveMq;
        this.port = port;
        this.tls = tls;
        this.retainedMessages = retainedMessages;
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port} with its folders under {@code homeDirectory}.
     * Use {@link #freeLoopbackPort()} for a port nobody uses.
     */
    public static EmbeddedBroker start(Path homeDirectory, int port, Persistence persistence) throws BrokerStartException {
        return start(homeDirectory, port, persistence, Optional.empty(), refusal -> { });
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port} and, if {@code tlsSettings} is present, a TLS
     * listener for paired clients, with its folders under {@code homeDirectory}.
     *
     * @param notices receives one line for every connection, publish or subscription the TLS
     *     listener's rules refuse (who, from where, what), and for a file of retained messages that
     *     cannot be read or written; called on HiveMQ's threads
     * @throws BrokerStartException naming what is wrong: a port in use, an address that is not this
     *     machine's, a pairing file missing or not matching the others, a folder not writable
     */
    public static EmbeddedBroker start(Path homeDirectory, int port, Persistence persistence,
                                       Optional<TlsListenerSettings> tlsSettings, Consumer<String> notices)
            throws BrokerStartException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        requirePortFree(loopback(), port, "--port");
        BrokerCertificates certificates = null;
        if (tlsSettings.isPresent()) {
            TlsListenerSettings settings = tlsSettings.get();
            if (settings.port() == port) {
                throw new BrokerStartException(BrokerStartException.Reason.OPTIONS, "the TLS listener and the plain "
                        + "listener cannot share port " + port + "; choose another with --tls-port or --port", null);
            }
            requireLocalAddress(settings.listenAddress());
            requirePortFree(settings.listenAddress(), settings.port(), "--tls-port");
            try {
                certificates = BrokerCertificates.read(settings.certificateDirectory());
            } catch (IOException e) {
                throw new BrokerStartException(BrokerStartException.Reason.CERTIFICATES,
                        "cannot use the broker's certificates: " + e.getMessage(), e);
            }
        }
        Path configurationFolder = homeDirectory.resolve("conf");
        Path dataFolder = homeDirectory.resolve("data");
        Path extensionsFolder = homeDirectory.resolve("extensions");
        Optional<TlsListener> tls = Optional.empty();
        try {
            // owner-only whatever the home's mode: data/ holds the retained messages (the straps'
            // manifests, the host's acknowledgements and configurations)
            OwnerOnlyFiles.createDirectories(homeDirectory);
            OwnerOnlyFiles.createDirectories(configurationFolder);
            OwnerOnlyFiles.createDirectories(dataFolder);
            restrictTree(dataFolder); // what a broker from before this rule left readable
            OwnerOnlyFiles.createDirectories(extensionsFolder);
            if (certificates != null) {
                tls = Optional.of(new TlsListener(tlsSettings.get(), certificates,
                        certificates.writeKeystores(configurationFolder.resolve("tls"))));
            }
            OwnerOnlyFiles.write(configurationFolder.resolve("config.xml"),
                    configuration(port, tls).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            tls.ifPresent(listener -> deleteKeystores(listener.keystores()));
            throw new BrokerStartException("cannot prepare the broker folder " + homeDirectory + ": " + e.getMessage(), e);
        }
        // HiveMQ CE keeps at most 50 QoS 1 messages unacknowledged per subscriber whatever the
        // client's receive maximum (an internal setting, not in config.xml); the sync host allows
        // 1000, and with 50 a device's backlog crawls at round-trip speed
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = SUBSCRIBER_INFLIGHT_MESSAGES;
        EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(configurationFolder)
                .withDataFolder(dataFolder)
                .withExtensionsFolder(extensionsFolder)
                .withoutLoggingBootstrap();
        List<ExtensionMain> parts = new ArrayList<>();
        if (tls.isPresent()) {
            parts.add(new PairedAccessExtension(new RefusalLines(notices)));
        }
        Optional<RetainedMessageKeeper> keeper = persistence == Persistence.FILE
                ? Optional.of(new RetainedMessageKeeper(dataFolder.resolve(RETAINED_MESSAGES_FILE), notices))
                : Optional.empty();
        keeper.ifPresent(parts::add);
        if (!parts.isEmpty()) {
            builder.withEmbeddedExtension(BrokerExtension.embedded(parts));
        }
        EmbeddedHiveMQ hiveMq = builder.build();
        EmbeddedBroker broker = new EmbeddedBroker(hiveMq, port, tls, keeper);
        try {
            hiveMq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            broker.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new BrokerStartException("the embedded MQTT broker did not start on " + broker.listeners() + ": " + cause,
                    cause);
        } catch (InterruptedException e) {
            broker.close();
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while starting the embedded MQTT broker", e);
        }
        return broker;
    }

    /** Restricts every file (600) and directory (700) under {@code directory}. */
    private static void restrictTree(Path directory) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (!Files.isSymbolicLink(path)) {
                    OwnerOnlyFiles.restrict(path);
                }
            }
        }
    }

    /**
     * HiveMQ's config.xml: the loopback plain listener, the TLS listener if any, no usage
     * statistics, in-memory persistence (see {@link Persistence}).
     */
    private static String configuration(int port, Optional<TlsListener> tls) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by backbeat on every start; edits are overwritten. -->
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                      <name>backbeat-loopback</name>
                    </tcp-listener>
                %s  </listeners>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                  <persistence>
                    <mode>in-memory</mode>
                  </persistence>
                </hivemq>
                """.formatted(port, LOOPBACK_ADDRESS, tls.map(EmbeddedBroker::tlsListener).orElse(""));
    }

    /**
     * The {@code <tls-tcp-listener>} element (HiveMQ CE's config.xsd: {@code tls} with
     * {@code keystore} path, password and private-key-password, {@code truststore} path and
     * password, {@code protocols}, {@code client-authentication-mode}).
     */
    private static String tlsListener(TlsListener listener) {
        BrokerCertificates.Keystores keystores = listener.keystores();
        return """
                    <tls-tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                      <name>backbeat-tls</name>
                      <tls>
                        <keystore>
                          <path>%s</path>
                          <password>%s</password>
                          <private-key-password>%s</private-key-password>
                        </keystore>
                        <truststore>
                          <path>%s</path>
                          <password>%s</password>
                        </truststore>
                        <protocols>
                          <protocol>TLSv1.3</protocol>
                        </protocols>
                        <client-authentication-mode>REQUIRED</client-authentication-mode>
                      </tls>
                    </tls-tcp-listener>
                """.formatted(listener.settings().port(), listener.settings().listenAddress().getHostAddress(),
                xml(keystores.keystore().toAbsolutePath().toString()), xml(keystores.password()),
                xml(keystores.password()), xml(keystores.truststore().toAbsolutePath().toString()),
                xml(keystores.password()));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A loopback port that was free a moment ago. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK_ADDRESS))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName(LOOPBACK_ADDRESS);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("an IP literal did not parse: " + LOOPBACK_ADDRESS, impossible);
        }
    }

    private static void requirePortFree(InetAddress address, int port, String option) throws BrokerStartException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new BrokerStartException("port " + port + " on " + address.getHostAddress()
                    + " is already in use (another MQTT broker running?); choose another with " + option, e);
        }
    }

    /** Only an address of this machine (or every interface) can be listened on. */
    private static void requireLocalAddress(InetAddress address) throws BrokerStartException {
        try {
            if (address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null) {
                return;
            }
        } catch (SocketException e) {
            throw new BrokerStartException("cannot list this machine's network interfaces: " + e.getMessage(), e);
        }
        throw new BrokerStartException(BrokerStartException.Reason.OPTIONS, address.getHostAddress()
                + " is not an address of this machine; choose one of its addresses with --listen, or "
                + TlsListenerSettings.DEFAULT_LISTEN_ADDRESS + " for every interface", null);
    }

    public int port() {
        return port;
    }

    /** The address clients use, e.g. {@code tcp://127.0.0.1:1883}. */
    public String uri() {
        return "tcp://" + LOOPBACK_ADDRESS + ":" + port;
    }

    /** The TLS listener's settings; empty without one. */
    public Optional<TlsListenerSettings> tlsListener() {
        return tls.map(TlsListener::settings);
    }

    /**
     * The addresses paired clients use, one for each name in the broker's certificate, e.g.
     * {@code ssl://broker.clinic.lan:8883}; empty without a TLS listener.
     */
    public List<String> tlsUris() {
        return tls.map(listener -> listener.certificates().names().stream()
                .map(name -> "ssl://" + (name.contains(":") ? "[" + name + "]" : name) + ":" + listener.settings().port())
                .toList()).orElse(List.of());
    }

    /** What listens where, for messages: {@code 127.0.0.1:1883 (plain) and 0.0.0.0:8883 (TLS 1.3)}. */
    public String listeners() {
        return LOOPBACK_ADDRESS + ":" + port + " (plain)" + tls.map(listener -> " and "
                + listener.settings().listenAddress().getHostAddress() + ":" + listener.settings().port() + " (TLS 1.3)")
                .orElse("");
    }

    /** How many retained messages the start put back from {@value #RETAINED_MESSAGES_FILE}. */
    public int restoredRetainedMessages() {
        return retainedMessages.map(RetainedMessageKeeper::restoredCount).orElse(0);
    }

    /**
     * Stops the broker (writing its retained messages first, with {@link Persistence#FILE}) and
     * deletes the keystores it made for its TLS listener.
     */
    @Override
    public void close() {
        retainedMessages.ifPresent(keeper -> {
            keeper.stopPeriodicSaves();
            keeper.saveQuietly();
        });
        closeQuietly(hiveMq);
        tls.ifPresent(listener -> deleteKeystores(listener.keystores()));
    }

    private static void deleteKeystores(BrokerCertificates.Keystores keystores) {
        for (Path file : List.of(keystores.keystore(), keystores.truststore())) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // owner-only, and overwritten on the next start
            }
        }
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
