package dev.reprise.ui.flows;

import atlantafx.base.theme.Styles;
import dev.reprise.run.Run;
import dev.reprise.ui.common.ErrorLabel;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.ui.form.InputForm;
import dev.reprise.ui.form.InputFormModel;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Window;
import org.fxmisc.richtext.CodeArea;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.function.Consumer;

/**
 * "Run…" of a flow revision or a snapshot: on the left the form — the flow inputs and any step's or fan-out
 * instance's inputs as the shared typed {@link InputForm}, the run's name, labels and env — and on the right the
 * run configuration as YAML, highlighted, with its problems at their line and column below it, Load from file… and
 * Save as file… above. The two follow each other (see {@link StartRunModel}). Run stays disabled while a field or
 * the text has a problem, starts the run in the background and hands its id to {@code openRun}; a refusal shows in
 * the dialog, which stays open with every value typed. FX thread only.
 */
public final class StartRunDialog extends Dialog<Run> {

    public static final ButtonType RUN = new ButtonType("Run", ButtonBar.ButtonData.OK_DONE);

    private final StartRunModel model;
    private final StackPane stepFormHolder = new StackPane();
    private final YamlArea yaml;
    private final SplitPane editorSplit = new SplitPane();

    public StartRunDialog(Window owner, StartRunModel model, UiExecutor ui, Messages messages,
                          Consumer<String> openRun) {
        this.model = model;
        StartFormModel form = model.form();
        initOwner(owner);
        setTitle("Run " + form.revision().flowId());
        setHeaderText(model.title());
        setResizable(true);
        getDialogPane().getButtonTypes().setAll(RUN, ButtonType.CANCEL);
        getDialogPane().setId("start-run-dialog");
        yaml = new YamlArea(ui, model.problemsByLineProperty(),
                failure -> messages.error("Highlighting the run configuration", failure));

        ScrollPane left = new ScrollPane(form(form));
        left.setFitToWidth(true);
        left.setId("start-form-scroll");
        SplitPane split = new SplitPane(left, configEditor());
        split.setDividerPositions(0.46);
        VBox.setVgrow(split, Priority.ALWAYS);
        Label refused = new Label();
        refused.setId("start-error");
        refused.getStyleClass().add(Styles.DANGER);
        refused.setWrapText(true);
        refused.textProperty().bind(model.errorProperty());
        refused.visibleProperty().bind(model.errorProperty().isNotNull());
        refused.managedProperty().bind(refused.visibleProperty());
        VBox content = new VBox(8, split, refused);
        content.setPadding(new Insets(6, 0, 0, 0));
        content.setPrefSize(1140, 640);
        // a resizable dialog opens at its header's width on some window managers: give it room for both halves
        setOnShown(e -> {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            setWidth(Math.min(1180, screen.getWidth() - 40));
            setHeight(Math.min(780, screen.getHeight() - 40));
            // the dividers were placed at the first, narrower size
            split.setDividerPositions(0.46);
            editorSplit.setDividerPositions(0.72);
        });
        split.setMinHeight(360);
        getDialogPane().setContent(content);

        Button run = (Button) getDialogPane().lookupButton(RUN);
        run.setId("start-run");
        run.disableProperty().bind(model.canRunProperty().not());
        run.addEventFilter(ActionEvent.ACTION, e -> {
            // the dialog closes only once the workspace accepted the run
            e.consume();
            model.run(started -> {
                setResult(started);
                close();
                messages.info("Started run " + started.id() + " of " + started.flowId() + " revision "
                        + started.revision() + ".");
                openRun.accept(started.id());
            });
        });
        setResultConverter(button -> null);
    }

    private Region form(StartFormModel form) {
        InputForm inputs = new InputForm(form.form(), null);
        inputs.setId("parameters-form");
        inputs.setEmptyText("This flow has no inputs.");
        VBox box = new VBox(4, section("Flow inputs"), inputs, section("Step inputs"), stepInputs(form),
                section("New run"), newRun(form));
        box.setPadding(new Insets(4, 12, 12, 4));
        return box;
    }

