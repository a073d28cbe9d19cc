package dev.reprise.ui.run;

import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.FlowRevision;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.StepRun;
import dev.reprise.ui.common.EventBatcher;
import dev.reprise.ui.common.LiveList;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectPropertyBase;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One open run: its detail, kept current by the run's live events (coalesced per UI pulse), the flow
 * revision it ran, and the step instance selected in any of its views (Gantt, DAG, details). Owns its
 * event subscription: {@link #close()} releases it. UI thread only, except that events may arrive on any
 * thread.
 */
public final class RunViewModel {

    private final String runId;
    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;
    private final Clock clock;

    private final ReadOnlyObjectWrapper<Run> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final LiveDetail detail = new LiveDetail();
    private final ReadOnlyObjectWrapper<FlowRevision> revision = new ReadOnlyObjectWrapper<>(this, "revision");
    private final ReadOnlyObjectWrapper<Flow> flow = new ReadOnlyObjectWrapper<>(this, "flow");
    private final ObjectProperty<String> selectedStep = new SimpleObjectProperty<>(this, "selectedStep");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final LiveList<StepRun> steps = new LiveList<>();
    /** Where each step instance is in {@link #steps}: a live event finds its row without a scan. */
    private final Map<String, Integer> positions = new HashMap<>();

    private EventBatcher<RunEvent> batcher;
    private Subscription subscription;
    private boolean closed;

    public RunViewModel(String runId, Workspace workspace, UiExecutor ui, Messages messages) {
        this(runId, workspace, ui, messages, Clock.systemUTC());
    }

    /** @param clock the time running steps, attempts and the run are measured to, in every view of the run */
    public RunViewModel(String runId, Workspace workspace, UiExecutor ui, Messages messages, Clock clock) {
        this.clock = clock;
        this.runId = runId;
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
    }

    /** Loads the run, then follows its events from the sequence number it was read at. */
    public void open() {
        loading.set(true);
        ui.submit(() -> workspace.run(runId), loaded -> {
            if (closed) {
                return;
            }
            loading.set(false);
            setDetail(loaded);
            loadFlow(loaded);
            if (!loaded.run().state().isTerminal()) {
                follow(loaded.run().seq());
            }
        }, failure -> {
            loading.set(false);
            messages.error("Opening run " + runId, failure);
        });
    }

    private void follow(long afterSeq) {
        batcher = new EventBatcher<>(ui, this::apply);
        ui.submit(() -> workspace.subscribe(runId, afterSeq, batcher), opened -> {
            // the run's last events may have been applied before the subscription got here
            if (closed || run.get() != null && run.get().state().isTerminal()) {
                opened.close();
            } else {
                subscription = opened;
            }
        }, failure -> messages.error("Following run " + runId, failure));
    }

    private void loadFlow(RunDetail loaded) {
        String flowId = loaded.run().flowId();
        int number = loaded.run().revision();
        ui.submit(() -> {
            FlowRevision found = workspace.revision(flowId, number);
            FlowParser.Parsed parsed = new FlowParser().read(found.source(), flowId + " revision " + number);
            return new Definition(found, parsed.flow());
        }, definition -> {
            revision.set(definition.revision());
            flow.set(definition.flow());
        }, failure -> messages.error("Reading the definition of " + flowId + " revision " + number, failure));
    }

    private record Definition(FlowRevision revision, Flow flow) {
    }

    /**
     * Applies a batch of this run's events to the detail, once: a look-up per event, each changed step
     * replaced in place once and new steps appended in the order they arrived, in one change of
     * {@link #steps()} each.
     */
    void apply(List<RunEvent> events) {
        Run current = run.get();
        if (current == null || closed) {
            return;
        }
        Run next = current;
        boolean changed = false;
        Map<Integer, StepRun> replaced = new TreeMap<>();
        List<StepRun> added = new ArrayList<>();
        for (RunEvent event : events) {
            switch (event) {
                case RunEvent.RunChanged(Run changedRun, Instant time) -> {
                    if (changedRun.seq() >= next.seq()) {
                        next = changedRun;
                        changed = true;
                    }
                }
                case RunEvent.StepChanged(StepRun step, Instant time) -> {
                    Integer index = positions.get(step.stepId());
                    if (index == null) {
                        positions.put(step.stepId(), steps.size() + added.size());
                        added.add(step);
                        changed = true;
                    } else if (index >= steps.size()) {
                        StepRun pending = added.get(index - steps.size());
                        if (pending.seq() <= step.seq()) {
                            added.set(index - steps.size(), step);
                            changed = true;
                        }
                    } else {
                        StepRun known = replaced.getOrDefault(index, steps.get(index));
                        if (known.seq() <= step.seq()) {
                            replaced.put(index, step);
                            changed = true;
                        }
                    }
                }
            }
        }
        replaced.entrySet().removeIf(row -> row.getValue().equals(steps.get(row.getKey())));
        steps.apply(replaced, added);
        if (next != current) {
            run.set(next);
        }
        if (changed) {
            detail.changed(null);
        }
        if (next.state().isTerminal() && subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** A run as read: replaces the steps in one change (thousands of single additions would each reach the lists). */
    private void setDetail(RunDetail next) {
        positions.clear();
        List<StepRun> fresh = next.steps();
        for (int i = 0; i < fresh.size(); i++) {
            positions.put(fresh.get(i).stepId(), i);
        }
        steps.setAll(fresh);
        run.set(next.run());
        detail.changed(next);
    }

    /**
     * The run's detail, made (its steps copied) only when someone asks for it: a live batch tells the
     * listeners that it changed, and the views that follow the run read the run, the steps and the changed
     * rows instead, so a batch copies nothing. Invalidation listeners are told of every batch.
     */
    private final class LiveDetail extends ReadOnlyObjectPropertyBase<RunDetail> {

        private RunDetail value;

        @Override
        public RunDetail get() {
            if (value == null && run.get() != null) {
                value = new RunDetail(run.get(), steps);
            }
            return value;
        }

        void changed(RunDetail read) {
            value = read;
            fireValueChangedEvent();
        }

        @Override
        public Object getBean() {
            return RunViewModel.this;
        }

        @Override
        public String getName() {
            return "detail";
        }
    }

    /** The step instance with this id as last applied, or null. */
    public StepRun step(String stepId) {
        Integer index = stepId == null ? null : positions.get(stepId);
        return index == null ? null : steps.get(index);
    }

    /** Stops following the run; late results are ignored. */
    public void close() {
        closed = true;
        if (batcher != null) {
            batcher.close();
        }
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    public boolean isFollowing() {
        return subscription != null;
    }

    public String runId() {
        return runId;
    }

    public Clock clock() {
        return clock;
    }

    public Workspace workspace() {
        return workspace;
    }

    /**
     * The run and its steps as one value, made when asked for (a copy of the steps): listeners that follow
     * a live run are better served by {@link #runProperty()}, {@link #steps()} and {@link #step(String)}.
     */
    public ReadOnlyObjectProperty<RunDetail> detailProperty() {
        return detail;
    }

    /** The run as last read or told by its events; null until it is read. */
    public ReadOnlyObjectProperty<Run> runProperty() {
        return run.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FlowRevision> revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Flow> flowProperty() {
        return flow.getReadOnlyProperty();
    }

    /** The selected step instance id ({@code parse}, {@code count[3]}), shared by every view of the run. */
    public ObjectProperty<String> selectedStepProperty() {
        return selectedStep;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The run's step instances, in the order they were first recorded; updated in place. */
    public ObservableList<StepRun> steps() {
        return steps;
    }
}
