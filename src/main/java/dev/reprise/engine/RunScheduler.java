package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowGraph;
import dev.reprise.flow.StepDef;
import dev.reprise.flow.Templates;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduling rules of one run, with no I/O, no threads and no clock: given the flow, the run so far and a
 * message (an attempt ended, a retry is due, cancel, stop) at a given instant, it decides the transitions of
 * the run and its steps, which attempts start, which are cancelled and which retries wait. {@link #decide}
 * hands those decisions over; {@link RunCoordinator} commits them, publishes them and acts on them. The rules:
 * roots start first; a step is activated when all its upstream ended, skipped when one did not succeed, expanded
 * into one instance per element for a {@code foreach} (each recorded pending until it starts); a replay's
 * presets make a step reused, injected or left out; at most {@code parallelism} attempts run; a failed attempt
 * is retried after its backoff while the step has attempts left; cancel and stop end what waits and cancel
 * what runs; the run ends when every step has.
 * Not thread-safe: one coordinator thread drives it.
 */
final class RunScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(RunScheduler.class);

    /** From how many reused steps on they are committed after the first attempts started. */
    static final int BULK_REUSE = 256;

    /** What the scheduler asks of step types and values; neither does I/O. */
    interface StepTypes {
        /** The fingerprint of the code that runs {@code step}, recorded on each attempt. */
        String fingerprint(StepDef step);

        /** A step value as templates see it (a file as its path). */
        Object toContext(JsonNode value);

        /**
         * Whether an attempt of {@code step} takes one of the {@code parallelism} places while it runs: a step
         * that waits for another run does not, so that waiting parents cannot keep their children from running.
         */
        boolean holdsWorker(StepDef step);
    }

    /** What the scheduler reacts to. */
    sealed interface Message permits Completed, ChildStarted, RetryDue, CancelRun, CancelStep, Stop {
    }

    record Completed(String stepId, int attempt, StepOutcome outcome) implements Message {
    }

    /** Attempt {@code attempt} of a step that runs another pipeline started run {@code childRunId}. */
    record ChildStarted(String stepId, int attempt, String childRunId) implements Message {
    }

    record RetryDue(String stepId) implements Message {
    }

    record CancelRun() implements Message {
    }

    record CancelStep(String stepId) implements Message {
    }

    /** The engine is closing: stop everything and record the run as interrupted. */
    record Stop() implements Message {
    }

    /** An attempt to hand to a worker; {@code timeout} is null when the step has none. */
    record Start(String stepId, int attempt, StepDef step, Map<String, JsonNode> inputs, Duration timeout) {
    }

    /** A running attempt to stop, and why. */
    record Cancel(String stepId, AttemptState reason) {
    }

    /** A step to post {@link RetryDue} for after {@code delay}. */
    record Retry(String stepId, Duration delay) {
    }

    /**
     * What the messages since the last call decided: the run when it changed, the step runs that changed (in
     * the order they changed; those to commit first, and many reused steps to commit after the attempts
     * started), the attempts to start, the running attempts to cancel, the retries to schedule or to drop.
     */
    record Decisions(Run run, List<StepRun> steps, List<StepRun> later, List<Start> starts, List<Cancel> cancels,
                     List<Retry> retries, List<String> droppedRetries) {
        boolean isEmpty() {
            return run == null && steps.isEmpty() && later.isEmpty() && starts.isEmpty() && cancels.isEmpty()
                    && retries.isEmpty() && droppedRetries.isEmpty();
        }
    }

    /** A step of the flow and the progress of its instances. */
    private static final class Node {
        final StepDef def;
        final boolean holdsWorker;
        final List<String> instances = new ArrayList<>();
        int remainingUpstream;
        boolean upstreamFailed;
        boolean activated;
        int ended;

        Node(StepDef def, int remainingUpstream, boolean holdsWorker) {
            this.def = def;
            this.remainingUpstream = remainingUpstream;
            this.holdsWorker = holdsWorker;
        }

        boolean finished() {
            return activated && ended == instances.size();
        }
    }

    private final Flow flow;
    private final FlowGraph graph;
    private final ReplayPresets presets;
    private final int parallelism;
    private final StepTypes types;
    private final Templates templates;

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, StepRun> steps = new HashMap<>();
    private final Map<String, Map<String, Object>> outputContexts = new HashMap<>();
    private final Map<String, JsonNode> items = new HashMap<>();
    private final Map<String, Object> baseContext = new HashMap<>();
    /** Instances waiting for one of the {@code parallelism} places, and those that need none. */
    private final Deque<String> ready = new ArrayDeque<>();
    private final Deque<String> readyWithoutWorker = new ArrayDeque<>();
    private final Set<String> running = new HashSet<>();
    /** How many of the running attempts hold a place. */
    private int busy;
    private final Set<String> retrying = new HashSet<>();

    private Run run;
    private int finishedNodes;
    private boolean cancelRequested;
    private boolean stopping;
    private Instant now;

    // decisions since the last call to decide
    private final Map<String, StepRun> changed = new LinkedHashMap<>();
    private boolean runChanged;
    private final List<Start> starts = new ArrayList<>();
    private final List<Cancel> cancels = new ArrayList<>();
    private final List<Retry> retries = new ArrayList<>();
    private final List<String> droppedRetries = new ArrayList<>();

    RunScheduler(Flow flow, Run run, ReplayPresets presets, int parallelism, StepTypes types, Templates templates) {
        this.flow = flow;
        this.graph = FlowGraph.of(flow);
        this.run = run;
        this.presets = presets;
        this.parallelism = parallelism;
        this.types = types;
        this.templates = templates;
        for (StepDef def : flow.steps().values()) {
            int upstream = (int) graph.upstreamOf(def.id()).stream().filter(flow.steps()::containsKey).count();
            nodes.put(def.id(), new Node(def, upstream, types.holdsWorker(def)));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        run.parameters().forEach((k, v) -> parameters.put(k, types.toContext(v)));
        baseContext.put("inputs", parameters);
        baseContext.put("run", Map.of("id", run.id(), "flow", run.flowId(), "revision", run.revision(),
                "name", run.name() == null ? "" : run.name()));
    }

    /** The run as decided so far. */
    Run run() {
        return run;
    }

    /** The step run as decided so far, or null. */
    StepRun step(String stepId) {
        return steps.get(stepId);
    }

    boolean isOver() {
        return run.state().isTerminal();
    }

    /** Starts the run: every root step is activated (a reused one may activate more at once). */
    void start(Instant at) {
        now = millis(at);
        run = run.withState(RunState.RUNNING).withTimes(now, null);
        runChanged = true;
        List<Node> roots = nodes.values().stream().filter(n -> n.remainingUpstream == 0).toList();
        for (Node node : roots) {
            activate(node);
        }
    }

    /** Takes in one message received at {@code at}; call {@link #decide} once a batch of them is in. */
    void handle(Message message, Instant at) {
        now = millis(at);
        switch (message) {
            case Completed c -> completed(c);
            case ChildStarted c -> childStarted(c);
            case RetryDue r -> {
                retrying.remove(r.stepId());
                StepRun step = steps.get(r.stepId());
                if (step != null && step.state() == StepState.RETRYING) {
                    queue(step);
                }
            }
            case CancelRun ignored -> cancelAll(StepState.CANCELLED);
            case CancelStep c -> cancelStep(c.stepId());
            case Stop ignored -> {
                stopping = true;
                cancelAll(StepState.INTERRUPTED);
            }
        }
    }

    /**
     * Starts queued attempts while there is room, ends the run when every step has, and hands over everything
     * decided since the last call. Many reused steps (a replay's start) are handed over as {@code later}, to
     * be committed once the first attempts have started.
     */
    Decisions decide(Instant at) {
        now = millis(at);
        dispatch();
        finishRun();
        List<StepRun> first = new ArrayList<>(changed.size());
        List<StepRun> later = new ArrayList<>();
        for (StepRun step : changed.values()) {
            (step.state() == StepState.REUSED ? later : first).add(step);
        }
        if (later.size() < BULK_REUSE || starts.isEmpty()) {
            first.addAll(later);
            later.clear();
        }
        Decisions decisions = new Decisions(runChanged ? run : null, first, later, List.copyOf(starts),
                List.copyOf(cancels), List.copyOf(retries), List.copyOf(droppedRetries));
        changed.clear();
        runChanged = false;
        starts.clear();
        cancels.clear();
        retries.clear();
        droppedRetries.clear();
        return decisions;
    }

    /** Records the sequence numbers the coordinator gave at commit, so later transitions build on them. */
    void committed(Run committedRun, List<StepRun> committedSteps) {
        if (committedRun != null) {
            run = committedRun;
        }
        for (StepRun step : committedSteps) {
            steps.put(step.stepId(), step);
        }
    }

    // ---- the rules

    /** Makes the instances of a step whose upstream has ended, and queues them (or skips them). */
    private void activate(Node node) {
        if (node.activated) {
            throw new IllegalStateException("step " + node.def.id() + " activated twice");
        }
        node.activated = true;
        String name = node.def.id();
        if (presets.omits(name)) {
            // not part of this replay: no step run, and what depends on it is left out too
            nodeFinished(node);
            return;
        }
        if (cancelRequested || node.upstreamFailed) {
            StepState state = stopping ? StepState.INTERRUPTED : cancelRequested ? StepState.CANCELLED : StepState.SKIPPED;
            String why = state == StepState.SKIPPED ? "an upstream step did not succeed" : null;
            addInstance(node, StepRun.pending(run.id(), name, name, -1));
            end(steps.get(name).withState(state).withError(why));
            return;
        }
        if (node.def.isFanOut()) {
            JsonNode list;
            try {
                list = templates.render(JsonNodeFactory.instance.textNode(node.def.foreach()), contextFor(node, -1, null));
                if (!list.isArray()) {
                    throw new IllegalArgumentException("foreach must give a list, but gave " + list);
                }
            } catch (RuntimeException e) {
                addInstance(node, StepRun.pending(run.id(), name, name, -1));
                end(steps.get(name).withState(StepState.FAILED).withError("cannot expand foreach: " + e.getMessage()));
                return;
            }
            List<StepRun> created = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                String id = StepRun.instanceId(name, i);
                items.put(id, list.get(i));
                StepRun instance = StepRun.pending(run.id(), id, name, i);
                addInstance(node, instance);
                // recorded pending as the list is known, in index order, so that every reader of the run (the
                // window, the CLI, a server's clients, a reopen after a crash) sees the instances waiting for a
                // place; one that starts or is reused in this same decision is written once, in its later state
                changed(instance);
                created.add(instance);
            }
            if (list.isEmpty()) {
                nodeFinished(node);
            }
            created.forEach(this::prepare);
        } else {
            StepRun step = StepRun.pending(run.id(), name, name, -1);
            addInstance(node, step);
            prepare(step);
        }
    }

    /** Queues a new instance to run, or records it at once as reused or injected when the replay plan says so. */
    private void prepare(StepRun step) {
        ReplayPlan.PlannedStep decision = presets.decision(step.stepId(), step.stepName());
        StepRun source = presets.source(step.stepId());
        if (decision != null && decision.action() == ReplayPlan.Action.REUSE && source != null) {
            end(step.withInputs(source.inputs()).withOutputs(source.outputs()).withReusedFrom(decision.source())
                    .withAttempts(source.attempts()).withState(StepState.REUSED).withTimes(now, now));
        } else if (decision != null && decision.action() == ReplayPlan.Action.INJECT) {
            Map<String, JsonNode> outputs = new LinkedHashMap<>(source == null ? Map.of() : source.outputs());
            outputs.putAll(presets.injectedOutputs(step.stepId()));
            end(step.withInputs(source == null ? Map.of() : source.inputs()).withOutputs(outputs)
                    .withReusedFrom(decision.source()).withState(StepState.REUSED).withTimes(now, now));
        } else {
            queue(step);
        }
    }

    private void queue(StepRun step) {
        (nodes.get(step.stepName()).holdsWorker ? ready : readyWithoutWorker).add(step.stepId());
    }

    private void addInstance(Node node, StepRun step) {
        node.instances.add(step.stepId());
        steps.put(step.stepId(), step);
    }

    /** Starts the queued attempts that need no place, and the others while there is room. */
    private void dispatch() {
        while (!readyWithoutWorker.isEmpty()) {
            startAttempt(readyWithoutWorker.poll());
        }
        while (busy < parallelism && !ready.isEmpty()) {
            startAttempt(ready.poll());
        }
    }

    private void startAttempt(String id) {
        StepRun step = steps.get(id);
        if (step.state().isTerminal()) {
            return;
        }
        Node node = nodes.get(step.stepName());
        if (step.state() == StepState.PENDING) {
            try {
                step = step.withInputs(resolveInputs(node, step));
            } catch (RuntimeException e) {
                end(step.withState(StepState.FAILED).withTimes(now, now)
                        .withError("cannot resolve inputs: " + e.getMessage()));
                return;
            }
        }
        // attempt numbers go on along the lineage: a step replayed twice shows attempts 1, 2, 3
        int number = presets.attemptBase(id) + step.attempts().size() + 1;
        changed(step.withState(StepState.RUNNING)
                .withAttempt(Attempt.queued(number, now, types.fingerprint(node.def)))
                .withTimes(step.startedAt() == null ? now : step.startedAt(), null));
        running.add(id);
        if (node.holdsWorker) {
            busy++;
        }
        starts.add(new Start(id, number, node.def, steps.get(id).inputs(), node.def.timeout()));
    }

    private Map<String, JsonNode> resolveInputs(Node node, StepRun step) {
        if (node.def.inputs().isEmpty()) {
            return presets.inputOverrides(step.stepId(), step.stepName());
        }
        ObjectNode raw = JsonNodeFactory.instance.objectNode();
        node.def.inputs().forEach(raw::set);
        JsonNode rendered = templates.render(raw, contextFor(node, step.index(), items.get(step.stepId())));
        Map<String, JsonNode> inputs = new LinkedHashMap<>();
        rendered.fields().forEachRemaining(f -> inputs.put(f.getKey(), f.getValue()));
        inputs.putAll(presets.inputOverrides(step.stepId(), step.stepName()));
        return inputs;
    }

    private Map<String, Object> contextFor(Node node, int index, JsonNode item) {
        Map<String, Object> context = new HashMap<>(baseContext);
        Map<String, Object> upstream = new HashMap<>();
        for (String up : graph.upstreamOf(node.def.id())) {
            if (nodes.containsKey(up)) {
                upstream.put(up, Map.of("outputs", outputContext(nodes.get(up))));
            }
        }
        context.put("steps", upstream);
        if (index >= 0) {
            context.put("item", types.toContext(item));
            context.put("index", index);
        }
        return context;
    }

    /** A finished step's outputs for templates; for a fan-out, each output is the list over its instances. */
    private Map<String, Object> outputContext(Node node) {
        return outputContexts.computeIfAbsent(node.def.id(), name -> {
            Map<String, Object> outputs = new LinkedHashMap<>();
            if (!node.def.isFanOut()) {
                steps.get(name).outputs().forEach((k, v) -> outputs.put(k, types.toContext(v)));
                return outputs;
            }
            List<StepRun> instances = node.instances.stream().map(steps::get)
                    .sorted(Comparator.comparingInt(StepRun::index)).toList();
            for (StepRun instance : instances) {
                instance.outputs().keySet().forEach(k -> outputs.putIfAbsent(k, new ArrayList<>()));
            }
            for (Map.Entry<String, Object> entry : outputs.entrySet()) {
                @SuppressWarnings("unchecked")
                List<Object> values = (List<Object>) entry.getValue();
                for (StepRun instance : instances) {
                    values.add(types.toContext(instance.outputs().get(entry.getKey())));
                }
            }
            return outputs;
        });
    }

    private void childStarted(ChildStarted c) {
        StepRun step = steps.get(c.stepId());
        if (!running.contains(c.stepId()) || step.lastAttempt() == null
                || step.lastAttempt().number() != c.attempt()) {
            return;
        }
        changed(step.withAttempt(step.lastAttempt().withChild(c.childRunId())));
    }

    private void completed(Completed c) {
        if (!running.remove(c.stepId())) {
            return;
        }
        StepRun step = steps.get(c.stepId());
        if (nodes.get(step.stepName()).holdsWorker) {
            busy--;
        }
        StepOutcome outcome = c.outcome();
        Attempt attempt = step.lastAttempt().ended(outcome.state(), millis(outcome.startedAt()),
                millis(outcome.endedAt()), outcome.exitCode(), outcome.error(), outcome.hasLog(), outcome.fix());
        step = step.withAttempt(attempt);
        Node node = nodes.get(step.stepName());
        switch (outcome.state()) {
            case SUCCEEDED -> end(step.withState(StepState.SUCCEEDED).withOutputs(outcome.outputs()).withError(null));
            case CANCELLED -> end(step.withState(StepState.CANCELLED).withError(outcome.error()));
            case INTERRUPTED -> end(step.withState(StepState.INTERRUPTED).withError(outcome.error()));
            default -> {
                int triesHere = step.attempts().size();
                if (!cancelRequested && triesHere < node.def.retry().attempts()) {
                    changed(step.withState(StepState.RETRYING).withError(outcome.error()));
                    retrying.add(step.stepId());
                    retries.add(new Retry(step.stepId(), node.def.retry().delayAfter(triesHere)));
                } else {
                    end(step.withState(StepState.FAILED).withError(outcome.error()));
                }
            }
        }
    }

    private void cancelAll(StepState as) {
        cancelRequested = true;
        AttemptState reason = as == StepState.INTERRUPTED ? AttemptState.INTERRUPTED : AttemptState.CANCELLED;
        running.forEach(id -> cancels.add(new Cancel(id, reason)));
        for (StepRun step : new ArrayList<>(steps.values())) {
            if (!running.contains(step.stepId()) && !step.state().isTerminal()) {
                cancelWaiting(step, as);
            }
        }
    }

    private void cancelStep(String stepId) {
        List<String> targets = steps.containsKey(stepId) ? List.of(stepId)
                : nodes.containsKey(stepId) ? nodes.get(stepId).instances : List.of();
        for (String id : targets) {
            if (running.contains(id)) {
                cancels.add(new Cancel(id, AttemptState.CANCELLED));
            } else if (!steps.get(id).state().isTerminal()) {
                cancelWaiting(steps.get(id), StepState.CANCELLED);
            }
        }
    }

    private void cancelWaiting(StepRun step, StepState as) {
        if (retrying.remove(step.stepId())) {
            droppedRetries.add(step.stepId());
        }
        end(step.withState(as));
    }

    /** Records a step instance that reached a terminal state and moves its step on when all instances did. */
    private void end(StepRun step) {
        changed(step.withTimes(step.startedAt(), now));
        Node node = nodes.get(step.stepName());
        node.ended++;
        if (node.finished()) {
            nodeFinished(node);
        }
    }

    private void nodeFinished(Node node) {
        finishedNodes++;
        boolean succeeded = node.instances.stream().allMatch(id -> steps.get(id).state().hasOutputs());
        for (String down : graph.downstreamOf(node.def.id())) {
            Node next = nodes.get(down);
            if (!succeeded) {
                next.upstreamFailed = true;
            }
            if (--next.remainingUpstream == 0) {
                activate(next);
            }
        }
    }

    private void finishRun() {
        if (run.state().isTerminal() || finishedNodes < nodes.size() || !running.isEmpty() || !retrying.isEmpty()) {
            return;
        }
        RunState end;
        String error = null;
        if (stopping) {
            end = RunState.INTERRUPTED;
            error = "the engine stopped while the run was going on";
        } else if (cancelRequested) {
            end = RunState.CANCELLED;
        } else if (steps.values().stream().allMatch(s -> s.state().hasOutputs())) {
            end = RunState.SUCCEEDED;
        } else {
            end = RunState.FAILED;
            error = steps.values().stream().filter(s -> s.state() == StepState.FAILED)
                    .map(s -> "step " + s.stepId() + " failed: " + s.error()).findFirst()
                    .or(() -> steps.values().stream().filter(s -> s.state() == StepState.CANCELLED)
                            .map(s -> "step " + s.stepId() + " was cancelled").findFirst())
                    .orElse("a step did not succeed");
        }
        run = run.withState(end).withTimes(run.startedAt(), now).withError(error);
        if (end == RunState.SUCCEEDED) {
            run = run.withOutputs(flowOutputs());
        }
        runChanged = true;
    }

    /** The flow's declared outputs, evaluated over every step; an output that cannot be evaluated is left out. */
    private Map<String, JsonNode> flowOutputs() {
        if (flow.outputs().isEmpty()) {
            return Map.of();
        }
        Map<String, Object> context = new HashMap<>(baseContext);
        Map<String, Object> all = new HashMap<>();
        nodes.values().stream().filter(n -> !n.instances.isEmpty())
                .forEach(n -> all.put(n.def.id(), Map.of("outputs", outputContext(n))));
        context.put("steps", all);
        Map<String, JsonNode> outputs = new LinkedHashMap<>();
        flow.outputs().forEach((name, template) -> {
            try {
                outputs.put(name, templates.render(JsonNodeFactory.instance.textNode(template), context));
            } catch (RuntimeException e) {
                LOG.info("run {}: flow output {} left out: {}", run.id(), name, e.getMessage());
            }
        });
        return outputs;
    }

    private void changed(StepRun step) {
        steps.put(step.stepId(), step);
        changed.put(step.stepId(), step);
    }

    /** The store keeps milliseconds; records in memory must equal what a reader gets back. */
    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
