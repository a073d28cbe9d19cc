package dev.reprise.ui.flows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.InputSpec;
import dev.reprise.flow.StepDef;
import dev.reprise.flow.StepTypeCatalog;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.flow.Templates;
import dev.reprise.run.RequestValues;
import dev.reprise.run.StepAddress;
import dev.reprise.run.ValuePath;
import dev.reprise.ui.form.FieldModel;
import dev.reprise.ui.form.FieldSpec;
import dev.reprise.ui.form.InputFormModel;
import dev.reprise.ui.form.KeyValueText;
import dev.reprise.workspace.FlowValues;
import dev.reprise.workspace.RunConfig;
import dev.reprise.workspace.StartRequest;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The form of a new run of one flow revision, as the replay form has it: the flow inputs as the shared typed
 * {@link InputFormModel} (keyed by {@link ValuePath.Parameter}), the inputs of any step or fan-out instance
 * ({@code count[2]}) as one such form each, and the run's name, labels and env. It starts from a {@link RunConfig}
 * (nothing, or a snapshot's), whose values it shows; {@link #config()} is what the form gives now, as a run
 * configuration, and {@link #apply} shows another one. {@link #request()} is the {@link StartRequest} of it. UI thread
 * only.
 */
public final class StartFormModel {

    private final FlowRevision revision;
    private final Flow flow;
    private final StepTypeCatalog types;
    private final RunConfig base;
    private final String baseName;
    private final InputFormModel form;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty labels = new SimpleStringProperty(this, "labels", "");
    private final StringProperty env = new SimpleStringProperty(this, "env", "");
    private final ReadOnlyStringWrapper labelsError = new ReadOnlyStringWrapper(this, "labelsError");
    private final ReadOnlyStringWrapper envError = new ReadOnlyStringWrapper(this, "envError");
    private final ObservableList<String> stepChoices = FXCollections.observableArrayList();
    private final ObjectProperty<String> editedStep = new SimpleObjectProperty<>(this, "editedStep");
    private final ReadOnlyObjectWrapper<InputFormModel> stepForm = new ReadOnlyObjectWrapper<>(this, "stepForm");
    private final ReadOnlyStringWrapper stepError = new ReadOnlyStringWrapper(this, "stepError");
    private final Map<String, InputFormModel> stepForms = new LinkedHashMap<>();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final ReadOnlyLongWrapper changes = new ReadOnlyLongWrapper(this, "changes");
    /** A snapshot's description, kept from an applied configuration: runs ignore it, a saved file keeps it. */
    private String description;

    /** @throws IllegalArgumentException when the revision cannot be read as a flow */
    public StartFormModel(FlowRevision revision) {
        this(revision, RunConfig.empty(), null, List.of());
    }

    /**
     * The form prefilled with {@code base}'s values (a snapshot's; the flow's defaults where it gives none), its step
     * inputs typed by {@code stepTypes}.
     *
     * @param baseName what {@code base} is, for the notes of the step inputs it gives ("snapshot april"); null for
     *                 a base that gives none
     * @throws IllegalArgumentException when the revision cannot be read as a flow
     */
    public StartFormModel(FlowRevision revision, RunConfig base, String baseName, Collection<StepTypeInfo> stepTypes) {
        this.revision = revision;
        this.base = base;
        this.baseName = baseName;
        this.types = StepTypeCatalog.of(stepTypes);
        FlowParser.Parsed parsed = new FlowParser().read(revision.source(), revision.flowId() + ".yaml");
        this.flow = parsed.flow();
        if (flow == null) {
            throw new IllegalArgumentException("revision " + revision.revision() + " of " + revision.flowId()
                    + " cannot be read: " + parsed.problems());
        }
        List<FieldSpec> specs = new ArrayList<>();
        for (InputSpec spec : flow.inputs().values()) {
            specs.add(FieldSpec.ofInput(new ValuePath.Parameter(spec.name()).toString(), spec,
                    base.inputs().get(spec.name())));
        }
        this.form = new InputFormModel(specs);
        stepChoices.setAll(flow.steps().keySet());
        base.steps().keySet().stream().filter(a -> !stepChoices.contains(a)).forEach(stepChoices::add);
        name.set(base.name() == null ? "" : base.name());
        labels.set(KeyValueText.format(base.labels()));
        env.set(KeyValueText.format(base.env()));
        description = base.description();

        form.changesProperty().addListener((o, a, b) -> changed());
        name.addListener((o, a, b) -> changed());
        labels.addListener((o, a, b) -> changed());
        env.addListener((o, a, b) -> changed());
        editedStep.addListener((o, a, address) -> showStep(address));
        changed();
    }

    // ---- step inputs

    private void showStep(String address) {
        String text = address == null ? "" : address.trim();
        if (text.isEmpty()) {
            stepError.set(null);
            stepForm.set(null);
            return;
        }
        List<String> unknown = FlowValues.problems(flow, types, new RequestValues(Map.of(), Map.of(text, Map.of()),
                null)).stream().map(e -> e.message()).toList();
        if (!unknown.isEmpty()) {
            stepError.set(unknown.get(0));
            stepForm.set(null);
            return;
        }
        stepError.set(null);
        stepForm.set(stepForm(text, Set.of()));
    }

    /** The form of step or instance {@code address}, made on first use, with a field for each of {@code extra} too. */
    private InputFormModel stepForm(String address, Set<String> extra) {
        InputFormModel existing = stepForms.get(address);
        if (existing != null) {
            Set<String> missing = new LinkedHashSet<>(extra);
            existing.fields().forEach(f -> missing.remove(f.spec().name()));
            if (!missing.isEmpty()) {
                Set<String> names = new LinkedHashSet<>();
                existing.fields().forEach(f -> names.add(f.spec().name()));
                names.addAll(missing);
                existing.setFields(stepFields(address, names));
            }
            return existing;
        }
        if (!stepChoices.contains(address)) {
            stepChoices.add(address);
        }
        InputFormModel made = new InputFormModel(stepFields(address, extra));
        made.changesProperty().addListener((o, a, b) -> changed());
        stepForms.put(address, made);
        return made;
    }

    /**
     * A field per input the step's definition gives or its type declares, and per name of {@code extra}: starting
     * from the value the base gives, else the definition's own value; an input the flow computes (a template)
     * starts empty with the template beside it, and an untouched one sends nothing.
     */
    private List<FieldSpec> stepFields(String address, Set<String> extra) {
        StepDef def = flow.steps().get(StepAddress.parse(address).step());
        StepTypeInfo info = types.find(def.type()).orElse(null);
        Map<String, JsonNode> given = baseInputs(address);
        Set<String> names = new LinkedHashSet<>(def.inputs().keySet());
        if (info != null) {
            info.inputs().keySet().stream().sorted().forEach(names::add);
        }
        names.addAll(given.keySet());
        names.addAll(extra);
        List<FieldSpec> specs = new ArrayList<>();
        for (String input : names) {
            String key = ValuePath.StepInput.of(address, input).toString();
            JsonNode defined = def.inputs().get(input);
            boolean computed = defined != null && defined.isTextual() && Templates.isTemplate(defined.asText());
            JsonNode start = given.containsKey(input) ? given.get(input) : computed ? null : defined;
            String note = given.containsKey(input) ? (baseName == null ? "given" : baseName + " gives this")
                    : computed ? "the flow computes it: " + defined.asText() : null;
            var type = info == null ? null : info.inputs().get(input);
            FieldSpec spec = type == null ? FieldSpec.untyped(key, input, start)
                    : FieldSpec.typed(key, input, type, start, false, null);
            specs.add(note == null ? spec : spec.withNote(note));
        }
        return specs;
    }

    private Map<String, JsonNode> baseInputs(String address) {
        RunConfig.StepConfig step = base.steps().get(address);
        return step == null ? Map.of() : step.inputs();
    }

    // ---- the configuration

    /**
     * What the form gives now: the revision, every flow input that has a value, the step inputs edited here or given
     * by the base, the name, labels and env (the base's while the text of either is not valid).
     */
    public RunConfig config() {
        Map<String, RunConfig.StepConfig> steps = new LinkedHashMap<>();
        Set<String> addresses = new LinkedHashSet<>(base.steps().keySet());
        addresses.addAll(stepForms.keySet());
        for (String address : addresses) {
            InputFormModel step = stepForms.get(address);
            if (step == null) {
                steps.put(address, base.steps().get(address));
                continue;
            }
            Map<String, JsonNode> given = baseInputs(address);
            Map<String, JsonNode> inputs = new LinkedHashMap<>();
            for (FieldModel field : step.fields()) {
                JsonNode value = field.valueProperty().get();
                if (value != null && (field.isEdited() || given.containsKey(field.spec().name()))) {
                    inputs.put(field.spec().name(), value);
                }
            }
            if (!inputs.isEmpty()) {
                steps.put(address, new RunConfig.StepConfig(inputs));
            }
        }
        String runName = name.get() == null || name.get().isBlank() ? null : name.get().trim();
        return new RunConfig(revision.flowId(), revision.revision(), runName, description, form.values(), steps,
                pairs(labels.get(), base.labels()), pairs(env.get(), base.env()));
    }

    private static Map<String, String> pairs(String text, Map<String, String> otherwise) {
        return KeyValueText.problem(text) == null ? KeyValueText.parse(text) : otherwise;
    }

    /**
     * Shows {@code config} (its values checked for this flow already): each flow input and step input it gives, the
     * starting value of each it does not, its name, labels and env.
     */
    public void apply(RunConfig config) {
        for (FieldModel field : form.fields()) {
            JsonNode value = config.inputs().get(field.spec().name());
            if (value != null) {
                field.setValue(value);
            } else {
                field.reset();
            }
        }
        config.steps().forEach((address, step) -> stepForm(address, step.inputs().keySet()));
        stepForms.forEach((address, step) -> {
            RunConfig.StepConfig given = config.steps().get(address);
            for (FieldModel field : step.fields()) {
                JsonNode value = given == null ? null : given.inputs().get(field.spec().name());
                if (value != null) {
                    field.setValue(value);
                } else {
                    field.reset();
                }
            }
        });
        if (editedStep.get() == null && !config.steps().isEmpty()) {
            editedStep.set(config.steps().keySet().iterator().next());
        }
        name.set(config.name() == null ? "" : config.name());
        labels.set(KeyValueText.format(config.labels()));
        env.set(KeyValueText.format(config.env()));
        description = config.description();
        changed();
    }

    /** The start request of the values in the form; call only while the form is valid. */
    public StartRequest request() {
        return config().toStart();
    }

    private void changed() {
        labelsError.set(KeyValueText.problem(labels.get()));
        envError.set(KeyValueText.problem(env.get()));
        valid.set(form.isValid() && stepForms.values().stream().allMatch(InputFormModel::isValid)
                && labelsError.get() == null && envError.get() == null);
        changes.set(changes.get() + 1);
    }

    // ---- properties

    public FlowRevision revision() {
        return revision;
    }

    /** The flow of the revision. */
    public Flow flow() {
        return flow;
    }

    public StepTypeCatalog stepTypes() {
        return types;
    }

    /** The flow inputs. */
    public InputFormModel form() {
        return form;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** The run's labels as {@code key=value, …}. */
    public StringProperty labelsProperty() {
        return labels;
    }

    /** The run's environment variables as {@code NAME=value, …}. */
    public StringProperty envProperty() {
        return env;
    }

    public ReadOnlyStringProperty labelsErrorProperty() {
        return labelsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty envErrorProperty() {
        return envError.getReadOnlyProperty();
    }

    /** The flow's steps, then each instance whose inputs were given. */
    public ObservableList<String> stepChoices() {
        return stepChoices;
    }

    /** The step or instance ({@code count[2]}) whose inputs {@link #stepFormProperty()} shows; edits of others stay. */
    public ObjectProperty<String> editedStepProperty() {
        return editedStep;
    }

    public ReadOnlyObjectProperty<InputFormModel> stepFormProperty() {
        return stepForm.getReadOnlyProperty();
    }

    /** Why the edited step is none of the flow's; null when it is one. */
    public ReadOnlyStringProperty stepErrorProperty() {
        return stepError.getReadOnlyProperty();
    }

    /** The form of step or instance {@code address}, made when first asked for; for tests and the view. */
    public InputFormModel stepInputs(String address) {
        editedStep.set(address);
        return stepForm.get();
    }

    /** True while every field, the labels and the env are valid. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** Counts every change of the form: listen to it to follow the form. */
    public ReadOnlyLongProperty changesProperty() {
        return changes.getReadOnlyProperty();
    }
}
