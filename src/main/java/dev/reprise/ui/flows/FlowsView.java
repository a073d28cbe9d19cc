package dev.reprise.ui.flows;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.reprise.flow.FlowRevision;
import dev.reprise.run.Snapshot;
import dev.reprise.ui.common.DiffView;
import dev.reprise.ui.common.Formats;
import dev.reprise.workspace.FlowSummary;
import dev.reprise.workspace.RevisionDiff;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The flows view: the flows and the selected flow's revisions (number, date, SHA-256) on the left; on the
 * right the YAML editor and a side-by-side diff between any two revisions. Binds to
 * {@link FlowsViewModel}. FX thread only.
 */
public final class FlowsView extends BorderPane {

    private static final String CSS = FlowsView.class.getResource("flows.css").toExternalForm();

    private final FlowsViewModel model;
    private final ListView<FlowSummary> flowList = new ListView<>();
    private final ListView<FlowRevision> revisionList = new ListView<>();
    private final ListView<Snapshot> snapshotList = new ListView<>();
    private final FlowEditorView editor;
    private final DiffView diffView = new DiffView();
    private final TabPane tabs = new TabPane();
    private final ComboBox<Integer> left = new ComboBox<>();
    private final ComboBox<Integer> right = new ComboBox<>();
    private final Label diffSummary = new Label();
    private final Consumer<String> openRun;
    private boolean syncing;

