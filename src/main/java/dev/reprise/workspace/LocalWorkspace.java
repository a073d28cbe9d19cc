package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.engine.Engine;
import dev.reprise.engine.Plugins;
import dev.reprise.engine.RunIds;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowException;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.FlowValidator;
import dev.reprise.flow.InputSpec;
import dev.reprise.flow.Problem;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.flow.Templates;
import dev.reprise.run.Attempt;
import dev.reprise.run.Json;
import dev.reprise.run.LogChunk;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunPage;
import dev.reprise.run.RunQuery;
import dev.reprise.run.StepRun;
import dev.reprise.store.H2Store;
import dev.reprise.store.WorkspaceLockedException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A workspace in a local folder: the H2 store and files of {@link H2Store}, and the in-process
 * {@link Engine}. Opening it takes the folder's lock (a second process gets
 * {@link WorkspaceBusyException}) and records runs that a stopped process left going as
 * {@code INTERRUPTED}. Thread-safe.
 */
public final class LocalWorkspace implements Workspace {

    /** How to open a local workspace: engine parallelism and the clock. */
    public record Options(int parallelism, Clock clock, String appVersion) {
        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), Clock.systemUTC(), currentVersion());
        }

        public Options withParallelism(int n) {
            return new Options(n, clock, appVersion);
        }

        private static String currentVersion() {
            String version = LocalWorkspace.class.getPackage().getImplementationVersion();
            return version == null ? "dev" : version;
        }
    }

    private final Path folder;
    private final H2Store store;
    private final Engine engine;
    private final FlowValidator validator;
    private final FlowParser parser = new FlowParser();
    private final Clock clock;
    private final Map<String, Flow> parsed = new ConcurrentHashMap<>();

    private LocalWorkspace(Path folder, H2Store store, Engine engine, Clock clock) {
        this.folder = folder;
        this.store = store;
        this.engine = engine;
        this.clock = clock;
        this.validator = new FlowValidator(engine.catalog(), new Templates());
    }

    /** Opens (creating if needed) the workspace in {@code folder}. */
    public static LocalWorkspace open(Path folder, Options options) {
        H2Store store;
        try {
            store = H2Store.open(folder);
        } catch (WorkspaceLockedException e) {
            throw new WorkspaceBusyException(e.getMessage());
        }
        try {
            Path scratch = folder.resolve("tmp");
            ObjectMapper mapper = Json.newMapper();
            Engine engine = new Engine(store.runs(), store.artifacts(), store.logs(),
                    Plugins.load(folder.resolve("plugins")), options.clock(), new RunIds(options.clock()), mapper,
                    new Engine.Config(options.parallelism(), scratch, options.appVersion()));
            engine.recoverInterrupted();
            return new LocalWorkspace(folder, store, engine, options.clock());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public String location() {
        return folder.toString();
    }

    // ---- flows

    @Override
    public List<FlowSummary> flows() {
        List<FlowSummary> result = new ArrayList<>();
        for (FlowRevision latest : store.flows().latestOfEach()) {
            String description = null;
            try {
                description = flow(latest).description();
            } catch (RuntimeException e) {
                // a stored revision always parsed once; if the parser changed, list it without a description
            }
            result.add(new FlowSummary(latest.flowId(), description, latest.revision(), latest.createdAt()));
        }
        return result;
    }

    @Override
    public List<FlowRevision> revisions(String flowId) {
        List<FlowRevision> revisions = store.flows().revisions(flowId);
        if (revisions.isEmpty()) {
            throw new NotFoundException("no flow '" + flowId + "' in this workspace");
        }
        return revisions;
    }

    @Override
    public FlowRevision revision(String flowId, Integer revision) {
        if (revision == null) {
            return store.flows().latest(flowId)
                    .orElseThrow(() -> new NotFoundException("no flow '" + flowId + "' in this workspace"));
        }
        return store.flows().revision(flowId, revision).orElseThrow(() -> new NotFoundException(
                store.flows().latest(flowId).map(l -> "flow '" + flowId + "' has no revision " + revision
                        + " (revisions 1 to " + l.revision() + ")")
                        .orElse("no flow '" + flowId + "' in this workspace")));
    }

    @Override
    public ApplyResult applyFlow(String source, String fileName) {
        Flow flow = check(source, fileName);
        var saved = store.flows().save(flow.id(), source, sha256(source), clock.instant());
        parsed.put(key(saved.revision()), flow);
        return new ApplyResult(saved.revision(), saved.created());
    }

    @Override
    public List<Problem> validateFlow(String source, String fileName) {
        try {
            check(source, fileName);
            return List.of();
        } catch (InvalidInputException e) {
            return e.problems();
        }
    }

    private Flow check(String source, String fileName) {
        try {
            return validator.load(source, fileName);
        } catch (FlowException e) {
            throw new InvalidInputException(e.problems());
        }
    }

    @Override
    public List<StepTypeInfo> stepTypes() {
        return List.copyOf(engine.catalog().all());
    }

    private Flow flow(FlowRevision revision) {
        return parsed.computeIfAbsent(key(revision), k -> parser.parse(revision.source(),
                revision.flowId() + "@" + revision.revision()));
    }

    private static String key(FlowRevision revision) {
        return revision.flowId() + "@" + revision.revision();
    }

    // ---- runs

    @Override
    public RunPage runs(RunQuery query) {
        try {
            return store.runs().query(query);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    @Override
    public RunDetail run(String runId) {
        Run run = store.runs().findRun(runId)
                .orElseThrow(() -> new NotFoundException("no run '" + runId + "' in this workspace"));
        return new RunDetail(run, store.runs().stepRuns(runId));
    }

    @Override
    public Run start(StartRequest request) {
        if (request.flowId() == null || request.flowId().isBlank()) {
            throw new InvalidInputException("a flow id is required");
        }
        FlowRevision revision = revision(request.flowId(), request.revision());
        Flow flow = flow(revision);
        Map<String, JsonNode> parameters = checkParameters(flow, request.parameters());
        return engine.start(flow, revision.revision(), parameters,
                new Engine.RunOptions(request.name(), request.labels(), request.env()));
    }

    /** The flow's inputs for a run: given values converted to their types, defaults for the rest. */
    static Map<String, JsonNode> checkParameters(Flow flow, Map<String, JsonNode> given) {
        List<Problem> problems = new ArrayList<>();
        given.keySet().stream().filter(name -> !flow.inputs().containsKey(name)).sorted().forEach(name ->
                problems.add(Problem.of("flow '" + flow.id() + "' has no input '" + name + "'"
                        + (flow.inputs().isEmpty() ? "" : " (inputs: " + String.join(", ", flow.inputs().keySet()) + ")"))));
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        for (InputSpec spec : flow.inputs().values()) {
            JsonNode value = given.get(spec.name());
            if (value == null) {
                if (spec.required()) {
                    problems.add(Problem.of("input '" + spec.name() + "' is required (" + spec.type().id() + ")"));
                    continue;
                }
                value = spec.defaultValue();
            }
            try {
                parameters.put(spec.name(), spec.check(value));
            } catch (IllegalArgumentException e) {
                problems.add(Problem.of(e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return parameters;
    }

    @Override
    public void cancel(String runId) {
        run(runId);
        engine.cancel(runId);
    }

    @Override
    public void cancelStep(String runId, String stepId) {
        RunDetail detail = run(runId);
        boolean known = detail.steps().stream().anyMatch(s -> s.stepId().equals(stepId) || s.stepName().equals(stepId));
        if (!known) {
            throw new NotFoundException("run " + runId + " has no step '" + stepId + "' going on");
        }
        engine.cancelStep(runId, stepId);
    }

    // ---- logs and artifacts

    @Override
    public LogChunk log(String runId, String stepId, int attempt, long offset, int maxBytes) {
        StepRun step = store.runs().findStepRun(runId, stepId).orElseThrow(() -> new NotFoundException(
                store.runs().findRun(runId).isPresent() ? "run " + runId + " has no step '" + stepId + "'"
                        : "no run '" + runId + "' in this workspace"));
        Attempt found = step.attempts().stream().filter(a -> a.number() == attempt).findFirst()
                .orElseThrow(() -> new NotFoundException("step " + stepId + " of run " + runId + " has no attempt "
                        + attempt + (step.attempts().isEmpty() ? " (it never ran)"
                        : " (attempts " + step.attempts().get(0).number() + " to " + step.lastAttempt().number() + ")")));
        if (offset < 0 || maxBytes <= 0) {
            throw new InvalidInputException("offset must be at least 0 and maxBytes at least 1");
        }
        return store.logs().read(runId, stepId, attempt, offset, maxBytes, found.state().isTerminal());
    }

    @Override
    public InputStream openArtifact(String sha256) {
        Path path;
        try {
            path = store.artifacts().path(sha256);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(e.getMessage());
        }
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- events

    @Override
    public Subscription subscribe(String runId, long afterSeq, Consumer<RunEvent> listener) {
        run(runId);
        Runnable remove = engine.subscribe(runId, afterSeq, listener);
        return remove::run;
    }

    @Override
    public Subscription subscribeAll(Consumer<RunEvent> listener) {
        Runnable remove = engine.subscribeAll(listener);
        return remove::run;
    }

    /** Waits for a run of this process to end; returns the stored run (at once if it has ended already). */
    public Run await(String runId) {
        engine.completion(runId).ifPresent(done -> {
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                // the run's own record tells how it ended
            }
        });
        return run(runId).run();
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            store.close();
        }
    }

    static String sha256(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
