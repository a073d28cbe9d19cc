package dev.reprise.workspace;

import dev.reprise.run.BulkReplay;
import dev.reprise.run.BulkReplayRequest;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.Run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Several runs replayed at once through the single-run calls of any {@link Workspace}: the selection found
 * (names, then the query's runs, each once), every run planned on its own, and each whose plan has no error
 * replayed; a run that cannot be replayed is listed with its reason and the others still go. Stateless.
 */
final class BulkReplays {

    private BulkReplays() {
    }

    /** Plans (and unless {@code dryRun}, starts) the replays {@code request} asks of {@code workspace}. */
    static BulkReplay replay(Workspace workspace, BulkReplayRequest request, boolean dryRun) {
        if (request == null) {
            throw new InvalidInputException("a bulk replay request is required");
        }
        if (request.runs().isEmpty() && request.query() == null) {
            throw new InvalidInputException("name the runs to replay, or give a query that finds them");
        }
        try {
            request.revisionChoice();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("revision: " + e.getMessage());
        }
        List<BulkReplay.Item> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String reference : request.runs()) {
            Run run;
            try {
                run = workspace.resolveRun(reference).run();
            } catch (NotFoundException | InvalidInputException e) {
                items.add(BulkReplay.Item.refused(reference, null, e.getMessage()));
                continue;
            }
            if (seen.add(run.id())) {
                items.add(replayOne(workspace, reference, run, request, dryRun));
            }
        }
        if (request.query() != null) {
            for (Run run : workspace.runs(request.query()).runs()) {
                if (seen.add(run.id())) {
                    items.add(replayOne(workspace, run.id(), run, request, dryRun));
                }
            }
        }
        return new BulkReplay(dryRun, items);
    }

    private static BulkReplay.Item replayOne(Workspace workspace, String reference, Run run,
                                             BulkReplayRequest bulk, boolean dryRun) {
        if (!run.state().isTerminal()) {
            return BulkReplay.Item.refused(reference, run, "run " + run.id() + " is " + run.state()
                    + ": only runs that have ended are replayed together (wait for it, or cancel it)");
        }
        ReplayRequest request = bulk.requestFor(run);
        ReplayPlan plan;
        try {
            plan = workspace.plan(run.id(), request);
        } catch (WorkspaceException e) {
            return BulkReplay.Item.refused(reference, run, e.getMessage());
        }
        if (!plan.isExecutable()) {
            return item(reference, run, request, plan, null, plan.errors().stream()
                    .map(ReplayPlan.PlanError::toString).collect(Collectors.joining("; ")));
        }
        if (dryRun) {
            return item(reference, run, request, plan, null, null);
        }
        try {
            return item(reference, run, request, plan, workspace.replay(run.id(), request), null);
        } catch (WorkspaceException e) {
            return item(reference, run, request, plan, null, e.getMessage());
        }
    }

    private static BulkReplay.Item item(String reference, Run run, ReplayRequest request, ReplayPlan plan,
                                        Run replay, String refusal) {
        return new BulkReplay.Item(reference, run.id(), run.flowId(), run.state(), request.scope(), plan, replay,
                refusal);
    }
}
