package dev.reprise.run;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One execution of a flow revision. {@code parameters} are the resolved flow inputs; {@code target} says
 * where it ran ({@code local} or a server). Lineage: {@code parentRunId} is the run it replays (null for a
 * fresh run) and {@code rootRunId} the first run of its lineage (itself for a fresh run). {@code seq} is
 * the last event sequence number of this run. Immutable: every change returns a new instance.
 */
public record Run(
        String id,
        String flowId,
        int revision,
        String name,
        Map<String, String> labels,
        Map<String, String> env,
        Map<String, JsonNode> parameters,
        RunState state,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        String target,
        String parentRunId,
        String rootRunId,
        String error,
        long seq) {

    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(state, "state");
        labels = copy(labels);
        env = copy(env);
        parameters = copy(parameters);
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public Run withState(RunState next, long newSeq) {
        return new Run(id, flowId, revision, name, labels, env, parameters, state.moveTo(next), createdAt,
                startedAt, endedAt, target, parentRunId, rootRunId, error, newSeq);
    }

    public Run withSeq(long newSeq) {
        return new Run(id, flowId, revision, name, labels, env, parameters, state, createdAt,
                startedAt, endedAt, target, parentRunId, rootRunId, error, newSeq);
    }

    public Run withTimes(Instant newStartedAt, Instant newEndedAt) {
        return new Run(id, flowId, revision, name, labels, env, parameters, state, createdAt,
                newStartedAt, newEndedAt, target, parentRunId, rootRunId, error, seq);
    }

    public Run withError(String newError) {
        return new Run(id, flowId, revision, name, labels, env, parameters, state, createdAt,
                startedAt, endedAt, target, parentRunId, rootRunId, newError, seq);
    }
}
