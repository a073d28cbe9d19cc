package dev.reprise.flow;

import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.Set;

/**
 * What the validator knows of a step type: its declared inputs and their types, which are required, and
 * whether it accepts any other input ({@code shell} does: each becomes an environment variable).
 */
public record StepTypeInfo(String type, Map<String, InputType> inputs, Set<String> required, boolean openInputs,
                           @Nullable String description) {

    public StepTypeInfo {
        inputs = Map.copyOf(inputs);
        required = Set.copyOf(required);
    }

    /**
     * Whether {@code step} takes {@code input}: the step gives it in its definition, or its type ({@code type};
     * null when unknown) declares it or takes any input.
     */
    public static boolean takes(StepDef step, StepTypeInfo type, String input) {
        return step.inputs().containsKey(input) || (type != null && (type.openInputs() || type.inputs().containsKey(input)));
    }
}
