package dev.reprise.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.engine.SnapshotStore;
import dev.reprise.run.Snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SnapshotStore} on the H2 table {@code snapshot}: rows are inserted and deleted, never changed. Thread-safe. */
final class SqlSnapshotStore implements SnapshotStore {

    private static final String COLUMNS = "name, flow_id, revision, parameters, step_inputs, description, created_at, "
            + "source_run_id, labels, env, run_name";
    private static final TypeReference<Map<String, JsonNode>> VALUES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Map<String, JsonNode>>> STEP_VALUES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {
    };

    private final Database database;
    private final ObjectMapper mapper;
    private final Object insertLock = new Object();

    SqlSnapshotStore(Database database, ObjectMapper mapper) {
        this.database = database;
        this.mapper = mapper;
    }

    @Override
    public boolean insert(Snapshot snapshot) {
        synchronized (insertLock) {
            return database.inTransaction("save snapshot " + snapshot.name(), connection -> {
                if (!select(connection, " WHERE name = ?", snapshot.name()).isEmpty()) {
                    return false;
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO snapshot (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, snapshot.name());
                    insert.setString(2, snapshot.flowId());
                    insert.setInt(3, snapshot.revision());
                    insert.setString(4, json(snapshot.parameters()));
                    insert.setString(5, json(snapshot.stepInputs()));
                    insert.setString(6, snapshot.description());
                    insert.setLong(7, snapshot.createdAt().toEpochMilli());
                    if (snapshot.sourceRunId() == null) {
                        insert.setNull(8, Types.VARCHAR);
                    } else {
                        insert.setString(8, snapshot.sourceRunId());
                    }
                    insert.setString(9, json(snapshot.labels()));
                    insert.setString(10, json(snapshot.env()));
                    if (snapshot.runName() == null) {
                        insert.setNull(11, Types.VARCHAR);
                    } else {
                        insert.setString(11, snapshot.runName());
                    }
                    insert.executeUpdate();
                }
                return true;
            });
        }
    }

    @Override
    public Optional<Snapshot> find(String name) {
        return database.read("read snapshot " + name, connection -> select(connection, " WHERE name = ?", name))
                .stream().findFirst();
    }

    @Override
    public List<Snapshot> all() {
        return database.read("list snapshots", connection -> select(connection, " ORDER BY name"));
    }

    @Override
    public List<Snapshot> ofFlow(String flowId) {
        return database.read("list snapshots of " + flowId,
                connection -> select(connection, " WHERE flow_id = ? ORDER BY name", flowId));
    }

    @Override
    public boolean delete(String name) {
        return database.inTransaction("delete snapshot " + name, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM snapshot WHERE name = ?")) {
                delete.setString(1, name);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private List<Snapshot> select(Connection connection, String where, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM snapshot" + where)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                List<Snapshot> found = new ArrayList<>();
                while (row.next()) {
                    found.add(new Snapshot(row.getString(1), row.getString(2), row.getInt(3),
                            read(row.getString(4), VALUES), read(row.getString(5), STEP_VALUES), row.getString(6),
                            Instant.ofEpochMilli(row.getLong(7)), row.getString(8), read(row.getString(9), TEXTS),
                            read(row.getString(10), TEXTS), row.getString(11)));
                }
                return found;
            }
        }
    }

    private String json(Map<String, ?> map) {
        if (map.isEmpty()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a snapshot's values as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T extends Map<?, ?>> T read(String text, TypeReference<T> type) {
        try {
            return text == null ? mapper.readValue("{}", type) : mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored snapshot cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
