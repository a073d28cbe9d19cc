package dev.reprise.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.engine.ArtifactStore;
import dev.reprise.engine.FlowStore;
import dev.reprise.engine.LogStore;
import dev.reprise.engine.RunStore;
import dev.reprise.engine.SnapshotStore;
import dev.reprise.run.Json;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workspace folder opened for this process: runs and flows in the H2 database {@code reprise.mv.db},
 * artifacts under {@code artifacts/}, logs under {@code logs/}. Opening locks the folder
 * ({@code workspace.lock}), so a second process gets a {@link WorkspaceLockedException} instead of a
 * corrupt store, and brings the schema up to date with the Flyway migrations in {@code db/migration}
 * (Flyway runs only when the workspace is not at {@link #SCHEMA_VERSION}).
 * {@link #close()} compacts the database and releases the lock. Thread-safe; close it once, after
 * everything that uses its stores has stopped.
 */
public final class H2Store extends WorkspaceStore {

    private static final Logger LOG = LoggerFactory.getLogger(H2Store.class);

    /** The engine's workers, the UI's reads and a server's requests share these. */
    private static final int MAX_CONNECTIONS = 8;

    /** H2's page cache, in KiB. */
    static final int CACHE_KB = 16 * 1024;

    /**
     * The version of the newest migration in {@code db/migration}; a test keeps it in step. A workspace
     * already at this version is opened without starting Flyway, which would cost several hundred
     * milliseconds of class loading and classpath scanning on every start of the app.
     */
    static final String SCHEMA_VERSION = "7";

    private final WorkspaceLock lock;
    private final JdbcConnectionPool pool;
    private final Connection flusher;
    private final AtomicBoolean closed = new AtomicBoolean();

    private H2Store(Path dir, WorkspaceLock lock, JdbcConnectionPool pool, Connection flusher, GroupCommit durability)
            throws SQLException {
        super(dir, new Database(pool, durability), durability, pool.getConnection(), Dialect.H2, null, null);
        this.lock = lock;
        this.pool = pool;
        this.flusher = flusher;
    }

    /**
     * Opens (creating if needed) the workspace in {@code workspaceDir}.
     *
     * @throws WorkspaceLockedException if another process, or this one, has it open
     */
    public static H2Store open(Path workspaceDir) {
        long start = System.nanoTime();
        Path dir = workspaceDir.toAbsolutePath().normalize();
        if (dir.toString().indexOf(';') >= 0) {
            throw new IllegalArgumentException("a workspace folder path cannot contain ';': " + dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create workspace folder " + dir, e);
        }
        WorkspaceLock lock = WorkspaceLock.acquire(dir);
        JdbcConnectionPool pool = null;
        try {
            pool = JdbcConnectionPool.create(url(dir), "sa", "");
            pool.setMaxConnections(MAX_CONNECTIONS);
            checkOpens(pool, dir);
            long migrateStart = System.nanoTime();
            if (!isCurrent(pool)) {
                migrate(pool);
            }
            H2Store store = newStore(dir, lock, pool);
            LOG.info("opened workspace {} in {} ms (migrations {} ms)", dir, millisSince(start),
                    millisSince(migrateStart));
            return store;
        } catch (RuntimeException | Error e) {
            if (pool != null) {
                pool.dispose();
            }
            lock.close();
            throw e;
        }
    }

    private static H2Store newStore(Path dir, WorkspaceLock lock, JdbcConnectionPool pool) {
        try {
            Connection flusher = pool.getConnection();
            return new H2Store(dir, lock, pool, flusher, new GroupCommit(() -> flush(flusher, dir)));
        } catch (SQLException e) {
            throw new StoreException("cannot open the database of workspace " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes every change committed so far to the database file and forces the file to the device (H2's
     * {@code CHECKPOINT SYNC}: the MVStore stores its pending pages as a new chunk, then fsyncs). A commit
     * alone is only in memory until H2's writer stores it, up to its write delay later.
     */
    private static void flush(Connection flusher, Path dir) {
        try (Statement statement = flusher.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            throw new StoreException("cannot write workspace " + dir.getFileName() + " to disk: " + e.getMessage(), e);
        }
    }

    private static String url(Path dir) {
        // a fixed page cache: the store's memory must not grow with the number of runs kept; and no closing by
        // H2's own shutdown hook, which raced the app's (the engine still recording its runs as interrupted
        // met a closed database): the app closes the store, and a process that dies without closing it leaves
        // nothing unflushed that it reported
        return "jdbc:h2:file:" + dir.resolve("reprise") + ";CACHE_SIZE=" + CACHE_KB + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Opens the database once, so that H2's own "in use" error becomes a clear one. */
    private static void checkOpens(JdbcConnectionPool pool, Path dir) {
        try (Connection ignored = pool.getConnection()) {
            // the pool keeps it open for the migrations and the stores
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new WorkspaceLockedException("workspace " + dir
                        + " is in use by another process (its database is open); close it first", e);
            }
            throw new StoreException("cannot open the database of workspace " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether the last migration applied, successfully, is the newest one this version knows. */
    private static boolean isCurrent(JdbcConnectionPool pool) {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement()) {
            // asked first, so that a new workspace does not make H2 trace a missing table to its trace file
            try (ResultSet table = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_NAME = 'flyway_schema_history'")) {
                if (!table.next() || table.getInt(1) == 0) {
                    return false;
                }
            }
            try (ResultSet row = statement.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
                     + " ORDER BY \"installed_rank\" DESC LIMIT 1")) {
                return row.next() && row.getBoolean(2) && SCHEMA_VERSION.equals(row.getString(1));
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private static void migrate(JdbcConnectionPool pool) {
        Flyway.configure()
                .dataSource(pool)
                .locations(Dialect.H2.migrations())
                .load()
                .migrate();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Override
    public String location() {
        return dir().toString();
    }

    /** Compacts and closes the database, then releases the workspace. A second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeRuns();
        // not a pooled connection: closing one after the shutdown would roll back on a closed database, an
        // error that H2 appends to its trace file on every close
        Path dir = dir();
        try (Connection connection = DriverManager.getConnection(url(dir), "sa", "");
             Statement statement = connection.createStatement()) {
            flusher.close();
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            throw new StoreException("cannot close the database of workspace " + dir + ": " + e.getMessage(), e);
        } finally {
            pool.dispose();
            lock.close();
        }
    }
}
