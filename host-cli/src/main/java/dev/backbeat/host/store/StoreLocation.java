// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where a store lives: a directory holding an SQLite file, or a PostgreSQL database. */
public sealed interface StoreLocation {

    /** The URI scheme of a PostgreSQL store ({@code postgresql://HOST[:PORT]/DB}). */
    String POSTGRESQL_SCHEME = "postgresql";

    /** PostgreSQL's port when the URI names none. */
    int POSTGRESQL_DEFAULT_PORT = 5432;

    /** How the location is shown in messages (never with a password). */
    String describe();

    /**
     * A directory holding {@value SessionStore#FILE_NAME}.
     *
     * @param createDirectory create it when missing (the default location); false: a missing
     *     directory is an error (one the user named)
     */
    record SqliteDirectory(Path directory, boolean createDirectory) implements StoreLocation {
        @Override
        public String describe() {
            return directory.resolve(SessionStore.FILE_NAME).toString();
        }
    }

    /**
     * How a PostgreSQL connection uses TLS, with libpq's names and meanings (the driver's
     * {@code sslmode}); {@link #PREFER} is libpq's and the driver's default.
     */
    enum PostgresqlSslMode {
        /** Never TLS. */
        DISABLE("disable"),
        /** TLS only if the server insists. */
        ALLOW("allow"),
        /** TLS when the server offers it, the certificate not checked (the default). */
        PREFER("prefer"),
        /** TLS or no connection, the certificate not checked. */
        REQUIRE("require"),
        /** TLS with a certificate signed by the trusted CA ({@code sslrootcert}). */
        VERIFY_CA("verify-ca"),
        /** As verify-ca, and the certificate names the host connected to: what a clinic's network should use. */
        VERIFY_FULL("verify-full");

        private final String parameter;

        PostgresqlSslMode(String parameter) {
            this.parameter = parameter;
        }

        /** The value as {@code sslmode=} and {@code PGSSLMODE} spell it. */
        public String parameter() {
            return parameter;
        }

