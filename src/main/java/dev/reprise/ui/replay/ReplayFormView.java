package dev.reprise.ui.replay;

import atlantafx.base.theme.Styles;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.ui.common.DiffItem;
import dev.reprise.ui.form.ArtifactPreview;
import dev.reprise.ui.form.InputForm;
import dev.reprise.ui.form.InputFormModel;
import dev.reprise.workspace.LineDiff;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.function.Consumer;

/**
 * The replay form: what to replay (scope), which revision (with its diff from the run's), the flow's inputs
 * and a step's inputs as typed forms, a step's outputs to inject instead of running it, the new run's name, labels and env; beside it the live plan; below,
 * why a replay was refused and the buttons. Binds to {@link ReplayFormModel}. FX thread only.
 */
public final class ReplayFormView extends BorderPane {

    private static final String CSS = ReplayFormView.class.getResource("replay.css").toExternalForm();
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final ReplayFormModel model;
    private final ArtifactPreview preview;
    private final StackPane stepFormHolder = new StackPane();
    private final StackPane outputsFormHolder = new StackPane();
    private final Button replay = new Button("Replay", new FontIcon(Material2MZ.REPLAY));
    private final PlanPreviewView planView;

    /**
     * @param onStarted gets the new run once the replay has started
     * @param onCancel  closes the form
     */
    public ReplayFormView(ReplayFormModel model, ArtifactPreview preview, Consumer<Run> onStarted, Runnable onCancel) {
        this.model = model;
        this.preview = preview;
        getStyleClass().add("replay-form");
        getStylesheets().add(CSS);

        planView = new PlanPreviewView(model.preview(), model.targetFlowProperty());
        planView.setId("plan-preview");
        ScrollPane left = new ScrollPane(form());
        left.setFitToWidth(true);
        left.setId("replay-form-scroll");
        SplitPane split = new SplitPane(left, planView);
        split.setDividerPositions(0.5);

        ProgressIndicator loading = new ProgressIndicator();
        loading.setMaxSize(48, 48);
        loading.visibleProperty().bind(model.loadedProperty().not().and(model.loadErrorProperty().isNull()));
        Label loadError = new Label();
        loadError.getStyleClass().add(Styles.DANGER);
        loadError.textProperty().bind(model.loadErrorProperty());
        split.visibleProperty().bind(model.loadedProperty());
        setCenter(new StackPane(split, loading, loadError));
        setTop(header());
        setBottom(footer(onStarted, onCancel));
    }

    private Region header() {
        Label title = new Label("Replay run " + model.runId());
        title.getStyleClass().add(Styles.TITLE_4);
        title.setId("replay-title");
        Label facts = new Label();
        facts.getStyleClass().add("muted");
        model.loadedProperty().addListener((o, a, loaded) -> {
            if (loaded && model.sourceRun() != null) {
                Run run = model.sourceRun();
                title.setText("Replay " + run.flowId() + (run.name() != null ? " · " + run.name() : ""));
                facts.setText("run " + run.id() + " · revision " + run.revision() + " · "
                        + run.state().name().toLowerCase() + (run.modified() ? " · modified" : ""));
            }
        });
        Label destination = new Label();
        destination.setId("replay-destination");
        destination.getStyleClass().add("muted");
        destination.textProperty().bind(model.destinationProperty().map(where -> "runs on " + where));
        VBox box = new VBox(2, title, facts, destination);
        box.setPadding(new Insets(10, 14, 8, 14));
        box.getStyleClass().add("replay-header");
        return box;
    }

    private Region form() {
        VBox box = new VBox(4);
        box.setPadding(new Insets(8, 14, 14, 14));
        box.getChildren().addAll(section("What to replay"), scope(),
                section("Revision"), revision(),
                section("Flow inputs"), parameters(),
                section("Step inputs"), stepInputs(),
                section("Use given outputs instead of running a step"), injectedOutputs(),
                section("New run"), newRun());
        return box;
    }

