package dev.reprise.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Connections and transactions on the store's pool, scoped by callbacks: a transaction commits when its
 * callback returns and rolls back when it throws. Both wait for the {@link GroupCommit}: a transaction returns
 * once it is durable, and a read returns once everything it could have seen is, so no caller can report a
 * fact that a crash would take back. SQL errors become {@link StoreException}s. Thread-safe.
 */
final class Database {

    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final GroupCommit durability;

    Database(DataSource dataSource, GroupCommit durability) {
        this.dataSource = dataSource;
        this.durability = durability;
    }

    GroupCommit durability() {
        return durability;
    }

    <T> T read(String what, SqlWork<T> work) {
        T result;
        try (Connection connection = dataSource.getConnection()) {
            result = work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
        // what the read saw was committed before now: wait until it is on the file before anyone shows it
        durability.awaitAll();
        return result;
    }

    /** A transaction on a connection of the pool; returns once it is durable. */
    <T> T inTransaction(String what, SqlWork<T> work) {
        Committed<T> committed;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                committed = commitOn(connection, () -> what, work, () -> { });
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
        durability.awaitDurable(committed.position());
        return committed.result();
    }

    /** What a transaction returned, and its position for {@link GroupCommit#awaitDurable}. */
    record Committed<T>(T result, long position) {
    }

    /**
     * A transaction on {@code connection}, which is in manual-commit mode: commits when {@code work} returns,
     * rolls back (then runs {@code onRollback}) when it throws, and does not wait for the commit to be durable:
     * the caller waits for the returned position before telling anyone. {@code what} names the work in errors.
     */
    <T> Committed<T> commitOn(Connection connection, Supplier<String> what, SqlWork<T> work, Runnable onRollback) {
        try {
            T result;
            try {
                result = work.apply(connection);
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                try {
                    onRollback.run();
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
            return new Committed<>(result, durability.committed());
        } catch (SQLException e) {
            throw new StoreException("cannot " + what.get() + ": " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