        static Optional<PostgresqlSslMode> of(String parameter) {
            for (PostgresqlSslMode mode : values()) {
                if (mode.parameter.equals(parameter)) {
                    return Optional.of(mode);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A PostgreSQL database, reached over TCP as one database role.
     *
     * @param password empty: the driver looks in the password file ({@code PGPASSFILE}, else
     *     {@code ~/.pgpass}), or the server needs none
     * @param sslMode how the connection uses TLS
     * @param sslRootCertificate the CA certificate (PEM) a verify mode trusts; empty: the driver's
     *     default, {@code ~/.postgresql/root.crt}
     */
    record PostgresqlDatabase(String host, int port, String database, String user, Optional<String> password,
                              PostgresqlSslMode sslMode, Optional<Path> sslRootCertificate)
            implements StoreLocation {

        /** Without TLS settings: the driver's default ({@code prefer}). */
        public PostgresqlDatabase(String host, int port, String database, String user, Optional<String> password) {
            this(host, port, database, user, password, PostgresqlSslMode.PREFER, Optional.empty());
        }

        /**
         * The driver's TLS properties ({@code sslmode}, and {@code sslrootcert} when named): every
         * connection to this database is made with them.
         */
        public java.util.Properties tlsProperties() {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("sslmode", sslMode.parameter());
            sslRootCertificate.ifPresent(file -> properties.setProperty("sslrootcert", file.toString()));
            return properties;
        }

        /** The JDBC URL, without user or password (they go as connection properties). */
        public String jdbcUrl() {
            return "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
        }

        @Override
        public String describe() {
            return POSTGRESQL_SCHEME + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/"
                    + database + " as " + user;
        }

        @Override
        public String toString() {
            return describe(); // never the password
        }
    }

    /**
     * The store {@code --store TEXT} names: {@code postgresql://...} a PostgreSQL database, anything
     * else a directory that must exist.
     *
     * @throws IllegalArgumentException naming what is wrong with a PostgreSQL URI
     */
    static StoreLocation of(String text, Map<String, String> environment) {
        return isPostgresql(text) ? parsePostgresql(text, environment) : new SqliteDirectory(Path.of(text), false);
    }

    /** Whether {@code text} names a PostgreSQL store rather than a directory. */
    static boolean isPostgresql(String text) {
        return text.startsWith(POSTGRESQL_SCHEME + "://");
    }

    /**
     * Reads {@code postgresql://[USER@]HOST[:PORT]/DB[?user=USER][&sslmode=MODE][&sslrootcert=FILE]}.
     * The role is the URI's user, else {@code PGUSER}, else the login name; the password comes from
     * {@code PGPASSWORD}, else the driver's password file. A password inside the URI is refused: it
     * would show in the process list and the shell's history. TLS as libpq reads it: {@code sslmode}
     * (else {@code PGSSLMODE}, else {@code prefer}) and {@code sslrootcert} (else
     * {@code PGSSLROOTCERT}), a file that must exist.
     *
     * @param environment the process environment ({@code PGUSER}, {@code PGPASSWORD},
     *     {@code PGSSLMODE}, {@code PGSSLROOTCERT})
     * @throws IllegalArgumentException naming what is wrong with the URI
     */
    static PostgresqlDatabase parsePostgresql(String text, Map<String, String> environment) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--store " + redacted(text) + " is not a URI: " + e.getReason());
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("--store " + redacted(text)
                    + " names no host: write postgresql://HOST[:PORT]/DATABASE");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("--store " + redacted(text)
                    + " names no database: write postgresql://HOST[:PORT]/DATABASE");
        }
        String user = null;
        String sslMode = null;
        String sslRootCertificate = null;
        if (uri.getRawUserInfo() != null) {
            if (uri.getRawUserInfo().contains(":")) {
                throw new IllegalArgumentException("--store " + redacted(text) + " holds a password: give it in "
                        + "PGPASSWORD or a password file (~/.pgpass), never on the command line");
            }
            user = decode(uri.getRawUserInfo());
        }
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
                switch (name) {
                    case "user" -> user = value;
                    case "sslmode" -> sslMode = value;
                    case "sslrootcert" -> sslRootCertificate = value;
                    case "password" -> throw new IllegalArgumentException("--store " + redacted(text)
                            + " holds a password: give it in PGPASSWORD or a password file (~/.pgpass), never on the command line");
                    default -> throw new IllegalArgumentException("--store " + redacted(text) + ": unknown parameter '"
                            + name + "' (known: user=ROLE, sslmode=MODE, sslrootcert=FILE)");
                }
            }
        }
        if (user == null || user.isEmpty()) {
            user = environment.getOrDefault("PGUSER", System.getProperty("user.name"));
        }
        int port = uri.getPort() < 0 ? POSTGRESQL_DEFAULT_PORT : uri.getPort();
        String password = environment.get("PGPASSWORD");
        // the URI's own settings first, then libpq's environment variables
        String sslModeSource = "sslmode";
        if (sslMode == null || sslMode.isEmpty()) {
            sslMode = environment.get("PGSSLMODE");
            sslModeSource = "PGSSLMODE";
        }
        PostgresqlSslMode mode = PostgresqlSslMode.PREFER;
        if (sslMode != null && !sslMode.isEmpty()) {
            String named = sslMode;
            String source = sslModeSource;
            mode = PostgresqlSslMode.of(sslMode).orElseThrow(() -> new IllegalArgumentException("--store "
                    + redacted(text) + ": " + source + " '" + named + "' is not one of disable, allow, prefer, require, "
                    + "verify-ca, verify-full"));
        }
        String rootCertificateSource = "sslrootcert";
        if ((sslRootCertificate == null || sslRootCertificate.isEmpty())
                && (mode == PostgresqlSslMode.VERIFY_CA || mode == PostgresqlSslMode.VERIFY_FULL)) {
            // as libpq: the variable matters only where the server's certificate is checked
            sslRootCertificate = environment.get("PGSSLROOTCERT");
            rootCertificateSource = "PGSSLROOTCERT";
        }
        Optional<Path> rootCertificate = Optional.empty();
        if (sslRootCertificate != null && !sslRootCertificate.isEmpty()) {
            Path file = Path.of(sslRootCertificate);
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException("--store " + redacted(text) + ": " + rootCertificateSource + " " + file
                        + " is not a readable file (the CA certificate, PEM, that signed the server's)");
            }
            rootCertificate = Optional.of(file);
        }
        return new PostgresqlDatabase(host, port, database, user,
                password == null || password.isEmpty() ? Optional.empty() : Optional.of(password), mode, rootCertificate);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The URI as it may be printed: without what follows a ':' in the user part, nor a password parameter. */
    private static String redacted(String text) {
        return text.replaceAll("(://[^:@/]*):[^@/]*@", "$1:***@").replaceAll("([?&]password=)[^&]*", "$1***");
    }
}