    private Node scope() {
        ComboBox<ReplayScope.Kind> kind = new ComboBox<>();
        kind.setId("replay-scope");
        kind.getItems().setAll(ReplayScope.Kind.values());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(ReplayScope.Kind k) {
                return k == null ? "" : switch (k) {
                    case WHOLE -> "The whole run";
                    case FROM -> "From a step on (upstream reused)";
                    case ONLY -> "Only some steps (nothing downstream)";
                    case FAILED -> "The failed part (the rest reused)";
                };
            }

            @Override
            public ReplayScope.Kind fromString(String s) {
                return null;
            }
        });
        kind.valueProperty().bindBidirectional(model.scopeKindProperty());
        ComboBox<String> steps = new ComboBox<>(model.stepChoices());
        steps.setId("replay-scope-steps");
        steps.setEditable(true);
        steps.setPromptText("step, or steps separated by commas");
        steps.getEditor().textProperty().bindBidirectional(model.scopeStepsProperty());
        steps.setValue(model.scopeStepsProperty().get());
        steps.valueProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(model.scopeStepsProperty().get())) {
                model.scopeStepsProperty().set(b);
            }
        });
        steps.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.scopeKindProperty().get() == ReplayScope.Kind.FROM
                || model.scopeKindProperty().get() == ReplayScope.Kind.ONLY, model.scopeKindProperty()));
        steps.managedProperty().bind(steps.visibleProperty());
        steps.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(steps, Priority.ALWAYS);
        HBox line = new HBox(8, kind, steps);
        line.setAlignment(Pos.CENTER_LEFT);
        return new VBox(2, line, error(model.scopeErrorProperty(), "scope-error"));
    }

    private Node revision() {
        ComboBox<ReplayFormModel.RevisionOption> choice = new ComboBox<>(model.revisionChoices());
        choice.setId("replay-revision");
        choice.valueProperty().bindBidirectional(model.revisionProperty());
        Label summary = new Label();
        summary.setId("revision-summary");
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(model.diffSummaryProperty());
        HBox line = new HBox(8, choice, summary);
        line.setAlignment(Pos.CENTER_LEFT);

        ListView<DiffItem<LineDiff.UnifiedLine>> diff = new ListView<>(model.diff());
        diff.setId("revision-diff");
        diff.getStyleClass().addAll(Styles.DENSE, "diff");
        diff.setPrefHeight(200);
        diff.setCellFactory(l -> new DiffCell());
        TitledPane pane = new TitledPane("Changes from the run's revision", diff);
        pane.setExpanded(true);
        pane.visibleProperty().bind(Bindings.isNotEmpty(model.diff()));
        pane.managedProperty().bind(pane.visibleProperty());
        model.diff().addListener((ListChangeListener<DiffItem<LineDiff.UnifiedLine>>) c -> {
            int marked = DiffItem.firstMarked(model.diff());
            if (marked >= 0) {
                int first = Math.max(0, marked - 3);
                // after the list has been laid out with its new lines, or the scroll is lost
                Platform.runLater(() -> diff.scrollTo(first));
            }
        });
        return new VBox(4, line, error(model.revisionErrorProperty(), "revision-error"), pane);
    }

    private Node parameters() {
        InputForm form = new InputForm(model.parameters(), preview);
        form.setId("parameters-form");
        form.setEmptyText("This flow has no inputs.");
        return form;
    }

    private Node stepInputs() {
        ComboBox<String> step = new ComboBox<>(model.stepChoices());
        step.setId("replay-step");
        step.setPromptText("Edit the inputs of a step…");
        step.valueProperty().bindBidirectional(model.editedStepProperty());
        Label hint = new Label("Values the step received in the source run; an edit makes it and what it feeds run again.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        model.stepFormProperty().addListener((o, a, form) -> showStepForm(form));
        showStepForm(model.stepFormProperty().get());
        return new VBox(4, step, hint, error(model.stepErrorProperty(), "step-error"), stepFormHolder);
    }

    private void showStepForm(InputFormModel form) {
        if (form == null) {
            stepFormHolder.getChildren().clear();
            return;
        }
        InputForm view = new InputForm(form, preview);
        view.setId("step-form");
        view.setEmptyText("This step has no inputs.");
        stepFormHolder.getChildren().setAll(view);
    }

    private Node injectedOutputs() {
        InjectedOutputsModel outputs = model.outputs();
        ComboBox<String> step = new ComboBox<>(outputs.stepChoices());
        step.setId("replay-output-step");
        step.setPromptText("Give the outputs of a step…");
        step.valueProperty().bindBidirectional(outputs.stepProperty());
        Label hint = new Label("Outputs the step produced in the source run, as JSON; edit one and the step is not run: "
                + "it counts as done with these outputs.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        outputs.formProperty().addListener((o, a, form) -> showOutputsForm(form));
        showOutputsForm(outputs.formProperty().get());
        return new VBox(4, step, hint, error(outputs.errorProperty(), "outputs-error"), outputsFormHolder);
    }

    private void showOutputsForm(InputFormModel form) {
        if (form == null) {
            outputsFormHolder.getChildren().clear();
            return;
        }
        InputForm view = new InputForm(form, preview);
        view.setId("outputs-form");
        view.setEmptyText("This step produced no outputs.");
        outputsFormHolder.getChildren().setAll(view);
    }

    private Node newRun() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        TextField name = new TextField();
        name.setId("replay-name");
        name.textProperty().bindBidirectional(model.nameProperty());
        model.loadedProperty().addListener((o, a, b) -> {
            Run run = model.sourceRun();
            if (run != null) {
                name.setPromptText(run.parentRunId() == null
                        ? (run.name() != null ? run.name() : run.id()) + " (replay n), n its number in the lineage"
                        : "the first run's name (replay n), n its number in the lineage");
            }
        });
        TextField labels = new TextField();
        labels.setId("replay-labels");
        labels.setPromptText("key=value, …");
        labels.textProperty().bindBidirectional(model.labelsProperty());
        TextField env = new TextField();
        env.setId("replay-env");
        env.setPromptText("NAME=value, … (for the executed steps)");
        env.textProperty().bindBidirectional(model.envProperty());
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Labels"), labels);
        grid.add(error(model.labelsErrorProperty(), "labels-error"), 1, 2);
        grid.addRow(3, new Label("Env"), env);
        grid.add(error(model.envErrorProperty(), "env-error"), 1, 4);
        GridPane.setHgrow(name, Priority.ALWAYS);
        Label note = new Label("The source run's labels and env are kept; pairs added or changed here apply on top.");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        return new VBox(4, grid, note);
    }

    private Region footer(Consumer<Run> onStarted, Runnable onCancel) {
        Label refused = new Label();
        refused.setId("replay-error");
        refused.setWrapText(true);
        refused.getStyleClass().add(Styles.DANGER);
        refused.textProperty().bind(Bindings.createStringBinding(() -> {
            String error = model.replayErrorProperty().get();
            String general = String.join("\n", model.generalErrors());
            return error != null ? error : general.isEmpty() ? null : general;
        }, model.replayErrorProperty(), model.generalErrors()));
        refused.visibleProperty().bind(refused.textProperty().isNotEmpty());
        refused.managedProperty().bind(refused.visibleProperty());
        refused.setGraphic(new FontIcon(Material2AL.ERROR_OUTLINE));

        Label modified = new Label("Edited values: the new run will be marked modified.", new FontIcon(Material2AL.EDIT));
        modified.setId("replay-modified");
        modified.getStyleClass().add("modified-note");
        modified.visibleProperty().bind(model.modifiesProperty());
        modified.managedProperty().bind(modified.visibleProperty());

        Button reset = new Button("Reset all", new FontIcon(Material2MZ.SETTINGS_BACKUP_RESTORE));
        reset.setId("replay-reset");
        reset.setTooltip(new Tooltip("Every field back to the values of the source run"));
        reset.setOnAction(e -> model.resetAll());
        Button cancel = new Button("Cancel");
        cancel.setId("replay-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());
        replay.setId("replay-confirm");
        replay.setDefaultButton(true);
        replay.getStyleClass().add(Styles.ACCENT);
        replay.disableProperty().bind(model.canReplayProperty().not());
        replay.setOnAction(e -> model.replay(onStarted));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.replayingProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, modified, grow, busy, reset, cancel, replay);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, refused, buttons);
        box.setPadding(new Insets(8, 14, 10, 14));
        box.getStyleClass().add("replay-footer");
        return box;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static Label error(ReadOnlyStringProperty message, String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        label.textProperty().bind(message);
        label.visibleProperty().bind(message.isNotNull());
        label.managedProperty().bind(label.visibleProperty());
        label.pseudoClassStateChanged(INVALID, true);
        return label;
    }

    public Button replayButton() {
        return replay;
    }

    public PlanPreviewView planView() {
        return planView;
    }

    private static final class DiffCell extends ListCell<DiffItem<LineDiff.UnifiedLine>> {
        private static final PseudoClass ADDED = PseudoClass.getPseudoClass("added");
        private static final PseudoClass REMOVED = PseudoClass.getPseudoClass("removed");
        private static final PseudoClass HEADING = PseudoClass.getPseudoClass("heading");

        @Override
        protected void updateItem(DiffItem<LineDiff.UnifiedLine> item, boolean empty) {
            super.updateItem(item, empty);
            LineDiff.Side side = item instanceof DiffItem.Line<LineDiff.UnifiedLine> line && !empty
                    ? line.line().side() : null;
            pseudoClassStateChanged(ADDED, side == LineDiff.Side.RIGHT);
            pseudoClassStateChanged(REMOVED, side == LineDiff.Side.LEFT);
            pseudoClassStateChanged(HEADING, !empty && item instanceof DiffItem.Heading<?>);
            if (empty || item == null) {
                setText(null);
                return;
            }
            setText(switch (item) {
                case DiffItem.Heading<LineDiff.UnifiedLine> heading -> heading.path() + "  ·  " + heading.summary();
                case DiffItem.Line<LineDiff.UnifiedLine> line -> text(line.line());
            });
        }

        private static String text(LineDiff.UnifiedLine item) {
            String mark = switch (item.side()) {
                case BOTH -> "  ";
                case RIGHT -> "+ ";
                case LEFT -> "- ";
            };
            String numbers = String.format("%4s %4s  ", item.leftLine() == 0 ? "" : item.leftLine(),
                    item.rightLine() == 0 ? "" : item.rightLine());
            return numbers + mark + item.text();
        }
    }
}
