package dev.reprise.ui.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.Run;
import dev.reprise.run.StepRun;
import dev.reprise.ui.common.Formats;
import dev.reprise.ui.common.LiveList;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Inputs &amp; outputs tab: the run's parameters and, per step instance, its resolved inputs and
 * outputs, and a preview of the value the user selects (read off the UI thread). UI thread only.
 */
public final class IoViewModel {

    /** One value: a run parameter ({@code step} null) or a step's input or output. */
    public record Entry(String step, String direction, String name, JsonNode value) {
        public String text() {
            return Formats.value(value);
        }
    }

    /** A step instance with its inputs and outputs. */
    public record StepValues(String stepId, List<Entry> inputs, List<Entry> outputs) {
    }

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;

    private final ObservableList<Entry> parameters = FXCollections.observableArrayList();
    private final LiveList<StepValues> steps = new LiveList<>();
    /** Where each step instance is in {@link #steps}: a live batch finds its rows without a scan. */
    private final Map<String, Integer> positions = new HashMap<>();
    private final ReadOnlyObjectWrapper<Entry> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<Preview> preview = new ReadOnlyObjectWrapper<>(this, "preview",
            new Preview.Message("Select a value to preview it."));
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private long generation;

    public IoViewModel(Workspace workspace, UiExecutor ui, Messages messages) {
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
    }

    /** Shows {@code detail}'s values, all of them: a run just read, or the tab just selected. */
    public void show(RunDetail detail) {
        positions.clear();
        if (detail == null) {
            parameters.clear();
            steps.clear();
            return;
        }
        showParameters(detail.run());
        List<StepValues> values = new ArrayList<>();
        for (StepRun step : detail.steps()) {
            positions.put(step.stepId(), values.size());
            values.add(valuesOf(step));
        }
        if (!values.equals(steps)) {
            steps.setAll(values);
        }
    }

    /**
     * Applies a live batch of the run shown: {@code run} as it is now and the step runs the batch replaced or
     * added, in the order of the run's steps. A changed step's row is replaced in place, a new one added at the
     * end, so that a batch costs what it changed and the run is not copied; a step run whose values are as shown
     * changes nothing.
     */
    public void apply(Run run, List<StepRun> changed) {
        showParameters(run);
        Map<Integer, StepValues> replaced = new TreeMap<>();
        List<StepValues> added = new ArrayList<>();
        for (StepRun step : changed) {
            StepValues values = valuesOf(step);
            Integer index = positions.get(step.stepId());
            if (index == null) {
                positions.put(step.stepId(), steps.size() + added.size());
                added.add(values);
            } else if (index >= steps.size()) {
                added.set(index - steps.size(), values);
            } else if (!values.equals(steps.get(index))) {
                replaced.put(index, values);
            }
        }
        steps.apply(replaced, added);
    }

    private void showParameters(Run run) {
        List<Entry> params = new ArrayList<>();
        run.parameters().forEach((k, v) -> params.add(new Entry(null, "parameter", k, v)));
        if (!params.equals(parameters)) {
            parameters.setAll(params);
        }
    }

    private static StepValues valuesOf(StepRun step) {
        return new StepValues(step.stepId(), entries(step.stepId(), "input", step.inputs()),
                entries(step.stepId(), "output", step.outputs()));
    }

    private static List<Entry> entries(String stepId, String direction, Map<String, JsonNode> values) {
        List<Entry> result = new ArrayList<>();
        values.forEach((k, v) -> result.add(new Entry(stepId, direction, k, v)));
        return result;
    }

    /** Previews {@code entry}: values at once, files read in the background. */
    public void select(Entry entry) {
        selected.set(entry);
        long mine = ++generation;
        if (entry == null) {
            preview.set(new Preview.Message("Select a value to preview it."));
            return;
        }
        loading.set(true);
        ui.submit(() -> Previews.of(workspace, entry.value()), result -> {
            if (mine == generation) {
                loading.set(false);
                preview.set(result);
            }
        }, failure -> {
            if (mine == generation) {
                loading.set(false);
                preview.set(new Preview.Message("No preview: " + Messages.describe(failure)));
                messages.error("Previewing " + entry.name(), failure);
            }
        });
    }

    public ObservableList<Entry> parameters() {
        return parameters;
    }

    public ObservableList<StepValues> steps() {
        return steps;
    }

    public ReadOnlyObjectProperty<Entry> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Preview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
