package dev.reprise.ui.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.InputType;
import dev.reprise.run.StepRun;
import dev.reprise.run.ValuePath;
import dev.reprise.ui.form.FieldSpec;
import dev.reprise.ui.form.InputFormModel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay form's "use given outputs instead of running a step" section: the source run's step runs (a
 * fan-out per instance, as the planner injects them) whose outputs can be given, a JSON field per output
 * prefilled with what the step produced, and the edited ones as a request's {@code outputOverrides}. A form
 * per step is kept once opened, so switching steps loses no edit. FX thread only; no toolkit needed.
 */
public final class InjectedOutputsModel {

    private final Runnable onChange;
    private final ObservableList<String> stepChoices = FXCollections.observableArrayList();
    private final ObjectProperty<String> step = new SimpleObjectProperty<>(this, "step");
    private final ReadOnlyObjectWrapper<InputFormModel> form = new ReadOnlyObjectWrapper<>(this, "form");
    private final Map<String, StepRun> sources = new LinkedHashMap<>();
    private final Map<String, InputFormModel> forms = new LinkedHashMap<>();
    private final Map<String, String> stepErrors = new HashMap<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    /** @param onChange called after any edit, so the owner recomputes its request */
    public InjectedOutputsModel(Runnable onChange) {
        this.onChange = onChange;
        step.addListener((o, a, address) -> show(address));
    }

    /** The step runs of the source run; those that produced outputs become the choices. */
    public void setSource(List<StepRun> steps) {
        sources.clear();
        forms.clear();
        // a fan-out's outputs are its instances'; the planner injects per instance
        steps.stream().filter(s -> !s.outputs().isEmpty()).forEach(s -> sources.put(s.stepId(), s));
        stepChoices.setAll(sources.keySet());
        step.set(null);
        form.set(null);
    }

    private void show(String address) {
        error.set(address == null ? null : stepErrors.get(address));
        StepRun source = address == null ? null : sources.get(address);
        if (source == null) {
            form.set(null);
            return;
        }
        form.set(forms.computeIfAbsent(address, a -> {
            InputFormModel outputs = new InputFormModel(source.outputs().entrySet().stream()
                    .map(e -> FieldSpec.typed(ValuePath.InjectedOutput.of(a, e.getKey()).toString(), e.getKey(), InputType.JSON,
                            e.getValue(), false, null))
                    .toList());
            outputs.changesProperty().addListener((o, x, y) -> onChange.run());
            return outputs;
        }));
        onChange.run();
    }

    /**
     * Step instance → output → value of the edited outputs only: the engine gives an injected step the source
     * step's outputs with these put over them.
     */
    public Map<String, Map<String, JsonNode>> overrides() {
        Map<String, Map<String, JsonNode>> result = new LinkedHashMap<>();
        forms.forEach((address, outputs) -> {
            if (!outputs.editedValues().isEmpty()) {
                result.put(address, outputs.editedValues());
            }
        });
        return result;
    }

    public boolean isValid() {
        return forms.values().stream().allMatch(InputFormModel::isValid);
    }

    /** Every opened step's outputs, for errors placed by field key. */
    Collection<InputFormModel> forms() {
        return forms.values();
    }

    /** Errors about the given outputs of a step as a whole, by step instance; shown with that step's form. */
    void setStepErrors(Map<String, String> errors) {
        stepErrors.clear();
        stepErrors.putAll(errors);
        error.set(stepErrors.get(step.get()));
    }

    /** What the planner says about the shown step's given outputs as a whole; null when nothing. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public void resetAll() {
        forms.values().forEach(InputFormModel::resetAll);
    }

    /** The step instances whose outputs can be given: those of the source run that produced outputs. */
    public ObservableList<String> stepChoices() {
        return stepChoices;
    }

    /** The step instance whose outputs {@link #formProperty()} shows; null for none. */
    public ObjectProperty<String> stepProperty() {
        return step;
    }

    public ReadOnlyObjectProperty<InputFormModel> formProperty() {
        return form.getReadOnlyProperty();
    }
}
