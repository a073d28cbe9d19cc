package dev.reprise.ui.flows;

import dev.reprise.flow.Problem;
import dev.reprise.ui.common.UiExecutor;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * A YAML text area: a RichTextFX {@link CodeArea} with line numbers, the {@link YamlHighlighter}'s colours (computed
 * in the background), and, for each problem of a given map by line, a marker in the gutter with the messages as its
 * tooltip and a wavy underline at its column. The flow editor and the run configuration editor share it. FX thread
 * only.
 */
public final class YamlArea extends StackPane {

    private static final String CSS = YamlArea.class.getResource("yaml.css").toExternalForm();

    private final UiExecutor ui;
    private final ObservableValue<Map<Integer, List<Problem>>> problemsByLine;
    private final Consumer<Throwable> highlightFailed;
    private final CodeArea area = new CodeArea();
    private final IntFunction<Node> lineNumbers = LineNumberFactory.get(area);
    private List<YamlHighlighter.Span> highlight = List.of();
    private String highlightedText = "";

    /**
     * @param problemsByLine the problems that have a place, by 1-based line
     * @param highlightFailed told when the colours could not be computed (the text stays editable)
     */
    public YamlArea(UiExecutor ui, ObservableValue<Map<Integer, List<Problem>>> problemsByLine,
                    Consumer<Throwable> highlightFailed) {
        this.ui = ui;
        this.problemsByLine = problemsByLine;
        this.highlightFailed = highlightFailed;
        getStylesheets().add(CSS);
        area.getStyleClass().add("yaml-area");
        area.textProperty().addListener((o, a, text) -> rehighlight(text));
        problemsByLine.addListener((o, a, b) -> {
            applyStyles();
            area.setParagraphGraphicFactory(this::gutter);
        });
        area.setParagraphGraphicFactory(this::gutter);
        getChildren().add(new VirtualizedScrollPane<>(area));
    }

    public CodeArea area() {
        return area;
    }

    /** Replaces the text, caret at the start, with no undo back to the text before. */
    public void replaceText(String text) {
        area.replaceText(text);
        area.moveTo(0);
        area.requestFollowCaret();
        area.getUndoManager().forgetHistory();
    }

    /** Puts the caret where {@code problem} is and the keyboard in the area; a problem without a place does nothing. */
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

    private List<Problem> problemsAt(int line) {
        Map<Integer, List<Problem>> byLine = problemsByLine.getValue();
        return byLine == null ? List.of() : byLine.getOrDefault(line, List.of());
    }

    private Node gutter(int paragraph) {
        Node number = lineNumbers.apply(paragraph);
        List<Problem> here = problemsAt(paragraph + 1);
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
        }, highlightFailed);
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
        Map<Integer, List<Problem>> byLine = problemsByLine.getValue();
        if (byLine == null) {
            return;
        }
        byLine.forEach((line, problems) -> {
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
}
