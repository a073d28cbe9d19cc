package dev.reprise.ui.lineage;

import dev.reprise.run.Lineage;
import dev.reprise.run.Run;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

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
        ui.submit(() -> workspace.lineage(shown.id()), found -> {
            if (run.get() != null && run.get().id().equals(shown.id())) {
                lineage.set(found);
            }
        }, failure -> messages.error("Reading the lineage of " + shown.id(), failure));
    }

    public ReadOnlyObjectProperty<Run> runProperty() {
        return run.getReadOnlyProperty();
    }

    /** The tree of the shown run's root and its replays; null until read. */
    public ReadOnlyObjectProperty<Lineage> lineageProperty() {
        return lineage.getReadOnlyProperty();
    }
}
