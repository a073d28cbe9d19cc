package dev.reprise.flow;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the validator knows of a step type: its declared inputs and their types, which are required, whether it
 * accepts any other input ({@code shell} does: each becomes an environment variable), and {@code oneOf}, inputs
 * of which a step gives exactly one ({@code flow.run} names a snapshot, a flow's latest snapshot or a flow).
 */
public record StepTypeInfo(String type, Map<String, InputType> inputs, Set<String> required, boolean openInputs,
                           @Nullable String description, List<String> oneOf) {

    public StepTypeInfo {
        inputs = Map.copyOf(inputs);
        required = Set.copyOf(required);
        oneOf = oneOf == null ? List.of() : List.copyOf(oneOf);
    }

    /** A type with no inputs of which exactly one is given. */
    public StepTypeInfo(String type, Map<String, InputType> inputs, Set<String> required, boolean openInputs,
                        String description) {
        this(type, inputs, required, openInputs, description, List.of());
    }

    /**
     * Whether {@code step} takes {@code input}: the step gives it in its definition, or its type ({@code type};
     * null when unknown) declares it or takes any input.
     */
    public static boolean takes(StepDef step, StepTypeInfo type, String input) {
        return step.inputs().containsKey(input) || (type != null && (type.openInputs() || type.inputs().containsKey(input)));
    }
}
