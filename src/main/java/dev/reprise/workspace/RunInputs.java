package dev.reprise.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.engine.ArtifactStore;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowException;
import dev.reprise.flow.InputSpec;
import dev.reprise.flow.InputType;
import dev.reprise.flow.Problem;
import dev.reprise.flow.StepDef;
import dev.reprise.flow.StepTypeCatalog;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Json;
import dev.reprise.run.LocalFile;
import dev.reprise.run.ReplayPlan.PlanError;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.RequestValues;
import dev.reprise.run.StepAddress;
import dev.reprise.run.ValuePath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where values given from outside become what a run receives, for starts, snapshots and
 * replays alike: flow inputs checked against their types with defaults, step inputs converted to the types
 * their step type declares, artifact references checked against the workspace's artifacts, and files (a
 * {@link LocalFile}, or a path given to a file input) stored as artifacts, or only described for a plan. Each
 * problem is reported at its field. Thread-safe.
 */
final class RunInputs {

    private static final ObjectMapper JSON = Json.newMapper();

    private final ArtifactStore artifacts;
    private final StepTypeCatalog types;

    RunInputs(ArtifactStore artifacts, StepTypeCatalog types) {
        this.artifacts = artifacts;
        this.types = types;
    }


    /** The flow inputs and step inputs of a new run, as it will receive them. */
    record ForRun(Map<String, JsonNode> parameters, Map<String, Map<String, JsonNode>> stepInputs) {
    }

    /**
     * The flow inputs ({@link #forRun}) and step inputs ({@link #stepInputs}) of a new run: every value that does
     * not fit the flow is reported at once, with every required input missing, before any file is stored.
     */
    ForRun forNewRun(Flow flow, Map<String, JsonNode> parameters, Map<String, Map<String, JsonNode>> stepInputs) {
        List<PlanError> errors = new ArrayList<>(FlowValues.problems(flow, types,
                new RequestValues(parameters, stepInputs, null)));
        Map<String, Map<String, JsonNode>> checked = errors.isEmpty() ? stepInputs(flow, stepInputs, errors) : Map.of();
        refuse(errors, flow, parameters);
        return new ForRun(forRun(flow, parameters), checked);
    }

    /**
     * The flow's inputs for a run, checked, with defaults, and with files stored as artifacts. A given value the
     * flow does not take is reported at its field, with every required input missing, before anything is stored.
     */
    Map<String, JsonNode> forRun(Flow flow, Map<String, JsonNode> values) {
        List<PlanError> fileErrors = new ArrayList<>();
        RequestValues given = RequestValues.ofParameters(values);
        given.forEach((path, value) -> checkArtifacts(value, path, fileErrors));
        values.forEach((name, value) -> FlowValues.parameterProblem(flow, name, value).ifPresent(problem ->
                fileErrors.add(PlanError.at(new ValuePath.Parameter(name), problem))));
        refuse(fileErrors, flow, values);
        Map<String, JsonNode> parameters = new LinkedHashMap<>(checkParameters(flow, given.map((path, value) ->
                LocalFile.isLocalFile(value) ? ingest(value, path, fileErrors, true) : value).parameters()));
        flow.inputs().values().stream().filter(spec -> spec.type() == InputType.FILE)
                .forEach(spec -> parameters.computeIfPresent(spec.name(),
                        (name, value) -> ingest(value, new ValuePath.Parameter(name), fileErrors, true)));
        refuse(fileErrors);
        return parameters;
    }

    /**
     * Throws {@link InvalidInputException} with each error, at its field, and each required input of {@code flow}
     * that {@code parameters} misses, when there are errors.
     */
    static void refuse(List<PlanError> errors, Flow flow, Map<String, JsonNode> parameters) {
        if (!errors.isEmpty()) {
            List<Problem> problems = new ArrayList<>(errors.stream().map(e -> Problem.of(e.toString())).toList());
            problems.addAll(flow.missingInputs(parameters.keySet()));
            throw new InvalidInputException(problems);
        }
    }