    /** @param openRun shows a run the Run… dialog started */
    public FlowsView(FlowsViewModel model, Consumer<String> openRun) {
        this.model = model;
        this.openRun = openRun;
        getStyleClass().add("flows-view");
        getStylesheets().add(CSS);
        editor = new FlowEditorView(model.editor(), model.ui(), this::startRun);

        tabs.setId("flow-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab editorTab = new Tab("Editor", editor);
        editorTab.setId("tab-editor");
        editorTab.setGraphic(new FontIcon(Material2AL.EDIT));
        Tab diffTab = new Tab("Compare revisions", diffPane());
        diffTab.setId("tab-diff");
        diffTab.setGraphic(new FontIcon(Material2AL.COMPARE_ARROWS));
        tabs.getTabs().addAll(editorTab, diffTab);

        SplitPane split = new SplitPane(sidebar(), tabs);
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        setCenter(split);
    }

    private Region sidebar() {
        Label flowsTitle = new Label("Flows");
        flowsTitle.getStyleClass().add("section-title");
        flowList.setId("flow-list");
        flowList.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        flowList.setItems(model.flows());
        flowList.setCellFactory(list -> new FlowCell());
        flowList.setPlaceholder(new Label("No flows yet"));
        flowList.setPrefHeight(200);
        flowList.getSelectionModel().selectedItemProperty().addListener((o, a, flow) -> {
            if (!syncing && flow != null && !flow.id().equals(model.selectedFlowProperty().get())) {
                if (confirmDiscard()) {
                    model.selectedFlowProperty().set(flow.id());
                } else {
                    syncFlowSelection();
                }
            }
        });
        model.selectedFlowProperty().addListener((o, a, b) -> syncFlowSelection());
        model.flows().addListener((ListChangeListener<FlowSummary>) c -> syncFlowSelection());

        Label revisionsTitle = new Label("Revisions");
        revisionsTitle.getStyleClass().add("section-title");
        revisionList.setId("revision-list");
        revisionList.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        revisionList.setItems(model.revisions());
        revisionList.setCellFactory(list -> new RevisionCell());
        revisionList.setPlaceholder(new Label("Select a flow"));
        revisionList.getSelectionModel().selectedItemProperty().addListener((o, a, revision) -> {
            if (!syncing && revision != null && !revision.equals(model.selectedRevisionProperty().get())) {
                if (confirmDiscard()) {
                    model.selectedRevisionProperty().set(revision);
                } else {
                    syncRevisionSelection();
                }
            }
        });
        model.selectedRevisionProperty().addListener((o, a, b) -> syncRevisionSelection());
        model.revisions().addListener((ListChangeListener<FlowRevision>) c -> syncRevisionSelection());

        Label snapshotsTitle = new Label("Snapshots");
        snapshotsTitle.getStyleClass().add("section-title");
        snapshotList.setId("snapshot-list");
        snapshotList.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        snapshotList.setItems(model.snapshots());
        snapshotList.setCellFactory(list -> new SnapshotCell());
        snapshotList.setPlaceholder(new Label("None: save one from a run"));
        snapshotList.setPrefHeight(130);
        Button runSnapshot = new Button("Run…", new FontIcon(Material2MZ.PLAY_ARROW));
        runSnapshot.setId("snapshot-run");
        runSnapshot.getStyleClass().add(Styles.SMALL);
        Button deleteSnapshot = new Button("Delete", new FontIcon(Material2AL.DELETE));
        deleteSnapshot.setId("snapshot-delete");
        deleteSnapshot.getStyleClass().add(Styles.SMALL);
        var none = Bindings.isNull(snapshotList.getSelectionModel().selectedItemProperty());
        runSnapshot.disableProperty().bind(none);
        deleteSnapshot.disableProperty().bind(none);
        runSnapshot.setOnAction(e -> runSnapshot(snapshotList.getSelectionModel().getSelectedItem()));
        deleteSnapshot.setOnAction(e -> model.deleteSnapshot(snapshotList.getSelectionModel().getSelectedItem().name()));
        HBox snapshotActions = new HBox(6, runSnapshot, deleteSnapshot);
        snapshotActions.setPadding(new Insets(4, 10, 6, 10));

        VBox box = new VBox(pad(flowsTitle), flowList, pad(revisionsTitle), revisionList, pad(snapshotsTitle),
                snapshotList, snapshotActions);
        VBox.setVgrow(revisionList, Priority.ALWAYS);
        box.getStyleClass().add("flows-sidebar");
        box.setMinWidth(220);
        return box;
    }

    private static Region pad(Label title) {
        HBox box = new HBox(title);
        box.setPadding(new Insets(0, 10, 0, 10));
        return box;
    }

    private Region diffPane() {
        left.setId("diff-left");
        right.setId("diff-right");
        left.setItems(revisionNumbers());
        right.setItems(left.getItems());
        left.valueProperty().bindBidirectional(model.diffLeftProperty());
        right.valueProperty().bindBidirectional(model.diffRightProperty());
        left.setButtonCell(new NumberCell());
        left.setCellFactory(list -> new NumberCell());
        right.setButtonCell(new NumberCell());
        right.setCellFactory(list -> new NumberCell());
        diffSummary.setId("diff-summary");
        diffSummary.getStyleClass().add("muted");
        Label arrow = new Label(null, new FontIcon(Material2AL.ARROW_FORWARD));
        HBox bar = new HBox(8, new Label("Revision"), left, arrow, right, diffSummary);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("editor-bar");
        model.diffProperty().addListener((o, a, diff) -> showDiff());
        BorderPane pane = new BorderPane(diffView);
        pane.setTop(bar);
        return pane;
    }

    private ObservableList<Integer> revisionNumbers() {
        ObservableList<Integer> numbers = FXCollections.observableArrayList();
        model.revisions().addListener((ListChangeListener<FlowRevision>) c ->
                numbers.setAll(model.revisions().stream().map(FlowRevision::revision).toList()));
        return numbers;
    }

    private void showDiff() {
        RevisionDiff diff = model.diffProperty().get();
        Integer l = model.diffLeftProperty().get();
        Integer r = model.diffRightProperty().get();
        diffView.show(diff, l == null ? "" : "revision " + l, r == null ? "" : "revision " + r);
        diffSummary.setText(diff == null ? "" : diff.summary());
    }

    private void syncFlowSelection() {
        syncing = true;
        try {
            String id = model.selectedFlowProperty().get();
            for (int i = 0; i < flowList.getItems().size(); i++) {
                if (flowList.getItems().get(i).id().equals(id)) {
                    flowList.getSelectionModel().clearAndSelect(i);
                    return;
                }
            }
            flowList.getSelectionModel().clearSelection();
        } finally {
            syncing = false;
        }
    }

    private void syncRevisionSelection() {
        syncing = true;
        try {
            FlowRevision selected = model.selectedRevisionProperty().get();
            int index = selected == null ? -1 : revisionList.getItems().indexOf(selected);
            if (index >= 0) {
                revisionList.getSelectionModel().clearAndSelect(index);
                revisionList.scrollTo(index);
            } else {
                revisionList.getSelectionModel().clearSelection();
            }
        } finally {
            syncing = false;
        }
    }

    private boolean confirmDiscard() {
        if (!model.editor().dirtyProperty().get()) {
            return true;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
                "The editor has changes that are not saved. Open another revision and drop them?",
                ButtonType.YES, ButtonType.NO);
        alert.initOwner(getScene() == null ? null : getScene().getWindow());
        alert.setHeaderText("Drop the edits?");
        return alert.showAndWait().filter(ButtonType.YES::equals).isPresent();
    }

    private void startRun() {
        FlowRevision revision = model.editor().baseProperty().get();
        if (revision == null) {
            return;
        }
        dialogs().runFlow(revision, model.editor().dirtyProperty().get()
                ? "(as saved: the edits in the editor are not part of it)" : null, openRun);
    }

    /** "Run…" of a snapshot: its values prefilled, edited ones given over them. */
    private void runSnapshot(Snapshot snapshot) {
        if (snapshot != null) {
            dialogs().runSnapshot(snapshot, openRun);
        }
    }

    private RunDialogs dialogs() {
        return new RunDialogs(getScene().getWindow(), model.workspace(), model.ui(), model.messages());
    }

    private static final class SnapshotCell extends ListCell<Snapshot> {
        @Override
        protected void updateItem(Snapshot item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(item.name() + "  · rev " + item.revision());
            String inputs = item.parameters().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                    .collect(Collectors.joining("\n"));
            setTooltip(new Tooltip((item.description() == null ? "" : item.description() + "\n")
                    + (inputs.isEmpty() ? "defaults" : inputs)));
        }
    }

    /** Shows {@code text} in the editor as a flow not saved yet; {@code from} says where it came from. */
    public void draft(String text, String from) {
        tabs.getSelectionModel().selectFirst();
        model.draft(text, from);
    }

    /** Shows {@code text}, an edit of {@code revision} not saved yet, in the editor; {@code what} says what changed. */
    public void edit(FlowRevision revision, String text, String what) {
        model.edit(revision, text, what);
        tabs.getSelectionModel().selectFirst();
    }

    /** Shows flow {@code flowId}, its latest revision in the editor. */
    public void open(String flowId) {
        model.open(flowId);
        tabs.getSelectionModel().selectFirst();
    }

    public FlowsViewModel model() {
        return model;
    }

    public FlowEditorView editor() {
        return editor;
    }

    public DiffView diffView() {
        return diffView;
    }

    public TabPane tabs() {
        return tabs;
    }

    public ListView<FlowRevision> revisionList() {
        return revisionList;
    }

    private static final class FlowCell extends ListCell<FlowSummary> {
        @Override
        protected void updateItem(FlowSummary flow, boolean empty) {
            super.updateItem(flow, empty);
            if (empty || flow == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label id = new Label(flow.id());
            id.getStyleClass().add(Styles.TEXT_BOLD);
            Label facts = new Label("revision " + flow.latestRevision()
                    + (flow.description() != null ? " · " + flow.description() : ""));
            facts.getStyleClass().addAll("muted", Styles.TEXT_SMALL);
            facts.setMinWidth(0);
            setPrefWidth(0);
            setText(null);
            setGraphic(new VBox(1, id, facts));
        }
    }

    private final class RevisionCell extends ListCell<FlowRevision> {
        @Override
        protected void updateItem(FlowRevision revision, boolean empty) {
            super.updateItem(revision, empty);
            getStyleClass().remove("latest-revision");
            if (empty || revision == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label number = new Label("#" + revision.revision());
            number.getStyleClass().addAll(Styles.TEXT_BOLD, "revision-number");
            number.setMinWidth(34);
            Label date = new Label(Formats.dateTime(revision.createdAt()));
            Label sha = new Label(revision.sha256().substring(0, 10));
            sha.getStyleClass().addAll("mono", "muted");
            HBox line = new HBox(8, number, date, sha);
            line.setAlignment(Pos.CENTER_LEFT);
            if (Objects.equals(revision.revision(), model.latestRevision())) {
                Label latest = new Label("latest");
                latest.getStyleClass().addAll("latest-badge", Styles.TEXT_SMALL);
                line.getChildren().add(latest);
            }
            setText(null);
            setGraphic(line);
            setId("revision-" + revision.revision());
        }
    }

    private static final class NumberCell extends ListCell<Integer> {
        @Override
        protected void updateItem(Integer item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : "#" + item);
        }
    }
}
