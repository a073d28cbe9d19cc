package dev.reprise.ui.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.StepRun;
import dev.reprise.ui.common.Formats;
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
import java.util.List;
import java.util.Map;

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
    private final ObservableList<StepValues> steps = FXCollections.observableArrayList();
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

    /** Shows {@code detail}'s values; called whenever the run changes. */
    public void show(RunDetail detail) {
        if (detail == null) {
            parameters.clear();
            steps.clear();
            return;
        }
        List<Entry> params = new ArrayList<>();
        detail.run().parameters().forEach((k, v) -> params.add(new Entry(null, "parameter", k, v)));
        if (!params.equals(parameters)) {
            parameters.setAll(params);
        }
        List<StepValues> values = new ArrayList<>();
        for (StepRun step : detail.steps()) {
            values.add(new StepValues(step.stepId(), entries(step.stepId(), "input", step.inputs()),
                    entries(step.stepId(), "output", step.outputs())));
        }
        if (!values.equals(steps)) {
            steps.setAll(values);
        }
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
