package dev.reprise.ui.runs;

import dev.reprise.run.Lineage;
import dev.reprise.ui.common.Formats;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.NotFoundException;
import dev.reprise.workspace.Workspace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Deleting runs from the window: finds the replays below the chosen runs (deleting a run deletes its replay
 * tree, so that no replay points at a run that is gone), asks once with the whole picture, deletes off the UI
 * thread, and says what was deleted and what was refused (a run still going on). Runs and their replays
 * already deleted as part of another's tree are skipped. UI thread; the work runs on the executor.
 */
public final class RunDeletion {

    /** Asks the user; true to go on. Called on the UI thread. */
    @FunctionalInterface
    public interface Confirm {
        boolean ask(String question, String detail);
    }

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;
    private final Confirm confirm;
    private final Consumer<List<String>> onDeleted;

    /** @param onDeleted told the ids deleted (on the UI thread), to close their views and refresh the list */
    public RunDeletion(Workspace workspace, UiExecutor ui, Messages messages, Confirm confirm,
                       Consumer<List<String>> onDeleted) {
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
        this.confirm = confirm;
        this.onDeleted = onDeleted;
    }

    /** Asks, then deletes {@code runIds} with the replays below them. */
    public void delete(List<String> runIds) {
        if (runIds.isEmpty()) {
            return;
        }
        List<String> chosen = List.copyOf(new LinkedHashSet<>(runIds));
        ui.submit(() -> replaysBelow(chosen), below -> {
            below.removeAll(chosen);
            String runs = chosen.size() == 1 ? "run " + chosen.get(0) : chosen.size() + " runs";
            String question = "Delete " + runs + (below.isEmpty() ? "?"
                    : " and the " + Formats.count(below.size(), "replay") + " below "
                    + (chosen.size() == 1 ? "it" : "them") + "?");
            String detail = "Their steps and logs are removed; artifacts stay, as other runs may hold the same files."
                    + " This cannot be undone.";
            if (confirm.ask(question, detail)) {
                ui.submit(() -> deleteAll(chosen), this::report, failure -> messages.error("Deleting runs", failure));
            }
        }, failure -> messages.error("Deleting runs", failure));
    }

    private record Outcome(List<String> deleted, List<String> refused) {
    }

    /** Every replay below the runs, found through their lineage. */
    private Set<String> replaysBelow(List<String> runIds) {
        Set<String> below = new LinkedHashSet<>();
        for (String runId : runIds) {
            Lineage lineage = workspace.lineage(runId);
            Lineage.Node node = find(lineage.root(), runId);
            if (node != null) {
                node.replays().forEach(replay -> collect(replay, below));
            }
        }
        return below;
    }

    private static Lineage.Node find(Lineage.Node node, String runId) {
        if (node.run().id().equals(runId)) {
            return node;
        }
        for (Lineage.Node replay : node.replays()) {
            Lineage.Node found = find(replay, runId);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static void collect(Lineage.Node node, Set<String> into) {
        into.add(node.run().id());
        node.replays().forEach(replay -> collect(replay, into));
    }

    private Outcome deleteAll(List<String> runIds) {
        List<String> deleted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String runId : runIds) {
            if (deleted.contains(runId)) {
                continue;
            }
            try {
                deleted.addAll(workspace.deleteRun(runId, true));
            } catch (NotFoundException e) {
                // deleted meanwhile, by another window or as part of another's tree
            } catch (RuntimeException e) {
                refused.add(Messages.describe(e));
            }
        }
        return new Outcome(deleted, refused);
    }

    private void report(Outcome outcome) {
        if (!outcome.deleted().isEmpty()) {
            onDeleted.accept(outcome.deleted());
            messages.info("Deleted " + (outcome.deleted().size() == 1 ? "run " + outcome.deleted().get(0)
                    : Formats.count(outcome.deleted().size(), "run")) + ".");
        }
        outcome.refused().forEach(reason -> messages.error("Not deleted: " + reason));
    }
}