    private Node stepInputs(StartFormModel form) {
        ComboBox<String> step = new ComboBox<>(form.stepChoices());
        step.setId("start-step");
        step.setEditable(true);
        step.setPromptText("Give the inputs of a step, or of an instance: count[2]");
        step.setMaxWidth(Double.MAX_VALUE);
        step.valueProperty().bindBidirectional(form.editedStepProperty());
        Label hint = new Label("A value given here replaces what the flow would compute for the step.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        form.stepFormProperty().addListener((o, a, stepForm) -> showStepForm(stepForm));
        showStepForm(form.stepFormProperty().get());
        return new VBox(4, step, hint, ErrorLabel.of(form.stepErrorProperty(), "start-step-error"), stepFormHolder);
    }

    private void showStepForm(InputFormModel stepForm) {
        if (stepForm == null) {
            stepFormHolder.getChildren().clear();
            return;
        }
        InputForm view = new InputForm(stepForm, null);
        view.setId("start-step-form");
        view.setEmptyText("This step has no inputs.");
        stepFormHolder.getChildren().setAll(view);
    }

    private Node newRun(StartFormModel form) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        grid.setPadding(new Insets(0, 0, 0, 11));
        TextField name = new TextField();
        name.setId("run-name");
        name.setPromptText("optional");
        name.textProperty().bindBidirectional(form.nameProperty());
        TextField labels = new TextField();
        labels.setId("run-labels");
        labels.setPromptText("key=value, …");
        labels.textProperty().bindBidirectional(form.labelsProperty());
        TextField env = new TextField();
        env.setId("run-env");
        env.setPromptText("NAME=value, … (for its shell steps)");
        env.textProperty().bindBidirectional(form.envProperty());
        grid.addRow(0, new Label("Run name"), name);
        grid.addRow(1, new Label("Labels"), labels);
        grid.add(ErrorLabel.of(form.labelsErrorProperty(), "run-labels-error"), 1, 2);
        grid.addRow(3, new Label("Env"), env);
        grid.add(ErrorLabel.of(form.envErrorProperty(), "run-env-error"), 1, 4);
        GridPane.setHgrow(name, Priority.ALWAYS);
        return grid;
    }

    private Region configEditor() {
        Button load = new Button("Load from file…", new FontIcon(Material2AL.FOLDER_OPEN));
        load.setId("config-load");
        load.setTooltip(new Tooltip("Put a run configuration file in the editor (and its values in the form)"));
        load.setOnAction(e -> model.loadFromFile());
        Button save = new Button("Save as file…", new FontIcon(Material2MZ.SAVE));
        save.setId("config-save");
        save.setTooltip(new Tooltip("Keep this configuration as a file: reprise run --config FILE uses it"));
        save.disableProperty().bind(model.canSaveProperty().not());
        save.setOnAction(e -> model.saveToFile());
        ProgressIndicator checking = new ProgressIndicator();
        checking.setPrefSize(14, 14);
        checking.visibleProperty().bind(model.checkingProperty().or(model.runningProperty()));
        Label status = new Label();
        status.setId("config-status");
        status.getStyleClass().add("muted");
        status.textProperty().bind(model.statusProperty());
        status.setMinWidth(0);
        Label title = section("Run configuration (YAML)");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        load.setMinWidth(Region.USE_PREF_SIZE);
        save.setMinWidth(Region.USE_PREF_SIZE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, title, grow, checking, load, save);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 4, 4, 8));

        CodeArea area = yaml.area();
        area.setId("config-source");
        area.replaceText(model.textProperty().get());
        area.textProperty().addListener((o, a, text) -> model.textProperty().set(text));
        model.textProperty().addListener((o, a, text) -> {
            if (!area.getText().equals(text)) {
                yaml.replaceText(text);
            }
        });
        ProblemsPane problems = new ProblemsPane(model.problems(), "No problems: the configuration is valid",
                yaml::goTo);
        problems.list().setId("config-problem-list");
        problems.title().setId("config-problems-title");
        editorSplit.getItems().setAll(yaml, problems);
        editorSplit.setOrientation(Orientation.VERTICAL);
        editorSplit.setDividerPositions(0.72);
        BorderPane pane = new BorderPane(editorSplit);
        pane.setTop(new VBox(2, bar, status));
        return pane;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll("section-title", Styles.TEXT_BOLD);
        label.setPadding(new Insets(6, 0, 2, 0));
        return label;
    }

    public StartRunModel model() {
        return model;
    }
}
