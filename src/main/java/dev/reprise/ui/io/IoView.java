package dev.reprise.ui.io;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import com.fasterxml.jackson.databind.JsonNode;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Inputs &amp; outputs tab: a tree of the run's parameters and every step's inputs and outputs, and a
 * preview of the selected value (text, JSON tree, CSV table or image). Binds to {@link IoViewModel}.
 * FX thread only.
 */
public final class IoView extends SplitPane {

    private final IoViewModel model;
    private final TreeView<Object> tree = new TreeView<>();
    private final BorderPane previewPane = new BorderPane();
    private final Label previewTitle = new Label();

    public IoView(IoViewModel model) {
        this.model = model;
        getStyleClass().add("io-view");
        tree.setId("io-tree");
        tree.setShowRoot(false);
        tree.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        tree.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                } else if (item instanceof IoViewModel.Entry entry) {
                    setText(entry.name() + " = " + entry.text());
                } else {
                    setText(item.toString());
                }
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, item) ->
                model.select(item != null && item.getValue() instanceof IoViewModel.Entry e ? e : null));
        model.parameters().addListener((ListChangeListener<IoViewModel.Entry>) c -> rebuild());
        model.steps().addListener(this::stepsChanged);

        previewTitle.getStyleClass().add("section-title");
        previewPane.setTop(previewTitle);
        previewPane.setPadding(new Insets(4, 10, 10, 10));
        model.previewProperty().addListener((o, a, p) -> render(p));
        render(model.previewProperty().get());

        getItems().addAll(tree, previewPane);
        setDividerPositions(0.42);
        rebuild();
    }

    private void rebuild() {
        Set<String> expanded = new HashSet<>();
        TreeItem<Object> oldRoot = tree.getRoot();
        if (oldRoot != null) {
            for (TreeItem<Object> item : oldRoot.getChildren()) {
                if (item.isExpanded()) {
                    expanded.add(String.valueOf(item.getValue()));
                }
            }
        }
        TreeItem<Object> root = new TreeItem<>("run");
        TreeItem<Object> params = new TreeItem<>("Run parameters");
        model.parameters().forEach(p -> params.getChildren().add(new TreeItem<>(p)));
        params.setExpanded(oldRoot == null || expanded.contains("Run parameters"));
        root.getChildren().add(params);
        for (IoViewModel.StepValues step : model.steps()) {
            root.getChildren().add(stepItem(step, expanded.contains(step.stepId())));
        }
        tree.setRoot(root);
    }

    /**
     * A live batch: the items of the steps it replaced are made again in place (open as they were), those of
     * the steps it added are added, and the rest of the tree stays as it is, with its selection. Anything else
     * rebuilds the tree.
     */
    private void stepsChanged(ListChangeListener.Change<? extends IoViewModel.StepValues> change) {
        TreeItem<Object> root = tree.getRoot();
        // the root's first item holds the run's parameters, a step's item is one further than its row
        if (root == null || root.getChildren().size() != change.getList().size() + 1 - netAdded(change)) {
            rebuild();
            return;
        }
        change.reset();
        List<TreeItem<Object>> items = root.getChildren();
        while (change.next()) {
            if (change.wasReplaced() && change.getAddedSize() == change.getRemovedSize()) {
                for (int i = change.getFrom(); i < change.getTo(); i++) {
                    items.set(i + 1, stepItem(change.getList().get(i), items.get(i + 1).isExpanded()));
                }
            } else if (change.wasAdded() && !change.wasRemoved() && change.getFrom() == items.size() - 1) {
                List<TreeItem<Object>> added = new ArrayList<>();
                for (IoViewModel.StepValues step : change.getAddedSubList()) {
                    added.add(stepItem(step, false));
                }
                items.addAll(added);
            } else {
                rebuild();
                return;
            }
        }
    }

    private static int netAdded(ListChangeListener.Change<?> change) {
        int net = 0;
        while (change.next()) {
            net += change.getAddedSize() - change.getRemovedSize();
        }
        return net;
    }

    private static TreeItem<Object> stepItem(IoViewModel.StepValues step, boolean expanded) {
        TreeItem<Object> item = new TreeItem<>(step.stepId());
        item.getChildren().add(group("inputs", step.inputs()));
        item.getChildren().add(group("outputs", step.outputs()));
        item.setExpanded(expanded);
        return item;
    }

    private static TreeItem<Object> group(String title, List<IoViewModel.Entry> entries) {
        TreeItem<Object> group = new TreeItem<>(title + (entries.isEmpty() ? " (none)" : ""));
        entries.forEach(e -> group.getChildren().add(new TreeItem<>(e)));
        group.setExpanded(true);
        return group;
    }

    private void render(Preview preview) {
        IoViewModel.Entry entry = model.selectedProperty().get();
        previewTitle.setText(entry == null ? "Preview"
                : (entry.step() == null ? "parameter " : entry.step() + " " + entry.direction() + " ") + entry.name());
        Node content = switch (preview) {
            case Preview.Message m -> placeholder(m.text());
            case Preview.Text t -> text(t.text() + (t.truncated() ? "\n… (only the beginning is shown)" : ""));
            case Preview.Json j -> jsonTree(j.value());
            case Preview.Table t -> table(t);
            case Preview.Image i -> image(i);
        };
        previewPane.setCenter(content);
    }

    private static Node placeholder(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("placeholder-text");
        return new StackPane(label);
    }

    private static Node text(String text) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.getStyleClass().add("mono");
        area.setId("preview-text");
        return area;
    }

    private static Node jsonTree(JsonNode value) {
        TreeView<String> view = new TreeView<>(jsonItem("value", value));
        view.getRoot().setExpanded(true);
        view.setId("preview-json");
        view.getStyleClass().add(Styles.DENSE);
        return view;
    }

    private static TreeItem<String> jsonItem(String key, JsonNode node) {
        if (node.isObject()) {
            TreeItem<String> item = new TreeItem<>(key + "  {" + node.size() + "}");
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                item.getChildren().add(jsonItem(field.getKey(), field.getValue()));
            }
            item.setExpanded(node.size() <= 20);
            return item;
        }
        if (node.isArray()) {
            TreeItem<String> item = new TreeItem<>(key + "  [" + node.size() + "]");
            for (int i = 0; i < node.size() && i < 1000; i++) {
                item.getChildren().add(jsonItem("[" + i + "]", node.get(i)));
            }
            item.setExpanded(node.size() <= 20);
            return item;
        }
        return new TreeItem<>(key + ": " + node);
    }

    private static Node table(Preview.Table t) {
        TableView<List<String>> table = new TableView<>();
        table.setId("preview-table");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        for (int c = 0; c < t.header().size(); c++) {
            int column = c;
            TableColumn<List<String>, String> col = new TableColumn<>(t.header().get(c));
            col.setCellValueFactory(v -> new SimpleStringProperty(column < v.getValue().size() ? v.getValue().get(column) : ""));
            table.getColumns().add(col);
        }
        table.getItems().setAll(t.rows());
        if (!t.truncated()) {
            return table;
        }
        Label more = new Label("Only the first " + t.rows().size() + " rows are shown.");
        more.getStyleClass().add("muted");
        VBox box = new VBox(4, table, more);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private static Node image(Preview.Image i) {
        ImageView view = new ImageView(new Image(new ByteArrayInputStream(i.bytes())));
        view.setPreserveRatio(true);
        ScrollPane scroll = new ScrollPane(view);
        scroll.setId("preview-image");
        return scroll;
    }

    public TreeView<Object> tree() {
        return tree;
    }
}
