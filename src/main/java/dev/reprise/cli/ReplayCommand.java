package dev.reprise.cli;

import dev.reprise.run.BulkReplayRequest;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.Run;
import dev.reprise.workspace.DebugReplay;
import dev.reprise.workspace.ImportingWorkspace;
import dev.reprise.workspace.RunConfigFile;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code reprise replay RUN …}: replays a run as a new run and waits for it. */
@Command(name = "replay", description = {"Replay RUN as a new run: the whole run (default), --from a step, "
        + "--only some steps, or the --failed part, with overrides and the original or latest revision.",
        "Several RUNs, or --query, replay each run on its own: the failed part of a run that did not succeed and the "
                + "whole of one that did (or the scope given for all), after a summary of the plans and one question "
                + "(--yes skips it, --dry-run only plans). A run that cannot be replayed is listed with its reason "
                + "and the others still go.",
        "Exit code 0 if the replay succeeded, 1 if it did not, 2 if it was refused (nothing is written then); of "
                + "several runs, 0 if every replay succeeded, 1 if one did not or a run was refused, 2 if every run "
                + "was refused."})
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

    @Option(names = "--query", paramLabel = "FILTER", description = {"Replay the runs a listing with these filters "
            + "finds, each on its own (repeatable): " + RunFilters.HELP + ", as 'runs list' reads them; e.g. "
            + "--query flow=bike_trips --query state=failed --query since=1d."})
    List<String> query;

    @Option(names = "--dry-run", description = "Only plan: print what each replay would run and reuse; start nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Replay several runs without asking first.")
    boolean yes;

    @Override
    public Integer call() throws InterruptedException {
        RepriseCommand root = FlowsCommand.root(spec);
        if (options.namesSeveral() || query != null) {
            return bulkReplay(root);
        }
        if (local) {
            return debugReplay(root);
        }
        Workspace workspace = root.workspace();
        LocalCode.Checked code = LocalCode.checkReference(root, workspace, options);
        RunConfigFile file = options.configFile(root, workspace, code);
        ReplayOptions.Resolved replayed = options.resolve(root, workspace);
        if (code != null) {
            // the newest run of the file's flow, replayed with the file's code, checked before anything is written
            ReplayRequest request = dryRun ? LocalCode.forPlan(root, workspace, code, replayed.request())
                    : replayed.request().withRevision(String.valueOf(LocalCode.apply(root, workspace, code)));
            replayed = new ReplayOptions.Resolved(replayed.runId(), request);
        }
        if (dryRun) {
            return PlanPrinter.report(root, ReplayOptions.plan(workspace, file, replayed), follow.json);
        }
        Run started = ReplayOptions.replay(workspace, file, replayed);
        root.err.println("run " + started.id() + " replays " + replayed.runId() + " with revision " + started.revision());
        root.err.flush();
        return follow.awaitAndReport(root, workspace, started);
    }

    /** Several runs, or those a query finds: one plan each, one confirmation, then every replay that can go. */
    private int bulkReplay(RepriseCommand root) throws InterruptedException {
        if (local) {
            throw new IllegalArgumentException("--local replays one server run here; name one run");
        }
        if (follow.follow) {
            throw new IllegalArgumentException("--follow follows one run; a replay of several runs prints a line as "
                    + "each ends ('reprise logs' or the window follow one of them)");
        }
        BulkReplayRequest request = options.toBulkRequest(RunFilters.parse(query, "--query"));
        return new BulkReplayer(root, root.workspace()).replay(request, dryRun, yes, follow.json);
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
        RunConfigFile file = options.configFile(root, remote, null);
        if (file != null) {
            replayed = new ReplayOptions.Resolved(replayed.runId(), file.config().toReplay(replayed.request()));
        }
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
