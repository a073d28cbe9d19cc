package dev.reprise.ui.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.InputSpec;
import dev.reprise.flow.InputType;

import java.util.ArrayList;
import java.util.List;

/**
 * What one field of an {@link InputFormModel} edits: a {@code key} that names it (errors from elsewhere, such
 * as a replay planner's {@code parameters.month}, find the field by it), the input's {@code name} and
 * {@code label}, its {@link InputType} (null for an untyped input, such as a shell step's, that takes text or
 * JSON), the flow input's {@link InputSpec} when there is one (its bounds, pattern and choices are checked),
 * the {@code original} value the form starts from (null when there is none), and a {@code note} shown beside
 * it (null for none). Immutable.
 */
public record FieldSpec(String key, String name, String label, InputType type, InputSpec constraints,
                        String description, JsonNode original, boolean required, String note) {

    /** Without a note. */
    public FieldSpec(String key, String name, String label, InputType type, InputSpec constraints,
                     String description, JsonNode original, boolean required) {
        this(key, name, label, type, constraints, description, original, required, null);
    }

    /**
     * The same field with a {@code note} shown beside it whatever is typed, such as where its starting value
     * comes from when that is not the obvious place.
     */
    public FieldSpec withNote(String newNote) {
        return new FieldSpec(key, name, label, type, constraints, description, original, required, newNote);
    }

    /** A flow input, starting from {@code original}, or from its default when {@code original} is null. */
    public static FieldSpec ofInput(String key, InputSpec spec, JsonNode original) {
        JsonNode start = original != null ? original : spec.defaultValue();
        return new FieldSpec(key, spec.name(), spec.name(), spec.type(), spec, spec.description(),
                start == null || start.isNull() ? null : start, spec.required());
    }

    /** An input with a type but no constraints, such as a built-in step type's. */
    public static FieldSpec typed(String key, String name, InputType type, JsonNode original, boolean required,
                                  String description) {
        return new FieldSpec(key, name, name, type, null, description, original, required);
    }

    /** An input that takes any text or JSON value. */
    public static FieldSpec untyped(String key, String name, JsonNode original) {
        return new FieldSpec(key, name, name, null, null, null, original, false);
    }

    /** What the field accepts, in a few words: "integer, 1 to 100000", "one of a, b", "text or JSON". */
    public String hint() {
        if (type == null) {
            return "text or JSON";
        }
        List<String> parts = new ArrayList<>();
        parts.add(switch (type) {
            case STRING -> "text";
            case INTEGER -> "integer";
            case NUMBER -> "number";
            case BOOLEAN -> "true or false";
            case ENUM -> "one of " + String.join(", ", constraints == null ? List.of() : constraints.values());
            case DATE -> "date, e.g. 2024-03-31";
            case DATETIME -> "date and time with offset, e.g. 12:00:00Z";
            case DURATION -> "duration, e.g. 30s, 5m, 1h30m, PT5M";
            case JSON -> "JSON";
            case FILE -> "file";
        });
        if (constraints != null) {
            if (constraints.min() != null && constraints.max() != null) {
                parts.add(constraints.min().toPlainString() + " to " + constraints.max().toPlainString());
            } else if (constraints.min() != null) {
                parts.add("at least " + constraints.min().toPlainString());
            } else if (constraints.max() != null) {
                parts.add("at most " + constraints.max().toPlainString());
            }
            if (constraints.pattern() != null) {
                parts.add("matching " + constraints.pattern());
            }
        }
        if (required) {
            parts.add("required");
        }
        return String.join(", ", parts);
    }
}
