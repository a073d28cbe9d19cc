package dev.reprise.ui.flows;

import atlantafx.base.theme.Styles;
import dev.reprise.flow.Problem;
import dev.reprise.ui.common.UiExecutor;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.fxmisc.richtext.CodeArea;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The YAML editor of a flow: a {@link YamlArea} (line numbers, syntax colours, a marker in the gutter and a wavy
 * underline where a problem is), the {@link ProblemsPane} below (clicking a problem puts the caret at its line and
 * column), and Save, Revert and Run… above. Binds to {@link FlowEditorViewModel}. FX thread only.
 */
public final class FlowEditorView extends BorderPane {

    private final FlowEditorViewModel model;
    private final YamlArea yaml;
    private final CodeArea area;
    private final ProblemsPane problems;
    private final Button save = new Button("Save", new FontIcon(Material2MZ.SAVE));
    private final Button revert = new Button("Revert", new FontIcon(Material2MZ.UNDO));
    private final Button run = new Button("Run…", new FontIcon(Material2MZ.PLAY_ARROW));

    public FlowEditorView(FlowEditorViewModel model, UiExecutor ui, Runnable onRun) {
        this.model = model;
        this.yaml = new YamlArea(ui, model.problemsByLineProperty(), model::highlightingFailed);
        this.area = yaml.area();
        getStyleClass().add("flow-editor");
        setTop(toolbar(onRun));

        area.setId("flow-source");
        area.replaceText(model.sourceProperty().get());
        area.textProperty().addListener((o, a, text) -> model.sourceProperty().set(text));
        model.sourceProperty().addListener((o, a, text) -> {
            if (!area.getText().equals(text)) {
                yaml.replaceText(text);
            }
        });
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)) {
                e.consume();
                if (!save.isDisabled()) {
                    model.save();
                }
            }
        });

        problems = new ProblemsPane(model.problems(), "No problems: the flow is valid", this::goTo);
        problems.list().setId("problem-list");
        problems.title().setId("problems-title");
        SplitPane split = new SplitPane(yaml, problems);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.8);
        setCenter(split);
    }

    private Region toolbar(Runnable onRun) {
        save.setId("flow-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.setTooltip(new Tooltip("Store the text as a new revision (Ctrl+S)"));
        save.setOnAction(e -> model.save());
        save.disableProperty().bind(model.savingProperty().or(model.baseProperty().isNull()));
        revert.setId("flow-revert");
        revert.setTooltip(new Tooltip("Put the revision back, dropping the edits"));
        revert.setOnAction(e -> model.revert());
        revert.disableProperty().bind(model.dirtyProperty().not());
        run.setId("flow-run");
        run.setTooltip(new Tooltip("Start a run of the saved revision, with a form for its inputs"));
        run.setOnAction(e -> onRun.run());
        run.disableProperty().bind(model.baseProperty().isNull());

        Label edited = new Label("edited");
        edited.getStyleClass().addAll("edited-badge");
        edited.visibleProperty().bind(model.dirtyProperty());
        edited.managedProperty().bind(edited.visibleProperty());
        Label status = new Label();
        status.setId("flow-status");
        status.getStyleClass().add("muted");
        status.textProperty().bind(model.statusProperty());
        ProgressIndicator checking = new ProgressIndicator();
        checking.setPrefSize(14, 14);
        checking.visibleProperty().bind(model.validatingProperty().or(model.savingProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, save, revert, run, grow, checking, edited, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("editor-bar");
        return bar;
    }

    /** Puts the caret where {@code problem} is and the keyboard in the editor. */
    public void goTo(Problem problem) {
        yaml.goTo(problem);
    }

    public CodeArea area() {
        return area;
    }

    public ListView<Problem> problemList() {
        return problems.list();
    }
}
