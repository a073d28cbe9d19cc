package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.Flow;
import dev.reprise.flow.InputSpec;
import dev.reprise.flow.InputType;
import dev.reprise.flow.StepDef;
import dev.reprise.flow.StepTypeCatalog;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.run.LocalFile;
import dev.reprise.run.ReplayPlan.PlanError;
import dev.reprise.run.RequestValues;
import dev.reprise.run.StepAddress;
import dev.reprise.run.ValuePath;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the values given to a run fit its flow: each flow input one the flow declares, of its type and within
 * its constraints; each step (or fan-out instance) one of the flow; each step input one its step gives or its
 * step type takes, of the type the step type declares. The one place of these rules for starts and snapshots
 * (through {@link RunInputs}) and for a run configuration checked against a flow file before the file is applied.
 * Pure: it converts and stores nothing; files are checked where they are stored. (A replay's planner checks the
 * same against the source run's instances as well.) Stateless.
 */
public final class FlowValues {

    private FlowValues() {
    }

    /** Every problem of {@code values} given to a run of {@code flow}, each at its field; empty when they fit. */
    public static List<PlanError> problems(Flow flow, StepTypeCatalog types, RequestValues values) {
        List<PlanError> errors = new ArrayList<>();
        values.parameters().forEach((name, value) -> parameterProblem(flow, name, value)
                .ifPresent(problem -> errors.add(PlanError.at(new ValuePath.Parameter(name), problem))));
        values.stepInputs().forEach((address, inputs) -> {
            Optional<String> unknown = unknownStep(flow, address);
            if (unknown.isPresent()) {
                errors.add(PlanError.at(ValuePath.StepInputs.of(address), unknown.get()));
                return;
            }
            StepDef def = flow.steps().get(StepAddress.parse(address).step());
            StepTypeInfo info = types.find(def.type()).orElse(null);
            inputs.forEach((input, value) -> stepInputProblem(def, info, input, value).ifPresent(problem ->
                    errors.add(PlanError.at(ValuePath.StepInput.of(address, input), problem))));
        });
        return errors;
    }

    /**
     * What is wrong with {@code value} for flow input {@code name}: no such input, or a value its type or
     * constraints refuse. A file of this machine is checked once it is stored.
     */
    static Optional<String> parameterProblem(Flow flow, String name, JsonNode value) {
        InputSpec spec = flow.inputs().get(name);
        if (spec == null) {
            return Optional.of(flow.unknownInput("flow '" + flow.id() + "'", name));
        }
        if (LocalFile.isLocalFile(value)) {
            return Optional.empty();
        }
        try {
            spec.check(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Why the step or instance {@code address} is none of {@code flow}'s; empty when it is one. */
    static Optional<String> unknownStep(Flow flow, String address) {
        String name = StepAddress.parse(address).step();
        if (flow.steps().containsKey(name)) {
            return Optional.empty();
        }
        return Optional.of("flow '" + flow.id() + "' has no step '" + name + "' (steps: "
                + String.join(", ", flow.steps().keySet()) + ")");
    }

    /** Why step {@code def} (of type {@code info}; null when unknown) takes no input {@code input}; empty when it does. */
    static Optional<String> unknownStepInput(StepDef def, StepTypeInfo info, String input) {
        return StepTypeInfo.takes(def, info, input) ? Optional.empty()
                : Optional.of("step '" + def.id() + "' (" + def.type() + ") has no input '" + input + "'");
    }

    /** What is wrong with {@code value} for {@code input} of step {@code def}: no such input, or not of its type. */
    private static Optional<String> stepInputProblem(StepDef def, StepTypeInfo info, String input, JsonNode value) {
        Optional<String> unknown = unknownStepInput(def, info, input);
        if (unknown.isPresent()) {
            return unknown;
        }
        InputType declared = info == null ? null : info.inputs().get(input);
        if (declared == null || declared == InputType.FILE || LocalFile.isLocalFile(value)) {
            return Optional.empty();
        }
        try {
            declared.coerce(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(badStepInput(def, input, e));
        }
    }

    /** The message of a value that step input {@code input} of {@code def} refuses. */
    static String badStepInput(StepDef def, String input, IllegalArgumentException e) {
        return "input '" + input + "' of step '" + def.id() + "': " + e.getMessage();
    }
}
