package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprise.engine.RunStore;
import dev.reprise.flow.FlowRevision;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Attempt;
import dev.reprise.run.Run;
import dev.reprise.run.StepRun;
import dev.reprise.store.H2Store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

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
 * <p>Order of writing: nothing before every check has passed; then artifacts (content-addressed, so a
 * failure leaves at most unreferenced files), the logs the source carries (each moved into place whole), the
 * flow revision, and the run with its step runs in one transaction. Imports are serialised. Thread-safe.
 */
final class RunImports {

    private final H2Store store;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Object lock = new Object();

    RunImports(H2Store store, Clock clock, ObjectMapper mapper) {
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
                List<String> stored = storeArtifacts(bundle, source);
                storeLogs(bundle, source);
                return new ImportingWorkspace.ImportResult(existing.get(), false, stored);
            }
            List<String> stored = storeArtifacts(bundle, source);
            storeLogs(bundle, source);
            FlowRevision local = importRevision(bundle.flow());
            Run run = localRun(incoming, local.revision(), bundle.origin());
            store.runs().commit(new RunStore.Changes(List.of(run), bundle.steps()));
            return new ImportingWorkspace.ImportResult(run, true, stored);
        }
    }

    FlowRevision importRevision(FlowRevision revision) {
        String sha = LocalWorkspace.sha256(revision.source());
        if (!sha.equals(revision.sha256())) {
            throw new InvalidInputException("revision " + revision.revision() + " of flow '" + revision.flowId()
                    + "' does not have the source its SHA-256 names; nothing was imported");
        }
        synchronized (lock) {
            for (FlowRevision local : store.flows().revisions(revision.flowId())) {
                if (local.sha256().equals(sha)) {
                    return local;
                }
            }
            return store.flows().save(revision.flowId(), revision.source(), sha, clock.instant()).revision();
        }
    }

    private static void check(RunBundle bundle) {
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
        for (StepRun step : bundle.steps()) {
            if (!step.runId().equals(run.id())) {
                throw new InvalidInputException("step " + step.stepId() + " of the bundle belongs to run "
                        + step.runId() + ", not " + run.id());
            }
        }
    }

    /** The run as this workspace records it: its origin as target, lineage only within this workspace. */
    private Run localRun(Run run, int localRevision, String origin) {
        String parent = run.parentRunId() != null && store.runs().findRun(run.parentRunId()).isPresent()
                ? run.parentRunId() : null;
        String root = run.rootRunId() != null && !run.rootRunId().equals(run.id())
                && store.runs().findRun(run.rootRunId()).isPresent() ? run.rootRunId() : run.id();
        return new Run(run.id(), run.flowId(), localRevision, run.name(), run.labels(), run.env(), run.parameters(),
                run.state(), run.createdAt(), run.startedAt(), run.endedAt(),
                origin == null || origin.isBlank() ? "import" : origin, parent, root, run.error(), run.seq(),
                run.outputs(), run.replay(), run.modified());
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
    private void storeLogs(RunBundle bundle, ArtifactSource source) {
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
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
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

    private List<String> storeArtifacts(RunBundle bundle, ArtifactSource source) {
        List<String> stored = new ArrayList<>();
        for (ArtifactRef ref : bundle.artifacts()) {
            if (store.artifacts().exists(ref.sha256())) {
                continue;
            }
            try (InputStream in = source.open(ref.sha256())) {
                store.artifacts().putVerified(in, ref.sha256(), ref.name(), ref.mediaType());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read artifact " + ref.sha256() + " of run "
                        + bundle.run().id() + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage() + "; the run was not imported");
            }
            stored.add(ref.sha256());
        }
        return stored;
    }
}
