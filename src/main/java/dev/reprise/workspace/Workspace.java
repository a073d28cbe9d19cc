package dev.reprise.workspace;

import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.Problem;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.BulkReplay;
import dev.reprise.run.BulkReplayRequest;
import dev.reprise.run.Lineage;
import dev.reprise.run.LogChunk;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunPage;
import dev.reprise.run.RunQuery;
import dev.reprise.run.Snapshot;

import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one contract the desktop app, the CLI and the server use: flows, runs, logs, artifacts and live
 * events. Every argument and result is a Jackson-serializable record, so that a remote implementation
 * can carry the same calls over HTTP. Failures are {@link WorkspaceException}s that say what is wrong in
 * words a person understands: {@link NotFoundException} for an unknown id, {@link InvalidInputException}
 * (with every problem) for bad input, in which case nothing was written. Thread-safe.
 */
public interface Workspace extends AutoCloseable {

    /** Where this workspace lives: a folder path or a server URL. */
    String location();

    // ---- flows

    List<FlowSummary> flows();

    /** Every revision of a flow, oldest first. */
    List<FlowRevision> revisions(String flowId);

    /** One revision, or the latest when {@code revision} is null. */
    FlowRevision revision(String flowId, Integer revision);

    /**
     * Validates {@code source} and stores it as a new revision if it differs from the latest one. A flow kept as
     * a folder keeps the files of its latest revision: its YAML alone was edited.
     */
    ApplyResult applyFlow(String source, String fileName);

    /**
     * As {@link #applyFlow(String, String)} for a flow kept as a folder: {@code files} are all its other files,
     * whose bytes were stored with {@link #putArtifact} first (see {@link FlowFolders#apply}). The revision
     * holds them, and its steps run in a working folder holding exactly them. A file path that leaves the
     * folder or a file not stored is refused with {@link InvalidInputException}, and nothing is written.
     */
    ApplyResult applyFlow(String source, String fileName, List<FlowFile> files);

    /**
     * How flow {@code flowId} differs from revision {@code left} to revision {@code right}: its YAML and every file
     * of a flow folder added, removed or changed, each with its line diff (see {@link RevisionDiff}). Made here
     * from the revisions and the artifacts holding their files, so every workspace gives the same diff.
     *
     * @throws NotFoundException if the flow or either revision is none
     */
    default RevisionDiff diffRevisions(String flowId, int left, int right) {
        return RevisionDiff.of(this, flowId, left, right);
    }

    /**
     * Every problem of {@code source} that {@link #applyFlow(String, String)} would refuse it for (the code its
     * steps name is checked against the files of the flow's latest revision); empty if it is valid. Writes nothing.
     */
    List<Problem> validateFlow(String source, String fileName);

    /**
     * Every problem of a flow folder that {@link #applyFlow(String, String, List)} would refuse it for: the code its
     * steps name ({@code file:}, {@code function:}, {@code files:}, a relative {@code python:}) is checked against
     * {@code files}, whose bytes need not be stored yet. Writes nothing.
     */
    List<Problem> validateFlow(String source, String fileName, List<FlowFile> files);

    List<StepTypeInfo> stepTypes();

    // ---- runs

    RunPage runs(RunQuery query);

    RunDetail run(String runId);

    /**
     * The run {@code reference} names: a run id, else a run name (the newest run of that name), else a flow id
     * (the newest run of that flow); see {@link RunReference}.
     *
     * @throws NotFoundException if it names none
     */
    default RunReference resolveRun(String reference) {
        return RunReference.resolve(this, reference);
    }

    /** Starts a run of a flow revision; returns it once it is recorded (it goes on in the background). */
    Run start(StartRequest request);

    /** Cancels a run that has not ended; cancelling an ended run does nothing. */
    void cancel(String runId);

    // ---- snapshots

    /**
     * Stores a snapshot: a named, immutable run configuration. Every problem of the request (a name taken or
     * not of letters, digits, '.', '_' and '-'; an unknown flow, revision, run, flow input, step or step input;
     * a value of the wrong type; a missing file) is reported at once with {@link InvalidInputException}, and
     * nothing is stored. Files given by path or as {@link dev.reprise.run.LocalFile}s are stored as artifacts.
     * A snapshot of a run keeps the run's flow inputs, labels and environment, the request's over them.
     */
    Snapshot createSnapshot(SnapshotRequest request);

