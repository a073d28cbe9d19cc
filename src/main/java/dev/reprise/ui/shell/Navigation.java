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
 * settles on opens unless the table settled on it last. The view builds a tab for each {@link ShellTab}
 * and follows; nothing here needs a toolkit. UI thread only.
 */
public final class Navigation {

    /** Runs open at once; opening one more closes the oldest. */
    public static final int MAX_OPEN_RUNS = 6;

    private final ObservableList<ShellTab> tabs = FXCollections.observableArrayList();
    private final ObservableList<ShellTab> readOnlyTabs = FXCollections.unmodifiableObservableList(tabs);
    private final ReadOnlyObjectWrapper<ShellTab> selected = new ReadOnlyObjectWrapper<>(this, "selected");
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

    /** Opens run {@code runId}'s tab, or selects it. */
    public void openRun(String runId) {
        open(new RunTab(runId));
    }

    /**
     * The runs table settled on run {@code runId} (null: on none). A run inserted above the selection (a
     * replay just started) makes the table's selection pass through other rows and back: only a run the
     * table did not settle on last is opened.
     */
    public void runSelectedInTable(String runId) {
        if (runId != null && !runId.equals(lastRunOfTable)) {
            lastRunOfTable = runId;
            openRun(runId);
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
