package dev.reprise.ui.lineage;

import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The Lineage tab: a run's parent and root, and the runs that share its root. The contract has no
 * lineage call yet, so the family is found by listing the flow's runs (newest first, up to
 * {@link #SCAN_LIMIT}) and keeping those with the same root; a later {@code Workspace} lineage call
 * replaces {@link #findFamily}. UI thread only.
 */
public final class LineageViewModel {

    static final int SCAN_LIMIT = RunQuery.MAX_LIMIT;

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;

    private final ReadOnlyObjectWrapper<Run> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final ObservableList<Run> family = FXCollections.observableArrayList();

    public LineageViewModel(Workspace workspace, UiExecutor ui, Messages messages) {
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
    }

    /** Shows the lineage of {@code shown}; asks the workspace again only when the lineage may differ. */
    public void show(Run shown) {
        Run before = run.get();
        run.set(shown);
        if (shown == null) {
            family.clear();
            return;
        }
        if (before != null && before.id().equals(shown.id()) && Objects.equals(before.rootRunId(), shown.rootRunId())) {
            return;
        }
        ui.submit(() -> findFamily(shown), found -> {
            if (run.get() != null && run.get().id().equals(shown.id())) {
                family.setAll(found);
            }
        }, failure -> messages.error("Finding the lineage of " + shown.id(), failure));
    }

    /** Runs of the same root, oldest first. The place for a lineage call on the workspace. */
    private List<Run> findFamily(Run shown) {
        String root = shown.rootRunId() != null ? shown.rootRunId() : shown.id();
        List<Run> runs = workspace.runs(RunQuery.all().withFlow(shown.flowId()).withLimit(SCAN_LIMIT)).runs();
        return runs.stream()
                .filter(r -> root.equals(r.rootRunId() != null ? r.rootRunId() : r.id()))
                .sorted(Comparator.comparing(Run::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    public ReadOnlyObjectProperty<Run> runProperty() {
        return run.getReadOnlyProperty();
    }

    /** The runs that share this run's root (itself included), oldest first. */
    public ObservableList<Run> family() {
        return family;
    }
}
