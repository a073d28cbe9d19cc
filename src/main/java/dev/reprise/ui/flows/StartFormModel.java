package dev.reprise.ui.flows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.InputSpec;
import dev.reprise.run.ValuePath;
import dev.reprise.ui.form.FieldSpec;
import dev.reprise.ui.form.InputFormModel;
import dev.reprise.workspace.StartRequest;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values of a new run of one flow revision: the shared typed {@link InputFormModel} with a field per
 * flow input (keyed by its {@link ValuePath.Parameter}), prefilled with the defaults and checked against each input's
 * type and constraints, and an optional run name. {@link #request()} is the {@link StartRequest} to send
 * once the form is valid. UI thread only.
 */
public final class StartFormModel {

    private final FlowRevision revision;
    private final InputFormModel form;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");

    /** @throws IllegalArgumentException when the revision cannot be read as a flow */
    public StartFormModel(FlowRevision revision) {
        this(revision, Map.of());
    }

    /**
     * The form prefilled with {@code values} (a snapshot's inputs) where given, the defaults elsewhere.
     *
     * @throws IllegalArgumentException when the revision cannot be read as a flow
     */
    public StartFormModel(FlowRevision revision, Map<String, JsonNode> values) {
        this.revision = revision;
        FlowParser.Parsed parsed = new FlowParser().read(revision.source(), revision.flowId() + ".yaml");
        Flow flow = parsed.flow();
        if (flow == null) {
            throw new IllegalArgumentException("revision " + revision.revision() + " of " + revision.flowId()
                    + " cannot be read: " + parsed.problems());
        }
        List<FieldSpec> specs = new ArrayList<>();
        for (InputSpec spec : flow.inputs().values()) {
            specs.add(FieldSpec.ofInput(new ValuePath.Parameter(spec.name()).toString(), spec, values.get(spec.name())));
        }
        this.form = new InputFormModel(specs);
    }

    /** The start request for the values in the form; call only while the form is valid. */
    public StartRequest request() {
        String runName = name.get() == null || name.get().isBlank() ? null : name.get().trim();
        return new StartRequest(revision.flowId(), revision.revision(), form.values(), runName, Map.of(), Map.of());
    }

    public FlowRevision revision() {
        return revision;
    }

    public InputFormModel form() {
        return form;
    }

    public StringProperty nameProperty() {
        return name;
    }
}
