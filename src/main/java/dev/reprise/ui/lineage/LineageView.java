package dev.reprise.ui.lineage;

import atlantafx.base.theme.Styles;
import dev.reprise.run.Lineage;
import dev.reprise.run.Run;
import dev.reprise.ui.common.Formats;
import dev.reprise.ui.common.ModifiedBadge;
import dev.reprise.ui.common.StateChip;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.function.Consumer;

/**
 * The Lineage tab: the tree of the run's root and its replays (and their replays), the shown run marked;
 * clicking a run opens it. Binds to {@link LineageViewModel}. FX thread only.
 */
public final class LineageView extends VBox {

    private final LineageViewModel model;
    private final Consumer<String> openRun;
    private final TreeView<Run> tree = new TreeView<>();

    public LineageView(LineageViewModel model, Consumer<String> openRun) {
        super(6);
        this.model = model;
        this.openRun = openRun;
        setPadding(new Insets(10));
        Label title = new Label("The original run and its replays");
        title.getStyleClass().add("section-title");
        Button refresh = new Button(null, new FontIcon(Material2MZ.REFRESH));
        refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refresh.setTooltip(new Tooltip("Read the lineage again"));
        refresh.setAccessibleText("Read the lineage again");
        refresh.setOnAction(e -> model.refresh());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(8, title, grow, refresh);
        head.setAlignment(Pos.CENTER_LEFT);
        tree.setId("lineage-tree");
        tree.getStyleClass().add(Styles.DENSE);
        tree.setShowRoot(true);
        tree.setCellFactory(t -> new RunCell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        Label hint = new Label("Click a run to open it. A replay sits under the run it replays, and a run that a "
                + "step started under the run of that step.");
        hint.getStyleClass().add("muted");
        getChildren().addAll(head, tree, hint);
        model.lineageProperty().addListener((o, a, lineage) -> render(lineage));
        render(model.lineageProperty().get());
    }

    private void render(Lineage lineage) {
        if (lineage == null) {
            tree.setRoot(null);
            return;
        }
        TreeItem<Run> root = item(lineage.root());
        tree.setRoot(root);
        select(root, lineage.runId());
    }

    /** A run, the runs its steps started (sub-pipelines), then its replays. */
    private TreeItem<Run> item(Lineage.Node node) {
        TreeItem<Run> item = new TreeItem<>(node.run());
        item.setExpanded(true);
        model.children(node.run().id()).forEach(child -> item.getChildren().add(new TreeItem<>(child)));
        node.replays().forEach(r -> item.getChildren().add(item(r)));
        return item;
    }

    private boolean select(TreeItem<Run> item, String runId) {
        if (item.getValue().id().equals(runId)) {
            tree.getSelectionModel().select(item);
            return true;
        }
        for (TreeItem<Run> child : item.getChildren()) {
            if (select(child, runId)) {
                return true;
            }
        }
        return false;
    }

    public TreeView<Run> tree() {
        return tree;
    }

    private final class RunCell extends TreeCell<Run> {
        @Override
        protected void updateItem(Run item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            Run shown = model.runProperty().get();
            boolean self = shown != null && shown.id().equals(item.id());
            Hyperlink link = new Hyperlink(item.id() + (item.name() != null ? "  " + item.name() : ""));
            link.setOnAction(e -> openRun.accept(item.id()));
            link.setDisable(self);
            Label facts = new Label("revision " + item.revision() + " · " + Formats.dateTime(item.createdAt())
                    + (item.replay() != null ? " · " + item.replay().scope() : " · original")
                    + (item.trigger() != null ? " · flow " + item.flowId() + ", started by step "
                    + item.trigger().stepId() + " of " + item.trigger().runId() : "")
                    + (self ? "  (this run)" : ""));
            facts.getStyleClass().add("muted");
            HBox row = new HBox(8, new StateChip(item.state()), link);
            if (item.modified()) {
                row.getChildren().add(ModifiedBadge.create(item));
            }
            row.getChildren().add(facts);
            row.setAlignment(Pos.CENTER_LEFT);
            setGraphic(row);
        }
    }
}
