package dev.reprise.cli;

import dev.reprise.run.Lineage;
import dev.reprise.run.Run;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code reprise runs delete RUN...}: finds every run that would go (with {@code --with-replays}, each run's
 * replay tree below it) and refuses the lot before deleting any when one is refused; then asks, lists
 * ({@code --dry-run}) or deletes.
 */
@Command(name = "delete", description = {"Delete runs that have ended, with their steps and logs.",
        "Artifacts stay (other runs may hold the same bytes; 'reprise gc' removes them). A run with replays needs "
                + "--with-replays, which deletes its whole replay tree. Nothing is deleted when one of the runs is "
                + "refused. On a terminal it asks first; elsewhere it needs --yes."})
final class DeleteRunsCommand implements Callable<Integer> {

    /** What {@code --json} prints: the runs deleted, or with {@code dryRun} those that would be. */
    record Deleted(boolean dryRun, List<String> runs) {
        Deleted {
            runs = List.copyOf(runs);
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", arity = "1..*")
    List<String> runIds;

    @Option(names = "--with-replays", description = "Also delete the replays below each run.")
    boolean withReplays;

    @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
    boolean yes;

    @Option(names = "--dry-run", description = "List the runs that would be deleted; delete nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the runs deleted (or that would be) as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RepriseCommand root = FlowsCommand.root(spec);
        Workspace workspace = root.workspace();
        List<Run> doomed = doomed(workspace);
        if (dryRun) {
            print(root, true, doomed.stream().map(Run::id).toList(), doomed);
            return Cli.OK;
        }
        String ids = doomed.stream().map(Run::id).limit(10).collect(Collectors.joining(", "))
                + (doomed.size() > 10 ? ", …" : "");
        if (!Confirmation.confirmed(root, yes, "runs delete", "Delete " + doomed.size()
                + (doomed.size() == 1 ? " run" : " runs") + " (" + ids + ") with "
                + (doomed.size() == 1 ? "its" : "their") + " steps and logs?")) {
            return Cli.RUN_FAILED;
        }
        List<String> deleted = new ArrayList<>();
        for (Run run : doomed) {
            // its replays are gone already: each run's replays come before it
            deleted.addAll(workspace.deleteRun(run.id(), false));
        }
        print(root, false, deleted, doomed);
        return Cli.OK;
    }

    /**
     * The runs to delete, each after the replays made of it: those named, with their replay trees when
     * {@code --with-replays}. Throws, before anything is deleted, when a run is missing, when a replay of one
     * would be left without its source, or when one has not ended.
     */
    private List<Run> doomed(Workspace workspace) {
        Map<String, Lineage.Node> trees = new LinkedHashMap<>();
        Set<String> named = new LinkedHashSet<>();
        for (String runId : runIds) {
            Lineage lineage = workspace.lineage(runId);
            trees.putIfAbsent(lineage.root().run().id(), lineage.root());
            named.add(runId);
        }
        List<Run> doomed = new ArrayList<>();
        for (Lineage.Node tree : trees.values()) {
            collect(tree, named, false, doomed);
        }
        Set<String> going = doomed.stream().map(Run::id).collect(Collectors.toSet());
        for (String runId : named) {
            List<Run> left = new ArrayList<>();
            below(find(trees.values(), runId), left);
            left.removeIf(r -> going.contains(r.id()));
            if (!left.isEmpty()) {
                int n = left.size();
                throw new InvalidInputException("run " + runId + " has " + n + (n == 1 ? " replay" : " replays")
                        + " (see runs lineage " + runId + "); delete " + (n == 1 ? "it" : "them")
                        + " first, or add --with-replays to delete them with it; nothing was deleted");
            }
        }
        List<String> notEnded = doomed.stream().filter(r -> !r.state().isTerminal())
                .map(r -> r.id() + " is " + r.state().name().toLowerCase(Locale.ROOT)).toList();
        if (!notEnded.isEmpty()) {
            throw new InvalidInputException("only runs that have ended can be deleted: " + String.join(", ", notEnded)
                    + "; cancel first; nothing was deleted");
        }
        return doomed;
    }

    /** The doomed runs under {@code node}, each after its replays; below a named run, all when --with-replays. */
    private void collect(Lineage.Node node, Set<String> named, boolean insideNamed, List<Run> into) {
        boolean here = named.contains(node.run().id());
        for (Lineage.Node replay : node.replays()) {
            collect(replay, named, insideNamed || here, into);
        }
        if (here || (insideNamed && withReplays)) {
            into.add(node.run());
        }
    }

    private static Lineage.Node find(Collection<Lineage.Node> nodes, String runId) {
        for (Lineage.Node node : nodes) {
            if (node.run().id().equals(runId)) {
                return node;
            }
            Lineage.Node found = find(node.replays(), runId);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The replays below {@code node}, each after the replays made of it. */
    private static void below(Lineage.Node node, List<Run> into) {
        for (Lineage.Node replay : node.replays()) {
            below(replay, into);
            into.add(replay.run());
        }
    }

    private void print(RepriseCommand root, boolean wouldBe, List<String> ids, List<Run> runs) {
        if (json) {
            Format.json(root.out, new Deleted(wouldBe, ids));
            return;
        }
        if (wouldBe) {
            for (Run run : runs) {
                root.out.println("would delete " + run.id() + "  " + run.flowId() + "  " + run.state() + "  "
                        + Format.time(run.createdAt()));
            }
            return;
        }
        ids.forEach(id -> root.out.println("deleted " + id));
    }
}
