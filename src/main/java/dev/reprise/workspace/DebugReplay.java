package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.Problem;
import dev.reprise.flow.SourcePos;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.LocalFile;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.Run;
import dev.reprise.run.StepRun;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Debug replay (ZenML's debug mode, Flyte's fork): replays a run of one workspace, usually a server's, in
 * another, local one. It plans the replay where the run lives (without the request's local files), to learn
 * which steps are reused; imports the run, its flow revision, the logs of its attempts (see
 * {@link #logsToCarry}) and only the artifacts the replay needs (those of reused steps, the run's file
 * parameters, and the inputs of executed steps that no executed step produces); then replays the imported run
 * locally with the same request, its revision translated to the local number of the same source. The new local
 * run is a replay of the imported one, whose target names where it came from. Each call is independent;
 * thread-safe as its two workspaces are.
 */
public final class DebugReplay {

    /** How it went: the imported source run, the local replay (started, going on) and the artifacts fetched. */
    public record Result(Run imported, Run replay, List<String> fetchedArtifacts) {
        public Result {
            fetchedArtifacts = List.copyOf(fetchedArtifacts);
        }
    }

    /** Up to this many logged attempts, an imported run brings every log; beyond, only the unsuccessful ones'. */
    static final int ALL_LOGS_UP_TO = 200;

    private final Workspace remote;
    private final ImportingWorkspace local;

    public DebugReplay(Workspace remote, ImportingWorkspace local) {
        this.remote = remote;
        this.local = local;
    }

    /**
     * Replays {@code runId} of the remote workspace locally with {@code request}; returns once the local run
     * is recorded. A request the remote plan refuses is refused with its errors, and nothing is written here;
     * what only the local plan refuses (a missing local file) is refused after the run was imported.
     */
    public Result replay(String runId, ReplayRequest request) {
        RunDetail detail = remote.run(runId);
        Run run = detail.run();
        if (!run.state().isTerminal()) {
            throw new InvalidInputException("run " + runId + " is " + run.state() + " on " + remote.location()
                    + "; it can be replayed locally once it has ended");
        }
        ReplayPlan plan = remote.plan(runId, withoutLocalFiles(request));
        refuseErrors(plan);
        FlowRevision ran = remote.revision(run.flowId(), run.revision());
        FlowRevision target = plan.revision() == run.revision() ? ran : remote.revision(run.flowId(), plan.revision());
        Map<String, ArtifactRef> first = new LinkedHashMap<>();
        needed(plan, detail, request).forEach(ref -> first.put(ref.sha256(), ref));
        // the code of a flow folder: the files of the revision it ran and of the one it replays with
        RunBundle.codeOf(ran).forEach(ref -> first.putIfAbsent(ref.sha256(), ref));
        RunBundle.codeOf(target).forEach(ref -> first.putIfAbsent(ref.sha256(), ref));
        RunBundle bundle = RunBundle.of(RunBundle.originOf(remote), ran, detail, first.values());
        List<String> fetched = new ArrayList<>();
        ArtifactSource source = ArtifactSource.withLogs(remote, runId, logsToCarry(detail));
        ImportingWorkspace.ImportResult imported = local.importRun(bundle, source);
        fetched.addAll(imported.storedArtifacts());
        FlowRevision localTarget = local.importRevision(target);
        ReplayRequest localRequest = request.withRevision(String.valueOf(localTarget.revision()));
        // the local plan decides what runs; should it reuse more than the remote one did, fetch what it needs
        ReplayPlan localPlan = local.plan(runId, localRequest);
        refuseErrors(localPlan);
        fetched.addAll(local.importRun(bundle.withArtifacts(needed(localPlan, detail, request)),
                source).storedArtifacts());
        Run replay = local.replay(runId, localRequest);
        return new Result(imported.run(), replay, fetched);
    }

    /**
     * Which attempts' logs come with the imported run: all of them for a run of up to {@value #ALL_LOGS_UP_TO}
     * logged attempts, else those that did not succeed — what a debug replay is about — so that a run of
     * thousands of steps is not fetched log by log.
     */
    static BiPredicate<String, Integer> logsToCarry(RunDetail detail) {
        Set<String> all = new HashSet<>();
        Set<String> unsuccessful = new HashSet<>();
        for (StepRun step : detail.steps()) {
            for (Attempt attempt : step.attempts()) {
                if (attempt.hasLog()) {
                    all.add(step.stepId() + "#" + attempt.number());
                    if (attempt.state() != AttemptState.SUCCEEDED) {
                        unsuccessful.add(step.stepId() + "#" + attempt.number());
                    }
                }
            }
        }
        Set<String> carried = all.size() <= ALL_LOGS_UP_TO ? all : unsuccessful;
        return (stepId, attempt) -> carried.contains(stepId + "#" + attempt);
    }

    /**
     * The request less the values that name a file of this machine: a path is looked for (and read and stored)
     * where the request is planned, and the remote workspace must not go looking for a local path — in its own
     * file system, at best. Without them the remote plan reuses at least what the local one does (a value can
     * only make more steps run); the local plan checks the files.
     */
    static ReplayRequest withoutLocalFiles(ReplayRequest request) {
        return request.withValues(request.values().filter((path, value) -> !isLocalFile(value)));
    }

    private static boolean isLocalFile(JsonNode value) {
        if (LocalFile.isLocalFile(value)) {
            return true;
        }
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return false;
        }
        try {
            return Files.isRegularFile(Path.of(value.asText()));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * The artifacts a replay following {@code plan} reads from its source run: the inputs and outputs of the
     * step runs it reuses, the run's parameters and the request's own values, and the source inputs of steps
     * it executes, except those that executed steps produce again.
     */
    static List<ArtifactRef> needed(ReplayPlan plan, RunDetail detail, ReplayRequest request) {
        Map<String, ArtifactRef> needed = new LinkedHashMap<>();
        Map<String, ArtifactRef> executedInputs = new LinkedHashMap<>();
        Set<String> produced = new HashSet<>();
        detail.run().parameters().values().forEach(v -> RunBundle.collect(v, needed));
        request.parameterOverrides().values().forEach(v -> RunBundle.collect(v, needed));
        request.stepInputOverrides().values().forEach(m -> m.values().forEach(v -> RunBundle.collect(v, needed)));
        request.outputOverrides().values().forEach(m -> m.values().forEach(v -> RunBundle.collect(v, needed)));
        for (ReplayPlan.PlannedStep planned : plan.steps()) {
            for (StepRun step : matching(detail, planned)) {
                switch (planned.action()) {
                    case REUSE, INJECT -> {
                        step.inputs().values().forEach(v -> RunBundle.collect(v, needed));
                        step.outputs().values().forEach(v -> RunBundle.collect(v, needed));
                    }
                    case EXECUTE -> {
                        step.inputs().values().forEach(v -> RunBundle.collect(v, executedInputs));
                        Map<String, ArtifactRef> outputs = new LinkedHashMap<>();
                        step.outputs().values().forEach(v -> RunBundle.collect(v, outputs));
                        produced.addAll(outputs.keySet());
                    }
                    case OMIT -> {
                    }
                }
            }
        }
        executedInputs.forEach((sha, ref) -> {
            if (!produced.contains(sha)) {
                needed.putIfAbsent(sha, ref);
            }
        });
        return List.copyOf(needed.values());
    }

    /** The source step runs a planned step stands for: the instance, or every instance of a step. */
    private static List<StepRun> matching(RunDetail detail, ReplayPlan.PlannedStep planned) {
        List<StepRun> found = new ArrayList<>();
        for (StepRun step : detail.steps()) {
            if (step.stepId().equals(planned.stepId())
                    || (step.isFanOutInstance() && step.stepName().equals(planned.stepId()))) {
                found.add(step);
            }
        }
        return found;
    }

    private static void refuseErrors(ReplayPlan plan) {
        if (!plan.isExecutable()) {
            throw new InvalidInputException(plan.errors().stream()
                    .map(e -> new Problem(SourcePos.unknown(e.field()), e.message())).toList());
        }
    }
}
