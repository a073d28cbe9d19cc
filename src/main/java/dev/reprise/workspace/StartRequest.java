package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.RequestValues;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * Start a run of {@code flowId} at {@code revision} (latest if null). {@code parameters} are flow inputs
 * as JSON values or text (text is converted to the input's type); missing ones take their defaults. A run
 * without a {@code name} has none. {@code stepInputs} ({@code step → input → value}, a step or a fan-out
 * instance such as {@code count[2]}) are given to those steps in place of what their templates would give.
 */
public record StartRequest(String flowId, @Nullable Integer revision, Map<String, JsonNode> parameters,
                           @Nullable String name, Map<String, String> labels, Map<String, String> env,
                           Map<String, Map<String, JsonNode>> stepInputs) {

    public StartRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        env = env == null ? Map.of() : Map.copyOf(env);
        stepInputs = new RequestValues(null, stepInputs, null).stepInputs();
    }

    /** A start without step inputs. */
    public StartRequest(String flowId, @Nullable Integer revision, Map<String, JsonNode> parameters,
                        @Nullable String name, Map<String, String> labels, Map<String, String> env) {
        this(flowId, revision, parameters, name, labels, env, Map.of());
    }

    public static StartRequest of(String flowId) {
        return new StartRequest(flowId, null, Map.of(), null, Map.of(), Map.of());
    }

    public StartRequest withParameters(Map<String, JsonNode> newParameters) {
        return new StartRequest(flowId, revision, newParameters, name, labels, env, stepInputs);
    }

    public StartRequest withStepInputs(Map<String, Map<String, JsonNode>> newStepInputs) {
        return new StartRequest(flowId, revision, parameters, name, labels, env, newStepInputs);
    }

    public StartRequest withName(String newName) {
        return new StartRequest(flowId, revision, parameters, newName, labels, env, stepInputs);
    }

    /** The values this request gives: flow inputs and step inputs, each at its path. */
    public RequestValues values() {
        return new RequestValues(parameters, stepInputs, null);
    }

    /** This request with {@code values}' flow inputs and step inputs (a start injects no outputs). */
    public StartRequest withValues(RequestValues values) {
        return withParameters(values.parameters()).withStepInputs(values.stepInputs());
    }
}
