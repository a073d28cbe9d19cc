package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.RequestValues;
import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Create a {@link dev.reprise.run.Snapshot} named {@code name}: of {@code flowId} at {@code revision}
 * (latest if null), or — with {@code fromRunId} — of that run's flow revision, flow inputs, labels and
 * environment, which {@code parameters}, {@code labels} and {@code env} then override. {@code stepInputs} are
 * {@code step → input → value}; {@code runName} names the snapshot's runs (null: {@code snapshot NAME}).
 */
public record SnapshotRequest(String name, @Nullable String flowId, @Nullable Integer revision,
                              @Nullable String fromRunId, Map<String, JsonNode> parameters,
                              Map<String, Map<String, JsonNode>> stepInputs, @Nullable String description,
                              Map<String, String> labels, Map<String, String> env, @Nullable String runName) {

    public SnapshotRequest {
        // in the order given, which the snapshot keeps and prints
        RequestValues values = new RequestValues(parameters, stepInputs, null);
        parameters = values.parameters();
        stepInputs = values.stepInputs();
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    public static SnapshotRequest ofFlow(String name, String flowId) {
        return new SnapshotRequest(name, flowId, null, null, Map.of(), Map.of(), null, Map.of(), Map.of(), null);
    }

    public static SnapshotRequest ofRun(String name, String runId) {
        return new SnapshotRequest(name, null, null, runId, Map.of(), Map.of(), null, Map.of(), Map.of(), null);
    }

    public SnapshotRequest withParameters(Map<String, JsonNode> newParameters) {
        return new SnapshotRequest(name, flowId, revision, fromRunId, newParameters, stepInputs, description, labels,
                env, runName);
    }

    public SnapshotRequest withStepInputs(Map<String, Map<String, JsonNode>> newStepInputs) {
        return new SnapshotRequest(name, flowId, revision, fromRunId, parameters, newStepInputs, description, labels,
                env, runName);
    }

    /** The values this request keeps: flow inputs and step inputs, each at its path. */
    public RequestValues values() {
        return new RequestValues(parameters, stepInputs, null);
    }

    /** This request with {@code values}' flow inputs and step inputs (a snapshot injects no outputs). */
    public SnapshotRequest withValues(RequestValues values) {
        return withParameters(values.parameters()).withStepInputs(values.stepInputs());
    }

    public SnapshotRequest withDescription(String newDescription) {
        return new SnapshotRequest(name, flowId, revision, fromRunId, parameters, stepInputs, newDescription, labels,
                env, runName);
    }

    /** This request with the labels and environment its snapshot's runs carry (over a source run's). */
    public SnapshotRequest withLabelsAndEnv(Map<String, String> newLabels, Map<String, String> newEnv) {
        return new SnapshotRequest(name, flowId, revision, fromRunId, parameters, stepInputs, description, newLabels,
                newEnv, runName);
    }

    public SnapshotRequest withRunName(String newRunName) {
        return new SnapshotRequest(name, flowId, revision, fromRunId, parameters, stepInputs, description, labels,
                env, newRunName);
    }
}
