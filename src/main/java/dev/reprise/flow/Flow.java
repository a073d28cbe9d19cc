package dev.reprise.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pipeline definition: typed {@code inputs}, {@code steps} in the order they are written, and named
 * {@code outputs} (templates over step outputs). Build one from a flow file with {@link FlowValidator#load},
 * which reads it with {@link FlowParser} and checks it; {@link FlowParser} alone does not check meaning.
 */
public record Flow(
        String id,
        String description,
        Map<String, InputSpec> inputs,
        Map<String, StepDef> steps,
        Map<String, String> outputs) {

    public Flow {
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        steps = steps == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public StepDef step(String stepId) {
        StepDef step = steps.get(stepId);
        if (step == null) {
            throw new IllegalArgumentException("flow '" + id + "' has no step '" + stepId + "'");
        }
        return step;
    }
}
