package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.engine.Engine;
import dev.reprise.engine.SnapshotStore;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.InputSpec;
import dev.reprise.flow.InputType;
import dev.reprise.flow.Problem;
import dev.reprise.run.LocalFile;
import dev.reprise.run.ReplayPlan.PlanError;
import dev.reprise.run.Run;
import dev.reprise.run.RunTrigger;
import dev.reprise.run.Snapshot;
import dev.reprise.run.ValuePath;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Snapshots: named, immutable run configurations (a flow revision, flow inputs, step inputs, and the labels,
 * environment and name of their runs) made from a flow or a run, listed (all, or a flow's), run by name or as a
 * flow's latest, with overrides (the run labelled {@code snapshot=NAME}), and deleted. Every problem of a
 * request is reported at once, and a refused one writes nothing. Thread-safe.
 */
final class Snapshots {

    private final SnapshotStore store;
    private final FlowCatalog catalog;
    private final RunInputs inputs;
    private final RunHistory history;
    private final Engine engine;
    private final Clock clock;

    Snapshots(SnapshotStore store, FlowCatalog catalog, RunInputs inputs, RunHistory history, Engine engine,
              Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.inputs = inputs;
        this.history = history;
        this.engine = engine;
        this.clock = clock;
    }


    Snapshot create(SnapshotRequest request) {
        if (request == null) {
            throw new InvalidInputException("a snapshot request is required");
        }
        List<Problem> problems = new ArrayList<>();
        String name = request.name();
        Optional<String> badName = Snapshot.nameProblem(name);
        if (badName.isPresent()) {
            problems.add(Problem.of("name: " + badName.get()));
        } else if (store.find(name).isPresent()) {
            problems.add(Problem.of("name: there is a snapshot '" + name + "' already; a snapshot does not change, so "
                    + "choose another name (or delete that one first)"));
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        String flowId = request.flowId();
        Integer number = request.revision();
        if (request.fromRunId() != null) {
            Run from = history.run(request.fromRunId()).run();
            if (flowId != null && !flowId.equals(from.flowId())) {
                problems.add(Problem.of("flowId: run " + from.id() + " is of flow '" + from.flowId() + "', not '"
                        + flowId + "'"));
            }
            if (number != null && number != from.revision()) {
                problems.add(Problem.of("revision: a snapshot of run " + from.id() + " is of the revision it ran ("
                        + from.revision() + ")"));
            }
            flowId = from.flowId();
            number = from.revision();
            values.putAll(from.parameters());
            labels.putAll(Snapshot.labelsKeptOf(from.labels()));
            env.putAll(from.env());
        } else if (flowId == null || flowId.isBlank()) {
            problems.add(Problem.of("flowId: a flow (or a run to copy) is required"));
            throw new InvalidInputException(problems);
        }
        FlowRevision revision = catalog.revision(flowId, number);
        Flow flow = catalog.flow(revision);
        values.putAll(request.parameters());
        List<PlanError> errors = new ArrayList<>();
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        values.forEach((input, value) -> {
            ValuePath field = new ValuePath.Parameter(input);
            InputSpec spec = flow.inputs().get(input);
            inputs.checkArtifacts(value, field, errors);
            if (spec == null) {
                errors.add(PlanError.at(field, flow.unknownInput("flow '" + flow.id() + "'", input)));
                return;
            }
            JsonNode stored = spec.type() == InputType.FILE || LocalFile.isLocalFile(value)
                    ? inputs.ingest(value, field, errors, true) : value;
            try {
                parameters.put(input, spec.check(stored));
            } catch (IllegalArgumentException e) {
                errors.add(PlanError.at(field, e.getMessage()));
            }
        });
        Map<String, Map<String, JsonNode>> stepInputs = inputs.stepInputs(flow, request.stepInputs(), errors);
        errors.forEach(e -> problems.add(Problem.of(e.toString())));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        labels.putAll(request.labels());
        env.putAll(request.env());
        Snapshot snapshot = new Snapshot(name, flow.id(), revision.revision(), parameters, stepInputs,
                request.description(), clock.instant().truncatedTo(ChronoUnit.MILLIS),
                request.fromRunId(), labels, env, request.runName());
        if (!store.insert(snapshot)) {
            throw new InvalidInputException("name: there is a snapshot '" + name + "' already");
        }
        return snapshot;
    }


    List<Snapshot> all(String flowId) {
        return flowId == null ? store.all() : store.ofFlow(flowId);
    }


    /** The snapshot of {@code flowId} created last; of two created in the same millisecond, the last by name. */
    Snapshot latest(String flowId) {
        if (flowId == null || flowId.isBlank()) {
            throw new InvalidInputException("a flow id is required");
        }
        return store.ofFlow(flowId).stream()
                .max(Comparator.comparing(Snapshot::createdAt).thenComparing(Snapshot::name))
                .orElseThrow(() -> {
                    catalog.revision(flowId, null); // no such flow says so
                    return new NotFoundException("flow '" + flowId + "' has no snapshot; create one with 'reprise "
                            + "snapshots create NAME --flow " + flowId + "' (or --from-run RUN, or --from-file "
                            + "CONFIG.yaml), then run it by its name or as the latest of " + flowId);
                });
    }


    Snapshot find(String name) {
        return store.find(name == null ? "" : name)
                .orElseThrow(() -> new NotFoundException("no snapshot '" + name + "' in this workspace"));
    }


    Run run(String name, SnapshotRun run) {
        return run(name, run, null);
    }

    /** Runs the snapshot as {@link #run(String, SnapshotRun)}, started by {@code trigger} when not null. */
    Run run(String name, SnapshotRun run, RunTrigger trigger) {
        Snapshot snapshot = find(name);
        SnapshotRun given = run == null ? SnapshotRun.asIs() : run;
        FlowRevision revision = catalog.revision(snapshot.flowId(), snapshot.revision());
        Flow flow = catalog.flow(revision);
        Map<String, JsonNode> values = new LinkedHashMap<>(snapshot.parameters());
        values.putAll(given.parameters());
        Map<String, Map<String, JsonNode>> steps = new LinkedHashMap<>();
        snapshot.stepInputs().forEach((step, inputs) -> steps.put(step, new LinkedHashMap<>(inputs)));
        given.stepInputs().forEach((step, inputs) -> steps.computeIfAbsent(step, k -> new LinkedHashMap<>()).putAll(inputs));
        RunInputs.ForRun checked = inputs.forNewRun(flow, values, steps);
        Map<String, String> labels = new LinkedHashMap<>(snapshot.labels());
        labels.putAll(given.labels());
        labels.put(Snapshot.LABEL, snapshot.name());
        Map<String, String> env = new LinkedHashMap<>(snapshot.env());
        env.putAll(given.env());
        String runName = given.name() != null ? given.name()
                : snapshot.runName() != null ? snapshot.runName() : "snapshot " + snapshot.name();
        return engine.start(flow, revision.revision(), checked.parameters(), checked.stepInputs(),
                new Engine.RunOptions(runName, labels, env, trigger));
    }


    void delete(String name) {
        if (!store.delete(name == null ? "" : name)) {
            throw new NotFoundException("no snapshot '" + name + "' in this workspace");
        }
    }
}
