package dev.reprise.workspace;

import dev.reprise.flow.Flow;
import dev.reprise.flow.Problem;
import dev.reprise.flow.StepTypeCatalog;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.Run;
import dev.reprise.run.Snapshot;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The workspace calls that take a {@link RunConfigFile}, for the command line and the server alike: each refuses
 * what only the file can be wrong about (a flow or revision it names that is not the one of the snapshot or run it
 * is used with), makes the call's request of it, and reports the workspace's refusal of the request — every
 * unknown step or input, every value its type refuses — at the places of the file. Nothing is written when
 * anything is refused. A flow file not applied yet is checked with {@link #problems} first. Stateless.
 */
public final class ConfiguredCalls {

    private ConfiguredCalls() {
    }

    /** Starts a run of the file's flow at its revision (the latest when it names none). */
    public static Run start(Workspace workspace, RunConfigFile file) {
        RunConfig config = file.config();
        if (config.flow() == null) {
            throw new InvalidInputException(List.of(file.problemAt("flow", "name the flow to run: flow: in the "
                    + "run configuration, or the flow of the command or call")));
        }
        return located(file, () -> workspace.start(config.toStart()));
    }

    /**
     * Creates snapshot {@code name} of the file: of its flow at its revision, or, with {@code fromRunId}, of that
     * run's revision and values with the file's over them.
     */
    public static Snapshot createSnapshot(Workspace workspace, RunConfigFile file, String name,
                                          @Nullable String fromRunId) {
        RunConfig config = file.config();
        if (fromRunId == null && config.flow() == null) {
            throw new InvalidInputException(List.of(file.problemAt("flow", "name the flow of the snapshot: flow: "
                    + "in the run configuration, or the flow (or a run) of the command or call")));
        }
        // the workspace refuses a flow or revision that is not the run's, at the fields the file's places are for
        return located(file, () -> workspace.createSnapshot(config.toSnapshot(name, fromRunId)));
    }

    /** Runs snapshot {@code name} with the file's values over its own; the file may name only its flow and revision. */
    public static Run runSnapshot(Workspace workspace, RunConfigFile file, String name) {
        return runSnapshot(workspace, file, workspace.snapshot(name));
    }

    /** Runs the latest snapshot of {@code flowId} as {@link #runSnapshot} does. */
    public static Run runLatestSnapshot(Workspace workspace, RunConfigFile file, String flowId) {
        return runSnapshot(workspace, file, workspace.latestSnapshot(flowId));
    }

    /**
     * Replays {@code runId} with {@code request}'s scope and injected outputs, the file's values, name, labels and
     * environment, and its revision when it names one; the file may name only the run's flow.
     */
    public static Run replay(Workspace workspace, RunConfigFile file, String runId, ReplayRequest request) {
        ReplayRequest configured = forReplay(workspace, file, runId, request);
        return located(file, () -> workspace.replay(runId, configured));
    }

    /**
     * What replaying {@code runId} with the file would do, as {@link #replay} would make the request; the plan's
     * errors name their fields.
     */
    public static ReplayPlan plan(Workspace workspace, RunConfigFile file, String runId, ReplayRequest request) {
        return workspace.plan(runId, forReplay(workspace, file, runId, request));
    }

    /**
     * Every problem of the file's values for a run of {@code flow}, each at its place in the file (a value given
     * beside the file at its field), for a flow that is not in the workspace yet (a flow file about to be applied).
     */
    public static List<Problem> problems(RunConfigFile file, Flow flow, StepTypeCatalog types) {
        return file.locate(FlowValues.problems(flow, types, file.config().values()));
    }

    /**
     * What the file is wrong about when it is used for {@code owner} ("snapshot nightly"), a run of {@code flowId} at
     * {@code revision}: a flow or a revision it names that is another; {@code otherRevision} says, for the revision
     * the file names, how that one would be run instead ("make a snapshot of revision 3"). Empty when it fits.
     */
    public static List<Problem> mismatches(RunConfigFile file, String owner, String flowId, int revision,
                                           IntFunction<String> otherRevision) {
        RunConfig config = file.config();
        List<Problem> problems = new ArrayList<>();
        sameFlow(file, owner, flowId, problems);
        if (config.revision() != null && config.revision() != revision) {
            problems.add(file.problemAt("revision", owner + " runs revision " + revision + " of " + flowId + ", not "
                    + config.revision() + "; drop revision (or " + otherRevision.apply(config.revision()) + ")"));
        }
        return problems;
    }

    private static Run runSnapshot(Workspace workspace, RunConfigFile file, Snapshot snapshot) {
        refuse(mismatches(file, "snapshot " + snapshot.name(), snapshot.flowId(), snapshot.revision(),
                other -> "make a snapshot of revision " + other));
        return located(file, () -> workspace.runSnapshot(snapshot.name(), file.config().toSnapshotRun()));
    }

    private static ReplayRequest forReplay(Workspace workspace, RunConfigFile file, String runId,
                                           ReplayRequest request) {
        Run source = workspace.run(runId).run();
        List<Problem> problems = new ArrayList<>();
        sameFlow(file, "run " + source.id(), source.flowId(), problems);
        refuse(problems);
        return file.config().toReplay(request);
    }

    private static void sameFlow(RunConfigFile file, String owner, String flowId, List<Problem> problems) {
        String named = file.config().flow();
        if (named != null && !named.equals(flowId)) {
            problems.add(file.problemAt("flow", owner + " is of flow '" + flowId + "', not '" + named + "'"));
        }
    }

    private static void refuse(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static <T> T located(RunConfigFile file, Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidInputException e) {
            throw file.located(e);
        }
    }
}
