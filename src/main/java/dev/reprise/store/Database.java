package dev.reprise.store;

import java.sql.Connection;
import java.sql.SQLException;
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

    <T> T inTransaction(String what, SqlWork<T> work) {
        long position;
        T result;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                result = work.apply(connection);
                connection.commit();
                position = durability.committed();
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
        durability.awaitDurable(position);
        return result;
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
