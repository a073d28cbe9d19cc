package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprise.engine.RunStore;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.Ids;
import dev.reprise.flow.Problem;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Attempt;
import dev.reprise.run.Run;
import dev.reprise.run.Sha256;
import dev.reprise.run.StepRun;
import dev.reprise.store.WorkspaceStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Imports runs made elsewhere into a local store (see {@link ImportingWorkspace}).
 *
 * <p>Flow revisions are numbered per workspace, so an imported run keeps its source, not its number: the run
 * is recorded against the local revision with the same SHA-256, which is stored as the flow's next revision
 * when no local revision has that source. An imported run's {@code target} is the bundle's origin; its
 * {@code parentRunId} and {@code rootRunId} are kept only when those runs are here too (otherwise it is
 * the root of its own lineage here), so that the local lineage of its replays is a whole tree. Two imports
 * of one run compare everything but those fields and the revision number.
 *
 * <p>Order of writing: nothing before every check has passed (ids of every shape the store and its folders take,
 * see {@link Ids}); then artifacts (content-addressed), the logs the source carries (each moved into place whole),
 * the flow revision, and the run with its step runs in one transaction. The bytes are counted as they are read,
 * within {@link #MAX_FILE_BYTES} a file and {@link #MAX_IMPORT_BYTES} in all; when a read or a write fails, the
 * artifacts and logs this import wrote are deleted again, so a refused import leaves nothing behind. Imports are
 * serialised. Thread-safe.
 */
final class RunImports {

    /** The most bytes one artifact or one log of an imported run may hold: 1 GiB, as an upload to a server. */
    static final long MAX_FILE_BYTES = 1L << 30;
    /** The most bytes one import may write in all. */
    static final long MAX_IMPORT_BYTES = 8L << 30;
    /** The longest run name and label value, and the longest origin: the store's columns. */
    private static final int MAX_TEXT = 1000;
    private static final int MAX_LABEL_KEY = 200;

    private final WorkspaceStore store;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Object lock = new Object();

    RunImports(WorkspaceStore store, Clock clock, ObjectMapper mapper) {
        this.store = store;
        this.clock = clock;
        this.mapper = mapper;
    }

    ImportingWorkspace.ImportResult importRun(RunBundle bundle, ArtifactSource source) {
        check(bundle);
        synchronized (lock) {
            Run incoming = bundle.run();
            Optional<Run> existing = store.runs().findRun(incoming.id());
            if (existing.isPresent()) {
                List<String> differences = differences(existing.get(), store.runs().stepRuns(incoming.id()), bundle);
                if (!differences.isEmpty()) {
                    throw new InvalidInputException("run " + incoming.id() + " exists in this workspace with other "
                            + "content (" + String.join(", ", differences) + "); nothing was imported");
                }
            }
            Written written = new Written();
            try {
                ByteBudget total = new ByteBudget(MAX_IMPORT_BYTES, limit -> "run " + incoming.id() + " holds more "
                        + "than " + limit + " bytes of artifacts and logs, more than an import takes; nothing was "
                        + "imported");
                storeArtifacts(bundle, source, total, written);
                storeLogs(bundle, source, total, written);
                if (existing.isPresent()) {
                    return new ImportingWorkspace.ImportResult(existing.get(), false, written.artifacts);
                }
                FlowRevision local = importRevision(bundle.flow());
                Run run = localRun(incoming, local.revision(), bundle.origin());
                store.runs().commit(new RunStore.Changes(List.of(run), bundle.steps()));
                return new ImportingWorkspace.ImportResult(run, true, written.artifacts);
            } catch (RuntimeException e) {
                written.undo(store);
                throw e;
            }
        }
    }

    /**
     * What one import wrote, to delete again if it fails: the artifacts it stored that were not held before, and
     * its logs. A step of another run that stored the very same bytes during the failed import would lose its
     * file with them; {@code reprise gc} spares recent files for that reason, an undo cannot, and accepts it.
     */
    private static final class Written {
        private final List<String> artifacts = new ArrayList<>();
        private final List<Path> logs = new ArrayList<>();

        void undo(WorkspaceStore store) {
            for (Path log : logs) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    // an orphan log is never read: logs are found through their step runs
                }
            }
            for (String sha256 : artifacts) {
                store.artifacts().delete(sha256);
            }
        }
    }

    FlowRevision importRevision(FlowRevision revision) {
        String sha = FlowFolder.revisionDigest(revision.source(), revision.files());
        if (!sha.equals(revision.sha256())) {
            throw new InvalidInputException("revision " + revision.revision() + " of flow '" + revision.flowId()
                    + "' does not have the source its SHA-256 names; nothing was imported");
        }
        revision.files().stream().filter(file -> !store.artifacts().exists(file.sha256())).findFirst()
                .ifPresent(missing -> {
                    throw new InvalidInputException("revision " + revision.revision() + " of flow '"
                            + revision.flowId() + "' is a flow folder whose file " + missing.path()
                            + " is not in this workspace; runs of flow folders cannot be imported yet");
                });
        synchronized (lock) {
            for (FlowRevision local : store.flows().revisions(revision.flowId())) {
                if (local.sha256().equals(sha)) {
                    return local;
                }
            }
            return store.flows().save(revision.flowId(), revision.source(), sha, revision.files(), clock.instant())
                    .revision();
        }
    }

    private static void check(RunBundle bundle) {
        checkIds(bundle);
        Run run = bundle.run();
        if (bundle.format() > RunBundle.FORMAT) {
            throw new InvalidInputException("this run was exported in format " + bundle.format()
                    + "; this version of Reprise reads format " + RunBundle.FORMAT + " and older");
        }
        if (!run.state().isTerminal()) {
            throw new InvalidInputException("run " + run.id() + " is " + run.state()
                    + "; only a run that has ended can be imported");
        }
        if (!bundle.flow().flowId().equals(run.flowId()) || bundle.flow().revision() != run.revision()) {
            throw new InvalidInputException("run " + run.id() + " ran revision " + run.revision() + " of flow '"
                    + run.flowId() + "', but the bundle carries revision " + bundle.flow().revision() + " of '"
                    + bundle.flow().flowId() + "'");
        }
    }

    /**
     * Every id and text of the bundle that the store keeps in a column or a folder name: ids of the shapes the
     * engine makes ({@link Ids}), attempt numbers from 1, texts within their columns, a readable flow source.
     */
    private static void checkIds(RunBundle bundle) {
        Run run = bundle.run();
        List<String> problems = new ArrayList<>();
        Ids.runIdProblem(run.id()).ifPresent(problems::add);
        Ids.flowIdProblem(run.flowId()).ifPresent(problems::add);
        for (String related : new String[] {run.parentRunId(), run.rootRunId()}) {
            if (related != null) {
                Ids.runIdProblem(related).ifPresent(problems::add);
            }
        }
        tooLong("run name", run.name(), MAX_TEXT, problems);
        tooLong("origin", bundle.origin(), MAX_TEXT, problems);
        run.labels().forEach((key, value) -> {
            tooLong("label", key, MAX_LABEL_KEY, problems);
            tooLong("value of label " + key, value, MAX_TEXT, problems);
        });
        Set<String> stepIds = new HashSet<>();
        for (StepRun step : bundle.steps()) {
            String stepId = step.stepId();
            Optional<String> bad = Ids.stepIdProblem(stepId);
            if (bad.isPresent()) {
                problems.add(bad.get());
                continue;
            }
            if (!step.runId().equals(run.id())) {
                problems.add("step " + stepId + " of the bundle belongs to run " + step.runId() + ", not " + run.id());
            }
            if (!stepIds.add(stepId)) {
                problems.add("step " + stepId + " is in the bundle twice");
            }
            Ids.stepNameProblem(step.stepName()).ifPresent(problems::add);
            if (step.reusedFrom() != null) {
                Ids.runIdProblem(step.reusedFrom().runId()).ifPresent(problems::add);
                Ids.stepIdProblem(step.reusedFrom().stepId()).ifPresent(problems::add);
            }
            Set<Integer> numbers = new HashSet<>();
            for (Attempt attempt : step.attempts()) {
                if (attempt.number() < 1 || !numbers.add(attempt.number())) {
                    problems.add("step " + stepId + " has attempt number " + attempt.number() + " (attempts are "
                            + "numbered from 1, each once)");
                }
            }
        }
        FlowParser.Parsed flow = new FlowParser().read(bundle.flow().source(), bundle.flow().flowId());
        if (!flow.problems().isEmpty()) {
            problems.add("the flow revision it ran cannot be read: " + flow.problems().get(0));
        } else if (!Objects.equals(flow.flow().id(), bundle.flow().flowId())) {
            problems.add("the flow revision it ran is of flow '" + bundle.flow().flowId() + "' but its source says '"
                    + flow.flow().id() + "'");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.stream()
                    .map(p -> Problem.of(p + "; nothing was imported")).toList());
        }
    }

    private static void tooLong(String what, String text, int max, List<String> problems) {
        if (text != null && text.length() > max) {
            problems.add(what + " is " + text.length() + " characters long; at most " + max + " are kept");
        }
    }

    /** The run as this workspace records it: its origin as target, lineage only within this workspace. */
    private Run localRun(Run run, int localRevision, String origin) {
        String parent = run.parentRunId() != null && store.runs().findRun(run.parentRunId()).isPresent()
                ? run.parentRunId() : null;
        String root = run.rootRunId() != null && !run.rootRunId().equals(run.id())
                && store.runs().findRun(run.rootRunId()).isPresent() ? run.rootRunId() : run.id();
        return run.toBuilder().revision(localRevision).target(origin == null || origin.isBlank() ? "import" : origin)
                .parentRunId(parent).rootRunId(root).build();
    }

    /** The fields (of the run, or the steps) in which the stored run differs from the bundle's; empty if none. */
    private List<String> differences(Run stored, List<StepRun> storedSteps, RunBundle bundle) {
        List<String> differences = new ArrayList<>();
        ObjectNode mine = comparable(stored);
        ObjectNode theirs = comparable(bundle.run());
        Iterator<String> names = theirs.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!theirs.get(name).equals(mine.get(name))) {
                differences.add(name);
            }
        }
        JsonNode steps = mapper.valueToTree(storedSteps);
        if (!steps.equals(mapper.valueToTree(bundle.steps()))) {
            differences.add("steps");
        }
        String storedSha = store.flows().revision(stored.flowId(), stored.revision()).map(FlowRevision::sha256)
                .orElse(null);
        if (!bundle.flow().sha256().equals(storedSha)) {
            differences.add("flow revision source");
        }
        return differences;
    }

    private ObjectNode comparable(Run run) {
        ObjectNode node = mapper.valueToTree(run);
        node.remove(List.of("target", "parentRunId", "rootRunId", "revision"));
        return node;
    }

    /** The logs the source carries of attempts that wrote one, each written whole or not at all. */
    private void storeLogs(RunBundle bundle, ArtifactSource source, ByteBudget total, Written written) {
        String runId = bundle.run().id();
        for (StepRun step : bundle.steps()) {
            for (Attempt attempt : step.attempts()) {
                if (!attempt.hasLog()) {
                    continue;
                }
                Path file = store.logs().file(runId, step.stepId(), attempt.number());
                if (Files.exists(file)) {
                    continue;
                }
                Path temp = null;
                try (InputStream in = source.openLog(step.stepId(), attempt.number())) {
                    if (in == null) {
                        continue;
                    }
                    temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
                    Files.copy(ByteBudget.within(in, total, perFile("the log of " + step.stepId() + " attempt "
                            + attempt.number())), temp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                    written.logs.add(file);
                    temp = null;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot import the log of " + step.stepId() + " attempt "
                            + attempt.number() + " of run " + runId + ": " + e.getMessage(), e);
                } finally {
                    if (temp != null) {
                        try {
                            Files.deleteIfExists(temp);
                        } catch (IOException e) {
                            // a stray partial file is never read: logs are read by their own names
                        }
                    }
                }
            }
        }
    }

    private void storeArtifacts(RunBundle bundle, ArtifactSource source, ByteBudget total, Written written) {
        for (ArtifactRef ref : bundle.artifacts()) {
            if (store.artifacts().exists(ref.sha256())) {
                continue;
            }
            try (InputStream in = source.open(ref.sha256())) {
                store.artifacts().putVerified(ByteBudget.within(in, total, perFile("artifact " + ref.sha256())),
                        ref.sha256(), ref.name(), ref.mediaType());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read artifact " + ref.sha256() + " of run "
                        + bundle.run().id() + ": " + e.getMessage(), e);
            } catch (InvalidInputException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage() + "; the run was not imported");
            }
            written.artifacts.add(ref.sha256());
        }
    }

    private static ByteBudget perFile(String what) {
        return new ByteBudget(MAX_FILE_BYTES, limit -> what + " is larger than " + limit + " bytes, more than an "
                + "import takes of one file; nothing was imported");
    }
}
