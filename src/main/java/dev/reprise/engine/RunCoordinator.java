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
import dev.reprise.run.Run;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Drives one run: a loop on its own thread that takes messages (an attempt ended, a retry is due, cancel),
 * decides the resulting transitions, commits them to the store in one transaction, hands their events to be
 * published once that commit is durable, and then hands newly started attempts to the shared worker pool. All run state is confined to the
 * loop's thread; other threads talk to it only through {@link #post}.
 */
final class RunCoordinator implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RunCoordinator.class);

    /** From how many reused steps on they are committed after the first attempts started. */
    private static final int BULK_REUSE = 256;

    /** What the loop reacts to. */
    sealed interface Message permits Completed, RetryDue, CancelRun, CancelStep, Stop {
    }

    record Completed(String stepId, int attempt, StepOutcome outcome) implements Message {
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

    /** A step of the flow and the progress of its instances. */
    private static final class Node {
        final StepDef def;
        final List<String> instances = new ArrayList<>();
        int remainingUpstream;
        boolean upstreamFailed;
        boolean activated;
        int ended;

        Node(StepDef def, int remainingUpstream) {
            this.def = def;
            this.remainingUpstream = remainingUpstream;
        }

        boolean finished() {
            return activated && ended == instances.size();
        }
    }

    /** An attempt handed to a worker. */
    private record InFlight(StepInvocation invocation, Cancellation cancellation, ScheduledFuture<?> timeout) {
    }

    private final EngineContext engine;
    private final Flow flow;
    private final ReplayPresets presets;
    private final FlowGraph graph;
    private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Run> done = new CompletableFuture<>();

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, StepRun> steps = new HashMap<>();
    private final Map<String, Map<String, Object>> outputContexts = new HashMap<>();
    private final Map<String, JsonNode> items = new HashMap<>();
    private final Deque<String> ready = new ArrayDeque<>();
    private final Map<String, InFlight> inFlight = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> retries = new HashMap<>();
    private final Map<String, Object> baseContext = new HashMap<>();

    private final Map<String, StepRun> dirtySteps = new LinkedHashMap<>();
    private boolean runDirty;
    private final List<InFlight> toSubmit = new ArrayList<>();

    private Run run;
    private long seq;
    /** The store position of the last commit: the run is reported done once it is durable and published. */
    private long committedAt;
    private int finishedNodes;
    private boolean cancelRequested;
    private boolean stopping;

    RunCoordinator(EngineContext engine, Flow flow, Run run, ReplayPresets presets) {
        this.engine = engine;
        this.flow = flow;
        this.presets = presets;
        this.graph = FlowGraph.of(flow);
        this.run = run;
        this.seq = run.seq();
        for (StepDef def : flow.steps().values()) {
            int upstream = (int) graph.upstreamOf(def.id()).stream().filter(flow.steps()::containsKey).count();
            nodes.put(def.id(), new Node(def, upstream));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        run.parameters().forEach((k, v) -> parameters.put(k, engine.values().toContext(v)));
        baseContext.put("inputs", parameters);
        baseContext.put("run", Map.of("id", run.id(), "flow", run.flowId(), "revision", run.revision(),
                "name", run.name() == null ? "" : run.name()));
    }

    CompletableFuture<Run> done() {
        return done;
    }

    void post(Message message) {
        inbox.add(message);
    }

    @Override
    public void run() {
        try {
            start();
            flush();
            while (!isOver()) {
                Message message = inbox.take();
                handle(message);
                Message more;
                while ((more = inbox.poll()) != null) {
                    handle(more);
                }
                dispatch();
                finishRun();
                flush();
            }
            // the run stays active, and its waiters wait, until its last event has been delivered
            Run ended = run;
            engine.afterPublished(committedAt, () -> {
                engine.finished(ended.id());
                done.complete(ended);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(e);
        } catch (RuntimeException | Error e) {
            LOG.error("run {} stopped by an engine error", run.id(), e);
            inFlight.values().forEach(f -> f.cancellation().cancel(AttemptState.CANCELLED));
            failed(e);
        }
    }

    private void failed(Throwable e) {
        engine.finished(run.id());
        done.completeExceptionally(e);
    }

    private boolean isOver() {
        return run.state().isTerminal();
    }

    // ---- decide

    private void start() {
        run = run.withState(RunState.RUNNING, run.seq()).withTimes(now(), null);
        runDirty = true;
        // roots first, all of them: activating one can finish it at once (a reused step) and activate more
        List<Node> roots = nodes.values().stream().filter(n -> n.remainingUpstream == 0).toList();
        for (Node node : roots) {
            activate(node);
        }
        dispatch();
        finishRun();
    }

    private void handle(Message message) {
        switch (message) {
            case Completed c -> completed(c);
            case RetryDue r -> {
                retries.remove(r.stepId());
                StepRun step = steps.get(r.stepId());
                if (step != null && step.state() == StepState.RETRYING) {
                    ready.add(r.stepId());
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
            end(steps.get(name).withState(state, 0).withError(why));
            return;
        }
        if (node.def.isFanOut()) {
            JsonNode list;
            try {
                list = engine.templates().render(JsonNodeFactory.instance.textNode(node.def.foreach()), contextFor(node, -1, null));
                if (!list.isArray()) {
                    throw new IllegalArgumentException("foreach must give a list, but gave " + list);
                }
            } catch (RuntimeException e) {
                addInstance(node, StepRun.pending(run.id(), name, name, -1));
                end(steps.get(name).withState(StepState.FAILED, 0).withError("cannot expand foreach: " + e.getMessage()));
                return;
            }
            List<StepRun> created = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                String id = StepRun.instanceId(name, i);
                items.put(id, list.get(i));
                StepRun instance = StepRun.pending(run.id(), id, name, i);
                addInstance(node, instance);
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
            Instant now = now();
            end(step.withInputs(source.inputs()).withOutputs(source.outputs()).withReusedFrom(decision.source())
                    .withAttempts(source.attempts()).withState(StepState.REUSED, 0).withTimes(now, now));
        } else if (decision != null && decision.action() == ReplayPlan.Action.INJECT) {
            Map<String, JsonNode> outputs = new LinkedHashMap<>(source == null ? Map.of() : source.outputs());
            outputs.putAll(presets.injectedOutputs(step.stepId()));
            Instant now = now();
            end(step.withInputs(source == null ? Map.of() : source.inputs()).withOutputs(outputs)
                    .withReusedFrom(decision.source()).withState(StepState.REUSED, 0).withTimes(now, now));
        } else {
            ready.add(step.stepId());
        }
    }

    private void addInstance(Node node, StepRun step) {
        node.instances.add(step.stepId());
        steps.put(step.stepId(), step);
    }

    /** Starts queued attempts while there is room. */
    private void dispatch() {
        while (inFlight.size() < engine.parallelism() && !ready.isEmpty()) {
            String id = ready.poll();
            StepRun step = steps.get(id);
            if (step.state().isTerminal()) {
                continue;
            }
            Node node = nodes.get(step.stepName());
            if (step.state() == StepState.PENDING) {
                try {
                    step = step.withInputs(resolveInputs(node, step));
                } catch (RuntimeException e) {
                    end(step.withState(StepState.FAILED, 0).withTimes(now(), now())
                            .withError("cannot resolve inputs: " + e.getMessage()));
                    continue;
                }
            }
            // attempt numbers go on along the lineage: a step replayed twice shows attempts 1, 2, 3
            int number = presets.attemptBase(id) + step.attempts().size() + 1;
            Path workDir = engine.scratchDir().resolve(run.id()).resolve(safe(id) + "-" + number);
            Supplier<Path> log = memoize(() -> engine.logs().file(run.id(), id, number));
            StepInvocation invocation = new StepInvocation(run.id(), id, number, node.def, step.inputs(), run.env(),
                    log, workDir);
            StepExecutor executor = engine.executor(node.def.type());
            Instant now = now();
            step = step.withState(StepState.RUNNING, 0)
                    .withAttempt(Attempt.queued(number, now, executor.fingerprint(invocation)))
                    .withTimes(step.startedAt() == null ? now : step.startedAt(), null);
            changed(step);
            Cancellation cancellation = new Cancellation();
            ScheduledFuture<?> timeout = node.def.timeout() == null ? null
                    : engine.timers().schedule(() -> cancellation.cancel(AttemptState.TIMED_OUT),
                    node.def.timeout().toMillis(), TimeUnit.MILLISECONDS);
            InFlight flight = new InFlight(invocation, cancellation, timeout);
            inFlight.put(id, flight);
            toSubmit.add(flight);
        }
    }

    private Map<String, JsonNode> resolveInputs(Node node, StepRun step) {
        if (node.def.inputs().isEmpty()) {
            return presets.inputOverrides(step.stepId(), step.stepName());
        }
        ObjectNode raw = JsonNodeFactory.instance.objectNode();
        node.def.inputs().forEach(raw::set);
        JsonNode rendered = engine.templates().render(raw, contextFor(node, step.index(), items.get(step.stepId())));
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
            context.put("item", engine.values().toContext(item));
            context.put("index", index);
        }
        return context;
    }

    /** A finished step's outputs for templates; for a fan-out, each output is the list over its instances. */
    private Map<String, Object> outputContext(Node node) {
        return outputContexts.computeIfAbsent(node.def.id(), name -> {
            Map<String, Object> outputs = new LinkedHashMap<>();
            if (!node.def.isFanOut()) {
                steps.get(name).outputs().forEach((k, v) -> outputs.put(k, engine.values().toContext(v)));
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
                    values.add(engine.values().toContext(instance.outputs().get(entry.getKey())));
                }
            }
            return outputs;
        });
    }

    private void completed(Completed c) {
        InFlight flight = inFlight.remove(c.stepId());
        if (flight == null) {
            return;
        }
        if (flight.timeout() != null) {
            flight.timeout().cancel(false);
        }
        StepRun step = steps.get(c.stepId());
        StepOutcome outcome = c.outcome();
        Attempt attempt = step.lastAttempt().ended(outcome.state(), millis(outcome.startedAt()),
                millis(outcome.endedAt()), outcome.exitCode(), outcome.error(), outcome.hasLog());
        step = step.withAttempt(attempt);
        Node node = nodes.get(step.stepName());
        switch (outcome.state()) {
            case SUCCEEDED -> end(step.withState(StepState.SUCCEEDED, 0).withOutputs(outcome.outputs()).withError(null));
            case CANCELLED -> end(step.withState(StepState.CANCELLED, 0).withError(outcome.error()));
            case INTERRUPTED -> end(step.withState(StepState.INTERRUPTED, 0).withError(outcome.error()));
            default -> {
                int triesHere = step.attempts().size();
                if (!cancelRequested && triesHere < node.def.retry().attempts()) {
                    changed(step.withState(StepState.RETRYING, 0).withError(outcome.error()));
                    long delay = node.def.retry().delayAfter(triesHere).toMillis();
                    retries.put(step.stepId(), engine.timers().schedule(() -> post(new RetryDue(c.stepId())),
                            delay, TimeUnit.MILLISECONDS));
                } else {
                    end(step.withState(StepState.FAILED, 0).withError(outcome.error()));
                }
            }
        }
        engine.cleanScratch(flight.invocation().workDir());
    }

    private void cancelAll(StepState as) {
        cancelRequested = true;
        AttemptState reason = as == StepState.INTERRUPTED ? AttemptState.INTERRUPTED : AttemptState.CANCELLED;
        inFlight.values().forEach(f -> f.cancellation().cancel(reason));
        for (StepRun step : new ArrayList<>(steps.values())) {
            if (!inFlight.containsKey(step.stepId()) && !step.state().isTerminal()) {
                cancelWaiting(step, as);
            }
        }
    }

    private void cancelStep(String stepId) {
        List<String> targets = steps.containsKey(stepId) ? List.of(stepId)
                : nodes.containsKey(stepId) ? nodes.get(stepId).instances : List.of();
        for (String id : targets) {
            InFlight flight = inFlight.get(id);
            if (flight != null) {
                flight.cancellation().cancel(AttemptState.CANCELLED);
            } else if (!steps.get(id).state().isTerminal()) {
                cancelWaiting(steps.get(id), StepState.CANCELLED);
            }
        }
    }

    private void cancelWaiting(StepRun step, StepState as) {
        ScheduledFuture<?> retry = retries.remove(step.stepId());
        if (retry != null) {
            retry.cancel(false);
        }
        end(step.withState(as, 0));
    }

    /** Records a step instance that reached a terminal state and moves its step on when all instances did. */
    private void end(StepRun step) {
        Instant now = now();
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
        if (run.state().isTerminal() || finishedNodes < nodes.size() || !inFlight.isEmpty() || !retries.isEmpty()) {
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
        run = run.withState(end, run.seq()).withTimes(run.startedAt(), now()).withError(error);
        if (end == RunState.SUCCEEDED) {
            run = run.withOutputs(flowOutputs());
        }
        runDirty = true;
        engine.cleanScratch(engine.scratchDir().resolve(run.id()));
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
                outputs.put(name, engine.templates().render(JsonNodeFactory.instance.textNode(template), context));
            } catch (RuntimeException e) {
                LOG.info("run {}: flow output {} left out: {}", run.id(), name, e.getMessage());
            }
        });
        return outputs;
    }

    // ---- apply

    private void changed(StepRun step) {
        steps.put(step.stepId(), step);
        dirtySteps.put(step.stepId(), step);
    }

    /**
     * Commits what changed, publishes it, then starts the attempts that were decided. Sequence numbers are
     * given here, in commit order. Many reused steps (a replay's start) are committed after the attempts
     * started, in a second transaction, so that a replay of a large run does not wait for them.
     */
    private void flush() {
        if (!runDirty && dirtySteps.isEmpty() && toSubmit.isEmpty()) {
            return;
        }
        List<StepRun> first = new ArrayList<>(dirtySteps.size());
        List<StepRun> later = new ArrayList<>();
        for (StepRun step : dirtySteps.values()) {
            (step.state() == StepState.REUSED ? later : first).add(step);
        }
        if (later.size() < BULK_REUSE || toSubmit.isEmpty()) {
            first.addAll(later);
            later.clear();
        }
        dirtySteps.clear();
        commitAndPublish(first, runDirty);
        runDirty = false;
        for (InFlight flight : toSubmit) {
            engine.submit(flight.invocation(), flight.cancellation(), this);
        }
        toSubmit.clear();
        if (!later.isEmpty()) {
            commitAndPublish(later, false);
        }
    }

    private void commitAndPublish(List<StepRun> changed, boolean withRun) {
        List<StepRun> stamped = new ArrayList<>(changed.size());
        boolean runFirst = withRun && !run.state().isTerminal();
        if (runFirst) {
            run = run.withSeq(++seq);
        }
        for (StepRun step : changed) {
            StepRun next = step.withSeq(++seq);
            steps.put(next.stepId(), next);
            stamped.add(next);
        }
        if (withRun && !runFirst) {
            run = run.withSeq(++seq);
        }
        committedAt = engine.store().commitNoWait(new RunStore.Changes(withRun ? List.of(run) : List.of(), stamped));
        Instant now = now();
        List<RunEvent> events = new ArrayList<>(stamped.size() + 1);
        if (runFirst) {
            events.add(RunEvent.of(run, now));
        }
        stamped.forEach(s -> events.add(RunEvent.of(s, now)));
        if (withRun && !runFirst) {
            events.add(RunEvent.of(run, now));
        }
        engine.publish(committedAt, events);
    }

    private Instant now() {
        return engine.now();
    }

    /** The store keeps milliseconds; records in memory must equal what a reader gets back. */
    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private static String safe(String stepId) {
        return stepId.replace('[', '_').replace(']', '_');
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
