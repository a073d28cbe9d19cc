package dev.reprise.ui.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.InputSpec;
import dev.reprise.workspace.StartRequest;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of a new run of one flow revision: one text field per flow input, prefilled with its
 * default and checked as it changes with {@link InputSpec#check} (type and constraints), and an optional
 * run name. {@link #request()} is the {@link StartRequest} to send once every field is valid. A stand-in
 * until the shared typed input form is available. UI thread only.
 */
public final class StartFormModel {

    /** One flow input: its spec, the text typed, and why that text is refused (null when it is fine). */
    public static final class Field {
        private final InputSpec spec;
        private final StringProperty text = new SimpleStringProperty(this, "text", "");
        private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

        Field(InputSpec spec) {
            this.spec = spec;
            JsonNode initial = spec.defaultValue();
            text.set(initial == null || initial.isNull() ? "" : initial.isValueNode() ? initial.asText() : initial.toString());
            text.addListener((o, a, b) -> check());
            check();
        }

        private void check() {
            error.set(null);
            value();
        }

        /** The checked value, null when the field is empty and optional (the default applies) or invalid. */
        JsonNode value() {
            String typed = text.get() == null ? "" : text.get();
            if (typed.isBlank() && !spec.required()) {
                return null;
            }
            try {
                return spec.check(TextNode.valueOf(typed));
            } catch (IllegalArgumentException e) {
                error.set(e.getMessage().replaceFirst("^input '[^']*': ", ""));
                return null;
            }
        }

        public InputSpec spec() {
            return spec;
        }

        public StringProperty textProperty() {
            return text;
        }

        public ReadOnlyStringProperty errorProperty() {
            return error.getReadOnlyProperty();
        }
    }

    private final FlowRevision revision;
    private final List<Field> fields = new ArrayList<>();
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");

    /** @throws IllegalArgumentException when the revision cannot be read as a flow */
    public StartFormModel(FlowRevision revision) {
        this.revision = revision;
        FlowParser.Parsed parsed = new FlowParser().read(revision.source(), revision.flowId() + ".yaml");
        Flow flow = parsed.flow();
        if (flow == null) {
            throw new IllegalArgumentException("revision " + revision.revision() + " of " + revision.flowId()
                    + " cannot be read: " + parsed.problems());
        }
        for (InputSpec spec : flow.inputs().values()) {
            Field field = new Field(spec);
            field.errorProperty().addListener((o, a, b) -> updateValid());
            fields.add(field);
        }
        updateValid();
    }

    private void updateValid() {
        valid.set(fields.stream().allMatch(f -> f.errorProperty().get() == null));
    }

    /** The start request for the values typed; call only while {@link #validProperty()} is true. */
    public StartRequest request() {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        for (Field field : fields) {
            JsonNode value = field.value();
            if (value != null) {
                parameters.put(field.spec().name(), value);
            }
        }
        String runName = name.get() == null || name.get().isBlank() ? null : name.get().trim();
        return new StartRequest(revision.flowId(), revision.revision(), parameters, runName, Map.of(), Map.of());
    }

    public FlowRevision revision() {
        return revision;
    }

    public List<Field> fields() {
        return List.copyOf(fields);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
