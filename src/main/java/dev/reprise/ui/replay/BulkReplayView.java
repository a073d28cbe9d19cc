package dev.reprise.ui.replay;

import dev.reprise.run.BulkReplay;
import dev.reprise.run.ReplayPlan;
import dev.reprise.ui.common.StateChip;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/**
 * The dialog of a replay of several runs: the revision and the scope for all, a table of each run's plan
 * (scope, revision, steps run and reused, or why it is refused), the summary, and Replay. FX thread only.
 */
final class BulkReplayView extends BorderPane {

    BulkReplayView(BulkReplayModel model, Runnable onReplay, Runnable onCancel) {
        getStyleClass().add("bulk-replay");
        setPadding(new Insets(16));

        Label title = new Label("Replay " + model.runCount() + " runs");
        title.getStyleClass().add("title-3");
        ComboBox<BulkReplayModel.RevisionChoice> revision = new ComboBox<>();
        revision.setId("bulk-revision");
        revision.getItems().setAll(BulkReplayModel.RevisionChoice.values());
        revision.valueProperty().bindBidirectional(model.revisionProperty());
        ComboBox<BulkReplayModel.ScopeChoice> scope = new ComboBox<>();
        scope.setId("bulk-scope");
        scope.getItems().setAll(BulkReplayModel.ScopeChoice.values());
        scope.valueProperty().bindBidirectional(model.scopeProperty());
        GridPane choices = new GridPane();
        choices.setHgap(12);
        choices.setVgap(8);
        choices.addRow(0, new Label("Revision"), revision);
        choices.addRow(1, new Label("Scope"), scope);
        VBox top = new VBox(12, title, choices);
        top.setPadding(new Insets(0, 0, 12, 0));
        setTop(top);

        TableView<BulkReplay.Item> table = new TableView<>(model.items());
        table.setId("bulk-plans");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("planning…"));
        table.getColumns().setAll(
                column("Run", 180, i -> i.runId() == null ? i.reference() : i.runId()),
                stateColumn(),
                column("Flow", 120, i -> i.flowId() == null ? "" : i.flowId()),
                column("Scope", 130, i -> i.scope() == null ? "" : i.scope().toString()),
                column("Revision", 90, i -> i.plan() == null ? "" : i.plan().sourceRevision() == i.plan().revision()
                        ? String.valueOf(i.plan().revision()) : i.plan().sourceRevision() + " → " + i.plan().revision()),
                column("Runs", 60, i -> i.plan() == null ? "" : String.valueOf(BulkReplayModel.count(i.plan(),
                        ReplayPlan.Action.EXECUTE))),
                column("Reuses", 70, i -> i.plan() == null ? "" : String.valueOf(BulkReplayModel.count(i.plan(),
                        ReplayPlan.Action.REUSE))),
                column("Note", 300, i -> i.isRefused() ? "refused: " + i.refusal()
                        : String.join("; ", i.plan().warnings())));
        setCenter(table);

        Label summary = new Label();
        summary.setId("bulk-summary");
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);
        Button cancel = new Button("Cancel");
        cancel.setId("bulk-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());
        Button replay = new Button("Replay");
        replay.setId("bulk-confirm");
        replay.setDefaultButton(true);
        replay.disableProperty().bind(model.replayableProperty().not());
        replay.textProperty().bind(model.summaryProperty().map(s -> {
            long n = model.items().stream().filter(i -> !i.isRefused()).count();
            return "Replay " + n + (n == 1 ? " run" : " runs");
        }));
        replay.setOnAction(e -> onReplay.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bottom = new HBox(12, summary, gap, cancel, replay);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.setPadding(new Insets(12, 0, 0, 0));
        setBottom(bottom);
    }

    private static TableColumn<BulkReplay.Item, String> column(String name, double width,
                                                                Function<BulkReplay.Item, String> text) {
        TableColumn<BulkReplay.Item, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setMinWidth(name.equals("Note") ? 120 : width); // only the note gives way to a narrow dialog
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(text.apply(c.getValue())));
        return column;
    }

    private static TableColumn<BulkReplay.Item, BulkReplay.Item> stateColumn() {
        TableColumn<BulkReplay.Item, BulkReplay.Item> column = new TableColumn<>("State");
        column.setPrefWidth(110);
        column.setMinWidth(110);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(BulkReplay.Item item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(empty || item == null || item.state() == null ? null : new StateChip(item.state()));
            }
        });
        return column;
    }
}
