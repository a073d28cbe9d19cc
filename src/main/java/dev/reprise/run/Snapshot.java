package dev.reprise.run;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named, immutable run configuration (ZenML's snapshot, a run template): a flow revision, flow inputs and
 * step inputs, run again and again with overrides of its own. {@code parameters} are the inputs it fixes
 * (the rest take their defaults); {@code stepInputs} are {@code step → input → value}, replacing what the
 * flow's templates would give those steps; {@code sourceRunId} is the run it was made from, if any.
 */
public record Snapshot(String name, String flowId, int revision, Map<String, JsonNode> parameters,
                       Map<String, Map<String, JsonNode>> stepInputs, String description, Instant createdAt,
                       String sourceRunId) {

    public Snapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flowId, "flowId");
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Map<String, Map<String, JsonNode>> steps = new LinkedHashMap<>();
        if (stepInputs != null) {
            stepInputs.forEach((step, inputs) -> steps.put(step,
                    Collections.unmodifiableMap(new LinkedHashMap<>(inputs))));
        }
        stepInputs = Collections.unmodifiableMap(steps);
    }
}
