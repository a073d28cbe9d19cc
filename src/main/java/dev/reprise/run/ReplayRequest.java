package dev.reprise.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.jspecify.annotations.Nullable;

import java.io.IOException;

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
        @JsonDeserialize(using = RevisionText.class) String revision,
        Map<String, String> env,
        Map<String, String> labels,
        @Nullable String name) {

    public static final String ORIGINAL = RevisionChoice.ORIGINAL;
    public static final String LATEST = RevisionChoice.LATEST;

    public ReplayRequest {
        scope = scope == null ? ReplayScope.whole() : scope;
        RequestValues values = new RequestValues(parameterOverrides, stepInputOverrides, outputOverrides);
        parameterOverrides = values.parameters();
        stepInputOverrides = values.stepInputs();
        outputOverrides = values.outputs();
        revision = revision == null || revision.isBlank() ? ORIGINAL : revision.trim();
        env = copy(env);
        labels = copy(labels);
    }

    /** The revision this request chooses; throws {@link IllegalArgumentException} when its text names none. */
    public RevisionChoice revisionChoice() {
        return RevisionChoice.parse(revision);
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

    /** The values this request gives: parameter, step input and output overrides, each at its path. */
    public RequestValues values() {
        return new RequestValues(parameterOverrides, stepInputOverrides, outputOverrides);
    }

    public ReplayRequest withValues(RequestValues values) {
        return new ReplayRequest(scope, values.parameters(), values.stepInputs(), values.outputs(), revision, env,
                labels, name);
    }

    /** True if the replay changes what steps receive: parameters, step inputs or injected outputs. */
    public boolean modifies() {
        return !parameterOverrides.isEmpty() || !stepInputOverrides.isEmpty() || !outputOverrides.isEmpty();
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * Reads {@code revision} from JSON as text: a string, or a whole number written as one ({@code 2}); a
     * fraction, a boolean, a list or an object is refused rather than turned into text. Which texts name a
     * revision is decided where the replay is prepared. Stateless.
     */
    static final class RevisionText extends StdScalarDeserializer<String> {

        private static final String EXPECTED = "expected a whole number or \"" + ORIGINAL + "\"/\"" + LATEST + "\"";

        RevisionText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
                return p.getText();
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                throw new InvalidFormatException(p, EXPECTED, p.getNumberValue(), String.class);
            }
            if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                throw new InvalidFormatException(p, EXPECTED, p.getBooleanValue(), String.class);
            }
            throw MismatchedInputException.from(p, String.class, EXPECTED);
        }
    }
}
