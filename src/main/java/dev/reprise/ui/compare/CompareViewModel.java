package dev.reprise.ui.compare;

import dev.reprise.flow.FlowRevision;
import dev.reprise.run.Run;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.RevisionDiff;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.Workspace;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Compares two runs: loads both (and, when they ran different revisions, the diff of those revisions) in
 * the background, and offers the comparison as lines for the view, all of them or only what differs.
 * {@link #compareWithSource} compares a replay with the run it replays. UI thread only.
 */
public final class CompareViewModel {

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;

    private final ReadOnlyObjectWrapper<RunComparison> comparison = new ReadOnlyObjectWrapper<>(this, "comparison");
    private final ReadOnlyObjectWrapper<RevisionDiff> revisionDiff = new ReadOnlyObjectWrapper<>(this, "revisionDiff");
    private final ObservableList<CompareRow> rows = FXCollections.observableArrayList();
    private final BooleanProperty onlyDifferences = new SimpleBooleanProperty(this, "onlyDifferences", false);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private long generation;

    private record Loaded(RunComparison comparison, RevisionDiff revisionDiff) {
    }

    /** Which two runs to compare, left and right. */
    public record Pair(String leftRunId, String rightRunId) {

        /**
         * The pair a selection of runs means: two runs, the older on the left; one replay, its source on the
         * left; nothing otherwise.
         */
        public static Optional<Pair> of(List<Run> selected) {
            if (selected.size() == 2) {
                Run a = selected.get(0);
                Run b = selected.get(1);
                boolean aFirst = a.id().equals(b.parentRunId())
                        || !b.id().equals(a.parentRunId()) && !a.createdAt().isAfter(b.createdAt());
                return Optional.of(aFirst ? new Pair(a.id(), b.id()) : new Pair(b.id(), a.id()));
            }
            if (selected.size() == 1 && selected.get(0).parentRunId() != null) {
                return Optional.of(new Pair(selected.get(0).parentRunId(), selected.get(0).id()));
            }
            return Optional.empty();
        }
    }

    private final Clock clock;

    public CompareViewModel(Workspace workspace, UiExecutor ui, Messages messages) {
        this(workspace, ui, messages, Clock.systemUTC());
    }

    /** @param clock the time a running run's duration is measured to */
    public CompareViewModel(Workspace workspace, UiExecutor ui, Messages messages, Clock clock) {
        this.clock = clock;
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
        onlyDifferences.addListener((o, a, b) -> updateRows());
    }

    /** Compares run {@code leftRunId} (shown left) with run {@code rightRunId} (shown right). */
    public void compare(String leftRunId, String rightRunId) {
        long mine = ++generation;
        loading.set(true);
        ui.submit(() -> load(workspace.run(leftRunId), workspace.run(rightRunId)), loaded -> show(mine, loaded),
                failure -> failed(mine, "Comparing " + leftRunId + " with " + rightRunId, failure));
    }

    /** Compares the replay {@code runId} (right) with the run it replays (left). */
    public void compareWithSource(String runId) {
        long mine = ++generation;
        loading.set(true);
        ui.submit(() -> {
            RunDetail replay = workspace.run(runId);
            String parent = replay.run().parentRunId();
            if (parent == null) {
                throw new IllegalArgumentException("run " + runId + " is not a replay: choose two runs to compare");
            }
            return load(workspace.run(parent), replay);
        }, loaded -> show(mine, loaded), failure -> failed(mine, "Comparing " + runId + " with its source", failure));
    }

    /** Puts the right run on the left and the left one on the right. */
    public void swap() {
        RunComparison now = comparison.get();
        if (now != null) {
            compare(now.right().run().id(), now.left().run().id());
        }
    }

    private Loaded load(RunDetail left, RunDetail right) {
        RunComparison built = RunComparison.of(left, right);
        RevisionDiff diff = null;
        if (!built.sameRevision()) {
            Run l = left.run();
            Run r = right.run();
            FlowRevision from = workspace.revision(l.flowId(), l.revision());
            FlowRevision to = workspace.revision(r.flowId(), r.revision());
            diff = RevisionDiff.between(workspace, from, to);
        }
        return new Loaded(built, diff);
    }

    private void show(long mine, Loaded loaded) {
        if (mine != generation) {
            return;
        }
        loading.set(false);
        revisionDiff.set(loaded.revisionDiff());
        comparison.set(loaded.comparison());
        updateRows();
    }

    private void failed(long mine, String what, Throwable failure) {
        if (mine == generation) {
            loading.set(false);
            messages.error(what, failure);
        }
    }

    private void updateRows() {
        RunComparison now = comparison.get();
        rows.setAll(now == null ? List.of() : CompareRow.of(now, onlyDifferences.get()));
    }

    public ReadOnlyObjectProperty<RunComparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /**
     * The diff from the left run's flow revision to the right one's (the YAML and each file of a flow folder that
     * changed); null when both ran the same revision.
     */
    public ReadOnlyObjectProperty<RevisionDiff> revisionDiffProperty() {
        return revisionDiff.getReadOnlyProperty();
    }

    /** The comparison as sections of lines (Run, Parameters, Flow outputs, Steps). */
    public ObservableList<CompareRow> rows() {
        return rows;
    }

    public BooleanProperty onlyDifferencesProperty() {
        return onlyDifferences;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The time a running run's duration is measured to. */
    public Clock clock() {
        return clock;
    }
}
