package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.AttemptState;

import java.time.Instant;
import java.util.Map;

/** How one attempt ended, as reported by a {@link StepExecutor}. */
public record StepOutcome(AttemptState state, Map<String, JsonNode> outputs, Integer exitCode, String error,
                          Instant startedAt, Instant endedAt, boolean hasLog) {

    public StepOutcome {
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
    }
}
