package dev.reprise.cli;

import dev.reprise.run.Run;
import dev.reprise.workspace.DebugReplay;
import dev.reprise.workspace.ImportingWorkspace;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code reprise replay RUN …}: replays a run as a new run and waits for it. */
@Command(name = "replay", description = {"Replay RUN as a new run: the whole run (default), --from a step, "
        + "--only some steps, or the --failed part, with overrides and the original or latest revision.",
        "Exit code 0 if the replay succeeded, 1 if it did not, 2 if it was refused (nothing is written then)."})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ReplayOptions options;

    @Mixin
    FollowOptions follow;

    @Option(names = "--local", description = {"Debug replay of a server run (with --server): fetch the run, its "
            + "flow revision and the artifacts the replay reuses into the local workspace (--workspace or the "
            + "default one), and replay it there in-process."})
    boolean local;

    @Override
    public Integer call() throws InterruptedException {
        RepriseCommand root = FlowsCommand.root(spec);
        if (local) {
            return debugReplay(root);
        }
        Workspace workspace = root.workspace();
        ReplayOptions.Resolved replayed = options.resolve(root, workspace);
        Run started = workspace.replay(replayed.runId(), replayed.request());
        root.err.println("run " + started.id() + " replays " + replayed.runId() + " with revision " + started.revision());
        root.err.flush();
        return follow.awaitAndReport(root, workspace, started);
    }

    private int debugReplay(RepriseCommand root) throws InterruptedException {
        if (!root.isRemote()) {
            throw new IllegalArgumentException("--local replays a server's run here: give the server with --server URL");
        }
        Workspace remote = root.serverWorkspace();
        if (!(root.localWorkspace() instanceof ImportingWorkspace local)) {
            throw new IllegalArgumentException("the local workspace cannot take in runs from a server");
        }
        ReplayOptions.Resolved replayed = options.resolve(root, remote);
        DebugReplay.Result result = new DebugReplay(remote, local).replay(replayed.runId(), replayed.request());
        Run started = result.replay();
        root.err.println("imported run " + replayed.runId() + " from " + remote.location() + " ("
                + result.fetchedArtifacts().size() + " artifacts fetched) into " + local.location());
        root.err.println("run " + started.id() + " replays " + replayed.runId() + " locally with revision "
                + started.revision());
        root.err.flush();
        return follow.awaitAndReport(root, local, started, false);
    }
}
