// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.testing;

import dev.backbeat.host.pairing.HostAuthority;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for the store tests: Debian's {@code postgresql} binaries
 * ({@code /usr/lib/postgresql/N/bin}), a private cluster in a temporary directory on a free
 * loopback port, password authentication over TCP, started once per test JVM and stopped when it
 * exits. It offers TLS with a certificate for 127.0.0.1 and localhost from a CA of its own
 * ({@link #certificateAuthority()}), so a client may use TLS or not (its sslmode). As root (CI) the server runs as the {@code postgres} user, since PostgreSQL refuses root.
 * {@code .ci/run} installs the package; on CI a missing server fails the test instead of skipping it.
 */
public final class PostgresqlServer {

    /** The cluster's superuser, which the tests connect as to create databases and roles. */
    public static final String ADMIN_ROLE = "backbeat_admin";
    /** Its password (a throwaway cluster on loopback). */
    public static final String ADMIN_PASSWORD = "admin-secret";
    private static final String SERVER_USER = "postgres";
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private static final String CA_CERTIFICATE_FILE = "ca.crt";

    private static PostgresqlServer running;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path directory;
    private final int port;
    private final Process process;

    private PostgresqlServer(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /** The server of this test JVM, started at the first call. */
    public static synchronized PostgresqlServer get() throws Exception {
        if (running == null) {
            running = start(binaries());
            PostgresqlServer server = running;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgresql-test-server-stop"));
        }
        return running;
    }

    private static Path binaries() {
        String named = System.getProperty("backbeat.postgresql"); // -Dbackbeat.postgresql=DIR holding initdb and postgres
        List<Path> candidates = new ArrayList<>();
        if (named != null) {
            candidates.add(Path.of(named));
        } else if (Files.isDirectory(Path.of("/usr/lib/postgresql"))) {
            try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                versions.map(version -> version.resolve("bin"))
                        .sorted(Comparator.comparing((Path bin) -> versionOf(bin)).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new IllegalStateException("cannot list /usr/lib/postgresql: " + e.getMessage(), e);
            }
        }
        for (Path bin : candidates) {
            if (Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("initdb"))) {
                return bin;
            }
        }
        if (System.getenv("CI") != null && named == null) {
            throw new IllegalStateException("PostgreSQL is not installed; .ci/run installs it with apt-get (postgresql)");
        }
        Assumptions.abort("PostgreSQL is not installed (apt-get install postgresql, or run .ci/run, which installs it)");
        return null;
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static PostgresqlServer start(Path bin) throws Exception {
        Path directory = Files.createTempDirectory("backbeat-postgresql-");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path passwordFile = directory.resolve("admin-password");
        Files.writeString(passwordFile, ADMIN_PASSWORD + "\n", StandardCharsets.UTF_8);
        // TLS: the server's key must be its own user's and readable by nobody else (mode 600)
        Instant now = Instant.now();
        HostAuthority.Issued authority = HostAuthority.createCa("Backbeat test PostgreSQL CA", now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(1)));
        HostAuthority.Issued serverCertificate = HostAuthority.issue(authority.certificate(), authority.privateKey(),
                "127.0.0.1", HostAuthority.Purpose.SERVER, List.of("127.0.0.1", "localhost"),
                now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1)));
        Path tls = directory.resolve("tls");
        Files.createDirectory(tls);
        HostAuthority.writePrivate(tls.resolve("server.key"), HostAuthority.pem("PRIVATE KEY",
                serverCertificate.privateKey().getEncoded()));
        Files.writeString(tls.resolve("server.crt"), HostAuthority.pem("CERTIFICATE",
                serverCertificate.certificate().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(tls.resolve(CA_CERTIFICATE_FILE), HostAuthority.pem("CERTIFICATE",
                authority.certificate().getEncoded()), StandardCharsets.US_ASCII);
        if (root) {
            UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
            for (Path owned : List.of(directory, passwordFile, tls, tls.resolve("server.key"), tls.resolve("server.crt"))) {
                Files.setOwner(owned, users.lookupPrincipalByName(SERVER_USER));
            }
        }
        Path data = directory.resolve("data");
        run(root, directory.resolve("initdb.log"), List.of(bin.resolve("initdb").toString(), "-D", data.toString(),
                "-U", ADMIN_ROLE, "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
                "-E", "UTF8", "--locale=C", "--no-sync"));
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", String.valueOf(port), "-k", directory.toString(), "-c", "listen_addresses=127.0.0.1,127.0.0.2",
                "-c", "fsync=off", "-c", "max_connections=200", "-c", "ssl=on",
                "-c", "ssl_cert_file=" + tls.resolve("server.crt"), "-c", "ssl_key_file=" + tls.resolve("server.key")));
        Process process = new ProcessBuilder(asServerUser(root, command))
                .redirectErrorStream(true).redirectOutput(directory.resolve("server.log").toFile()).start();
        PostgresqlServer server = new PostgresqlServer(directory, port, process);
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (true) {
            try (Connection ignored = server.adminConnection("postgres")) {
                return server;
            } catch (SQLException notYet) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    server.stop();
                    throw new IllegalStateException("PostgreSQL did not start on port " + port + ": "
                            + Files.readString(directory.resolve("server.log")), notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    private static List<String> asServerUser(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        // setpriv executes the command in place (no parent left between this JVM and the server)
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + SERVER_USER, "--regid=" + SERVER_USER,
                "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(boolean root, Path log, List<String> command) throws Exception {
        Process process = new ProcessBuilder(asServerUser(root, command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** A connection as the cluster's superuser to {@code database}. */
    public Connection adminConnection(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, ADMIN_ROLE,
                ADMIN_PASSWORD);
    }

    /** The CA certificate (PEM) that signed the server's TLS certificate (for 127.0.0.1 and localhost). */
    public Path certificateAuthority() {
        return directory.resolve("tls").resolve(CA_CERTIFICATE_FILE);
    }

    /** A new, empty database owned by the superuser; its name. */
    public String createDatabase(String prefix) throws SQLException {
        String name = prefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_"
                + DATABASES.incrementAndGet();
        try (Connection connection = adminConnection("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** The {@code --store} URI of {@code database} for {@code role} (its password goes in PGPASSWORD). */
    public String storeUri(String database, String role) {
        return "postgresql://127.0.0.1:" + port + "/" + database + "?user=" + role;
    }

    /** The environment that gives {@code password} to {@code backbeat}. */
    public static Map<String, String> passwordEnvironment(String password) {
        return Map.of("PGPASSWORD", password);
    }

    public Optional<String> log() {
        try {
            return Optional.of(Files.readString(directory.resolve("server.log")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void stop() {
        try {
            // SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for the pools' connections)
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
