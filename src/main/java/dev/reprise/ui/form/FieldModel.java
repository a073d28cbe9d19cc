package dev.reprise.ui.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.Json;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Objects;

/**
 * One field of an {@link InputFormModel}: the text its control edits, the value that text stands for (null
 * while it is invalid or empty), whether it differs from the original, and the reason it is invalid — found by
 * the form itself, or reported from elsewhere ({@link #setExternalError}, cleared by the next edit). UI thread
 * only.
 */
public final class FieldModel {

    private final FieldSpec spec;
    private final String originalText;
    private final StringProperty text;
    private final ReadOnlyObjectWrapper<JsonNode> value = new ReadOnlyObjectWrapper<>(this, "value");
    private final ReadOnlyBooleanWrapper edited = new ReadOnlyBooleanWrapper(this, "edited");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private String localError;
    private String externalError;

    public FieldModel(FieldSpec spec) {
        this.spec = spec;
        this.originalText = FieldValues.text(spec, spec.original());
        this.text = new SimpleStringProperty(this, "text", originalText);
        text.addListener((o, a, b) -> {
            externalError = null;
            update();
        });
        update();
    }

    private void update() {
        FieldValues.Parsed parsed = FieldValues.parse(spec, text.get());
        localError = parsed.error();
        boolean untouched = Objects.equals(text.get(), originalText);
        if (untouched && parsed.error() == null && spec.original() != null) {
            // the text shown for the original value stands for that value exactly: a form opened and left alone
            // sends nothing, whatever the text reads back as
            value.set(spec.original());
            edited.set(false);
        } else {
            value.set(parsed.value());
            edited.set(parsed.error() == null && spec.original() != null
                    ? !Json.same(parsed.value(), spec.original())
                    : !untouched);
        }
        error.set(localError != null ? localError : externalError);
    }

    public FieldSpec spec() {
        return spec;
    }

    public String key() {
        return spec.key();
    }

    /** The text the field's control shows and edits. */
    public StringProperty textProperty() {
        return text;
    }

    public String originalText() {
        return originalText;
    }

    /** The value of the text; null while it is invalid, or empty in an optional field. */
    public ReadOnlyObjectProperty<JsonNode> valueProperty() {
        return value.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty editedProperty() {
        return edited.getReadOnlyProperty();
    }

    public boolean isEdited() {
        return edited.get();
    }

    /** Why the field is not valid, in words; null when it is. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String error() {
        return error.get();
    }

    /** Whether the field's own check fails (an error reported from elsewhere does not count). */
    public boolean hasLocalError() {
        return localError != null;
    }

    /** An error found elsewhere (a planner, a server) about this field's value; null clears it. */
    public void setExternalError(String message) {
        externalError = message;
        error.set(localError != null ? localError : externalError);
    }

    /** Back to the original value. */
    public void reset() {
        text.set(originalText);
    }

    /** Shows {@code newValue} (null: empty) as the control would show it, as if it had been typed. */
    public void setValue(JsonNode newValue) {
        text.set(FieldValues.text(spec, newValue));
    }
}
