package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.RequestValues;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * Start a run of {@code flowId} at {@code revision} (latest if null). {@code parameters} are flow inputs
 * as JSON values or text (text is converted to the input's type); missing ones take their defaults. A run
 * without a {@code name} has none.
 */
public record StartRequest(String flowId, @Nullable Integer revision, Map<String, JsonNode> parameters,
                           @Nullable String name, Map<String, String> labels, Map<String, String> env) {

    public StartRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public static StartRequest of(String flowId) {
        return new StartRequest(flowId, null, Map.of(), null, Map.of(), Map.of());
    }

    public StartRequest withParameters(Map<String, JsonNode> newParameters) {
        return new StartRequest(flowId, revision, newParameters, name, labels, env);
    }

    public StartRequest withName(String newName) {
        return new StartRequest(flowId, revision, parameters, newName, labels, env);
    }

    /** The values this request gives: flow inputs only. */
    public RequestValues values() {
        return RequestValues.ofParameters(parameters);
    }
}
