package dev.reprise.ui.runs;

import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunPage;
import dev.reprise.run.RunState;
import dev.reprise.ui.common.BatchedRunEvents;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.FlowSummary;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runs browser: filters, the rows loaded so far (newest first, a page at a time with the store's
 * keyset cursor) and live changes from {@link Workspace#subscribeAll}, coalesced per UI pulse. Filters are
 * evaluated by the store; the view model only applies the same rules to runs that change while listed.
 * UI thread only, except that events may arrive on any thread.
 */
public final class RunsViewModel {

    public static final int PAGE_SIZE = 200;

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;
    private final ZoneId zone;
    private final Clock clock;

    private final ObservableList<Run> runs = FXCollections.observableArrayList();
    private final ObservableList<String> flowIds = FXCollections.observableArrayList();
    private final ObjectProperty<String> flowFilter = new SimpleObjectProperty<>(this, "flowFilter");
    private final ObjectProperty<RunState> stateFilter = new SimpleObjectProperty<>(this, "stateFilter");
    private final StringProperty labelFilter = new SimpleStringProperty(this, "labelFilter", "");
    private final StringProperty textFilter = new SimpleStringProperty(this, "textFilter", "");
    private final ObjectProperty<LocalDate> fromDate = new SimpleObjectProperty<>(this, "fromDate");
    private final ObjectProperty<LocalDate> toDate = new SimpleObjectProperty<>(this, "toDate");
    private final ReadOnlyStringWrapper labelError = new ReadOnlyStringWrapper(this, "labelError");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(this, "hasMore");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final BooleanProperty live = new SimpleBooleanProperty(this, "live", true);
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>(this, "now");

    private RunFilter filter = new RunFilter(null, Set.of(), Map.of(), null, null, null);
    private String cursor;
    private long generation;
    private BatchedRunEvents runEvents;

    public RunsViewModel(Workspace workspace, UiExecutor ui, Messages messages, ZoneId zone) {
        this(workspace, ui, messages, Clock.system(zone));
    }

    /** @param clock the time of "running for" durations, and the zone of dates typed in the filters */
    public RunsViewModel(Workspace workspace, UiExecutor ui, Messages messages, Clock clock) {
        this.clock = clock;
        ZoneId zone = clock.getZone();
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
        this.zone = zone;
        flowFilter.addListener((o, a, b) -> refresh());
        stateFilter.addListener((o, a, b) -> refresh());
        labelFilter.addListener((o, a, b) -> refresh());
        textFilter.addListener((o, a, b) -> refresh());
        fromDate.addListener((o, a, b) -> refresh());
        toDate.addListener((o, a, b) -> refresh());
    }

    /** Starts listening to every run's changes and loads the flows and the first page. */
    public void start() {
        runEvents = BatchedRunEvents.subscribeAll(workspace, ui, this::apply);
        refresh();
    }

    /** Stops listening; the rows stay as they are. */
    public void close() {
        if (runEvents != null) {
            runEvents.close();
            runEvents = null;
        }
    }

    /** Loads the flows and the first page again under the current filters. */
    public void refresh() {
        RunFilter next;
        try {
            next = currentFilter();
            labelError.set(null);
        } catch (IllegalArgumentException e) {
            labelError.set(e.getMessage());
            return;
        }
        filter = next;
        long mine = ++generation;
        loading.set(true);
        ui.submit(workspace::flows, flows -> {
            List<String> ids = flows.stream().map(FlowSummary::id).sorted().toList();
            if (!ids.equals(flowIds)) {
                flowIds.setAll(ids);
            }
        }, failure -> messages.error("Loading the flows", failure));
        ui.submit(() -> workspace.runs(next.query(PAGE_SIZE)), page -> {
            if (mine != generation) {
                return;
            }
            runs.setAll(page.runs());
            pageLoaded(page);
        }, failure -> {
            if (mine == generation) {
                loading.set(false);
                messages.error("Loading runs", failure);
            }
        });
    }

    /** Loads the next page, if there is one and none is loading; the view calls it near the table's end. */
    public void loadMore() {
        if (cursor == null || loading.get()) {
            return;
        }
        long mine = generation;
        RunFilter current = filter;
        String after = cursor;
        loading.set(true);
        ui.submit(() -> workspace.runs(current.query(PAGE_SIZE).withAfter(after)), page -> {
            if (mine != generation) {
                return;
            }
            // a run that arrived live while this page was read may be in both
            Set<String> known = new HashSet<>();
            for (Run run : runs) {
                known.add(run.id());
            }
            runs.addAll(page.runs().stream().filter(r -> !known.contains(r.id())).toList());
            pageLoaded(page);
        }, failure -> {
            if (mine == generation) {
                loading.set(false);
                messages.error("Loading more runs", failure);
            }
        });
    }

    private void pageLoaded(RunPage page) {
        cursor = page.nextCursor();
        hasMore.set(cursor != null);
        loading.set(false);
        updateSummary();
    }

    private void updateSummary() {
        summary.set(runs.size() + (cursor != null ? "+" : "") + (runs.size() == 1 ? " run" : " runs"));
    }

    private RunFilter currentFilter() {
        Instant from = fromDate.get() == null ? null : fromDate.get().atStartOfDay(zone).toInstant();
        Instant to = toDate.get() == null ? null : toDate.get().plusDays(1).atStartOfDay(zone).toInstant();
        return new RunFilter(flowFilter.get(), stateFilter.get() == null ? Set.of() : Set.of(stateFilter.get()),
                RunFilter.parseLabels(labelFilter.get()), textFilter.get(), from, to);
    }

    /** Applies a batch of live events: a listed run is replaced (or leaves when it no longer matches); a new one that matches comes in on top. */
    void apply(List<RunEvent> events) {
        if (!live.get()) {
            return;
        }
        Map<String, Run> latest = new LinkedHashMap<>();
        boolean newFlow = false;
        for (RunEvent event : events) {
            if (event instanceof RunEvent.RunChanged(Run run, Instant time)) {
                Run previous = latest.get(run.id());
                if (previous == null || previous.seq() <= run.seq()) {
                    latest.put(run.id(), run);
                }
                newFlow |= !flowIds.contains(run.flowId());
            }
        }
        for (Run run : latest.values()) {
            int index = indexOf(run.id());
            boolean matches = filter.matches(run);
            if (index >= 0) {
                if (!matches) {
                    runs.remove(index);
                } else if (runs.get(index).seq() <= run.seq()) {
                    runs.set(index, run);
                }
            } else if (matches && isNewest(run)) {
                runs.add(0, run);
            }
        }
        if (newFlow) {
            ui.submit(workspace::flows, flows -> flowIds.setAll(flows.stream().map(FlowSummary::id).sorted().toList()),
                    failure -> messages.error("Loading the flows", failure));
        }
        updateSummary();
    }

    private boolean isNewest(Run run) {
        if (runs.isEmpty()) {
            return cursor == null;
        }
        Instant top = runs.get(0).createdAt();
        return top == null || run.createdAt() == null || !run.createdAt().isBefore(top);
    }

    private int indexOf(String runId) {
        // runs that change are recent, and recent runs are on top
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).id().equals(runId)) {
                return i;
            }
        }
        return -1;
    }

    public ObservableList<Run> runs() {
        return runs;
    }

    public ObservableList<String> flowIds() {
        return flowIds;
    }

    public ObjectProperty<String> flowFilterProperty() {
        return flowFilter;
    }

    public ObjectProperty<RunState> stateFilterProperty() {
        return stateFilter;
    }

    public StringProperty labelFilterProperty() {
        return labelFilter;
    }

    public StringProperty textFilterProperty() {
        return textFilter;
    }

    public ObjectProperty<LocalDate> fromDateProperty() {
        return fromDate;
    }

    public ObjectProperty<LocalDate> toDateProperty() {
        return toDate;
    }

    public ReadOnlyStringProperty labelErrorProperty() {
        return labelError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Whether live changes are applied (on by default). */
    public BooleanProperty liveProperty() {
        return live;
    }

    /** Clears every filter. */
    public void clearFilters() {
        flowFilter.set(null);
        stateFilter.set(null);
        labelFilter.set("");
        textFilter.set("");
        fromDate.set(null);
        toDate.set(null);
    }

    /**
     * The time the durations of running runs are measured to: the clock's, read when the rows were made and on
     * each {@link #tick()}. Finished runs do not depend on it.
     */
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        if (now.get() == null) {
            now.set(clock.instant());
        }
        return now.getReadOnlyProperty();
    }

    /** Reads the clock again: the durations of the running runs listed move on. */
    public void tick() {
        now.set(clock.instant());
    }

    /** Whether a listed run has not ended (its duration ticks). */
    public boolean anyRunning() {
        for (Run run : runs) {
            if (!run.state().isTerminal()) {
                return true;
            }
        }
        return false;
    }

    /** The time the runs' durations are measured to. */
    public Clock clock() {
        return clock;
    }
}
