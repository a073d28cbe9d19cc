package dev.reprise.ui.lineage;

import dev.reprise.run.Lineage;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Lineage tab: the replay tree a run belongs to ({@link Workspace#lineage}), from its root run down to
 * every replay of a replay. Asked again when the shown run changes or its state does (a run that ends may
 * have been replayed meanwhile), and on {@link #refresh()}. UI thread only.
 */
public final class LineageViewModel {

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;

    private final ReadOnlyObjectWrapper<Run> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final ReadOnlyObjectWrapper<Lineage> lineage = new ReadOnlyObjectWrapper<>(this, "lineage");
    private Map<String, List<Run>> children = Map.of();

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
            lineage.set(null);
            return;
        }
        if (before != null && before.id().equals(shown.id()) && before.state() == shown.state()
                && Objects.equals(before.rootRunId(), shown.rootRunId())) {
            return;
        }
        refresh();
    }

    /** Reads the lineage of the shown run again. */
    public void refresh() {
        Run shown = run.get();
        if (shown == null) {
            return;
        }
        ui.submit(() -> {
            Lineage found = workspace.lineage(shown.id());
            return Map.entry(found, childrenOf(found.root(), new HashMap<>()));
        }, found -> {
            if (run.get() != null && run.get().id().equals(shown.id())) {
                children = found.getValue();
                lineage.set(found.getKey());
            }
        }, failure -> messages.error("Reading the lineage of " + shown.id(), failure));
    }

    /** The runs that steps of each run of the tree started, oldest first, read with the tree (background). */
    private Map<String, List<Run>> childrenOf(Lineage.Node node, Map<String, List<Run>> found) {
        List<Run> started = workspace.runs(RunQuery.all().withParent(node.run().id()).withLimit(RunQuery.MAX_LIMIT))
                .runs();
        if (!started.isEmpty()) {
            found.put(node.run().id(), List.copyOf(started.reversed()));
        }
        node.replays().forEach(replay -> childrenOf(replay, found));
        return found;
    }

    /** The runs that steps of {@code runId} (a run of the tree) started, oldest first; read with the tree. */
    public List<Run> children(String runId) {
        return children.getOrDefault(runId, List.of());
    }

    public ReadOnlyObjectProperty<Run> runProperty() {
        return run.getReadOnlyProperty();
    }

    /** The tree of the shown run's root and its replays; null until read. */
    public ReadOnlyObjectProperty<Lineage> lineageProperty() {
        return lineage.getReadOnlyProperty();
    }
}
