package dev.reprise.ui.flows;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.reprise.flow.Problem;
import dev.reprise.ui.common.UiExecutor;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
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
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.geometry.Orientation;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The YAML editor of a flow: a RichTextFX {@link CodeArea} with line numbers, syntax colours (computed in
 * the background), a marker in the gutter and a wavy underline where a problem is, the list of problems
 * below (clicking one puts the caret at its line and column), and Save, Revert and Run… above. Binds to
 * {@link FlowEditorViewModel}. FX thread only.
 */
public final class FlowEditorView extends BorderPane {

    private final FlowEditorViewModel model;
    private final UiExecutor ui;
    private final CodeArea area = new CodeArea();
    private final ListView<Problem> problemList = new ListView<>();
    private final Label problemsTitle = new Label();
    private final Button save = new Button("Save", new FontIcon(Material2MZ.SAVE));
    private final Button revert = new Button("Revert", new FontIcon(Material2MZ.UNDO));
    private final Button run = new Button("Run…", new FontIcon(Material2MZ.PLAY_ARROW));
    private final IntFunction<Node> lineNumbers = LineNumberFactory.get(area);
    private List<YamlHighlighter.Span> highlight = List.of();
    private String highlightedText = "";

    public FlowEditorView(FlowEditorViewModel model, UiExecutor ui, Runnable onRun) {
        this.model = model;
        this.ui = ui;
        getStyleClass().add("flow-editor");
        setTop(toolbar(onRun));

        area.setId("flow-source");
        area.getStyleClass().add("yaml-area");
        area.replaceText(model.sourceProperty().get());
        area.textProperty().addListener((o, a, text) -> {
            model.sourceProperty().set(text);
            rehighlight(text);
        });
        model.sourceProperty().addListener((o, a, text) -> {
            if (!area.getText().equals(text)) {
                area.replaceText(text);
                area.moveTo(0);
                area.requestFollowCaret();
                area.getUndoManager().forgetHistory();
            }
        });
        model.problemsByLineProperty().addListener((o, a, b) -> {
            applyStyles();
            area.setParagraphGraphicFactory(this::gutter);
        });
        area.setParagraphGraphicFactory(this::gutter);
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)) {
                e.consume();
                if (!save.isDisabled()) {
                    model.save();
                }
            }
        });
        rehighlight(area.getText());

        SplitPane split = new SplitPane(new VirtualizedScrollPane<>(area), problemsPane());
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

    private Region problemsPane() {
        problemsTitle.setId("problems-title");
        problemsTitle.getStyleClass().add("section-title");
        problemList.setId("problem-list");
        problemList.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        problemList.setItems(model.problems());
        problemList.setPlaceholder(new Label("No problems: the flow is valid"));
        problemList.setCellFactory(list -> new ProblemCell());
        problemList.setOnMouseClicked(e -> goTo(problemList.getSelectionModel().getSelectedItem()));
        problemList.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                goTo(problemList.getSelectionModel().getSelectedItem());
            }
        });
        model.problems().addListener((ListChangeListener<Problem>) c -> updateProblemsTitle());
        updateProblemsTitle();
        HBox header = new HBox(problemsTitle);
        header.setPadding(new Insets(0, 10, 0, 10));
        VBox box = new VBox(header, problemList);
        VBox.setVgrow(problemList, Priority.ALWAYS);
        box.getStyleClass().add("problems-pane");
        return box;
    }

    private void updateProblemsTitle() {
        int n = model.problems().size();
        problemsTitle.setText(n == 0 ? "Problems" : n == 1 ? "1 problem" : n + " problems");
        problemsTitle.pseudoClassStateChanged(Styles.STATE_DANGER, n > 0);
    }

    /** Puts the caret where {@code problem} is and the keyboard in the editor. */
    public void goTo(Problem problem) {
        if (problem == null || problem.pos() == null || problem.pos().line() <= 0) {
            return;
        }
        int paragraph = Math.min(problem.pos().line() - 1, area.getParagraphs().size() - 1);
        int column = Math.max(0, Math.min(problem.pos().column() - 1, area.getParagraph(paragraph).length()));
        area.moveTo(paragraph, column);
        area.requestFollowCaret();
        area.requestFocus();
    }

    private Node gutter(int paragraph) {
        Node number = lineNumbers.apply(paragraph);
        List<Problem> here = model.problemsAt(paragraph + 1);
        StackPane marker = new StackPane();
        marker.getStyleClass().add("gutter-marker");
        marker.setMinWidth(16);
        marker.setPrefWidth(16);
        if (!here.isEmpty()) {
            FontIcon icon = new FontIcon(Material2AL.ERROR);
            icon.getStyleClass().add("problem-icon");
            marker.getChildren().add(icon);
            Tooltip.install(marker, new Tooltip(here.stream().map(Problem::message).collect(Collectors.joining("\n"))));
            marker.getStyleClass().add("has-problem");
        }
        HBox box = new HBox(marker, number);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void rehighlight(String text) {
        ui.submit(() -> YamlHighlighter.spans(text), spans -> {
            if (area.getText().equals(text)) {
                highlight = spans;
                highlightedText = text;
                applyStyles();
            }
        }, model::highlightingFailed);
    }

    /** Colours from the last highlighting, plus an underline under every problem's place. */
    private void applyStyles() {
        if (!area.getText().equals(highlightedText) || area.getLength() == 0) {
            return;
        }
        StyleSpansBuilder<Collection<String>> builder = new StyleSpansBuilder<>();
        for (YamlHighlighter.Span span : highlight) {
            builder.add(span.kind() == null ? List.of() : List.of(span.kind().styleClass()), span.length());
        }
        area.setStyleSpans(0, builder.create());
        model.problemsByLineProperty().get().forEach((line, problems) -> {
            for (Problem problem : problems) {
                underline(line, problem.pos().column());
            }
        });
    }

    private void underline(int line, int column) {
        if (line > area.getParagraphs().size()) {
            return;
        }
        int paragraph = line - 1;
        String text = area.getParagraph(paragraph).getText();
        int from = Math.max(0, Math.min(column - 1, text.length()));
        int to = from;
        while (to < text.length() && !Character.isWhitespace(text.charAt(to))) {
            to++;
        }
        if (to == from) {
            // nothing to underline at the column: underline the line's text
            from = 0;
            while (from < text.length() && Character.isWhitespace(text.charAt(from))) {
                from++;
            }
            to = text.length();
        }
        if (to <= from) {
            return;
        }
        int start = area.getAbsolutePosition(paragraph, from);
        StyleSpans<Collection<String>> existing = area.getStyleSpans(start, start + (to - from));
        area.setStyleSpans(start, existing.mapStyles(styles -> {
            List<String> with = new ArrayList<>(styles);
            with.add("problem");
            return with;
        }));
    }

    public CodeArea area() {
        return area;
    }

    public ListView<Problem> problemList() {
        return problemList;
    }

    private static final class ProblemCell extends ListCell<Problem> {
        @Override
        protected void updateItem(Problem problem, boolean empty) {
            super.updateItem(problem, empty);
            if (empty || problem == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            boolean placed = problem.pos() != null && problem.pos().line() > 0;
            setWrapText(true);
            setPrefWidth(0);
            setText((placed ? problem.pos().line() + ":" + problem.pos().column() + "   " : "") + problem.message());
            FontIcon icon = new FontIcon(Material2AL.ERROR_OUTLINE);
            icon.getStyleClass().add("problem-icon");
            setGraphic(icon);
        }
    }
}
