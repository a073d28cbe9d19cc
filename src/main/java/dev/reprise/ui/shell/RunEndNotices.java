package dev.reprise.ui.shell;

import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunState;
import dev.reprise.ui.common.BatchedRunEvents;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Says when runs end: the runs started from this window ({@link #watch}), or, when {@link #allRunsProperty}
 * is on, every run that ends while the window is open. One subscription to all runs, its events coalesced by
 * {@link BatchedRunEvents}, so however many runs end together the view gets one {@link Notice} per batch.
 * UI thread only, except for the events, which may arrive on any thread.
 */
public final class RunEndNotices implements AutoCloseable {

    /** What to tell: a title, a sentence, whether something failed, and the run the notice opens. */
    public record Notice(long number, String title, String text, boolean failed, String runId) {
    }

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;
    private final Set<String> watched = new HashSet<>();
    private final Set<String> told = new HashSet<>();
    private final BooleanProperty allRuns = new SimpleBooleanProperty(this, "allRuns", false);
    private final ReadOnlyObjectWrapper<Notice> latest = new ReadOnlyObjectWrapper<>(this, "latest");
    private BatchedRunEvents runEvents;
    private long count;

    public RunEndNotices(Workspace workspace, UiExecutor ui, Messages messages) {
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
    }

    /** Starts listening to the runs' changes. */
    public void start() {
        runEvents = BatchedRunEvents.subscribeAll(workspace, ui, this::apply);
    }

    /**
     * Tells when run {@code runId} ends; if it already has (a quick run may end before it is watched), tells
     * at once.
     */
    public void watch(String runId) {
        if (!watched.add(runId)) {
            return;
        }
        ui.submit(() -> workspace.run(runId).run(), run -> {
            if (run.state().isTerminal()) {
                tell(List.of(run));
            }
        }, failure -> messages.error("Following run " + runId, failure));
    }

    void apply(List<RunEvent> events) {
        Map<String, Run> ended = new LinkedHashMap<>();
        for (RunEvent event : events) {
            if (event instanceof RunEvent.RunChanged(Run run, Instant time) && run.state().isTerminal()
                    && (allRuns.get() || watched.contains(run.id()))) {
                ended.put(run.id(), run);
            }
        }
        tell(List.copyOf(ended.values()));
    }

    private void tell(List<Run> ended) {
        List<Run> fresh = new ArrayList<>();
        for (Run run : ended) {
            if (told.add(run.id())) {
                watched.remove(run.id());
                fresh.add(run);
            }
        }
        if (!fresh.isEmpty()) {
            latest.set(notice(++count, fresh));
        }
    }

    /** One notice for runs that ended together: the run itself when one, a count by state when several. */
    static Notice notice(long number, List<Run> ended) {
        List<Run> failed = ended.stream().filter(r -> r.state() != RunState.SUCCEEDED).toList();
        if (ended.size() == 1) {
            Run run = ended.get(0);
            String state = run.state().name().toLowerCase(Locale.ROOT);
            String what = run.parentRunId() != null ? "Replay" : "Run";
            return new Notice(number, what + " " + state, what + " " + run.id() + " of " + run.flowId() + " " + state
                    + (run.error() != null && !failed.isEmpty() ? ": " + run.error() : "."), !failed.isEmpty(), run.id());
        }
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (Run run : ended) {
            byState.merge(run.state().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        List<String> parts = byState.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList();
        Run open = failed.isEmpty() ? ended.get(ended.size() - 1) : failed.get(0);
        return new Notice(number, ended.size() + " runs ended", String.join(", ", parts) + "; open "
                + (failed.isEmpty() ? "the last one" : "the first that did not succeed") + ": " + open.id() + ".",
                !failed.isEmpty(), open.id());
    }

    /** The last notice; a new value each time runs end. */
    public ReadOnlyObjectProperty<Notice> latestProperty() {
        return latest.getReadOnlyProperty();
    }

    /** Whether every run that ends while the window is open is told, not only those started from it. */
    public BooleanProperty allRunsProperty() {
        return allRuns;
    }

    @Override
    public void close() {
        if (runEvents != null) {
            runEvents.close();
            runEvents = null;
        }
    }
}
