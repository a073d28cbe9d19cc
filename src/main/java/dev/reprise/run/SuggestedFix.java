package dev.reprise.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.reprise.flow.FlowSourceEdit;
import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * What would fix a failed attempt that Reprise could diagnose: give input {@code input} of step {@code stepId}
 * (the step of the flow, not an instance of a fan-out) the value {@code suggested} instead of {@code current},
 * the value the attempt received (null: the input was not given and its default was used). {@code summary}
 * says why in words, e.g. "the values match yyyy-MM-dd'T'HH:mm:ss". Carried on the failed {@link Attempt};
 * applied to a flow's YAML by {@link #applyTo}. Immutable.
 */
public record SuggestedFix(
        String summary,
        String stepId,
        String input,
        @Nullable JsonNode current,
        JsonNode suggested) {

    public SuggestedFix {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(input, "input");
        suggested = suggested == null ? JsonNodeFactory.instance.nullNode() : suggested.deepCopy();
        current = current == null || current.isNull() || current.isMissingNode() ? null : current.deepCopy();
    }

    /** The flow's YAML text {@code source} with this fix made, or why it cannot be made there. */
    public FlowSourceEdit.Result applyTo(String source, String fileName) {
        return FlowSourceEdit.setStepInput(source, fileName, stepId, input, current, suggested);
    }

    /** The change in one line: {@code parse.datetime_format: 'yy-MM-dd' → 'yyyy-MM-dd'}. */
    public String change() {
        return stepId + "." + input + ": " + (current == null ? "(not set)" : shown(current)) + " → " + shown(suggested);
    }

    private static String shown(JsonNode value) {
        return value.isTextual() ? "'" + value.asText() + "'" : value.toString();
    }
}
