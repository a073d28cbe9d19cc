package dev.reprise.store;

import dev.reprise.engine.FlowStore;
import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowRevision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@link FlowStore} on the table {@code flow_revision}: rows are only ever inserted; a revision's files are
 * listed in its {@code files} column (see {@link FlowFileLines}), their bytes are artifacts. Saves are
 * serialised within the process (the workspace lock keeps other processes out), so "read the latest,
 * insert the next" is atomic. {@code createdAt} is kept to the millisecond. Thread-safe.
 */
final class SqlFlowStore implements FlowStore {

    private static final String COLUMNS = "flow_id, revision, source, sha256, created_at, files";

    private final Database database;
    private final Object saveLock = new Object();

    SqlFlowStore(Database database) {
        this.database = database;
    }

    @Override
    public SaveResult save(String flowId, String source, String sha256, List<FlowFile> files, Instant at) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(at, "at");
        synchronized (saveLock) {
            return database.inTransaction("save flow " + flowId, connection -> {
                Optional<FlowRevision> latest = latest(connection, flowId);
                if (latest.isPresent() && latest.get().sha256().equals(sha256)) {
                    return new SaveResult(latest.get(), false);
                }
                FlowRevision next = new FlowRevision(flowId, latest.map(FlowRevision::revision).orElse(0) + 1,
                        source, sha256, Instant.ofEpochMilli(at.toEpochMilli()), files);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO flow_revision (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, next.flowId());
                    insert.setInt(2, next.revision());
                    insert.setString(3, next.source());
                    insert.setString(4, next.sha256());
                    insert.setLong(5, next.createdAt().toEpochMilli());
                    insert.setString(6, FlowFileLines.write(next.files()));
                    insert.executeUpdate();
                }
                return new SaveResult(next, true);
            });
        }
    }

    @Override
    public Optional<FlowRevision> latest(String flowId) {
        return database.read("read flow " + flowId, connection -> latest(connection, flowId));
    }

    private static Optional<FlowRevision> latest(Connection connection, String flowId) throws SQLException {
        return select(connection, "SELECT " + COLUMNS + " FROM flow_revision WHERE flow_id = ?"
                + " ORDER BY revision DESC LIMIT 1", flowId).stream().findFirst();
    }

    @Override
    public OptionalInt latestRevision(String flowId) {
        return database.read("read flow " + flowId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT MAX(revision) FROM flow_revision WHERE flow_id = ?")) {
                statement.setString(1, flowId);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    int latest = row.getInt(1);
                    return row.wasNull() ? OptionalInt.empty() : OptionalInt.of(latest);
                }
            }
        });
    }

    @Override
    public Optional<FlowRevision> revision(String flowId, int revision) {
        return database.read("read revision " + revision + " of flow " + flowId, connection -> select(connection,
                "SELECT " + COLUMNS + " FROM flow_revision WHERE flow_id = ? AND revision = ?", flowId, revision))
                .stream().findFirst();
    }

    @Override
    public List<FlowRevision> revisions(String flowId) {
        return database.read("read the revisions of flow " + flowId, connection -> select(connection,
                "SELECT " + COLUMNS + " FROM flow_revision WHERE flow_id = ? ORDER BY revision", flowId));
    }

    @Override
    public List<FlowRevision> latestOfEach() {
        return database.read("list flows", connection -> select(connection, "SELECT " + COLUMNS
                + " FROM flow_revision f WHERE revision = (SELECT MAX(g.revision) FROM flow_revision g"
                + " WHERE g.flow_id = f.flow_id) ORDER BY flow_id"));
    }

    private static List<FlowRevision> select(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                List<FlowRevision> revisions = new ArrayList<>();
                while (row.next()) {
                    revisions.add(new FlowRevision(row.getString(1), row.getInt(2), row.getString(3),
                            row.getString(4), Instant.ofEpochMilli(row.getLong(5)),
                            FlowFileLines.read(row.getString(6))));
                }
                return revisions;
            }
        }
    }
}
