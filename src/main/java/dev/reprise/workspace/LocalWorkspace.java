package dev.reprise.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.engine.Engine;
import dev.reprise.engine.ReplayPlanner;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.FlowValidator;
import dev.reprise.flow.Problem;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.flow.Templates;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Attempt;
import dev.reprise.run.Json;
import dev.reprise.run.Lineage;
import dev.reprise.run.LogChunk;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunPage;
import dev.reprise.run.RunQuery;
import dev.reprise.run.Snapshot;
import dev.reprise.run.StepRun;
import dev.reprise.store.H2Store;
import dev.reprise.store.WorkspaceStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A workspace opened by this process: its store (the H2 database of its folder, or a PostgreSQL database
 * shared with other processes) and files, and the in-process
 * {@link Engine}, behind the {@link Workspace} contract: a thin facade over rooms with one job each (the flow
 * catalog, run inputs, run history, snapshots, replays, imports). Thread-safe.
 */
public final class LocalWorkspace implements ImportingWorkspace, CollectingWorkspace {

    private static final ObjectMapper JSON = Json.newMapper();

    private final Path folder;
    private final WorkspaceStore store;
    private final Engine engine;
    private final FlowCatalog catalog;
    private final RunInputs inputs;
    private final RunHistory history;
    private final Snapshots snapshots;
    private final Replays replays;
    private final Clock clock;
    private final RunImports imports;

    /**
     * The workspace of {@code folder} over its opened {@code store} and the {@code engine} that runs on it, both
     * of which it now owns and closes; the rooms it delegates to are made here. The application opens them
     * ({@code app}'s composition root), having recovered what a stopped process left going.
     */
    public LocalWorkspace(Path folder, WorkspaceStore store, Engine engine, Clock clock) {
        this.folder = folder;
        this.store = store;
        this.engine = engine;
        this.clock = clock;
        this.inputs = new RunInputs(store.artifacts(), engine.catalog());
        this.catalog = new FlowCatalog(store.flows(), new FlowValidator(engine.catalog(), new Templates()), clock);
        this.history = new RunHistory(store.runs(), store.logs());
        this.replays = new Replays(history, catalog, store.flows(), inputs, new ReplayPlanner(engine.catalog(), engine::fingerprint), engine);
        this.snapshots = new Snapshots(store.snapshots(), catalog, inputs, history, engine, clock);
        this.imports = new RunImports(store, clock, JSON);
        engine.useChildRuns(new ChildLauncher(history, catalog, inputs, snapshots, replays, engine));
    }

    @Override
    public String location() {
        // a folder as it was given; a shared database by its address (without a password)
        return store instanceof H2Store ? folder.toString() : store.location();
    }

    // ---- flows

    @Override
    public List<FlowSummary> flows() {
        return catalog.flows();
    }

    @Override
    public List<FlowRevision> revisions(String flowId) {
        return catalog.revisions(flowId);
    }

    @Override
    public FlowRevision revision(String flowId, Integer requested) {
        return catalog.revision(flowId, requested);
    }

    @Override
    public ApplyResult applyFlow(String source, String fileName) {
        return catalog.apply(source, fileName);
    }

