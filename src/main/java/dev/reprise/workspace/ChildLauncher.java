package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.engine.ChildRuns;
import dev.reprise.engine.Engine;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowRevision;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunTrigger;
import dev.reprise.run.Snapshot;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the runs that {@code flow.run} steps ask for: a snapshot by name ({@code snapshot}), the latest
 * snapshot of a flow ({@code snapshot_of}), or a revision of a flow ({@code flow}, {@code revision}), with the
 * step's {@code inputs}, {@code step_inputs}, {@code name} and {@code labels}; or, for a replay of a parent whose
 * child failed, a replay of that child's failed part. Each child records the step attempt that started it. A
 * flow that would start itself through any chain of such steps is refused with the chain named, as is nesting
 * deeper than {@link #MAX_DEPTH}. Thread-safe.
 */
final class ChildLauncher implements ChildRuns {

    /** How many runs deep sub-pipelines may nest, counting the run with no parent as the first. */
    static final int MAX_DEPTH = 10;

    private final RunHistory history;
    private final FlowCatalog catalog;
    private final RunInputs inputs;
    private final Snapshots snapshots;
    private final Replays replays;
    private final Engine engine;

    ChildLauncher(RunHistory history, FlowCatalog catalog, RunInputs inputs, Snapshots snapshots, Replays replays,
                  Engine engine) {
        this.history = history;
        this.catalog = catalog;
        this.inputs = inputs;
        this.snapshots = snapshots;
        this.replays = replays;
        this.engine = engine;
    }

    @Override
    public Run start(RunTrigger trigger, Map<String, JsonNode> given, String replaying) {
        List<Run> chain = chain(trigger.runId());
        if (replaying != null) {
            Run failed = history.runOnly(replaying);
            check(chain, failed.flowId());
            return replays.replay(failed.id(), ReplayRequest.of(ReplayScope.failed()), trigger);
        }
        String snapshot = text(given, "snapshot");
        String snapshotOf = text(given, "snapshot_of");
        String flowId = text(given, "flow");
        int named = (snapshot != null ? 1 : 0) + (snapshotOf != null ? 1 : 0) + (flowId != null ? 1 : 0);
        if (named != 1) {
            throw new IllegalArgumentException("a flow.run step names exactly one of snapshot: (a snapshot's name), "
                    + "snapshot_of: (a flow whose latest snapshot runs) or flow: (a flow id, with revision:)"
                    + (named == 0 ? "; it named none" : "; it named " + named));
        }
        JsonNode revision = given.get("revision");
        if (revision != null && !revision.isNull() && flowId == null) {
            throw new IllegalArgumentException("revision: goes with flow:; a snapshot has its revision");
        }
        Map<String, JsonNode> parameters = object(given, "inputs");
        Map<String, Map<String, JsonNode>> stepInputs = new LinkedHashMap<>();
        object(given, "step_inputs").forEach((step, values) -> {
            if (!values.isObject()) {
                throw new IllegalArgumentException("step_inputs." + step + " must be an object of input names to "
                        + "values, was " + values);
            }
            Map<String, JsonNode> of = new LinkedHashMap<>();
            values.fields().forEachRemaining(field -> of.put(field.getKey(), field.getValue()));
            stepInputs.put(step, of);
        });
        String name = text(given, "name");
        Map<String, String> labels = new LinkedHashMap<>();
        object(given, "labels").forEach((key, value) -> labels.put(key, value.isTextual() ? value.asText()
                : value.toString()));
        if (flowId == null) {
            Snapshot chosen = snapshot != null ? snapshots.find(snapshot) : snapshots.latest(snapshotOf);
            check(chain, chosen.flowId());
            return snapshots.run(chosen.name(), new SnapshotRun(parameters, stepInputs, name, labels, Map.of()),
                    trigger);
        }
        check(chain, flowId);
        FlowRevision chosen = catalog.revision(flowId, revision == null || revision.isNull() ? null
                : revision.asInt());
        Flow flow = catalog.flow(chosen);
        RunInputs.ForRun checked = inputs.forNewRun(flow, parameters, stepInputs);
        return engine.start(flow, chosen.revision(), checked.parameters(), checked.stepInputs(),
                new Engine.RunOptions(name, labels, Map.of(), trigger));
    }

    /** The runs from the first one (started by no step) down to {@code runId}. */
    private List<Run> chain(String runId) {
        List<Run> chain = new ArrayList<>();
        // the runs alone: a parent of a wide fan-out of children has many steps, which this needs none of
        Run run = history.runOnly(runId);
        chain.add(run);
        while (run.trigger() != null && chain.size() <= MAX_DEPTH) {
            run = history.runOnly(run.trigger().runId());
            chain.addFirst(run);
        }
        return chain;
    }

    /** Refuses a child of flow {@code flowId} under {@code chain} when it would start itself or nest too deep. */
    private static void check(List<Run> chain, String flowId) {
        StringBuilder path = new StringBuilder();
        boolean repeats = false;
        for (Iterator<Run> runs = chain.iterator(); runs.hasNext(); ) {
            String flow = runs.next().flowId();
            repeats |= flow.equals(flowId);
            path.append(flow).append(" → ");
        }
        path.append(flowId);
        if (repeats) {
            throw new IllegalArgumentException("flow " + flowId + " would start itself: " + path
                    + "; a flow may not run itself through its steps");
        }
        if (chain.size() >= MAX_DEPTH) {
            throw new IllegalArgumentException("sub-pipelines nest at most " + MAX_DEPTH + " runs deep: " + path);
        }
    }

    private static String text(Map<String, JsonNode> given, String key) {
        JsonNode value = given.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(key + ": must be a non-empty text, was " + value);
        }
        return value.asText();
    }

    private static Map<String, JsonNode> object(Map<String, JsonNode> given, String key) {
        JsonNode value = given.get(key);
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return fields;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(key + ": must be an object of names to values, was " + value);
        }
        value.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
        return fields;
    }
}
