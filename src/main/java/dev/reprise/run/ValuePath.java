package dev.reprise.run;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a value given to a run sits, in one spelling: a flow input ({@code parameters.month}), a step's input
 * ({@code steps.count[2].inputs.path}) or an injected output ({@code outputs.train.model}), and the groups a
 * step's given inputs and outputs form ({@code steps.count[2]}, {@code outputs.train}). Errors about given values
 * name their field this way, so whoever shows the values (the replay form, a CLI, a client) finds the field an
 * error is about with {@link #parse}. {@link #toString} is the one writer of the spelling.
 */
public sealed interface ValuePath {

    /** A path of a single value, as {@link RequestValues} walks them. */
    sealed interface Leaf extends ValuePath permits Parameter, StepInput, InjectedOutput {
    }

    /** A flow input: {@code parameters.NAME}. */
    record Parameter(String name) implements Leaf {
        public Parameter {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "parameters." + name;
        }
    }

    /** An input of a step or of one instance of a fan-out step: {@code steps.ADDRESS.inputs.NAME}. */
    record StepInput(StepAddress step, String name) implements Leaf {
        public StepInput {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(name, "name");
        }

        /** The input {@code name} of the step at {@code address} (a step's name, or {@code count[2]}). */
        public static StepInput of(String address, String name) {
            return new StepInput(StepAddress.parse(address), name);
        }

        @Override
        public String toString() {
            return "steps." + step + ".inputs." + name;
        }
    }

    /** An output given to a step instead of running it: {@code outputs.ADDRESS.NAME}. */
    record InjectedOutput(StepAddress step, String name) implements Leaf {
        public InjectedOutput {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(name, "name");
        }

        public static InjectedOutput of(String address, String name) {
            return new InjectedOutput(StepAddress.parse(address), name);
        }

        @Override
        public String toString() {
            return "outputs." + step + "." + name;
        }
    }

    /** The inputs given to one step as a whole: {@code steps.ADDRESS}. */
    record StepInputs(StepAddress step) implements ValuePath {
        public StepInputs {
            Objects.requireNonNull(step, "step");
        }

        public static StepInputs of(String address) {
            return new StepInputs(StepAddress.parse(address));
        }

        @Override
        public String toString() {
            return "steps." + step;
        }
    }

    /** The outputs given to one step as a whole: {@code outputs.ADDRESS}. */
    record InjectedOutputs(StepAddress step) implements ValuePath {
        public InjectedOutputs {
            Objects.requireNonNull(step, "step");
        }

        public static InjectedOutputs of(String address) {
            return new InjectedOutputs(StepAddress.parse(address));
        }

        @Override
        public String toString() {
            return "outputs." + step;
        }
    }

    /**
     * The path {@code field} spells, or empty when it names no given value (such as {@code scope} or
     * {@code revision}, or a name with a dot in it, which no flow declares).
     */
    static Optional<ValuePath> parse(String field) {
        if (field == null) {
            return Optional.empty();
        }
        String[] parts = field.split("\\.", -1);
        if (Arrays.stream(parts).anyMatch(String::isEmpty)) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (parts[0]) {
            case "parameters" -> parts.length == 2 ? new Parameter(parts[1]) : null;
            case "steps" -> parts.length == 2 ? StepInputs.of(parts[1])
                    : parts.length == 4 && parts[2].equals("inputs") ? StepInput.of(parts[1], parts[3]) : null;
            case "outputs" -> parts.length == 2 ? InjectedOutputs.of(parts[1])
                    : parts.length == 3 ? InjectedOutput.of(parts[1], parts[2]) : null;
            default -> null;
        });
    }
}
