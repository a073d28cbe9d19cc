package dev.reprise.cli;

import dev.reprise.run.BulkReplay;
import dev.reprise.run.BulkReplayRequest;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.workspace.Workspace;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code reprise replay R1 R2 …} and {@code reprise replay --query …}: plans every run of the selection,
 * prints the plans' summary (one line a run, a refused run with its reason), asks once, replays those that can
 * be, and waits for them as {@code replay} waits for one. The exit code is 0 when every replay succeeded and no
 * run was refused, 2 when every run was refused (nothing was written), 1 otherwise.
 */
final class BulkReplayer {

    private final RepriseCommand root;
    private final Workspace workspace;

    BulkReplayer(RepriseCommand root, Workspace workspace) {
        this.root = root;
        this.workspace = workspace;
    }

    int replay(BulkReplayRequest request, boolean dryRun, boolean yes, boolean json) throws InterruptedException {
        BulkReplay planned = workspace.planReplays(request);
        if (planned.items().isEmpty()) {
            root.err.println("no runs to replay: the query finds none");
            return json ? printJson(planned, Cli.BAD_INPUT) : Cli.BAD_INPUT;
        }
        if (dryRun) {
            if (json) {
                return printJson(planned, planned.accepted().isEmpty() ? Cli.BAD_INPUT : Cli.OK);
            }
            summary(root.out, planned);
            return planned.accepted().isEmpty() ? Cli.BAD_INPUT : Cli.OK;
        }
        summary(json ? root.err : root.out, planned);
        int accepted = planned.accepted().size();
        if (accepted == 0) {
            root.err.println("every run was refused: nothing replayed");
            return json ? printJson(planned, Cli.BAD_INPUT) : Cli.BAD_INPUT;
        }
        if (!Confirmation.confirmed(root, yes, "Replay " + count(accepted) + "?",
                "a replay of several runs starts " + count(accepted) + " and there is no terminal to ask: add --yes "
                        + "to go ahead, or --dry-run to only plan", "not confirmed: nothing replayed")) {
            return Cli.RUN_FAILED;
        }
        BulkReplay done = workspace.replayAll(request);
        List<Run> started = new ArrayList<>();
        for (BulkReplay.Item item : done.items()) {
            if (item.replay() != null) {
                started.add(item.replay());
                root.err.println("run " + item.replay().id() + " replays " + item.runId() + " (" + item.scope()
                        + ", revision " + item.replay().revision() + ")");
            } else if (item.isRefused() && planned.refused().stream().noneMatch(p -> p.reference().equals(item.reference()))) {
                root.err.println("run " + item.reference() + " refused: " + item.refusal());
            }
        }
        root.err.flush();
        boolean allWent = done.refused().isEmpty();
        if (root.isRemote()) {
            // the server keeps the replays going
            if (json) {
                Format.json(root.out, done);
            } else {
                started.forEach(run -> root.out.println(run.id()));
            }
            return allWent && !started.isEmpty() ? Cli.OK : started.isEmpty() ? Cli.BAD_INPUT : Cli.RUN_FAILED;
        }
        List<BulkReplay.Item> ended = new ArrayList<>();
        boolean allSucceeded = true;
        for (BulkReplay.Item item : done.items()) {
            if (item.replay() == null) {
                ended.add(item);
                continue;
            }
            Run end = Follower.awaitEnd(root, workspace, item.replay());
            allSucceeded &= end.state() == RunState.SUCCEEDED;
            ended.add(new BulkReplay.Item(item.reference(), item.runId(), item.flowId(), item.state(), item.scope(),
                    item.plan(), end, null));
            if (!json) {
                Screen screen = root.screen();
                root.out.println("run " + end.id() + " " + screen.state(end.state()) + " in "
                        + Format.duration(end.startedAt(), end.endedAt()) + " (replay of " + item.runId() + ")"
                        + (end.error() != null ? ": " + end.error() : ""));
                root.out.flush();
            }
        }
        if (json) {
            Format.json(root.out, new BulkReplay(false, ended));
        }
        if (started.isEmpty()) {
            return Cli.BAD_INPUT;
        }
        return allWent && allSucceeded ? Cli.OK : Cli.RUN_FAILED;
    }

    private int printJson(BulkReplay answer, int code) {
        Format.json(root.out, answer);
        return code;
    }

    /** One line a run: what it is, the scope and revision it replays with, and what its plan runs and reuses. */
    private void summary(PrintWriter out, BulkReplay planned) {
        Screen screen = root.screen();
        Format.table(out, screen, List.of("RUN", "FLOW", "STATE", "SCOPE", "REVISION", "RUNS", "REUSES", "NOTE"),
                Set.of("NOTE"), planned.items(), item -> {
                    ReplayPlan plan = item.plan();
                    return List.of(item.runId() == null ? item.reference() : item.runId(),
                            item.flowId() == null ? "" : item.flowId(),
                            item.state() == null ? "" : screen.state(item.state()),
                            item.scope() == null ? "" : item.scope().toString(),
                            plan == null ? "" : plan.sourceRevision() == plan.revision() ? String.valueOf(plan.revision())
                                    : plan.sourceRevision() + " → " + plan.revision(),
                            plan == null ? "" : String.valueOf(count(plan, ReplayPlan.Action.EXECUTE)),
                            plan == null ? "" : String.valueOf(count(plan, ReplayPlan.Action.REUSE)),
                            item.isRefused() ? "refused: " + item.refusal() : String.join("; ", plan.warnings()));
                });
        int accepted = planned.accepted().size();
        int refused = planned.refused().size();
        out.println((planned.dryRun() ? "would replay " : "replays ") + count(accepted)
                + (refused > 0 ? "; " + refused + " refused" : ""));
        out.flush();
    }

    private static long count(ReplayPlan plan, ReplayPlan.Action action) {
        return plan.steps().stream().filter(s -> s.action() == action).count();
    }

    private static String count(int runs) {
        return runs + (runs == 1 ? " run" : " runs");
    }
}
