package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.AttemptState;
import dev.reprise.run.SuggestedFix;

import java.time.Instant;
import java.util.Map;

/**
 * How one attempt ended, as reported by a {@link StepExecutor}; {@code fix} is what would fix a failure the step
 * could diagnose (null: none).
 */
public record StepOutcome(AttemptState state, Map<String, JsonNode> outputs, Integer exitCode, String error,
                          Instant startedAt, Instant endedAt, boolean hasLog, SuggestedFix fix) {

    public StepOutcome {
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
    }

    /** An outcome without a suggested fix. */
    public StepOutcome(AttemptState state, Map<String, JsonNode> outputs, Integer exitCode, String error,
                       Instant startedAt, Instant endedAt, boolean hasLog) {
        this(state, outputs, exitCode, error, startedAt, endedAt, hasLog, null);
    }
}
