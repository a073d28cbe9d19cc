package dev.reprise.ui.run;

import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.FlowRevision;
import dev.reprise.run.RunEvent;
import dev.reprise.run.StepRun;
import dev.reprise.ui.common.EventBatcher;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

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

    private final ReadOnlyObjectWrapper<RunDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyObjectWrapper<FlowRevision> revision = new ReadOnlyObjectWrapper<>(this, "revision");
    private final ReadOnlyObjectWrapper<Flow> flow = new ReadOnlyObjectWrapper<>(this, "flow");
    private final ObjectProperty<String> selectedStep = new SimpleObjectProperty<>(this, "selectedStep");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ObservableList<StepRun> steps = FXCollections.observableArrayList();

    private EventBatcher<RunEvent> batcher;
    private Subscription subscription;
    private boolean closed;

    public RunViewModel(String runId, Workspace workspace, UiExecutor ui, Messages messages) {
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
            if (closed) {
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

    /** Applies a batch of this run's events to the detail, once. */
    void apply(List<RunEvent> events) {
        RunDetail current = detail.get();
        if (current == null || closed) {
            return;
        }
        var run = current.run();
        List<StepRun> next = new ArrayList<>(current.steps());
        boolean changed = false;
        for (RunEvent event : events) {
            if (event.type() == RunEvent.Type.RUN && event.run() != null) {
                if (event.run().seq() >= run.seq()) {
                    run = event.run();
                    changed = true;
                }
            } else if (event.type() == RunEvent.Type.STEP && event.step() != null) {
                StepRun step = event.step();
                int index = indexOf(next, step.stepId());
                if (index < 0) {
                    next.add(step);
                    changed = true;
                } else if (next.get(index).seq() <= step.seq()) {
                    next.set(index, step);
                    changed = true;
                }
            }
        }
        if (changed) {
            setDetail(new RunDetail(run, next));
        }
        if (run.state().isTerminal() && subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    private static int indexOf(List<StepRun> steps, String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).stepId().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }

    private void setDetail(RunDetail next) {
        detail.set(next);
        List<StepRun> fresh = next.steps();
        if (steps.isEmpty()) {
            // one change for a run's first read: thousands of single additions would each reach the list views
            steps.setAll(fresh);
            return;
        }
        // update in place, so that list selections survive live changes
        for (int i = 0; i < fresh.size(); i++) {
            if (i < steps.size()) {
                if (!steps.get(i).equals(fresh.get(i))) {
                    steps.set(i, fresh.get(i));
                }
            } else {
                steps.add(fresh.get(i));
            }
        }
        if (steps.size() > fresh.size()) {
            steps.remove(fresh.size(), steps.size());
        }
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

    public Workspace workspace() {
        return workspace;
    }

    public ReadOnlyObjectProperty<RunDetail> detailProperty() {
        return detail.getReadOnlyProperty();
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
