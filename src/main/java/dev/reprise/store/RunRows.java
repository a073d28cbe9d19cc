package dev.reprise.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.RunTrigger;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepRunRef;
import dev.reprise.run.StepState;

import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How runs and step runs map to rows of {@code run} and {@code step_run}: the column lists, binding of
 * statement parameters and reading of result rows. Instants are stored as epoch milliseconds, so anything
 * finer than a millisecond is dropped; maps are JSON objects, NULL when empty. JSON values read back as
 * Jackson parses them (an integer as an int node when it fits, a fraction as a double node), so a value
 * built by hand with another node type for the same number (say a long node for 5) reads back equal in
 * JSON but not in {@code equals}. Thread-safe.
 */
final class RunRows {

    static final String RUN_COLUMNS = "id, flow_id, revision, name, state, created_at, started_at, ended_at, "
            + "target, parent_run_id, root_run_id, error, seq, labels, env, parameters, outputs, replay, modified, "
            + "trigger_run_id, trigger_step_id, trigger_attempt";

    static final String STEP_COLUMNS = "step_id, step_name, idx, state, inputs, outputs, reused_run, "
            + "reused_step, attempts, started_at, ended_at, error, seq";

    /** How many columns {@link #RUN_COLUMNS} names, bound by {@link #bindRun} from 1. */
    static final int RUN_COLUMN_COUNT = RUN_COLUMNS.split(",").length;

    /** Inserts or replaces a run, bound by {@link #bindRun}. */
    static String upsertRun(Dialect dialect) {
        return dialect.upsert("run", RUN_COLUMNS, "id");
    }

    /** Inserts or replaces a step run, bound by {@link #bindStep}. */
    static String upsertStep(Dialect dialect) {
        return dialect.upsert("step_run", "run_pk, " + STEP_COLUMNS, "run_pk, step_id");
    }

    private final ObjectMapper mapper;
    private final AttemptsJson attempts;

    RunRows(ObjectMapper mapper) {
        this.mapper = mapper;
        this.attempts = new AttemptsJson(mapper);
    }

    void bindRun(PreparedStatement statement, Run run) throws SQLException {
        if (run.createdAt() == null) {
            throw new IllegalArgumentException("run " + run.id() + " has no createdAt; runs are listed by it");
        }
        statement.setString(1, run.id());
        statement.setString(2, run.flowId());
        statement.setInt(3, run.revision());
        statement.setString(4, run.name());
        statement.setString(5, run.state().name());
        statement.setLong(6, run.createdAt().toEpochMilli());
        setInstant(statement, 7, run.startedAt());
        setInstant(statement, 8, run.endedAt());
        statement.setString(9, run.target());
        statement.setString(10, run.parentRunId());
        statement.setString(11, run.rootRunId());
        statement.setString(12, run.error());
        statement.setLong(13, run.seq());
        statement.setString(14, writeMap(run.labels()));
        statement.setString(15, writeMap(run.env()));
        statement.setString(16, writeMap(run.parameters()));
        statement.setString(17, writeMap(run.outputs()));
        statement.setString(18, run.replay() == null ? null : writeJson(run.replay()));
        statement.setBoolean(19, run.modified());
        RunTrigger trigger = run.trigger();
        statement.setString(20, trigger == null ? null : trigger.runId());
        statement.setString(21, trigger == null ? null : trigger.stepId());
        if (trigger == null) {
            statement.setNull(22, Types.INTEGER);
        } else {
            statement.setInt(22, trigger.attempt());
        }
    }

    /** Reads a run whose {@link #RUN_COLUMNS} start at column {@code first}. */
    Run readRun(ResultSet row, int first) throws SQLException {
        int c = first;
        return Run.builder(row.getString(c), row.getString(c + 1), row.getInt(c + 2))
                .name(row.getString(c + 3))
                .state(RunState.valueOf(row.getString(c + 4)))
                .createdAt(instant(row, c + 5))
                .startedAt(instant(row, c + 6))
                .endedAt(instant(row, c + 7))
                .target(row.getString(c + 8))
                .parentRunId(row.getString(c + 9))
                .rootRunId(row.getString(c + 10))
                .error(row.getString(c + 11))
                .seq(row.getLong(c + 12))
                .labels(readStringMap(row.getString(c + 13)))
                .env(readStringMap(row.getString(c + 14)))
                .parameters(readNodeMap(row.getString(c + 15)))
                .outputs(readNodeMap(row.getString(c + 16)))
                .replay(readReplay(row.getString(c + 17)))
                .modified(row.getBoolean(c + 18))
                .trigger(row.getString(c + 19) == null ? null
                        : new RunTrigger(row.getString(c + 19), row.getString(c + 20), row.getInt(c + 21)))
                .build();
    }

    private String writeJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private ReplayRequest readReplay(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, ReplayRequest.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored replay request cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    void bindStep(PreparedStatement statement, int runPk, StepRun step) throws SQLException {
        statement.setInt(1, runPk);
        statement.setString(2, step.stepId());
        statement.setString(3, step.stepName());
        statement.setInt(4, step.index());
        statement.setString(5, step.state().name());
        statement.setString(6, writeMap(step.inputs()));
        statement.setString(7, writeMap(step.outputs()));
        StepRunRef reused = step.reusedFrom();
        statement.setString(8, reused == null ? null : reused.runId());
        statement.setString(9, reused == null ? null : reused.stepId());
        statement.setString(10, attempts.write(step.attempts()));
        setInstant(statement, 11, step.startedAt());
        setInstant(statement, 12, step.endedAt());
        statement.setString(13, step.error());
        statement.setLong(14, step.seq());
    }

    /** Reads a step run of {@code runId} whose {@link #STEP_COLUMNS} start at column 1. */
    StepRun readStep(ResultSet row, String runId) throws SQLException {
        String reusedRun = row.getString(7);
        return new StepRun(
                runId,
                row.getString(1),
                row.getString(2),
                row.getInt(3),
                StepState.valueOf(row.getString(4)),
                readNodeMap(row.getString(5)),
                readNodeMap(row.getString(6)),
                reusedRun == null ? null : new StepRunRef(reusedRun, row.getString(8)),
                attempts.read(row.getString(9)),
                instant(row, 10),
                instant(row, 11),
                row.getString(12),
                row.getLong(13));
    }

    String writeMap(Map<String, ?> map) {
        if (map.isEmpty()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write as JSON: " + map, e);
        }
    }

    Map<String, String> readStringMap(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree(text).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            map.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText());
        }
        return map;
    }

    Map<String, JsonNode> readNodeMap(String text) {
        if (text == null) {
            return Map.of();
        }
        Map<String, JsonNode> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree(text).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            map.put(field.getKey(), field.getValue());
        }
        return map;
    }

    private JsonNode tree(String text) {
        if (text == null) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored value is not valid JSON: " + text, e);
        }
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, instant.toEpochMilli());
        }
    }

    static Instant instant(ResultSet row, int index) throws SQLException {
        long millis = row.getLong(index);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
