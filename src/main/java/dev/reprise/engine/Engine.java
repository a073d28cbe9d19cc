package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.flow.Flow;
import dev.reprise.flow.StepDef;
import dev.reprise.flow.StepTypeCatalog;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.flow.Templates;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunState;
import dev.reprise.run.RunTrigger;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The in-process engine: starts runs of flows, each driven by its own {@link RunCoordinator}, with at most
 * {@link Config#parallelism()} attempts running at once across all runs; retries, timeouts, cancellation;
 * every transition committed to the {@link RunStore} before its {@link RunEvent} is published. It owns its
 * threads and stops them in {@link #close()}, which records runs still going as {@code INTERRUPTED}.
 * Thread-safe.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /**
     * How far recovery numbers its events past the last stored one. Events are published only once durable,
     * so a dead process cannot have published a number the store lost; the jump stays for workspaces written
     * by versions that published before the write reached the file.
     */
    static final long RECOVERY_SEQ_GAP = 1_000_000;

    /** Engine settings: attempts running at once, where attempts get scratch folders, and the app version. */
    public record Config(int parallelism, Path scratchDir, String appVersion) {
        public Config {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1");
            }
        }
    }

    /**
     * What a new run is called and carries besides its parameters; {@code trigger} is the step attempt of
     * another run that starts it (null for a run a person starts).
     */
    public record RunOptions(String name, Map<String, String> labels, Map<String, String> env,
                             @Nullable RunTrigger trigger) {
        public RunOptions(String name, Map<String, String> labels, Map<String, String> env) {
            this(name, labels, env, null);
        }

        public static RunOptions none() {
            return new RunOptions(null, Map.of(), Map.of());
        }
    }

    private final RunStore store;
    private final LogStore logs;
    private final Clock clock;
    private final IdGenerator ids;
    private final Config config;
    private final Values values;
    private final Templates templates = new Templates();
    private final Map<String, StepExecutor> executors = new LinkedHashMap<>();
    private final Map<String, StepTypeInfo> types = new LinkedHashMap<>();
    private final EventBus bus = new EventBus();
    private final DurablePublisher publisher;
    private final Map<String, RunCoordinator> active = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final ExecutorService housekeeping;
    private final Context context = new Context();
    private final ArtifactStore artifacts;
    private final WorkingFolders workingFolders;
    /** With a store that other processes share: this engine's part in sharing its runs. */
    private final @Nullable SharedRuns shared;
    /** Starts the runs that steps ask for; set once by the workspace that owns this engine. */
    private volatile ChildRuns children = ChildRuns.NONE;
    private volatile boolean closed;

    public Engine(RunStore store, ArtifactStore artifacts, LogStore logs, List<StepHandler<?>> handlers,
                  Clock clock, IdGenerator ids, ObjectMapper mapper, Config config) {
        this.store = store;
        this.logs = logs;
        this.clock = clock;
        this.ids = ids;
        this.config = config;
        this.artifacts = artifacts;
        this.values = new Values(artifacts, mapper);
        register(new ShellExecutor(values, clock));
        register(new PythonExecutor(values, mapper, clock));
        register(new JavaExecutor(handlers, values, mapper, clock, config.appVersion()));
        if (types.putIfAbsent(ChildRunStep.TYPE, ChildRunStep.INFO) != null) {
            throw new IllegalStateException("step type '" + ChildRunStep.TYPE + "' is defined twice");
        }
        this.workers = Executors.newFixedThreadPool(config.parallelism(), threads("reprise-worker", true));
        this.timers = Executors.newSingleThreadScheduledExecutor(threads("reprise-timer", true));
        this.housekeeping = Executors.newSingleThreadExecutor(threads("reprise-housekeeping", true));
        this.workingFolders = new WorkingFolders(config.scratchDir(), artifacts, config.parallelism(),
                this::deleteLater);
        housekeeping.execute(() -> WorkingFolders.deleteLeftovers(config.scratchDir(), Engine::deleteTree));
        this.publisher = new DurablePublisher(store, bus);
        this.shared = store.sharing().map(sharing -> new SharedRuns(sharing, store, bus, publisher, new Sharing()))
                .orElse(null);
    }

    private void register(StepExecutor executor) {
        for (StepTypeInfo type : executor.types()) {
            if (executors.putIfAbsent(type.type(), executor) != null) {
                throw new IllegalStateException("step type '" + type.type() + "' is defined twice");
            }
            types.put(type.type(), type);
        }
    }

    /**
     * The fingerprint of the code that would run {@code step} now (as recorded on each attempt); null for a type
     * this engine does not run.
     */
    public String fingerprint(StepDef step) {
        if (ChildRunStep.TYPE.equals(step.type())) {
            return ChildRunStep.fingerprint(config.appVersion());
        }
        StepExecutor executor = executors.get(step.type());
        return executor == null ? null : executor.fingerprint(step);
    }

    /**
     * Lets steps of this engine start other runs through {@code starter}, the workspace that knows snapshots and
     * flows; called once, before runs start. Until then such a step fails, saying the engine cannot.
     */
    public void useChildRuns(ChildRuns starter) {
        if (children != ChildRuns.NONE) {
            throw new IllegalStateException("this engine already starts child runs through " + children);
        }
        children = Objects.requireNonNull(starter, "starter");
    }

    /** The step types this engine runs, for validating flows. */
    public StepTypeCatalog catalog() {
        return StepTypeCatalog.of(types.values());
    }

    /**
     * Records runs that a dead process left {@code QUEUED} or {@code RUNNING} as {@code INTERRUPTED}, with
     * their unfinished steps; call once, before starting runs. Returns how many runs it changed. With a store
     * that other processes share, only runs whose owner's lease ran out are taken, and this engine goes on
     * taking them (and sharing its own) until it is closed.
     */
    public int recoverInterrupted() {
        if (shared != null) {
            return shared.start();
        }
        List<Run> stale = store.runsInStates(Set.of(RunState.QUEUED, RunState.RUNNING));
        for (Run run : stale) {
            interrupt(run, "the process running this run stopped before it ended");
        }
        return stale.size();
    }

    /** Records {@code run}, left going by a process that stopped, and its unfinished steps as INTERRUPTED. */
    private void interrupt(Run run, String why) {
        Instant now = now();
        long seq = run.seq();
        List<StepRun> steps = store.stepRuns(run.id());
        for (StepRun step : steps) {
            seq = Math.max(seq, step.seq());
        }
        // jump past any number the dead process may have used, so that no subscriber drops the
        // recovery's events as ones it has seen
        seq += RECOVERY_SEQ_GAP;
        List<StepRun> changed = new ArrayList<>();
        List<RunEvent> events = new ArrayList<>();
        for (StepRun step : steps) {
            if (!step.state().isTerminal()) {
                StepRun next = step.withState(StepState.INTERRUPTED, ++seq)
                        .withError(step.attempts().isEmpty() ? "the process running this run stopped before this "
                                + "step started" : "the process running this step stopped")
                        .withTimes(step.startedAt(), now);
                Attempt last = next.lastAttempt();
                if (last != null && !last.state().isTerminal()) {
                    next = next.withAttempt(last.ended(AttemptState.INTERRUPTED, last.startedAt(), now,
                            null, "the process running this step stopped", last.hasLog()));
                }
                changed.add(next);
                events.add(new RunEvent.StepChanged(next, now));
            }
        }
        Run interrupted = run.withState(RunState.INTERRUPTED, ++seq).withTimes(run.startedAt(), now).withError(why);
        events.add(new RunEvent.RunChanged(interrupted, now));
        store.commit(new RunStore.Changes(List.of(interrupted), changed));
        publisher.publish(0, events);
        LOG.info("run {} was left {} by a stopped process; recorded as INTERRUPTED", run.id(), run.state());
    }

    /**
     * Records a new run of {@code flow} (already validated, with checked parameters) and starts it in the
     * background. Returns the run as recorded, {@code QUEUED}.
     */
    public Run start(Flow flow, int revision, Map<String, JsonNode> parameters, RunOptions options) {
        return start(flow, revision, parameters, Map.of(), options);
    }

    /**
     * As {@link #start(Flow, int, Map, RunOptions)}, with {@code stepInputs} ({@code step → input → value},
     * checked) given to those steps in place of what their templates would give them.
     */
    public Run start(Flow flow, int revision, Map<String, JsonNode> parameters,
                     Map<String, Map<String, JsonNode>> stepInputs, RunOptions options) {
        String id = ids.newRunId();
        Run run = Run.queued(id, flow.id(), revision, options.name(), options.labels(), options.env(), parameters,
                now()).withTrigger(options.trigger());
        return launch(run, flow, ReplayPresets.withInputs(stepInputs));
    }

    /**
     * Records a replay of {@code source} as a new run that executes {@code plan} (planned by
     * {@link ReplayPlanner} for {@code request}, without errors) on {@code flow} at {@code revision}; reused
     * steps are recorded at once, in one transaction, pointing at the step runs whose outputs they carry.
     */
    public Run replay(Flow flow, int revision, ReplayPlan plan, ReplayRequest request, Run source,
                      List<StepRun> sourceSteps) {
        return replay(flow, revision, plan, request, source, sourceSteps, null);
    }

    /** As {@link #replay(Flow, int, ReplayPlan, ReplayRequest, Run, List)}, started by {@code trigger} when not null. */
    public Run replay(Flow flow, int revision, ReplayPlan plan, ReplayRequest request, Run source,
                      List<StepRun> sourceSteps, @Nullable RunTrigger trigger) {
        if (!plan.isExecutable()) {
            throw new IllegalArgumentException("the replay plan has errors: " + plan.errors());
        }
        String id = ids.newRunId();
        Map<String, String> labels = new LinkedHashMap<>(source.labels());
        labels.putAll(request.labels());
        Map<String, String> env = new LinkedHashMap<>(source.env());
        env.putAll(request.env());
        String name = request.name() != null ? request.name() : replayName(source);
        Run run = Run.queued(id, flow.id(), revision, name, labels, env, plan.parameters(), now())
                .asReplay(source.id(), source.rootRunId() != null ? source.rootRunId() : source.id(), request)
                .withTrigger(trigger);
        return launch(run, flow, ReplayPresets.of(plan, sourceSteps, request));
    }

    /**
     * The name of a new replay of {@code source}: its lineage root's name (or id) and the replay's number in
     * that lineage — {@code nightly (replay 3)} — rather than {@code replay of replay of …}.
     */
    private String replayName(Run source) {
        String rootId = source.rootRunId() != null ? source.rootRunId() : source.id();
        List<Run> lineage = store.runsWithRoot(rootId);
        Run root = lineage.stream().filter(r -> r.id().equals(rootId)).findFirst()
                .or(() -> store.findRun(rootId)).orElse(source);
        long replays = lineage.stream().filter(r -> r.parentRunId() != null).count();
        return (root.name() != null ? root.name() : root.id()) + " (replay " + (replays + 1) + ")";
    }

    private Run launch(Run run, Flow flow, ReplayPresets presets) {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        // durable before the caller can print the run's id; its events queue behind this one
        store.commit(new RunStore.Changes(List.of(run), List.of()));
        publisher.publish(0, List.of(new RunEvent.RunChanged(run, run.createdAt())));
        RunCoordinator coordinator = new RunCoordinator(context, flow, run, presets);
        active.put(run.id(), coordinator);
        Thread thread = new Thread(coordinator, "reprise-run-" + run.id());
        thread.setDaemon(true);
        thread.start();
        return run;
    }

    /**
     * Cancels a run that is going on; does nothing for a run that has ended or is unknown. With a shared store,
     * a run that another process executes is cancelled there.
     */
    public boolean cancel(String runId) {
        return shared != null ? shared.cancel(runId, null) : cancelHere(runId, null);
    }

    /** Cancels a step instance (or every instance of a fan-out step) of a run that is going on. */
    public boolean cancelStep(String runId, String stepId) {
        return shared != null ? shared.cancel(runId, stepId) : cancelHere(runId, stepId);
    }

    private boolean cancelHere(String runId, @Nullable String stepId) {
        RunCoordinator coordinator = active.get(runId);
        if (coordinator == null) {
            return false;
        }
        coordinator.post(stepId == null ? new RunScheduler.CancelRun() : new RunScheduler.CancelStep(stepId));
        return true;
    }

    public boolean isActive(String runId) {
        return active.containsKey(runId);
    }

    /**
     * Completes with the ended run; empty if the run is not going on in this engine (or, with a shared store,
     * in any process).
     */
    public Optional<CompletableFuture<Run>> completion(String runId) {
        RunCoordinator coordinator = active.get(runId);
        if (coordinator != null || shared == null) {
            return Optional.ofNullable(coordinator).map(RunCoordinator::done);
        }
        Optional<Run> stored = store.findRun(runId);
        if (stored.isEmpty() || stored.get().state().isTerminal()) {
            return Optional.empty();
        }
        // executed by another process: its end arrives as an event relayed from the store
        CompletableFuture<Run> ended = new CompletableFuture<>();
        Runnable remove = subscribe(runId, stored.get().seq() - 1, event -> {
            if (event instanceof RunEvent.RunChanged changed && changed.run().state().isTerminal()) {
                ended.complete(changed.run());
            }
        });
        ended.whenComplete((run, error) -> remove.run());
        return Optional.of(ended);
    }

    /**
     * Delivers the run's events after {@code afterSeq}: the stored state that changed since, then every new
     * event. The listener runs on engine threads and must not block. Returns the action that unsubscribes.
     */
    public Runnable subscribe(String runId, long afterSeq, Consumer<RunEvent> listener) {
        ResumingListener resuming = new ResumingListener(listener, afterSeq);
        Runnable remove = bus.add(runId, resuming);
        List<StepRun> changed = store.stepRunsAfter(runId, afterSeq);
        Run run = store.findRun(runId).orElse(null);
        resuming.catchUp(run, changed, now());
        return remove;
    }

    /** Delivers every new event of every run. The listener must not block. Returns the action that unsubscribes. */
    public Runnable subscribeAll(Consumer<RunEvent> listener) {
        return bus.addAll(listener);
    }

    /** Stops every run going on (recorded as {@code INTERRUPTED}) and every engine thread. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (shared != null) {
            shared.close();
        }
        List<CompletableFuture<Run>> ending = new ArrayList<>();
        for (RunCoordinator coordinator : active.values()) {
            coordinator.post(new RunScheduler.Stop());
            ending.add(coordinator.done());
        }
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("not every run stopped cleanly while the engine closed", e);
        }
        publisher.close();
        workers.shutdownNow();
        timers.shutdownNow();
        workingFolders.close();
        housekeeping.shutdown();
        try {
            housekeeping.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Instant now() {
        // the store keeps milliseconds: records in memory must equal what a reader gets back
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ThreadFactory threads(String prefix, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(daemon);
            return thread;
        };
    }

    private void deleteLater(Path folder) {
        try {
            housekeeping.execute(() -> deleteTree(folder));
        } catch (RejectedExecutionException closed) {
            deleteTree(folder);
        }
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            WorkingFolder.deleteTree(folder, false);
        } catch (IOException e) {
            LOG.debug("could not delete scratch folder {}", folder, e);
        }
    }

    /** The engine as its part in a shared store sees it. */
    private final class Sharing implements SharedRuns.Host {
        @Override
        public boolean isActive(String runId) {
            return active.containsKey(runId);
        }

        @Override
        public Set<String> active() {
            return Set.copyOf(active.keySet());
        }

        @Override
        public boolean cancelHere(String runId, @Nullable String stepId) {
            return Engine.this.cancelHere(runId, stepId);
        }

        @Override
        public void lost(String runId) {
            RunCoordinator coordinator = active.get(runId);
            if (coordinator != null) {
                coordinator.post(new RunScheduler.Stop());
            }
        }

        @Override
        public void interrupt(Run run, String why) {
            Engine.this.interrupt(run, why);
        }

        @Override
        public Instant now() {
            return Engine.this.now();
        }
    }

    /** The engine as its coordinators see it. */
    private final class Context implements EngineContext {
        @Override
        public RunStore store() {
            return store;
        }

        @Override
        public LogStore logs() {
            return logs;
        }

        @Override
        public Values values() {
            return values;
        }

        @Override
        public Templates templates() {
            return templates;
        }

        @Override
        public StepExecutor executor(String type) {
            StepExecutor executor = executors.get(type);
            if (executor == null) {
                throw new IllegalArgumentException("unknown step type '" + type + "'");
            }
            return executor;
        }

        @Override
        public String fingerprint(StepDef step) {
            String fingerprint = Engine.this.fingerprint(step);
            if (fingerprint == null) {
                throw new IllegalArgumentException("unknown step type '" + step.type() + "'");
            }
            return fingerprint;
        }

        @Override
        public boolean holdsWorker(StepDef step) {
            return !ChildRunStep.TYPE.equals(step.type());
        }

        @Override
        public ChildRuns children() {
            return children;
        }

        @Override
        public Optional<CompletableFuture<Run>> completion(String runId) {
            return Engine.this.completion(runId);
        }

        @Override
        public void cancel(String runId) {
            Engine.this.cancel(runId);
        }

        @Override
        public int parallelism() {
            return config.parallelism();
        }

        @Override
        public Path scratchDir() {
            return config.scratchDir();
        }

        @Override
        public ScheduledExecutorService timers() {
            return timers;
        }

        @Override
        public Instant now() {
            return Engine.this.now();
        }

        @Override
        public void publish(long position, List<RunEvent> events) {
            publisher.publish(position, events);
        }

        @Override
        public void afterPublished(long position, Runnable action) {
            publisher.afterPublished(position, action);
        }

        @Override
        public void submit(StepInvocation invocation, Cancellation cancellation, RunCoordinator coordinator) {
            StepExecutor executor = executor(invocation.step().type());
            workers.execute(() -> {
                StepOutcome outcome;
                if (cancellation.isCancelled()) {
                    Instant at = now();
                    outcome = new StepOutcome(cancellation.reason(), Map.of(), null, "cancelled before it started",
                            at, at, false);
                } else {
                    boolean withFiles = !invocation.code().isEmpty();
                    try {
                        if (withFiles) {
                            workingFolders.prepare(invocation.workDir(), invocation.code());
                        }
                        outcome = executor.execute(invocation, cancellation);
                        if (withFiles) {
                            // before the run learns the attempt ended, so that its next step can take the folder
                            workingFolders.release(invocation.workDir(), invocation.code());
                        }
                    } catch (IOException e) {
                        LOG.warn("cannot prepare the working folder of step {} of run {}", invocation.stepId(),
                                invocation.runId(), e);
                        Instant at = now();
                        outcome = new StepOutcome(AttemptState.FAILED, Map.of(), null,
                                "cannot prepare the working folder with the flow's files: " + e.getMessage(), at, at,
                                false);
                        deleteLater(invocation.workDir());
                    } catch (RuntimeException | Error e) {
                        LOG.error("executor failed on step {} of run {}", invocation.stepId(), invocation.runId(), e);
                        Instant at = now();
                        outcome = new StepOutcome(AttemptState.FAILED, Map.of(), null,
                                "internal error: " + e, at, at, false);
                        if (withFiles) {
                            deleteLater(invocation.workDir());
                        }
                    }
                }
                coordinator.post(new RunScheduler.Completed(invocation.stepId(), invocation.attempt(), outcome));
            });
        }

        @Override
        public void cleanScratch(Path folder) {
            deleteLater(folder);
        }

        @Override
        public void finished(String runId) {
            active.remove(runId);
        }
    }
}
