package dev.reprise.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A workspace whose records are in a PostgreSQL database that several Reprise processes (servers, or
 * command lines in local mode) share, each executing the runs it owns (see {@link dev.reprise.engine.RunSharing});
 * its artifacts and logs are files under a folder that every one of them reaches (the same folder, or a
 * shared mount). Opening brings the schema up to date with the Flyway migrations for PostgreSQL (Flyway
 * holds a lock in the database while it migrates, so processes starting together migrate once). A commit
 * returns once PostgreSQL has made it durable. Thread-safe.
 */
public final class PostgresStore extends WorkspaceStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

    /** The engine's workers, the readers and a server's requests share these; one more writes runs. */
    private static final int MAX_CONNECTIONS = 10;

    private final Address address;
    private final HikariDataSource pool;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresStore(Path dir, Address address, HikariDataSource pool, Ownership ownership) throws SQLException {
        this(dir, address, pool, ownership, new Database(pool, new GroupCommit(() -> { })));
    }

    private PostgresStore(Path dir, Address address, HikariDataSource pool, Ownership ownership, Database database)
            throws SQLException {
        super(dir, database, database.durability(), pool.getConnection(), Dialect.POSTGRESQL, ownership,
                new PostgresSharing(database, Dialect.POSTGRESQL, ownership, address::connect));
        this.address = address;
        this.pool = pool;
    }

    /**
     * Opens the workspace whose records are in the database at {@code url}
     * ({@code postgresql://[user[:password]@]host[:port]/database}, or a {@code jdbc:postgresql:} URL) and whose
     * files are in {@code filesDir}; this process's leases on the runs it executes last {@code leaseTerm}.
     *
     * @throws IllegalArgumentException if {@code url} is not a PostgreSQL address
     * @throws StoreException if the database cannot be reached or migrated
     */
    public static PostgresStore open(String url, Path filesDir, Duration leaseTerm) {
        long start = System.nanoTime();
        Address address = Address.parse(url);
        Path dir = filesDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create workspace folder " + dir, e);
        }
        HikariDataSource pool = address.pool();
        try {
            Flyway.configure().dataSource(pool).locations(Dialect.POSTGRESQL.migrations()).load().migrate();
            PostgresStore store = new PostgresStore(dir, address, pool, new Ownership(ownerName(), leaseTerm));
            LOG.info("opened workspace on {} (files in {}) as {} in {} ms", address, dir, store.owner(),
                    (System.nanoTime() - start) / 1_000_000);
            return store;
        } catch (SQLException e) {
            pool.close();
            throw new StoreException("cannot open the database " + address + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    /** Whether {@code location} names a PostgreSQL database rather than a folder. */
    public static boolean isAddress(String location) {
        return location.startsWith("postgresql://") || location.startsWith("postgres://")
                || location.startsWith("jdbc:postgresql:");
    }

    /** The name this process owns runs under: its host, its process id and a random part. */
    private static String ownerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    String owner() {
        return runs().sharing().orElseThrow().owner();
    }

    @Override
    public String location() {
        return address.toString();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            closeRuns();
        } finally {
            pool.close();
        }
    }

    /** Where the database is, who connects, and how; {@link #toString} leaves out the password. */
    record Address(String jdbcUrl, String user, String password, String shown) {

        static Address parse(String url) {
            String text = url.strip();
            if (!isAddress(text)) {
                throw new IllegalArgumentException("not a PostgreSQL address: '" + url
                        + "' (expected postgresql://[user[:password]@]host[:port]/database)");
            }
            if (text.startsWith("jdbc:")) {
                return new Address(text, null, null, text.replaceAll("password=[^&]*", "password=***"));
            }
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a PostgreSQL address: '" + url + "': " + e.getMessage(), e);
            }
            String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            if (uri.getHost() == null || database.isEmpty()) {
                throw new IllegalArgumentException("a PostgreSQL address names a host and a database: '" + url
                        + "' (expected postgresql://[user[:password]@]host[:port]/database)");
            }
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new Address("jdbc:postgresql://" + hostPort + "/" + database + query, user, password,
                    "postgresql://" + (user != null ? user + "@" : "") + hostPort + "/" + database);
        }

        private static String decode(String part) {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        }

        HikariDataSource pool() {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            if (user != null) {
                config.setUsername(user);
            }
            if (password != null) {
                config.setPassword(password);
            }
            config.setMaximumPoolSize(MAX_CONNECTIONS);
            config.setPoolName("reprise-store");
            config.setConnectionTimeout(10_000);
            try {
                return new HikariDataSource(config);
            } catch (HikariPool.PoolInitializationException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new StoreException("cannot reach the database " + this + ": " + cause.getMessage(), e);
            }
        }

        /** A connection outside the pool, held by whoever opens it. */
        Connection connect() throws SQLException {
            Properties properties = new Properties();
            if (user != null) {
                properties.setProperty("user", user);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            return DriverManager.getConnection(jdbcUrl, properties);
        }

        @Override
        public String toString() {
            return shown;
        }
    }
}
