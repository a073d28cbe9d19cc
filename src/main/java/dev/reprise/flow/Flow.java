package dev.reprise.flow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline definition: typed {@code inputs}, {@code steps} in the order they are written, named
 * {@code outputs} (templates over step outputs), and {@code python}, the interpreter of its python steps
 * that name none (null: {@code python3} on the PATH; the parser gives it to each such step). A flow kept as a
 * folder names its other {@code files} as globs (empty: every file of the folder but the usual clutter), and
 * {@code code} lists the files of the revision it came from, which its steps find in their working folder.
 * Build one from a
 * flow file with {@link FlowValidator#load}, which reads it with {@link FlowParser} and checks it;
 * {@link FlowParser} alone does not check meaning.
 */
public record Flow(
        String id,
        String description,
        Map<String, InputSpec> inputs,
        Map<String, StepDef> steps,
        Map<String, String> outputs,
        String python,
        List<String> files,
        List<FlowFile> code) {

    public Flow {
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        steps = steps == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        files = files == null ? List.of() : List.copyOf(files);
        code = code == null ? List.of() : List.copyOf(code);
    }

    /** This flow with {@code code}, the files of the revision it was read from (empty for a flow file alone). */
    public Flow withCode(List<FlowFile> code) {
        return new Flow(id, description, inputs, steps, outputs, python, files, code);
    }

    public StepDef step(String stepId) {
        StepDef step = steps.get(stepId);
        if (step == null) {
            throw new IllegalArgumentException("flow '" + id + "' has no step '" + stepId + "'");
        }
        return step;
    }

    /**
     * What is wrong with a value given for {@code name}, which is no input of this flow, called {@code owner}
     * in the message (e.g. {@code flow 'trips' revision 2}); the inputs it has are named.
     */
    public String unknownInput(String owner, String name) {
        return owner + " has no input '" + name + "'"
                + (inputs.isEmpty() ? "" : " (inputs: " + String.join(", ", inputs.keySet()) + ")");
    }

    /**
     * The inputs of a run of this flow: given values converted to their types and checked, defaults for the
     * rest; throws {@link FlowException} with every unknown, missing or bad value (problems without a place).
     */
    public Map<String, JsonNode> parameters(Map<String, JsonNode> given) {
        List<Problem> problems = new ArrayList<>();
        given.keySet().stream().filter(name -> !inputs.containsKey(name)).sorted().forEach(name ->
                problems.add(Problem.of(unknownInput("flow '" + id + "'", name))));
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        for (InputSpec spec : inputs.values()) {
            JsonNode value = given.get(spec.name());
            if (value == null) {
                if (spec.required()) {
                    problems.add(missing(spec));
                    continue;
                }
                value = spec.defaultValue();
            }
            try {
                parameters.put(spec.name(), spec.check(value));
            } catch (IllegalArgumentException e) {
                problems.add(Problem.of(e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new FlowException(problems);
        }
        return parameters;
    }

    /** A problem for each required input (one without a default) that {@code given} names no value for. */
    public List<Problem> missingInputs(Collection<String> given) {
        return inputs.values().stream().filter(spec -> spec.required() && !given.contains(spec.name()))
                .map(Flow::missing).toList();
    }

    private static Problem missing(InputSpec spec) {
        return Problem.of("input '" + spec.name() + "' is required (" + spec.type().id() + ")");
    }
}