    /** Throws {@link InvalidInputException} with each error, at its field, when there are any. */
    static void refuse(List<PlanError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.stream().map(e -> Problem.of(e.toString())).toList());
        }
    }


    /**
     * Step inputs as a run will receive them: each step (or instance) known to the flow, each input one its step
     * declares (or its step type takes), typed values converted, files stored as artifacts.
     */
    Map<String, Map<String, JsonNode>> stepInputs(Flow flow, Map<String, Map<String, JsonNode>> given,
                                                  List<PlanError> errors) {
        Map<String, Map<String, JsonNode>> checked = new LinkedHashMap<>();
        given.forEach((address, inputs) -> {
            Optional<String> unknownStep = FlowValues.unknownStep(flow, address);
            if (unknownStep.isPresent()) {
                errors.add(PlanError.at(ValuePath.StepInputs.of(address), unknownStep.get()));
                return;
            }
            StepDef def = flow.steps().get(StepAddress.parse(address).step());
            StepTypeInfo info = types.find(def.type()).orElse(null);
            Map<String, JsonNode> values = new LinkedHashMap<>();
            inputs.forEach((input, value) -> {
                ValuePath field = ValuePath.StepInput.of(address, input);
                Optional<String> unknownInput = FlowValues.unknownStepInput(def, info, input);
                if (unknownInput.isPresent()) {
                    errors.add(PlanError.at(field, unknownInput.get()));
                    return;
                }
                try {
                    values.put(input, stepInputValue(info, input, value, field, errors, true));
                } catch (IllegalArgumentException e) {
                    errors.add(PlanError.at(field, FlowValues.badStepInput(def, input, e)));
                }
            });
            checked.put(address, values);
        });
        return checked;
    }


    /**
     * The request with its values in canonical form: step inputs converted to the types their step type
     * declares (text that reads as JSON becomes JSON for untyped inputs), and files — {@link LocalFile}s, and
     * paths given to file inputs — stored as artifacts (described only, for a plan), so that the replay
     * records exactly what its steps received and the plan sees the same values.
     */
    ReplayRequest normalize(ReplayRequest request, Flow target, List<PlanError> errors, boolean storeFiles) {
        request.values().forEach((path, value) -> checkArtifacts(value, path, errors));
        return request.withValues(request.values().map((path, value) -> switch (path) {
            case ValuePath.Parameter parameter -> {
                InputSpec spec = target.inputs().get(parameter.name());
                yield spec != null && spec.type() == InputType.FILE || LocalFile.isLocalFile(value)
                        ? ingest(value, path, errors, storeFiles) : value;
            }
            case ValuePath.StepInput input -> {
                StepDef def = target.steps().get(input.step().step());
                StepTypeInfo info = def == null ? null : types.find(def.type()).orElse(null);
                try {
                    yield stepInputValue(info, input.name(), value, path, errors, storeFiles);
                } catch (IllegalArgumentException e) {
                    yield value; // the planner reports it at the field
                }
            }
            case ValuePath.InjectedOutput output ->
                    LocalFile.isLocalFile(value) ? ingest(value, output, errors, storeFiles) : looseJson(value);
        }));
    }


    /**
     * Adds an error for each artifact reference inside a given value that is not a digest or names no artifact of
     * this workspace: a replay must not be accepted with a value that fails only once its step runs.
     */
    void checkArtifacts(JsonNode value, ValuePath field, List<PlanError> errors) {
        if (value == null) {
            return;
        }
        if (value.isObject() && value.has(ArtifactRef.KEY)) {
            JsonNode digest = value.get(ArtifactRef.KEY);
            if (!digest.isTextual() || !ArtifactRef.isDigest(digest.asText())) {
                errors.add(PlanError.at(field, "'" + ArtifactRef.KEY + "' must be the SHA-256 of a stored "
                        + "file (64 lower-case hexadecimal digits), not " + digest));
            } else if (!artifacts.exists(digest.asText())) {
                errors.add(PlanError.at(field, "no artifact " + digest.asText() + " in this workspace"));
            }
            return;
        }
        value.elements().forEachRemaining(child -> checkArtifacts(child, field, errors));
    }


    /**
     * A step input as the step will receive it: a file ({@link LocalFile} or path given to a file input) stored,
     * or only described ({@code storeFiles} false); a value of a typed input converted, which throws
     * {@link IllegalArgumentException} when it does not convert; other text read as JSON where it is JSON.
     */
    private JsonNode stepInputValue(StepTypeInfo type, String input, JsonNode value, ValuePath field,
                                    List<PlanError> errors, boolean storeFiles) {
        InputType declared = type == null ? null : type.inputs().get(input);
        if (declared == InputType.FILE || LocalFile.isLocalFile(value)) {
            return ingest(value, field, errors, storeFiles);
        }
        return declared != null ? declared.coerce(value) : looseJson(value);
    }


    /** Text that reads as a JSON number, boolean, list or object becomes that value; anything else stays. */
    private static JsonNode looseJson(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return value;
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            return value;
        }
        char first = text.charAt(0);
        if (first == '{' || first == '[' || first == '-' || Character.isDigit(first) || text.equals("true")
                || text.equals("false") || text.equals("null")) {
            try {
                return JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return value;
            }
        }
        return value;
    }


    /**
     * A file value: an artifact reference stays; a {@link LocalFile} or a path becomes the reference of the
     * file, stored as an artifact ({@code store}) or only described (a plan stores nothing).
     */
    JsonNode ingest(JsonNode value, ValuePath field, List<PlanError> errors, boolean store) {
        if (value == null || ArtifactRef.isRef(value)) {
            return value;
        }
        Path path;
        try {
            path = LocalFile.from(value).map(LocalFile::path).orElse(Path.of(value.asText()));
        } catch (InvalidPathException e) {
            errors.add(PlanError.at(field, "not a file path: " + e.getReason()));
            return value;
        }
        if (!Files.isRegularFile(path)) {
            errors.add(PlanError.at(field, "no such file: " + path));
            return value;
        }
        if (store) {
            return artifacts.putFile(path, path.getFileName().toString(), null).toJson();
        }
        try {
            return ArtifactRef.describe(path).toJson();
        } catch (IOException e) {
            errors.add(PlanError.at(field, "cannot read " + path + ": " + e.getMessage()));
            return value;
        }
    }


    /** The flow's inputs for a run: given values converted to their types, defaults for the rest. */
    static Map<String, JsonNode> checkParameters(Flow flow, Map<String, JsonNode> given) {
        try {
            return flow.parameters(given);
        } catch (FlowException e) {
            throw new InvalidInputException(e.problems());
        }
    }
}
