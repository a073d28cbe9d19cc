package dev.reprise.run;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * The values a request gives a run — flow inputs, step inputs by step address, injected outputs by step
 * address — walked in one way, each at its {@link ValuePath}. Starts, snapshots and replays hand their values
 * over as this, so that uploading a client's files, refusing them on a server, converting them in the workspace
 * and dropping them for a remote plan each walk the same values and name them alike. Immutable.
 */
public record RequestValues(Map<String, JsonNode> parameters, Map<String, Map<String, JsonNode>> stepInputs,
                            Map<String, Map<String, JsonNode>> outputs) {

    public RequestValues {
        parameters = copy(parameters);
        stepInputs = copyNested(stepInputs);
        outputs = copyNested(outputs);
    }

    public static RequestValues ofParameters(Map<String, JsonNode> parameters) {
        return new RequestValues(parameters, null, null);
    }

    /** Every value with its path: the flow inputs, then each step's inputs, then each step's outputs. */
    public void forEach(BiConsumer<ValuePath.Leaf, JsonNode> action) {
        parameters.forEach((name, value) -> action.accept(new ValuePath.Parameter(name), value));
        forEachByStep(stepInputs, ValuePath.StepInput::new, action);
        forEachByStep(outputs, ValuePath.InjectedOutput::new, action);
    }

    private static void forEachByStep(Map<String, Map<String, JsonNode>> byStep,
                                      BiFunction<StepAddress, String, ValuePath.Leaf> pathOf,
                                      BiConsumer<ValuePath.Leaf, JsonNode> action) {
        byStep.forEach((address, values) -> {
            StepAddress step = StepAddress.parse(address);
            values.forEach((name, value) -> action.accept(pathOf.apply(step, name), value));
        });
    }

    /** These values, each replaced by what {@code f} makes of it at its path, in the same order. */
    public RequestValues map(BiFunction<ValuePath.Leaf, JsonNode, JsonNode> f) {
        return transform(f, (path, value) -> true);
    }

    /**
     * The values {@code keep} accepts, in the same order; a step whose values were all left out is left out too
     * (a step given no values at all stays, for its checks to say so).
     */
    public RequestValues filter(BiPredicate<ValuePath.Leaf, JsonNode> keep) {
        return transform((path, value) -> value, keep);
    }

    private RequestValues transform(BiFunction<ValuePath.Leaf, JsonNode, JsonNode> f,
                                    BiPredicate<ValuePath.Leaf, JsonNode> keep) {
        Map<String, JsonNode> newParameters = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            ValuePath.Parameter path = new ValuePath.Parameter(name);
            if (keep.test(path, value)) {
                newParameters.put(name, f.apply(path, value));
            }
        });
        return new RequestValues(newParameters, byStep(stepInputs, ValuePath.StepInput::new, f, keep),
                byStep(outputs, ValuePath.InjectedOutput::new, f, keep));
    }

    private static Map<String, Map<String, JsonNode>> byStep(Map<String, Map<String, JsonNode>> byStep,
                                                             BiFunction<StepAddress, String, ValuePath.Leaf> pathOf,
                                                             BiFunction<ValuePath.Leaf, JsonNode, JsonNode> f,
                                                             BiPredicate<ValuePath.Leaf, JsonNode> keep) {
        Map<String, Map<String, JsonNode>> result = new LinkedHashMap<>();
        byStep.forEach((address, values) -> {
            StepAddress step = StepAddress.parse(address);
            Map<String, JsonNode> mapped = new LinkedHashMap<>();
            values.forEach((name, value) -> {
                ValuePath.Leaf path = pathOf.apply(step, name);
                if (keep.test(path, value)) {
                    mapped.put(name, f.apply(path, value));
                }
            });
            if (values.isEmpty() || !mapped.isEmpty()) {
                result.put(address, mapped);
            }
        });
        return result;
    }

    private static Map<String, JsonNode> copy(Map<String, JsonNode> map) {
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
