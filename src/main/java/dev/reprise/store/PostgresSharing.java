package dev.reprise.store;

import dev.reprise.engine.RunSharing;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link RunSharing} on PostgreSQL: leases are the {@code owner} and {@code lease_until} columns of
 * {@code run}, timed by the database's clock; expired runs are claimed with {@code FOR UPDATE SKIP LOCKED},
 * so two processes never claim the same run and neither waits for the other; changes and cancel requests
 * travel by {@code NOTIFY}, which PostgreSQL delivers when the notifying transaction commits, on a
 * connection of their own that listens. Thread-safe.
 */
final class PostgresSharing implements RunSharing {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSharing.class);

    /** Runs claimed at most per call, so that one claim stays a short transaction. */
    private static final int CLAIM_BATCH = 100;

    private static final String GOING_ON = "state IN ('QUEUED', 'RUNNING')";

    /** How long notices are gathered before they are handed on, each run's once. */
    private static final Duration GATHER = Duration.ofMillis(50);

    /** Opens a connection of its own (not from the pool: a listening connection is held for good). */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    private final Database database;
    private final Dialect dialect;
    private final Ownership ownership;
    private final Connector connector;

    PostgresSharing(Database database, Dialect dialect, Ownership ownership, Connector connector) {
        this.database = database;
        this.dialect = dialect;
        this.ownership = ownership;
        this.connector = connector;
    }

    @Override
    public String owner() {
        return ownership.owner();
    }

    @Override
    public Duration leaseTerm() {
        return ownership.term();
    }

    @Override
    public Set<String> renewLeases() {
        return new LinkedHashSet<>(database.inTransaction("renew the leases of " + owner(), connection ->
                ids(connection, "UPDATE run SET lease_until = " + dialect.nowMillis() + " + ? WHERE owner = ? AND "
                        + GOING_ON + " RETURNING id", ownership.term().toMillis(), owner())));
    }

    @Override
    public List<String> claimExpired() {
        return database.inTransaction("claim runs whose owner stopped", connection -> ids(connection,
                "UPDATE run SET owner = ?, lease_until = " + dialect.nowMillis() + " + ? WHERE pk IN (SELECT pk FROM run"
                        + " WHERE " + GOING_ON + " AND (lease_until IS NULL OR lease_until < " + dialect.nowMillis()
                        + ") ORDER BY pk LIMIT " + CLAIM_BATCH + " FOR UPDATE SKIP LOCKED) RETURNING id",
                owner(), ownership.term().toMillis()));
    }

    private static List<String> ids(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (row.next()) {
                    ids.add(row.getString(1));
                }
                return ids;
            }
        }
    }

    @Override
    public void requestCancel(String runId, @Nullable String stepId) {
        database.inTransaction("ask for run " + runId + " to be cancelled", connection -> {
            try (PreparedStatement notify = connection.prepareStatement(dialect.notify(Ownership.CANCELS))) {
                notify.setString(1, stepId == null ? runId : runId + "\n" + stepId);
                notify.executeQuery().close();
            }
            return null;
        });
    }

    @Override
    public AutoCloseable listen(Listener listener) {
        Listening listening = new Listening(listener);
        Thread thread = new Thread(listening, "reprise-store-listener");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            listening.closed = true;
            thread.interrupt();
            thread.join(5_000);
        };
    }

    /** Holds a listening connection, opening it again after it is lost. */
    private final class Listening implements Runnable {

        private final Listener listener;
        private volatile boolean closed;

        Listening(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void run() {
            boolean first = true;
            while (!closed) {
                try (Connection connection = connector.connect()) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("LISTEN " + Ownership.CHANGES);
                        statement.execute("LISTEN " + Ownership.CANCELS);
                    }
                    if (!first) {
                        listener.resync();
                    }
                    first = false;
                    PGConnection notices = connection.unwrap(PGConnection.class);
                    while (!closed) {
                        PGNotification[] arrived = notices.getNotifications(500);
                        if (arrived == null || arrived.length == 0) {
                            continue;
                        }
                        // a run going on commits many times a second: gather what comes within a moment, so
                        // that each run changed is read once for all of its commits meanwhile
                        List<PGNotification> batch = new ArrayList<>(List.of(arrived));
                        long until = System.nanoTime() + GATHER.toNanos();
                        long left;
                        while ((left = until - System.nanoTime()) > 0) {
                            PGNotification[] more = notices.getNotifications(Math.max(1, (int) (left / 1_000_000)));
                            if (more != null) {
                                batch.addAll(List.of(more));
                            }
                        }
                        dispatch(batch);
                    }
                } catch (SQLException e) {
                    if (closed) {
                        return;
                    }
                    LOG.warn("lost the connection that hears of other processes' runs; opening it again", e);
                    first = false;
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                } catch (RuntimeException e) {
                    LOG.error("a listener of other processes' runs failed", e);
                }
            }
        }

        private void dispatch(List<PGNotification> batch) {
            Set<String> changed = new LinkedHashSet<>();
            for (PGNotification notice : batch) {
                String payload = notice.getParameter();
                if (Ownership.CHANGES.equals(notice.getName())) {
                    int newline = payload.indexOf('\n');
                    // this process publishes the events of its own runs itself, at once
                    if (newline > 0 && !payload.substring(newline + 1).equals(owner())) {
                        changed.add(payload.substring(0, newline));
                    }
                } else if (Ownership.CANCELS.equals(notice.getName())) {
                    int newline = payload.indexOf('\n');
                    listener.cancelRequested(newline < 0 ? payload : payload.substring(0, newline),
                            newline < 0 ? null : payload.substring(newline + 1));
                }
            }
            changed.forEach(listener::runChanged);
        }
    }
}
