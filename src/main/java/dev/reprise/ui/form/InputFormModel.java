package dev.reprise.ui.form;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A form of typed inputs, without the toolkit: one {@link FieldModel} per {@link FieldSpec}, whether every
 * field is valid, how many are edited, reset of one or all, and the values — all of them, or only the edited
 * ones (what a replay sends as overrides). Errors found elsewhere are put on the fields they name with
 * {@link #setExternalErrors}. {@link InputForm} draws it. UI thread only.
 */
public final class InputFormModel {

    private final ObservableList<FieldModel> fields = FXCollections.observableArrayList();
    private final ObservableList<FieldModel> readOnlyFields = FXCollections.unmodifiableObservableList(fields);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final ReadOnlyIntegerWrapper editedCount = new ReadOnlyIntegerWrapper(this, "editedCount");
    private final ReadOnlyLongWrapper changes = new ReadOnlyLongWrapper(this, "changes");

    public InputFormModel() {
    }

    public InputFormModel(List<FieldSpec> specs) {
        setFields(specs);
    }

    /**
     * Shows {@code specs}. A field whose key was shown before and had been edited keeps its edited text, so
     * that switching, say, a flow revision loses nothing typed.
     */
    public void setFields(List<FieldSpec> specs) {
        Map<String, String> editedBefore = new LinkedHashMap<>();
        fields.forEach(f -> {
            if (f.isEdited()) {
                editedBefore.put(f.key(), f.textProperty().get());
            }
        });
        List<FieldModel> next = new ArrayList<>();
        for (FieldSpec spec : specs) {
            FieldModel field = new FieldModel(spec);
            String kept = editedBefore.get(spec.key());
            if (kept != null) {
                field.textProperty().set(kept);
            }
            // a change listener, so that it runs after the field's own (invalidation listeners run first)
            field.textProperty().addListener((o, a, b) -> changed());
            field.errorProperty().addListener(o -> recount());
            field.editedProperty().addListener(o -> recount());
            next.add(field);
        }
        fields.setAll(next);
        recount();
        changes.set(changes.get() + 1);
    }

    private void changed() {
        recount();
        changes.set(changes.get() + 1);
    }

    private void recount() {
        valid.set(fields.stream().allMatch(f -> f.error() == null));
        editedCount.set((int) fields.stream().filter(FieldModel::isEdited).count());
    }

    public ObservableList<FieldModel> fields() {
        return readOnlyFields;
    }

    public Optional<FieldModel> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** True while no field has an error, its own or one reported from elsewhere. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public boolean isValid() {
        return valid.get();
    }

    /** True while no field fails its own check (errors reported from elsewhere aside). */
    public boolean isLocallyValid() {
        return fields.stream().noneMatch(FieldModel::hasLocalError);
    }

    public ReadOnlyIntegerProperty editedCountProperty() {
        return editedCount.getReadOnlyProperty();
    }

    /** Counts every edit of any field, and every new set of fields: listen to it to follow the form. */
    public ReadOnlyLongProperty changesProperty() {
        return changes.getReadOnlyProperty();
    }

    public void resetAll() {
        fields.forEach(FieldModel::reset);
    }

    /** Input name → value of every edited, valid field. */
    public Map<String, JsonNode> editedValues() {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        fields.stream().filter(f -> f.isEdited() && f.valueProperty().get() != null)
                .forEach(f -> result.put(f.spec().name(), f.valueProperty().get()));
        return Collections.unmodifiableMap(result);
    }

    /** Input name → value of every field that has one (original or edited). */
    public Map<String, JsonNode> values() {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        fields.stream().filter(f -> f.valueProperty().get() != null && (f.spec().original() != null || f.isEdited()))
                .forEach(f -> result.put(f.spec().name(), f.valueProperty().get()));
        return Collections.unmodifiableMap(result);
    }

    /**
     * Puts {@code errors} (field key → message) on the fields they name and clears the others' external
     * errors; returns the errors that name no field of this form.
     */
    public Map<String, String> setExternalErrors(Map<String, String> errors) {
        Map<String, String> unplaced = new LinkedHashMap<>(errors);
        for (FieldModel field : fields) {
            field.setExternalError(unplaced.remove(field.key()));
        }
        recount();
        return unplaced;
    }
}
