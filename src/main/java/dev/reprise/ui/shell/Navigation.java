package dev.reprise.ui.shell;

import dev.reprise.ui.shell.ShellTab.RunTab;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which tabs the window has open, in order, and which one is selected: opening what is already open
 * selects it, closing the selected tab selects its neighbour (the one to its right, else to its left),
 * at most {@link #MAX_OPEN_RUNS} runs stay open (the oldest close first), and a run the runs table
 * settles on opens unless the table settled on it last. A run the table settles on opens as the one
 * <em>preview</em> tab, which the next run the table settles on replaces in place, as an IDE's preview
 * does; opening a run otherwise (a double-click, a replay started, a link) or {@link #keepOpen} pins it.
 * The view builds a tab for each {@link ShellTab} and follows; nothing here needs a toolkit. UI thread only.
 */
public final class Navigation {

    /** Runs open at once; opening one more closes the oldest. */
    public static final int MAX_OPEN_RUNS = 6;

    private final ObservableList<ShellTab> tabs = FXCollections.observableArrayList();
    private final ObservableList<ShellTab> readOnlyTabs = FXCollections.unmodifiableObservableList(tabs);
    private final ReadOnlyObjectWrapper<ShellTab> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<RunTab> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private String lastRunOfTable;

    /** Opens {@code tab} (after the others) unless it is open, and selects it. */
    public void open(ShellTab tab) {
        if (!tabs.contains(tab)) {
            tabs.add(tab);
        }
        selected.set(tab);
        if (tab instanceof RunTab) {
            List<ShellTab> runs = tabs.stream().filter(t -> t instanceof RunTab).toList();
            for (int i = 0; i < runs.size() - MAX_OPEN_RUNS; i++) {
                close(runs.get(i));
            }
        }
    }

    /** Opens run {@code runId}'s tab to stay (a preview of it is kept open), or selects it. */
    public void openRun(String runId) {
        RunTab tab = new RunTab(runId);
        if (tab.equals(preview.get())) {
            preview.set(null);
        }
        open(tab);
    }

    /**
     * Shows run {@code runId} in the preview tab, replacing the run it showed; a run open already is only
     * selected.
     */
    public void previewRun(String runId) {
        RunTab tab = new RunTab(runId);
        RunTab previous = preview.get();
        if (tabs.contains(tab)) {
            selected.set(tab);
            return;
        }
        int index = previous == null ? -1 : tabs.indexOf(previous);
        if (index < 0) {
            preview.set(tab);
            open(tab);
            return;
        }
        preview.set(tab);
        tabs.set(index, tab);
        selected.set(tab);
    }

    /** Pins the preview tab if {@code tab} is it: the next run previewed opens a tab of its own. */
    public void keepOpen(ShellTab tab) {
        if (tab != null && tab.equals(preview.get())) {
            preview.set(null);
        }
    }

    /** The run tab that previews the runs the table settles on, or null while none does. */
    public ReadOnlyObjectProperty<RunTab> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /**
     * The runs table settled on run {@code runId} (null: on none). A run inserted above the selection (a
     * replay just started) makes the table's selection pass through other rows and back: only a run the
     * table did not settle on last is shown, in the preview tab.
     */
    public void runSelectedInTable(String runId) {
        if (runId != null && !runId.equals(lastRunOfTable)) {
            lastRunOfTable = runId;
            previewRun(runId);
        }
    }

    /** Selects {@code tab} if it is open. */
    public void select(ShellTab tab) {
        if (tab == null || tabs.contains(tab)) {
            selected.set(tab);
        }
    }

    /** Closes {@code tab}; if it was selected, its neighbour is selected first. */
    public void close(ShellTab tab) {
        int index = tabs.indexOf(tab);
        if (index < 0) {
            return;
        }
        if (tab.equals(preview.get())) {
            preview.set(null);
        }
        if (tab.equals(selected.get())) {
            ShellTab neighbour = index + 1 < tabs.size() ? tabs.get(index + 1) : index > 0 ? tabs.get(index - 1) : null;
            selected.set(neighbour);
        }
        tabs.remove(index);
    }

    /** Closes the selected tab, if any. */
    public void closeSelected() {
        if (selected.get() != null) {
            close(selected.get());
        }
    }

    /** Closes the tabs of these runs (they were deleted). */
    public void closeRuns(Collection<String> runIds) {
        List.copyOf(tabs).stream().filter(t -> t instanceof RunTab run && runIds.contains(run.runId()))
                .forEach(this::close);
    }

    /** Closes every tab. */
    public void closeAll() {
        preview.set(null);
        selected.set(null);
        tabs.clear();
    }

    /** The open tabs, in order. */
    public ObservableList<ShellTab> tabs() {
        return readOnlyTabs;
    }

    public ReadOnlyObjectProperty<ShellTab> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The run whose tab is selected, if a run's tab is. */
    public Optional<String> selectedRun() {
        return selected.get() instanceof RunTab run ? Optional.of(run.runId()) : Optional.empty();
    }
}
