package dev.reprise.ui.details;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.FlowRevision;
import dev.reprise.run.Attempt;
import dev.reprise.run.StepRun;
import dev.reprise.ui.common.Formats;
import dev.reprise.workspace.RunDetail;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The step details pane: for the step instance selected in the run, its state, timings, attempts,
 * inputs, outputs and its definition in the flow revision the run used. Derived from the run's detail,
 * revision and selection, which it observes but does not own. UI thread only.
 */
public final class StepDetailsViewModel {

    /** One input or output, as a row. */
    public record Value(String name, JsonNode value) {
        public String text() {
            return Formats.value(value);
        }
    }

    private final ObservableValue<RunDetail> detail;
    private final ObservableValue<FlowRevision> revision;
    private final ObjectProperty<String> selection;
    private final Supplier<Instant> clock;
    private final Function<String, StepRun> lookup;

    private final ReadOnlyObjectWrapper<StepRun> step = new ReadOnlyObjectWrapper<>(this, "step");
    private final ReadOnlyStringWrapper timing = new ReadOnlyStringWrapper(this, "timing", "");
    private final ReadOnlyStringWrapper definition = new ReadOnlyStringWrapper(this, "definition", "");
    private final ObservableList<Attempt> attempts = FXCollections.observableArrayList();
    private final ObservableList<Value> inputs = FXCollections.observableArrayList();
    private final ObservableList<Value> outputs = FXCollections.observableArrayList();

    public StepDetailsViewModel(ObservableValue<RunDetail> detail, ObservableValue<FlowRevision> revision,
                                ObjectProperty<String> selection, Supplier<Instant> clock) {
        this(detail, revision, selection, clock, stepId -> find(detail.getValue(), stepId));
    }

    /**
     * @param lookup the step instance of the current detail with an id, or null: an open run finds it in
     *               its index, so a live update of a large run does not scan every step for the selected one
     */
    public StepDetailsViewModel(ObservableValue<RunDetail> detail, ObservableValue<FlowRevision> revision,
                                ObjectProperty<String> selection, Supplier<Instant> clock,
                                Function<String, StepRun> lookup) {
        this.lookup = lookup;
        this.detail = detail;
        this.revision = revision;
        this.selection = selection;
        this.clock = clock;
        // told of a change without asking for the new detail: an open run's is made only when asked for
        detail.addListener(o -> update());
        selection.addListener((o, a, b) -> update());
        revision.addListener((o, a, b) -> updateDefinition());
        update();
    }

    private void update() {
        StepRun found = selection.get() == null ? null : lookup.apply(selection.get());
        StepRun previous = step.get();
        step.set(found);
        if (found == null) {
            attempts.clear();
            inputs.clear();
            outputs.clear();
            timing.set("");
            definition.set("");
            return;
        }
        if (found == previous) {
            // the step run shown already (a live batch changed other steps): only a running step's time moves on
            if (found.startedAt() != null && found.endedAt() == null) {
                timing.set(timing(found));
            }
            return;
        }
        if (!found.attempts().equals(attempts)) {
            attempts.setAll(found.attempts());
        }
        List<Value> in = values(found.inputs());
        if (!in.equals(inputs)) {
            inputs.setAll(in);
        }
        List<Value> out = values(found.outputs());
        if (!out.equals(outputs)) {
            outputs.setAll(out);
        }
        timing.set(timing(found));
        if (previous == null || !Objects.equals(previous.stepName(), found.stepName())) {
            updateDefinition();
        }
    }

    private String timing(StepRun s) {
        if (s.startedAt() == null) {
            return s.reusedFrom() != null ? "outputs reused from run " + s.reusedFrom().runId() : "not started";
        }
        String took = Formats.duration(s.startedAt(), s.endedAt(), clock.get());
        return "started " + Formats.dateTime(s.startedAt())
                + (s.endedAt() != null ? ", took " + took : ", running for " + took);
    }

    private void updateDefinition() {
        StepRun s = step.get();
        FlowRevision r = revision.getValue();
        if (s == null) {
            definition.set("");
        } else if (r == null) {
            definition.set("(loading the flow revision…)");
        } else {
            String snippet = StepSource.snippet(r.source(), s.stepName());
            definition.set(snippet != null ? snippet
                    : "(step '" + s.stepName() + "' is not in " + r.flowId() + " revision " + r.revision() + ")");
        }
    }

    private static List<Value> values(Map<String, JsonNode> map) {
        List<Value> result = new ArrayList<>();
        map.forEach((k, v) -> result.add(new Value(k, v)));
        return result;
    }

    private static StepRun find(RunDetail detail, String stepId) {
        if (detail == null || stepId == null) {
            return null;
        }
        for (StepRun s : detail.steps()) {
            if (s.stepId().equals(stepId)) {
                return s;
            }
        }
        return null;
    }

    /** Selects a step instance in every view of the run. */
    public void select(String stepId) {
        selection.set(stepId);
    }

    public ReadOnlyObjectProperty<StepRun> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timingProperty() {
        return timing.getReadOnlyProperty();
    }

    /** The step as written in the flow revision the run used. */
    public ReadOnlyStringProperty definitionProperty() {
        return definition.getReadOnlyProperty();
    }

    public ObservableList<Attempt> attempts() {
        return attempts;
    }

    public ObservableList<Value> inputs() {
        return inputs;
    }

    public ObservableList<Value> outputs() {
        return outputs;
    }

    /** The flow revision, for the header ("bike_trips revision 1"). */
    public ObservableValue<FlowRevision> revisionProperty() {
        return revision;
    }

    /** Reads the clock again: the timing of a selected step that has not ended moves on. */
    public void tick() {
        StepRun shown = step.get();
        if (shown != null && !shown.state().isTerminal()) {
            timing.set(timing(shown));
        }
    }

    /** The time running steps and attempts are measured to. */
    public Instant now() {
        return clock.get();
    }
}
