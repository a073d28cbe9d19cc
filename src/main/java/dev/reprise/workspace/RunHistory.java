package dev.reprise.workspace;

import dev.reprise.engine.LogStore;
import dev.reprise.engine.RunStore;
import dev.reprise.run.Lineage;
import dev.reprise.run.Run;
import dev.reprise.run.RunPage;
import dev.reprise.run.RunQuery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The runs kept in the workspace: queries, a run with its steps, its lineage, and deleting ended runs with
 * their logs (and their replays when asked), replays before their sources. Thread-safe.
 */
final class RunHistory {

    private final RunStore runs;
    private final LogStore logs;

    RunHistory(RunStore runs, LogStore logs) {
        this.runs = runs;
        this.logs = logs;
    }


    RunPage query(RunQuery query) {
        try {
            return runs.query(query);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }


    RunDetail run(String runId) {
        return new RunDetail(runOnly(runId), runs.stepRuns(runId));
    }

    /** The run record alone, without reading its steps. */
    Run runOnly(String runId) {
        return runs.findRun(runId)
                .orElseThrow(() -> new NotFoundException("no run '" + runId + "' in this workspace"));
    }


    List<String> delete(String runId, boolean withReplays) {
        Run run = run(runId).run();
        List<Run> below = new ArrayList<>();
        collectReplays(run, runs.runsWithRoot(run.rootRunId() == null ? run.id() : run.rootRunId()), below);
        if (!below.isEmpty() && !withReplays) {
            throw new InvalidInputException("run " + runId + " has " + below.size() + (below.size() == 1 ? " replay" : " replays")
                    + " (" + below.stream().map(Run::id).limit(5).collect(Collectors.joining(", "))
                    + (below.size() > 5 ? ", …" : "") + "); delete them first, or delete the run with its replays");
        }
        List<Run> doomed = new ArrayList<>(below);
        doomed.add(run);
        List<String> going = doomed.stream().filter(r -> !r.state().isTerminal()).map(r -> r.id() + " is "
                + r.state().name().toLowerCase(Locale.ROOT)).toList();
        if (!going.isEmpty()) {
            throw new InvalidInputException("only runs that have ended can be deleted: " + String.join(", ", going)
                    + "; cancel first");
        }
        // replays before their sources, so that an interrupted delete never leaves a replay without its parent
        List<String> deleted = new ArrayList<>();
        for (Run gone : doomed) {
            if (runs.deleteRun(gone.id())) {
                logs.deleteRun(gone.id());
                deleted.add(gone.id());
            }
        }
        return deleted;
    }


    /** Every replay below {@code run} in its lineage, each after the replays of it. */
    private static void collectReplays(Run run, List<Run> family, List<Run> into) {
        for (Run member : family) {
            if (run.id().equals(member.parentRunId()) && !member.id().equals(run.id())) {
                collectReplays(member, family, into);
                into.add(member);
            }
        }
    }


    Lineage lineage(String runId) {
        Run run = run(runId).run();
        String root = run.rootRunId() != null ? run.rootRunId() : run.id();
        List<Run> family = runs.runsWithRoot(root);
        Map<String, List<Run>> children = new HashMap<>();
        Run rootRun = null;
        for (Run member : family) {
            if (member.id().equals(root)) {
                rootRun = member;
            } else {
                children.computeIfAbsent(member.parentRunId(), k -> new ArrayList<>()).add(member);
            }
        }
        if (rootRun == null) {
            rootRun = runs.findRun(root).orElse(run);
        }
        return new Lineage(runId, node(rootRun, children));
    }


    private static Lineage.Node node(Run run, Map<String, List<Run>> children) {
        List<Lineage.Node> replays = new ArrayList<>();
        for (Run child : children.getOrDefault(run.id(), List.of())) {
            replays.add(node(child, children));
        }
        return new Lineage.Node(run, replays);
    }
}
