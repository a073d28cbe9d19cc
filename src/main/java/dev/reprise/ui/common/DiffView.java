package dev.reprise.ui.common;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.reprise.workspace.LineDiff;
import dev.reprise.workspace.RevisionDiff;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.Locale;

/**
 * Two revisions of a flow side by side, one {@link LineDiff.Row} per line, virtualized: line numbers, removed
 * lines marked on the left, added lines on the right, changed lines on both sides; in a flow folder each changed
 * file under a heading with its path (see {@link DiffItem#sideBySide}). Used by the flows view and the run
 * comparison. FX thread only.
 */
public final class DiffView extends BorderPane {

    private static final String CSS = DiffView.class.getResource("diff.css").toExternalForm();
    private static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty-side");

    private final ListView<DiffItem<LineDiff.Row>> rows = new ListView<>();
    private final Label leftTitle = new Label();
    private final Label rightTitle = new Label();

    public DiffView() {
        getStyleClass().add("diff-view");
        getStylesheets().add(CSS);
        leftTitle.getStyleClass().add("diff-title");
        rightTitle.getStyleClass().add("diff-title");
        HBox titles = new HBox(leftTitle, rightTitle);
        titles.getStyleClass().add("diff-titles");
        for (Label title : new Label[]{leftTitle, rightTitle}) {
            title.setMaxWidth(Double.MAX_VALUE);
            title.setPrefWidth(0);
            HBox.setHgrow(title, Priority.ALWAYS);
        }
        setTop(titles);
        rows.setId("diff-rows");
        rows.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE, "diff-rows");
        rows.setCellFactory(list -> new RowCell());
        rows.setFixedCellSize(22);
        rows.setPlaceholder(new Label("Choose two revisions to compare"));
        setCenter(rows);
    }

    /** Shows {@code diff} under the titles of its two sides; null clears the view. */
    public void show(RevisionDiff diff, String left, String right) {
        leftTitle.setText(left);
        rightTitle.setText(right);
        rows.getItems().setAll(DiffItem.sideBySide(diff));
        int first = DiffItem.firstMarked(rows.getItems());
        rows.scrollTo(first < 0 ? 0 : Math.max(0, first - 3));
    }

    public ListView<DiffItem<LineDiff.Row>> rows() {
        return rows;
    }

    private static final class RowCell extends ListCell<DiffItem<LineDiff.Row>> {
        private final Label leftNo = number();
        private final Label left = text();
        private final Label rightNo = number();
        private final Label right = text();
        private final HBox leftSide = side(leftNo, left);
        private final HBox rightSide = side(rightNo, right);
        private final HBox box = new HBox(leftSide, rightSide);
        private final Label path = new Label();
        private final Label summary = new Label();
        private final HBox heading = new HBox(10, path, summary);

        RowCell() {
            getStyleClass().add("diff-row");
            box.setFillHeight(true);
            heading.getStyleClass().add("diff-heading");
            heading.setAlignment(Pos.CENTER_LEFT);
            path.getStyleClass().add("diff-path");
            summary.getStyleClass().add("diff-summary");
        }

        private static Label number() {
            Label label = new Label();
            label.getStyleClass().add("diff-line-number");
            label.setMinWidth(44);
            label.setAlignment(Pos.CENTER_RIGHT);
            return label;
        }

        private static Label text() {
            Label label = new Label();
            label.getStyleClass().add("diff-text");
            // no minimum: a label's is its ellipsis when it has text and none when empty, which shifted the middle
            // of a row with an empty side by that much against the other rows
            label.setMinWidth(0);
            label.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(label, Priority.ALWAYS);
            return label;
        }

        private static HBox side(Label number, Label text) {
            HBox side = new HBox(8, number, text);
            side.getStyleClass().add("diff-side");
            side.setAlignment(Pos.CENTER_LEFT);
            side.setPrefWidth(0);
            side.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(side, Priority.ALWAYS);
            return side;
        }

        @Override
        protected void updateItem(DiffItem<LineDiff.Row> item, boolean empty) {
            super.updateItem(item, empty);
            leftSide.getStyleClass().removeIf(c -> c.startsWith("diff-kind-"));
            rightSide.getStyleClass().removeIf(c -> c.startsWith("diff-kind-"));
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            switch (item) {
                case DiffItem.Heading<LineDiff.Row> h -> {
                    path.setText(h.path());
                    summary.setText(h.summary());
                    setGraphic(heading);
                }
                case DiffItem.Line<LineDiff.Row> line -> showRow(line.line());
            }
        }

        private void showRow(LineDiff.Row row) {
            String kind = "diff-kind-" + row.kind().name().toLowerCase(Locale.ROOT);
            leftSide.getStyleClass().add(kind);
            rightSide.getStyleClass().add(kind);
            leftSide.pseudoClassStateChanged(EMPTY, row.leftLine() == 0);
            rightSide.pseudoClassStateChanged(EMPTY, row.rightLine() == 0);
            leftNo.setText(row.leftLine() == 0 ? "" : String.valueOf(row.leftLine()));
            rightNo.setText(row.rightLine() == 0 ? "" : String.valueOf(row.rightLine()));
            left.setText(row.left() == null ? "" : row.left());
            right.setText(row.right() == null ? "" : row.right());
            setGraphic(box);
        }
    }
}
