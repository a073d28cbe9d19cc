package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.RequestValues;
import dev.reprise.run.Snapshot;
import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run configuration: what a run of a flow is given, in the one shape a YAML file, a REST body and a snapshot
 * printed as YAML share (see {@link RunConfigFile}). {@code flow} and {@code revision} say which flow revision it is
 * for (either may be left to the command or call that uses it); {@code name}, {@code labels} and {@code env} are
 * the run's; {@code inputs} are flow inputs; {@code steps} are step inputs by step or fan-out instance
 * ({@code count[2]}); {@code description} is a snapshot's (runs have none). It becomes the request of each call
 * that takes it — {@link #toStart}, {@link #toSnapshot}, {@link #toSnapshotRun}, {@link #toReplay} — so that the
 * workspace checks its values as it checks any request's. Immutable; maps keep the order they were written in.
 */
public record RunConfig(@Nullable String flow, @Nullable Integer revision, @Nullable String name,
                        @Nullable String description, Map<String, JsonNode> inputs, Map<String, StepConfig> steps,
                        Map<String, String> labels, Map<String, String> env) {

    /** What one step (or fan-out instance) of the run is given: inputs in place of its templates' values. */
    public record StepConfig(Map<String, JsonNode> inputs) {
        public StepConfig {
            inputs = copy(inputs);
        }
    }

    public RunConfig {
        inputs = copy(inputs);
        steps = copy(steps);
        labels = copy(labels);
        env = copy(env);
    }

    /** A configuration that gives nothing. */
    public static RunConfig empty() {
        return new RunConfig(null, null, null, null, null, null, null, null);
    }

    /** The configuration {@code snapshot} keeps, for its flow revision: printed, it creates the same snapshot. */
    public static RunConfig of(Snapshot snapshot) {
        return new RunConfig(snapshot.flowId(), snapshot.revision(), snapshot.runName(), snapshot.description(),
                snapshot.parameters(), stepConfigs(snapshot.stepInputs()), snapshot.labels(), snapshot.env());
    }

    /** The configuration of values given on a command line: a run's name, flow inputs, step inputs, labels, env. */
    public static RunConfig of(@Nullable String name, RequestValues values, Map<String, String> labels,
                               Map<String, String> env) {
        return new RunConfig(null, null, name, null, values.parameters(), stepConfigs(values.stepInputs()), labels,
                env);
    }

    /** Flow inputs and step inputs, each at its path. */
    public RequestValues values() {
        Map<String, Map<String, JsonNode>> byStep = new LinkedHashMap<>();
        steps.forEach((address, step) -> byStep.put(address, step.inputs()));
        return new RequestValues(inputs, byStep, null);
    }

    /**
     * This configuration with what {@code given} sets over it: its flow, revision, name and description where it
     * has them, and each of its flow inputs, step inputs, labels and environment variables over this one's.
     */
    public RunConfig overriddenBy(RunConfig given) {
        Map<String, StepConfig> mergedSteps = new LinkedHashMap<>(steps);
        given.steps().forEach((address, step) -> mergedSteps.merge(address, step,
                (mine, theirs) -> new StepConfig(merged(mine.inputs(), theirs.inputs()))));
        return new RunConfig(or(given.flow(), flow), or(given.revision(), revision), or(given.name(), name),
                or(given.description(), description), merged(inputs, given.inputs()), mergedSteps,
                merged(labels, given.labels()), merged(env, given.env()));
    }

    /** This configuration for {@code newFlow} at {@code newRevision} (null: the latest). */
    public RunConfig withFlow(@Nullable String newFlow, @Nullable Integer newRevision) {
        return new RunConfig(newFlow, newRevision, name, description, inputs, steps, labels, env);
    }

    /** This configuration with {@code newDescription}, a snapshot's. */
    public RunConfig withDescription(@Nullable String newDescription) {
        return new RunConfig(flow, revision, name, newDescription, inputs, steps, labels, env);
    }

    /** A start of {@link #flow} at {@link #revision} (the latest when null). */
    public StartRequest toStart() {
        RequestValues values = values();
        return new StartRequest(flow, revision, values.parameters(), name, labels, env, values.stepInputs());
    }

    /**
     * Snapshot {@code snapshotName} of this configuration: of {@link #flow} at {@link #revision}, or, with
     * {@code fromRunId}, of that run's revision and values with this configuration's over them.
     */
    public SnapshotRequest toSnapshot(String snapshotName, @Nullable String fromRunId) {
        RequestValues values = values();
        return new SnapshotRequest(snapshotName, flow, revision, fromRunId, values.parameters(), values.stepInputs(),
                description, labels, env, name);
    }

    /** A run of a snapshot with this configuration's values, name, labels and environment over the snapshot's. */
    public SnapshotRun toSnapshotRun() {
        RequestValues values = values();
        return new SnapshotRun(values.parameters(), values.stepInputs(), name, labels, env);
    }

    /**
     * {@code request} (its scope and injected outputs) with this configuration's values, name, labels and
     * environment, and its {@link #revision} when it has one.
     */
    public ReplayRequest toReplay(ReplayRequest request) {
        RequestValues values = values();
        return new ReplayRequest(request.scope(), values.parameters(), values.stepInputs(), request.outputOverrides(),
                revision != null ? String.valueOf(revision) : request.revision(), env, labels, name);
    }

    private static Map<String, StepConfig> stepConfigs(Map<String, Map<String, JsonNode>> stepInputs) {
        Map<String, StepConfig> steps = new LinkedHashMap<>();
        stepInputs.forEach((address, values) -> steps.put(address, new StepConfig(values)));
        return steps;
    }

    private static <V> Map<String, V> merged(Map<String, V> under, Map<String, V> over) {
        Map<String, V> result = new LinkedHashMap<>(under);
        result.putAll(over);
        return result;
    }

    private static <T> T or(T first, T second) {
        return first != null ? first : second;
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
