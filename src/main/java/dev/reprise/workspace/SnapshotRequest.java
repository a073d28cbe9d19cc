package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.RequestValues;

import java.util.Map;

/**
 * Create a {@link dev.reprise.run.Snapshot} named {@code name}: of {@code flowId} at {@code revision}
 * (latest if null), or — with {@code fromRunId} — of that run's flow revision and flow inputs, which
 * {@code parameters} then override. {@code stepInputs} are {@code step → input → value}.
 */
public record SnapshotRequest(String name, String flowId, Integer revision, String fromRunId,
                              Map<String, JsonNode> parameters, Map<String, Map<String, JsonNode>> stepInputs,
                              String description) {

    public SnapshotRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        stepInputs = stepInputs == null ? Map.of() : Map.copyOf(stepInputs);
    }

    public static SnapshotRequest ofFlow(String name, String flowId) {
        return new SnapshotRequest(name, flowId, null, null, Map.of(), Map.of(), null);
    }

    public static SnapshotRequest ofRun(String name, String runId) {
        return new SnapshotRequest(name, null, null, runId, Map.of(), Map.of(), null);
    }

    public SnapshotRequest withParameters(Map<String, JsonNode> newParameters) {
        return new SnapshotRequest(name, flowId, revision, fromRunId, newParameters, stepInputs, description);
    }

    public SnapshotRequest withStepInputs(Map<String, Map<String, JsonNode>> newStepInputs) {
        return new SnapshotRequest(name, flowId, revision, fromRunId, parameters, newStepInputs, description);
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
        return new SnapshotRequest(name, flowId, revision, fromRunId, parameters, stepInputs, newDescription);
    }
}
