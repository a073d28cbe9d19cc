package dev.reprise.run;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to replay a run: the {@link ReplayScope}; {@code parameterOverrides} (flow inputs, as JSON values or
 * text); {@code stepInputOverrides} (step or step instance → input → value; a file value is an artifact
 * reference or a path); {@code outputOverrides} (step → output → value: the step counts as done with these
 * outputs); the {@code revision} to run — {@code original}, {@code latest} or a number; {@code env} and
 * {@code labels} for the new run (labels default to the source run's), and its {@code name}.
 */
public record ReplayRequest(
        ReplayScope scope,
        Map<String, JsonNode> parameterOverrides,
        Map<String, Map<String, JsonNode>> stepInputOverrides,
        Map<String, Map<String, JsonNode>> outputOverrides,
        String revision,
        Map<String, String> env,
        Map<String, String> labels,
        String name) {

    public static final String ORIGINAL = "original";
    public static final String LATEST = "latest";

    public ReplayRequest {
        scope = scope == null ? ReplayScope.whole() : scope;
        parameterOverrides = copy(parameterOverrides);
        stepInputOverrides = copyNested(stepInputOverrides);
        outputOverrides = copyNested(outputOverrides);
        revision = revision == null || revision.isBlank() ? ORIGINAL : revision.trim();
        env = copy(env);
        labels = copy(labels);
    }

    /** Replays the whole run as it was: same revision, same inputs. */
    public static ReplayRequest asIs() {
        return new ReplayRequest(ReplayScope.whole(), null, null, null, ORIGINAL, null, null, null);
    }

    public static ReplayRequest of(ReplayScope scope) {
        return new ReplayRequest(scope, null, null, null, ORIGINAL, null, null, null);
    }

    public ReplayRequest withScope(ReplayScope newScope) {
        return new ReplayRequest(newScope, parameterOverrides, stepInputOverrides, outputOverrides, revision, env,
                labels, name);
    }

    public ReplayRequest withRevision(String newRevision) {
        return new ReplayRequest(scope, parameterOverrides, stepInputOverrides, outputOverrides, newRevision, env,
                labels, name);
    }

    public ReplayRequest withParameters(Map<String, JsonNode> overrides) {
        return new ReplayRequest(scope, overrides, stepInputOverrides, outputOverrides, revision, env, labels, name);
    }

    public ReplayRequest withStepInputs(Map<String, Map<String, JsonNode>> overrides) {
        return new ReplayRequest(scope, parameterOverrides, overrides, outputOverrides, revision, env, labels, name);
    }

    public ReplayRequest withOutputs(Map<String, Map<String, JsonNode>> overrides) {
        return new ReplayRequest(scope, parameterOverrides, stepInputOverrides, overrides, revision, env, labels, name);
    }

    public ReplayRequest withName(String newName) {
        return new ReplayRequest(scope, parameterOverrides, stepInputOverrides, outputOverrides, revision, env,
                labels, newName);
    }

    /** True if the replay changes what steps receive: parameters, step inputs or injected outputs. */
    public boolean modifies() {
        return !parameterOverrides.isEmpty() || !stepInputOverrides.isEmpty() || !outputOverrides.isEmpty();
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static Map<String, Map<String, JsonNode>> copyNested(Map<String, Map<String, JsonNode>> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, Map<String, JsonNode>> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, copy(v)));
        return Collections.unmodifiableMap(out);
    }
}
