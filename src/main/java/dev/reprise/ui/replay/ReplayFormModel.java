package dev.reprise.ui.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.InputSpec;
import dev.reprise.flow.StepDef;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.flow.Templates;
import dev.reprise.run.Json;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.RevisionChoice;
import dev.reprise.run.Run;
import dev.reprise.run.StepRun;
import dev.reprise.run.ValuePath;
import dev.reprise.ui.common.DiffItem;
import dev.reprise.ui.common.Formats;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.Scheduler;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.ui.form.FieldSpec;
import dev.reprise.ui.form.InputFormModel;
import dev.reprise.ui.form.KeyValueText;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.LineDiff;
import dev.reprise.workspace.RevisionDiff;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The replay form of one source run: scope, revision (with the diff from the source revision), run name,
 * labels and env, the flow's parameters and any step's inputs as typed forms prefilled with what the source run
 * used, and the live {@link PlanPreviewModel} of the request they make. Planner errors are put on the fields
 * they name; {@link #replay} starts the replay, and when the workspace refuses it, says why and keeps every
 * value typed. Loads what it needs with {@link #load()}. UI thread only.
 */
public final class ReplayFormModel {

    /** A choice of revision, with words for the list. */
    public record RevisionOption(RevisionChoice choice, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** What the form is generated from, read once away from the UI thread. */
    private record Context(RunDetail detail, FlowRevision source, Flow sourceFlow, List<FlowRevision> revisions,
                           Map<String, StepTypeInfo> types) {
    }

    /** The chosen revision's flow, and its diff from the source run's revision (null when they are the same). */
    private record Target(int revision, Flow flow, RevisionDiff diff, List<DiffItem<LineDiff.UnifiedLine>> lines) {
    }

    private final Workspace workspace;
    private final UiExecutor ui;
    private final String runId;
    private final String initialStep;
    private final PlanPreviewModel preview;

    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError");
    private final ObjectProperty<ReplayScope.Kind> scopeKind = new SimpleObjectProperty<>(this, "scopeKind");
    private final StringProperty scopeSteps = new SimpleStringProperty(this, "scopeSteps", "");
    private final ReadOnlyStringWrapper scopeError = new ReadOnlyStringWrapper(this, "scopeError");
    private final ObservableList<RevisionOption> revisionChoices = FXCollections.observableArrayList();
    private final ObjectProperty<RevisionOption> revision = new SimpleObjectProperty<>(this, "revision");
    private final ReadOnlyStringWrapper revisionError = new ReadOnlyStringWrapper(this, "revisionError");
    private final ReadOnlyObjectWrapper<Flow> targetFlow = new ReadOnlyObjectWrapper<>(this, "targetFlow");
    private int shownRevision; // the revision of targetFlow
    private final ObservableList<DiffItem<LineDiff.UnifiedLine>> diff = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper diffSummary = new ReadOnlyStringWrapper(this, "diffSummary", "");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty labels = new SimpleStringProperty(this, "labels", "");
    private final StringProperty env = new SimpleStringProperty(this, "env", "");
    private final ReadOnlyStringWrapper labelsError = new ReadOnlyStringWrapper(this, "labelsError");
    private final ReadOnlyStringWrapper envError = new ReadOnlyStringWrapper(this, "envError");
    private final InputFormModel parameters = new InputFormModel();
    private final InjectedOutputsModel outputs = new InjectedOutputsModel(this::changed);
    private final ObservableList<String> stepChoices = FXCollections.observableArrayList();
    private final ObjectProperty<String> editedStep = new SimpleObjectProperty<>(this, "editedStep");
    private final ReadOnlyObjectWrapper<InputFormModel> stepForm = new ReadOnlyObjectWrapper<>(this, "stepForm");
    private final Map<String, InputFormModel> stepForms = new LinkedHashMap<>();
    private final Map<String, String> stepErrors = new HashMap<>();
    private final ReadOnlyStringWrapper stepError = new ReadOnlyStringWrapper(this, "stepError");
    private final ObservableList<String> generalErrors = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper replayError = new ReadOnlyStringWrapper(this, "replayError");
    private final ReadOnlyBooleanWrapper replaying = new ReadOnlyBooleanWrapper(this, "replaying");
    private final ReadOnlyBooleanWrapper canReplay = new ReadOnlyBooleanWrapper(this, "canReplay");
    private final ReadOnlyBooleanWrapper modifies = new ReadOnlyBooleanWrapper(this, "modifies");

    private Context context;
    private RevisionChoice initialRevision = new RevisionChoice.Original();
    private final Map<Integer, Flow> flows = new HashMap<>();
    private long targetGeneration;

    /** Starts a replay of a run somewhere: in the run's own workspace, or imported into this machine's. */
    @FunctionalInterface
    public interface Replayer {
        Run replay(String runId, ReplayRequest request);
    }

    /** Where the form's replay runs: the place named to the user, and how the replay is started there. */
    public record Destination(String label, Replayer replayer) {
    }

    private Destination destination;
    private final ReadOnlyStringWrapper destinationLabel = new ReadOnlyStringWrapper(this, "destination");

    /**
     * @param stepId the step instance the replay was asked from ({@code parse}, {@code count[2]}); its inputs
     *               are shown first. Null for a replay of the run as a whole.
     * @param kind   the scope to start with
     */
    public ReplayFormModel(Workspace workspace, UiExecutor ui, Scheduler scheduler, String runId, String stepId,
                           ReplayScope.Kind kind) {
        this(workspace, ui, scheduler, PlanPreviewModel.DEBOUNCE, runId, stepId, kind);
    }

    public ReplayFormModel(Workspace workspace, UiExecutor ui, Scheduler scheduler, Duration debounce, String runId,
                           String stepId, ReplayScope.Kind kind) {
        this.workspace = workspace;
        this.ui = ui;
        this.runId = runId;
        this.initialStep = stepId;
        this.preview = new PlanPreviewModel(workspace, ui, scheduler, debounce);
        replayIn(new Destination(workspace.location(), workspace::replay));
        scopeKind.set(kind);
        scopeSteps.set(stepId != null && (kind == ReplayScope.Kind.FROM || kind == ReplayScope.Kind.ONLY) ? stepId : "");
        scopeKind.addListener((o, a, b) -> {
            if ((b == ReplayScope.Kind.FROM || b == ReplayScope.Kind.ONLY) && scopeSteps.get().isBlank()
                    && editedStep.get() != null) {
                scopeSteps.set(editedStep.get());
            }
            changed();
        });
        scopeSteps.addListener((o, a, b) -> changed());
        revision.addListener((o, a, b) -> revisionChanged());
        name.addListener((o, a, b) -> changed());
        labels.addListener((o, a, b) -> changed());
        env.addListener((o, a, b) -> changed());
        parameters.changesProperty().addListener((o, a, b) -> changed());
        editedStep.addListener((o, a, b) -> showStep(b));
        preview.planProperty().addListener((o, a, plan) -> placeErrors(plan));
        preview.busyProperty().addListener((o, a, b) -> updateCanReplay());
    }

    /**
     * The revision the form starts with, instead of the run's own: {@code latest} after a fix was saved as the
     * flow's new revision. Takes effect when the form is filled, so call it before {@link #load()}.
     */
    public void startWithRevision(RevisionChoice choice) {
        initialRevision = choice;
    }

    /** Reads the run, its flow's revisions and the step types, then fills the form. */
    public void load() {
        ui.submit(() -> {
            RunDetail detail = workspace.run(runId);
            Run run = detail.run();
            List<FlowRevision> revisions = workspace.revisions(run.flowId());
            FlowRevision source = revisions.stream().filter(r -> r.revision() == run.revision()).findFirst()
                    .orElseGet(() -> workspace.revision(run.flowId(), run.revision()));
            Flow flow = new FlowParser().parse(source.source(), run.flowId() + " revision " + run.revision());
            Map<String, StepTypeInfo> types = new HashMap<>();
            workspace.stepTypes().forEach(t -> types.put(t.type(), t));
            return new Context(detail, source, flow, revisions, types);
        }, this::loaded, failure -> loadError.set("Reading run " + runId + " failed: " + Messages.describe(failure)));
    }

    private void loaded(Context loadedContext) {
        context = loadedContext;
        Run run = context.detail().run();
        flows.put(run.revision(), context.sourceFlow());
        labels.set(KeyValueText.format(run.labels()));
        env.set(KeyValueText.format(run.env()));
        List<String> choices = new ArrayList<>();
        context.detail().steps().forEach(s -> choices.add(s.stepId()));
        context.sourceFlow().steps().keySet().stream()
                .filter(n -> context.detail().steps().stream().noneMatch(s -> s.stepName().equals(n)))
                .forEach(choices::add);
        stepChoices.setAll(choices);
        outputs.setSource(context.detail().steps());
        int latest = context.revisions().stream().mapToInt(FlowRevision::revision).max().orElse(run.revision());
        List<RevisionOption> revisions = new ArrayList<>();
        revisions.add(new RevisionOption(new RevisionChoice.Original(), "original (revision " + run.revision() + ")"));
        revisions.add(new RevisionOption(new RevisionChoice.Latest(), "latest (revision " + latest + ")"));
        context.revisions().forEach(r -> revisions.add(new RevisionOption(new RevisionChoice.Numbered(r.revision()),
                "revision " + r.revision() + (r.revision() == run.revision() ? " (this run's)" : "")
                        + (r.createdAt() != null ? " · " + Formats.dateTime(r.createdAt()) : ""))));
        revisionChoices.setAll(revisions);
        loaded.set(true);
        revision.set(revisions.stream().filter(option -> option.choice().equals(initialRevision)).findFirst()
                .orElse(revisions.get(0)));
        if (initialStep != null && choices.contains(initialStep)) {
            editedStep.set(initialStep);
        }
        changed();
    }

    // ---- revision

    private int targetNumber(RevisionOption option) {
        Run run = context.detail().run();
        return switch (option == null ? new RevisionChoice.Original() : option.choice()) {
            case RevisionChoice.Original original -> run.revision();
            case RevisionChoice.Latest latest ->
                    context.revisions().stream().mapToInt(FlowRevision::revision).max().orElse(run.revision());
            case RevisionChoice.Numbered numbered -> numbered.number();
        };
    }

    private void revisionChanged() {
        if (context == null) {
            return;
        }
        int number = targetNumber(revision.get());
        long generation = ++targetGeneration;
        FlowRevision chosen = context.revisions().stream().filter(r -> r.revision() == number).findFirst().orElse(null);
        Flow cached = flows.get(number);
        FlowRevision source = context.source();
        ui.submit(() -> {
            Flow flow = cached != null ? cached : new FlowParser().parse(chosen.source(),
                    context.detail().run().flowId() + " revision " + number);
            RevisionDiff changes = chosen == null || number == source.revision() ? null
                    : RevisionDiff.between(workspace, source, chosen);
            return new Target(number, flow, changes, DiffItem.unified(changes));
        }, target -> {
            if (generation != targetGeneration) {
                return;
            }
            flows.put(target.revision(), target.flow());
            showTarget(target);
        }, failure -> {
            if (generation == targetGeneration) {
                revisionError.set("revision " + number + " cannot be read: " + Messages.describe(failure));
            }
        });
        changed();
    }

    private void showTarget(Target target) {
        shownRevision = target.revision();
        revisionError.set(null);
        targetFlow.set(target.flow());
        diff.setAll(target.lines());
        diffSummary.set(diffSummary(context.source().revision(), target));
        Map<String, JsonNode> sourceParameters = context.detail().run().parameters();
        List<FieldSpec> specs = new ArrayList<>();
        for (InputSpec spec : target.flow().inputs().values()) {
            specs.add(FieldSpec.ofInput(new ValuePath.Parameter(spec.name()).toString(), spec,
                    sourceParameters.get(spec.name())));
        }
        parameters.setFields(specs);
        // the step forms show what the chosen revision sends; what was typed in them stays
        stepForms.forEach((address, form) -> form.setFields(stepFields(address)));
    }

    private static String diffSummary(int source, Target target) {
        RevisionDiff changes = target.diff();
        if (changes == null) {
            return target.revision() == source ? "the run's own revision " + source + ": no change" : "";
        }
        String head = "revision " + source + " → " + target.revision() + ": ";
        if (!changes.files().isEmpty()) {
            return head + changes.summary();
        }
        int added = changes.source().linesAdded();
        int removed = changes.source().linesRemoved();
        return head + (added + removed == 0 ? "same text" : "+" + added + " −" + removed + " lines");
    }

    // ---- step inputs

    private void showStep(String address) {
        stepError.set(address == null ? null : stepErrors.get(address));
        if (address == null || context == null) {
            stepForm.set(null);
            return;
        }
        stepForm.set(stepForms.computeIfAbsent(address, a -> {
            InputFormModel form = new InputFormModel(stepFields(a));
            form.changesProperty().addListener((o, x, y) -> changed());
            return form;
        }));
        updateCanReplay();
    }

    private List<FieldSpec> stepFields(String address) {
        StepRun run = context.detail().steps().stream().filter(s -> s.stepId().equals(address)).findFirst().orElse(null);
        String stepName = run != null ? run.stepName() : address;
        StepDef def = context.sourceFlow().steps().get(stepName);
        StepTypeInfo info = def == null ? null : context.types().get(def.type());
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (run != null && !run.inputs().isEmpty()) {
            values.putAll(run.inputs());
        } else if (def != null) {
            values.putAll(def.inputs());
        }
        if (info != null) {
            info.inputs().keySet().stream().sorted().forEach(k -> values.putIfAbsent(k, null));
        }
        Flow target = targetFlow.get();
        StepDef targetDef = target == null || target == context.sourceFlow() ? def : target.steps().get(stepName);
        int targetRevision = shownRevision;
        List<FieldSpec> specs = new ArrayList<>();
        values.forEach((input, value) -> {
            String key = ValuePath.StepInput.of(address, input).toString();
            var type = info == null ? null : info.inputs().get(input);
            JsonNode sent = value;
            String note = null;
            JsonNode before = def == null ? null : def.inputs().get(input);
            JsonNode after = targetDef == null ? null : targetDef.inputs().get(input);
            if (targetDef != def && after != null && !Json.same(before, after)) {
                if (after.isTextual() && Templates.isTemplate(after.asText())) {
                    note = "revision " + targetRevision + " computes it anew: " + after.asText();
                } else {
                    sent = after;
                    note = "revision " + targetRevision + " sends this; run " + runId + " was sent "
                            + (value == null ? "nothing" : value.isTextual() ? value.asText() : value.toString());
                }
            }
            FieldSpec spec = type == null ? FieldSpec.untyped(key, input, sent)
                    : FieldSpec.typed(key, input, type, sent, info.required().contains(input), null);
            specs.add(note == null ? spec : spec.withNote(note));
        });
        return specs;
    }

    // ---- the request and its plan

    /** The request the form makes now: only what differs from the source run is sent as an override. */
    public ReplayRequest request() {
        ReplayScope scope = switch (scopeKind.get()) {
            case WHOLE -> ReplayScope.whole();
            case FAILED -> ReplayScope.failed();
            case FROM -> new ReplayScope(ReplayScope.Kind.FROM, steps());
            case ONLY -> new ReplayScope(ReplayScope.Kind.ONLY, steps());
        };
        Map<String, Map<String, JsonNode>> stepInputs = new LinkedHashMap<>();
        stepForms.forEach((address, form) -> {
            if (!form.editedValues().isEmpty()) {
                stepInputs.put(address, form.editedValues());
            }
        });
        Run run = context == null ? null : context.detail().run();
        Map<String, String> labelChanges = Map.of();
        Map<String, String> envChanges = Map.of();
        if (run != null) {
            try {
                labelChanges = KeyValueText.changes(run.labels(), KeyValueText.parse(labels.get()));
            } catch (IllegalArgumentException e) {
                // shown by labelsError; the request leaves the labels as they were
            }
            try {
                envChanges = KeyValueText.changes(run.env(), KeyValueText.parse(env.get()));
            } catch (IllegalArgumentException e) {
                // shown by envError
            }
        }
        String chosen = revision.get() == null ? ReplayRequest.ORIGINAL : revision.get().choice().text();
        String newName = name.get() == null || name.get().isBlank() ? null : name.get().trim();
        return new ReplayRequest(scope, parameters.editedValues(), stepInputs, outputs.overrides(), chosen, envChanges,
                labelChanges, newName);
    }

    private List<String> steps() {
        return Arrays.stream(scopeSteps.get().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private void changed() {
        labelsError.set(check(labels.get()));
        envError.set(check(env.get()));
        if (context == null) {
            return;
        }
        ReplayRequest request = request();
        modifies.set(request.modifies());
        preview.request(runId, request);
        updateCanReplay();
    }

    private static String check(String keyValues) {
        return KeyValueText.problem(keyValues);
    }

    private void placeErrors(ReplayPlan plan) {
        place(PlanPreviewModel.errorsByField(plan));
    }

    /**
     * Puts each error where its field is: a value's beside its field, a step's given inputs or outputs as a
     * whole beside that step's form, the scope's and revision's at theirs; the rest in the general list.
     */
    private void place(Map<String, String> errors) {
        Map<String, String> left = parameters.setExternalErrors(errors);
        for (InputFormModel form : stepForms.values()) {
            left = form.setExternalErrors(left);
        }
        for (InputFormModel form : outputs.forms()) {
            left = form.setExternalErrors(left);
        }
        Map<String, String> inputErrors = new HashMap<>();
        Map<String, String> outputErrors = new HashMap<>();
        List<String> rest = new ArrayList<>();
        String scopeProblem = null;
        String revisionProblem = null;
        for (Map.Entry<String, String> error : left.entrySet()) {
            ValuePath path = ValuePath.parse(error.getKey()).orElse(null);
            if (path instanceof ValuePath.StepInputs step) {
                inputErrors.put(step.step().toString(), error.getValue());
            } else if (path instanceof ValuePath.InjectedOutputs step) {
                outputErrors.put(step.step().toString(), error.getValue());
            } else if (error.getKey().equals("scope")) {
                scopeProblem = error.getValue();
            } else if (error.getKey().equals("revision")) {
                revisionProblem = error.getValue();
            } else {
                rest.add(error.getKey() + ": " + error.getValue());
            }
        }
        scopeError.set(scopeProblem);
        if (revisionProblem != null) {
            revisionError.set(revisionProblem);
        }
        stepErrors.clear();
        stepErrors.putAll(inputErrors);
        stepError.set(stepErrors.get(editedStep.get()));
        outputs.setStepErrors(outputErrors);
        generalErrors.setAll(rest);
        updateCanReplay();
    }

    private void updateCanReplay() {
        ReplayPlan plan = preview.planProperty().get();
        canReplay.set(loaded.get() && !replaying.get() && !preview.busyProperty().get()
                && parameters.isValid() && stepForms.values().stream().allMatch(InputFormModel::isValid)
                && outputs.isValid()
                && labelsError.get() == null && envError.get() == null
                && plan != null && plan.isExecutable());
    }

    /**
     * Makes the replay run at {@code where} instead of in the run's workspace — this machine's, for a server's run
     * replayed locally — while the run is still read and planned where it lives.
     */
    public void replayIn(Destination where) {
        destination = where;
        destinationLabel.set(where.label());
    }

    /** The place the replay will run, as the form names it. */
    public ReadOnlyStringProperty destinationProperty() {
        return destinationLabel.getReadOnlyProperty();
    }

    /** Starts the replay; {@code onStarted} gets the new run. A refusal is shown and the form keeps its values. */
    public void replay(Consumer<Run> onStarted) {
        updateCanReplay();
        if (!canReplay.get()) {
            return;
        }
        ReplayRequest request = request();
        replaying.set(true);
        replayError.set(null);
        updateCanReplay();
        Replayer replayer = destination.replayer();
        ui.submit(() -> replayer.replay(runId, request), run -> {
            replaying.set(false);
            updateCanReplay();
            onStarted.accept(run);
        }, failure -> {
            replaying.set(false);
            replayError.set("The replay was refused: " + Messages.describe(failure));
            if (failure instanceof InvalidInputException invalid) {
                Map<String, String> byField = new LinkedHashMap<>();
                invalid.problems().stream().filter(p -> p.pos() != null)
                        .forEach(p -> byField.merge(p.pos().file(), p.message(), (a, b) -> a + "; " + b));
                place(byField);
            }
            updateCanReplay();
        });
    }

    /** Every field back to the source run's values, the scope and revision to where they started. */
    public void resetAll() {
        parameters.resetAll();
        stepForms.values().forEach(InputFormModel::resetAll);
        outputs.resetAll();
        if (context != null) {
            labels.set(KeyValueText.format(context.detail().run().labels()));
            env.set(KeyValueText.format(context.detail().run().env()));
        }
        name.set("");
    }

    public void close() {
        preview.close();
    }

    // ---- properties

    public String runId() {
        return runId;
    }

    /** The source run, once loaded. */
    public Run sourceRun() {
        return context == null ? null : context.detail().run();
    }

    public Flow sourceFlow() {
        return context == null ? null : context.sourceFlow();
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    public ObjectProperty<ReplayScope.Kind> scopeKindProperty() {
        return scopeKind;
    }

    /** The step (FROM) or steps, comma-separated (ONLY), of the scope. */
    public StringProperty scopeStepsProperty() {
        return scopeSteps;
    }

    public ReadOnlyStringProperty scopeErrorProperty() {
        return scopeError.getReadOnlyProperty();
    }

    public ObservableList<RevisionOption> revisionChoices() {
        return revisionChoices;
    }

    public ObjectProperty<RevisionOption> revisionProperty() {
        return revision;
    }

    /** Chooses the revision {@code text} names ({@code original}, {@code latest}, a number). */
    public void chooseRevision(String text) {
        RevisionChoice wanted = RevisionChoice.parse(text);
        revisionChoices.stream().filter(c -> c.choice().equals(wanted)).findFirst().ifPresent(revision::set);
    }

    public ReadOnlyStringProperty revisionErrorProperty() {
        return revisionError.getReadOnlyProperty();
    }

    /** The flow of the chosen revision. */
    public ReadOnlyObjectProperty<Flow> targetFlowProperty() {
        return targetFlow.getReadOnlyProperty();
    }

    /**
     * The lines of the source revision against the chosen one, in one column, each changed file of a flow folder
     * under its heading; empty when they are the same revision.
     */
    public ObservableList<DiffItem<LineDiff.UnifiedLine>> diff() {
        return diff;
    }

    public ReadOnlyStringProperty diffSummaryProperty() {
        return diffSummary.getReadOnlyProperty();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty labelsProperty() {
        return labels;
    }

    public StringProperty envProperty() {
        return env;
    }

    public ReadOnlyStringProperty labelsErrorProperty() {
        return labelsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty envErrorProperty() {
        return envError.getReadOnlyProperty();
    }

    /** The flow's inputs, as the chosen revision declares them, prefilled with the source run's parameters. */
    public InputFormModel parameters() {
        return parameters;
    }

    /** The step instances whose inputs can be edited. */
    public ObservableList<String> stepChoices() {
        return stepChoices;
    }

    /** The step instance whose inputs {@link #stepFormProperty()} shows; edits of others are kept. */
    public ObjectProperty<String> editedStepProperty() {
        return editedStep;
    }

    public ReadOnlyObjectProperty<InputFormModel> stepFormProperty() {
        return stepForm.getReadOnlyProperty();
    }

    /** What the planner says about the edited step's given inputs as a whole; null when nothing. */
    public ReadOnlyStringProperty stepErrorProperty() {
        return stepError.getReadOnlyProperty();
    }

    /** The steps whose outputs are given instead of running them. */
    public InjectedOutputsModel outputs() {
        return outputs;
    }

    /** Planner errors that name no field of the form. */
    public ObservableList<String> generalErrors() {
        return generalErrors;
    }

    /** Why the last replay was refused; null when it was not. */
    public ReadOnlyStringProperty replayErrorProperty() {
        return replayError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty replayingProperty() {
        return replaying.getReadOnlyProperty();
    }

    /** True when the form is valid and the latest request's plan can be executed. */
    public ReadOnlyBooleanProperty canReplayProperty() {
        return canReplay.getReadOnlyProperty();
    }

    /** True when the request changes what steps receive: the new run will be marked modified. */
    public ReadOnlyBooleanProperty modifiesProperty() {
        return modifies.getReadOnlyProperty();
    }

    public PlanPreviewModel preview() {
        return preview;
    }
}
