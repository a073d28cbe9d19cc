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
 * fresh run) and {@code rootRunId} the first run of its lineage (itself for a fresh run); {@code replay} is
 * the request that made a replay, and {@code modified} is true when that request changed what steps received
 * (parameters, step inputs, injected outputs). {@code outputs} are the flow's declared outputs, evaluated
 * when the run succeeded. {@code seq} is the last event sequence number of this run. Immutable: every change
 * returns a new instance.
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
        long seq,
        Map<String, JsonNode> outputs,
        ReplayRequest replay,
        boolean modified) {

    /** The longest run name, label key and label value: what the store keeps, so refused before it is asked. */
    public static final int MAX_NAME = 1000;
    public static final int MAX_LABEL_KEY = 200;
    public static final int MAX_LABEL_VALUE = 1000;

    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(state, "state");
        requireAtMost("name", name, MAX_NAME);
        if (labels != null) {
            labels.forEach((key, value) -> {
                requireAtMost("a label's key", key, MAX_LABEL_KEY);
                requireAtMost("label " + (key.length() > 40 ? key.substring(0, 40) + "…" : key), value,
                        MAX_LABEL_VALUE);
            });
        }
        labels = copy(labels);
        env = copy(env);
        parameters = copy(parameters);
        outputs = copy(outputs);
    }

    /** A fresh run (not a replay) without outputs yet. */
    public Run(String id, String flowId, int revision, String name, Map<String, String> labels,
               Map<String, String> env, Map<String, JsonNode> parameters, RunState state, Instant createdAt,
               Instant startedAt, Instant endedAt, String target, String parentRunId, String rootRunId,
               String error, long seq) {
        this(id, flowId, revision, name, labels, env, parameters, state, createdAt, startedAt, endedAt, target,
                parentRunId, rootRunId, error, seq, Map.of(), null, false);
    }

    /**
     * A new run as it is first recorded: {@code QUEUED} at {@code createdAt}, executed here ({@code local}), the
     * root of its own lineage, its first change numbered 1. A replay adds its lineage with {@link #asReplay}.
     */
    public static Run queued(String id, String flowId, int revision, String name, Map<String, String> labels,
                             Map<String, String> env, Map<String, JsonNode> parameters, Instant createdAt) {
        return new Run(id, flowId, revision, name, labels, env, parameters, RunState.QUEUED, createdAt, null, null,
                "local", null, id, null, 1);
    }

    private static void requireAtMost(String what, String text, int max) {
        if (text != null && text.length() > max) {
            throw new IllegalArgumentException(what + " is " + text.length() + " characters long; at most "
                    + max + " are allowed");
        }
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** This run moved to {@code next} (a checked transition), keeping its sequence number until committed. */
    public Run withState(RunState next) {
        return withState(next, seq);
    }

    public Run withState(RunState next, long newSeq) {
        return new Run(id, flowId, revision, name, labels, env, parameters, state.moveTo(next), createdAt,
                startedAt, endedAt, target, parentRunId, rootRunId, error, newSeq, outputs, replay, modified);
    }

    public Run withSeq(long newSeq) {
        return new Run(id, flowId, revision, name, labels, env, parameters, state, createdAt,
                startedAt, endedAt, target, parentRunId, rootRunId, error, newSeq, outputs, replay, modified);
    }

    public Run withTimes(Instant newStartedAt, Instant newEndedAt) {
        return new Run(id, flowId, revision, name, labels, env, parameters, state, createdAt,
                newStartedAt, newEndedAt, target, parentRunId, rootRunId, error, seq, outputs, replay, modified);
    }

    public Run withOutputs(Map<String, JsonNode> newOutputs) {
        return new Run(id, flowId, revision, name, labels, env, parameters, state, createdAt,
                startedAt, endedAt, target, parentRunId, rootRunId, error, seq, newOutputs, replay, modified);
    }

    /** This run as a replay of {@code parent} in the lineage rooted at {@code root}, made by {@code request}. */
    public Run asReplay(String parent, String root, ReplayRequest request) {
        return new Run(id, flowId, revision, name, labels, env, parameters, state, createdAt,
                startedAt, endedAt, target, parent, root, error, seq, outputs, request, request.modifies());
    }

    public Run withError(String newError) {
        return new Run(id, flowId, revision, name, labels, env, parameters, state, createdAt,
                startedAt, endedAt, target, parentRunId, rootRunId, newError, seq, outputs, replay, modified);
    }
}