    @Override
    public ApplyResult applyFlow(String source, String fileName, List<FlowFile> files) {
        List<Problem> problems = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (FlowFile file : files) {
            String bad = FlowFolder.badPath(file.path());
            if (bad != null) {
                problems.add(Problem.of(bad));
            } else if (!paths.add(file.path())) {
                problems.add(Problem.of("file " + file.path() + " is given twice"));
            } else if (!store.artifacts().exists(file.sha256())) {
                problems.add(Problem.of("file " + file.path() + " (" + file.sha256() + ") is not stored in this "
                        + "workspace; put its bytes first"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return catalog.apply(source, fileName, files);
    }

    @Override
    public List<Problem> validateFlow(String source, String fileName) {
        return catalog.validate(source, fileName);
    }

    @Override
    public List<Problem> validateFlow(String source, String fileName, List<FlowFile> files) {
        return catalog.validate(source, fileName, files);
    }

    @Override
    public List<StepTypeInfo> stepTypes() {
        return List.copyOf(engine.catalog().all());
    }

    private Flow flow(FlowRevision revision) {
        return catalog.flow(revision);
    }

    // ---- runs

    @Override
    public RunPage runs(RunQuery query) {
        return history.query(query);
    }

    @Override
    public RunDetail run(String runId) {
        return history.run(runId);
    }

    @Override
    public List<String> deleteRun(String runId, boolean withReplays) {
        return history.delete(runId, withReplays);
    }

    @Override
    public Lineage lineage(String runId) {
        return history.lineage(runId);
    }

    @Override
    public Run start(StartRequest request) {
        if (request.flowId() == null || request.flowId().isBlank()) {
            throw new InvalidInputException("a flow id is required");
        }
        FlowRevision revision = revision(request.flowId(), request.revision());
        Flow flow = flow(revision);
        RunInputs.ForRun given = inputs.forNewRun(flow, request.parameters(), request.stepInputs());
        return engine.start(flow, revision.revision(), given.parameters(), given.stepInputs(),
                new Engine.RunOptions(request.name(), request.labels(), request.env()));
    }

    // ---- snapshots

    @Override
    public Snapshot createSnapshot(SnapshotRequest request) {
        return snapshots.create(request);
    }

    @Override
    public List<Snapshot> snapshots(String flowId) {
        return snapshots.all(flowId);
    }

    @Override
    public Snapshot latestSnapshot(String flowId) {
        return snapshots.latest(flowId);
    }

    @Override
    public Snapshot snapshot(String name) {
        return snapshots.find(name);
    }

    @Override
    public Run runSnapshot(String name, SnapshotRun run) {
        return snapshots.run(name, run);
    }

    @Override
    public Run runLatestSnapshot(String flowId, SnapshotRun run) {
        return snapshots.run(snapshots.latest(flowId).name(), run);
    }

    @Override
    public void deleteSnapshot(String name) {
        snapshots.delete(name);
    }

    @Override
    public void cancel(String runId) {
        run(runId);
        engine.cancel(runId);
    }

    @Override
    public Collected collectGarbage(Duration keepNewerThan, boolean dryRun) {
        if (keepNewerThan == null || keepNewerThan.isNegative()) {
            throw new InvalidInputException("keep files newer than a duration of 0 or more, not " + keepNewerThan);
        }
        WorkspaceStore.Collected collected = store.collectGarbage(clock.instant().minus(keepNewerThan), dryRun);
        return new Collected(collected.removed(), collected.freedBytes(), collected.kept());
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

    // ---- replay

    @Override
    public ReplayPlan plan(String runId, ReplayRequest request) {
        return replays.plan(runId, request);
    }

    @Override
    public Run replay(String runId, ReplayRequest request) {
        return replays.replay(runId, request);
    }

    // ---- import

    /** {@inheritDoc} See {@link RunImports} for how revisions and lineage are mapped. */
    @Override
    public ImportResult importRun(RunBundle bundle, ArtifactSource artifacts) {
        if (bundle == null) {
            throw new InvalidInputException("a run bundle is required");
        }
        return imports.importRun(bundle, artifacts);
    }

    @Override
    public FlowRevision importRevision(FlowRevision revision) {
        return imports.importRevision(revision);
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
    public ArtifactRef putArtifact(InputStream bytes, String sha256, String name) {
        if (!ArtifactRef.isDigest(sha256)) {
            throw new InvalidInputException("an artifact is named by the SHA-256 of its bytes (64 hex digits), not '"
                    + sha256 + "'");
        }
        String fileName = fileName(name);
        try {
            return store.artifacts().putVerified(bytes, sha256, fileName, null);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage() + "; nothing was stored");
        }
    }

    /** The last part of a name, at most 255 characters; null for none. */
    private static String fileName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        if (last.isEmpty() || last.equals(".") || last.equals("..")) {
            return null;
        }
        return last.length() <= 255 ? last : last.substring(0, 255);
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

    /** The store's commits and flushes since the workspace opened, for benchmarks and diagnostics. */
    public WorkspaceStore.CommitStats commitStats() {
        return store.commitStats();
    }

    /** Waits for a run of this process to end; returns the stored run (at once if it has ended already). */
    public Run await(String runId) {
        engine.completion(runId).ifPresent(done -> {
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
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

}
