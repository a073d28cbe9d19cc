package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.RequestValues;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * How to run a snapshot this time: flow inputs and step inputs over the snapshot's own, and the run's name,
 * labels and environment. The run is labelled {@code snapshot=<name>} besides.
 */
public record SnapshotRun(Map<String, JsonNode> parameters, Map<String, Map<String, JsonNode>> stepInputs,
                          @Nullable String name, Map<String, String> labels, Map<String, String> env) {

    public SnapshotRun {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        stepInputs = stepInputs == null ? Map.of() : Map.copyOf(stepInputs);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public static SnapshotRun asIs() {
        return new SnapshotRun(Map.of(), Map.of(), null, Map.of(), Map.of());
    }

    public SnapshotRun withParameters(Map<String, JsonNode> newParameters) {
        return new SnapshotRun(newParameters, stepInputs, name, labels, env);
    }

    public SnapshotRun withStepInputs(Map<String, Map<String, JsonNode>> newStepInputs) {
        return new SnapshotRun(parameters, newStepInputs, name, labels, env);
    }

    /** The values this run of a snapshot puts over the snapshot's: flow inputs and step inputs. */
    public RequestValues values() {
        return new RequestValues(parameters, stepInputs, null);
    }

    public SnapshotRun withValues(RequestValues values) {
        return withParameters(values.parameters()).withStepInputs(values.stepInputs());
    }
}