    /** Every snapshot, by name. */
    default List<Snapshot> snapshots() {
        return snapshots(null);
    }

    /** The snapshots of flow {@code flowId} (every snapshot when null), by name. */
    List<Snapshot> snapshots(String flowId);

    Snapshot snapshot(String name);

    /**
     * The latest snapshot of flow {@code flowId}: the one created last (of two created in the same millisecond,
     * the one whose name sorts last).
     *
     * @throws NotFoundException if there is no such flow, or it has no snapshot (the message says how to make one)
     */
    Snapshot latestSnapshot(String flowId);

    /**
     * Starts a run of the snapshot's flow revision with its inputs, {@code run}'s over them, labelled and with the
     * environment of the snapshot and {@code run}'s over them; as {@link #start}.
     */
    Run runSnapshot(String name, SnapshotRun run);

    /** Runs the {@link #latestSnapshot latest snapshot} of flow {@code flowId}, as {@link #runSnapshot} does. */
    Run runLatestSnapshot(String flowId, SnapshotRun run);

    /** Deletes a snapshot; runs made from it stay. */
    void deleteSnapshot(String name);

    /**
     * Deletes a run that has ended — its record, its step runs and its logs; artifacts stay, as other runs may
     * hold the same bytes — and answers the ids deleted. A run with replays is refused with
     * {@link InvalidInputException} unless {@code withReplays}, which deletes its whole replay tree below it
     * too (all of which must have ended), so that no replay is left pointing at a run that is gone.
     */
    List<String> deleteRun(String runId, boolean withReplays);

    /** Cancels one running or pending step instance (and so the steps downstream of it). */
    void cancelStep(String runId, String stepId);

    // ---- replay

    /**
     * What replaying {@code runId} with {@code request} would do, without running or writing anything: every
     * step's decision with its reason, warnings, and every error of the request (each naming its field).
     */
    ReplayPlan plan(String runId, ReplayRequest request);

    /**
     * Replays {@code runId} as a new run (history is never changed) and returns it once recorded; it goes on
     * in the background. A request with errors is refused with all of them and nothing is written.
     */
    Run replay(String runId, ReplayRequest request);

    /**
     * What replaying several runs at once would do, without running or writing anything: each run of the
     * selection with its plan, or the reason it would be refused (see {@link BulkReplayRequest}).
     *
     * @throws InvalidInputException if the request names no runs and no query, or a revision that is none
     */
    default BulkReplay planReplays(BulkReplayRequest request) {
        return BulkReplays.replay(this, request, true);
    }

    /**
     * Replays several runs at once, each as {@link #replay} does with its own plan: a run that cannot be
     * replayed (not found, not ended, a plan with errors) is listed with its reason and the others still go.
     *
     * @throws InvalidInputException if the request names no runs and no query, or a revision that is none
     */
    default BulkReplay replayAll(BulkReplayRequest request) {
        return BulkReplays.replay(this, request, false);
    }

    /** The replay tree {@code runId} belongs to, from its root run. */
    Lineage lineage(String runId);

    // ---- logs and artifacts

    LogChunk log(String runId, String stepId, int attempt, long offset, int maxBytes);

    InputStream openArtifact(String sha256);

    /**
     * Stores {@code bytes} as an artifact named {@code name} (a file name; folders are dropped) and answers its
     * reference. The bytes must hash to {@code sha256}, or nothing is stored and {@link InvalidInputException}
     * says so; an artifact held already is not stored twice. This is how a client gives a server a file of
     * its own machine (requests name such files as {@link dev.reprise.run.LocalFile}s). The stream is read to
     * its end, not closed.
     */
    ArtifactRef putArtifact(InputStream bytes, String sha256, String name);

    // ---- events

    /**
     * Delivers the events of run {@code runId} with a sequence number greater than {@code afterSeq}: first
     * the current state of everything that changed since then, then every new event, in order. The
     * listener is called on an engine thread and must not block.
     */
    Subscription subscribe(String runId, long afterSeq, Consumer<RunEvent> listener);

    /** Delivers every new event of every run, live. The listener must not block. */
    Subscription subscribeAll(Consumer<RunEvent> listener);

    @Override
    void close();
}
