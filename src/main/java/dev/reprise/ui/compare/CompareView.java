package dev.reprise.ui.compare;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.reprise.run.Run;
import dev.reprise.ui.common.DiffView;
import dev.reprise.ui.common.Formats;
import dev.reprise.ui.common.StateChip;
import dev.reprise.ui.compare.RunComparison.Change;
import dev.reprise.workspace.RevisionDiff;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Two runs side by side: a header naming both (click one to open it), the comparison as a tree of
 * sections (run, parameters, flow outputs, steps with their inputs and outputs) with every difference
 * marked, and the diff of their flow revisions when those differ. Binds to {@link CompareViewModel}.
 * FX thread only.
 */
public final class CompareView extends BorderPane {

    private static final String CSS = CompareView.class.getResource("compare.css").toExternalForm();
    private static final PseudoClass SECTION = PseudoClass.getPseudoClass("section");

    private final CompareViewModel model;
    private final Consumer<String> openRun;
    private final TreeTableView<CompareRow> table = new TreeTableView<>();
    private final TreeTableColumn<CompareRow, String> leftColumn = new TreeTableColumn<>("Left");
    private final TreeTableColumn<CompareRow, String> rightColumn = new TreeTableColumn<>("Right");
    private final HBox header = new HBox(12);
    private final Label summary = new Label();
    private final DiffView diffView = new DiffView();
    private final Tab diffTab;

    public CompareView(CompareViewModel model, Consumer<String> openRun) {
        this.model = model;
        this.openRun = openRun;
        getStyleClass().add("compare-view");
        getStylesheets().add(CSS);

        header.setId("compare-header");
        header.getStyleClass().add("compare-header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(8, 12, 8, 12));
        setTop(new VBox(header, toolbar()));

        TabPane tabs = new TabPane();
        tabs.setId("compare-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab sideBySide = new Tab("Side by side", createTable());
        sideBySide.setGraphic(new FontIcon(Material2AL.COMPARE_ARROWS));
        diffTab = new Tab("Flow revisions", diffView);
        diffTab.setId("tab-revision-diff");
        diffTab.setGraphic(new FontIcon(Material2AL.DESCRIPTION));
        tabs.getTabs().addAll(sideBySide, diffTab);
        ProgressIndicator loading = new ProgressIndicator();
        loading.setMaxSize(40, 40);
        loading.visibleProperty().bind(model.loadingProperty());
        setCenter(new StackPane(tabs, loading));

        model.comparisonProperty().addListener((o, a, comparison) -> render(comparison));
        model.rows().addListener((ListChangeListener<CompareRow>) c -> fill());
        render(model.comparisonProperty().get());
    }

    private Region toolbar() {
        ToggleButton only = new ToggleButton("Only differences", new FontIcon(Material2AL.FILTER_LIST));
        only.setId("only-differences");
        only.selectedProperty().bindBidirectional(model.onlyDifferencesProperty());
        Button swap = new Button("Swap", new FontIcon(Material2MZ.SWAP_HORIZ));
        swap.setId("swap-runs");
        swap.setTooltip(new Tooltip("Put the right run on the left"));
        swap.setOnAction(e -> model.swap());
        summary.setId("compare-summary");
        summary.getStyleClass().add("muted");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, only, swap, grow, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 12, 4, 12));
        bar.getStyleClass().add("compare-toolbar");
        return bar;
    }

    private TreeTableView<CompareRow> createTable() {
        table.setId("compare-table");
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setShowRoot(false);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TreeTableColumn<CompareRow, String> what = column("", CompareRow::label, 220);
        TreeTableColumn<CompareRow, String> delta = column("Δ duration", r -> r.delta() == null ? "" : r.delta(), 150);
        leftColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().left()));
        rightColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().right()));
        leftColumn.setPrefWidth(380);
        rightColumn.setPrefWidth(380);
        leftColumn.setId("col-left");
        rightColumn.setId("col-right");
        table.getColumns().setAll(List.of(what, leftColumn, rightColumn, delta));
        table.setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(CompareRow row, boolean empty) {
                super.updateItem(row, empty);
                for (Change change : Change.values()) {
                    pseudoClassStateChanged(pseudo(change), !empty && row != null && row.change() == change);
                }
                pseudoClassStateChanged(SECTION, !empty && row != null && row.change() == null);
                setTooltip(!empty && row != null && row.differs() ? new Tooltip(tooltip(row)) : null);
            }
        });
        table.setPlaceholder(new Label("Nothing to compare yet"));
        return table;
    }

    private static String tooltip(CompareRow row) {
        return switch (row.change()) {
            case CHANGED -> row.label().trim() + " differs";
            case ONLY_LEFT -> row.label().trim() + " is only in the left run";
            case ONLY_RIGHT -> row.label().trim() + " is only in the right run";
            case SAME -> "";
        };
    }

    /** The pseudo-class a row has for a kind of difference: {@code :changed}, {@code :only-left}, {@code :only-right}. */
    public static PseudoClass pseudo(Change change) {
        return PseudoClass.getPseudoClass(change.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private static TreeTableColumn<CompareRow, String> column(String title, Function<CompareRow, String> value, double width) {
        TreeTableColumn<CompareRow, String> column = new TreeTableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue().getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private void fill() {
        TreeItem<CompareRow> root = new TreeItem<>();
        for (CompareRow section : model.rows()) {
            root.getChildren().add(item(section, true));
        }
        table.setRoot(root);
    }

    private TreeItem<CompareRow> item(CompareRow row, boolean expanded) {
        TreeItem<CompareRow> item = new TreeItem<>(row);
        for (CompareRow child : row.children()) {
            // steps open when they differ, so that what changed inside them shows at once
            item.getChildren().add(item(child, child.differs()));
        }
        item.setExpanded(expanded);
        return item;
    }

    private void render(RunComparison comparison) {
        if (comparison == null) {
            header.getChildren().setAll(new Label("Loading the runs…"));
            return;
        }
        Run left = comparison.left().run();
        Run right = comparison.right().run();
        Label arrow = new Label(null, new FontIcon(Material2AL.ARROW_FORWARD));
        header.getChildren().setAll(card(left, "left-run", relation(left, right)), arrow,
                card(right, "right-run", relation(right, left)));
        leftColumn.setText("Left · " + shortId(left.id()));
        rightColumn.setText("Right · " + shortId(right.id()));
        int differences = comparison.differences();
        summary.setText(differences == 0 ? "No differences in parameters, outputs or steps"
                : differences + (differences == 1 ? " difference" : " differences") + " in parameters, outputs and steps");
        RevisionDiff diff = model.revisionDiffProperty().get();
        diffTab.setDisable(diff == null);
        diffTab.setText(diff == null ? "Flow revisions (same revision)"
                : "Flow revisions " + left.revision() + " → " + right.revision());
        diffView.show(diff, left.flowId() + " revision " + left.revision(), right.flowId() + " revision " + right.revision());
    }

    private static String relation(Run run, Run other) {
        if (other.id().equals(run.parentRunId())) {
            return "replay";
        }
        if (run.id().equals(other.parentRunId())) {
            return "source";
        }
        return null;
    }

    private Region card(Run run, String id, String role) {
        StateChip chip = new StateChip(run.state());
        Hyperlink link = new Hyperlink(run.flowId() + " · " + run.id());
        link.setId(id);
        link.getStyleClass().add(Styles.TEXT_BOLD);
        link.setOnAction(e -> openRun.accept(run.id()));
        Label facts = new Label("revision " + run.revision() + " · started "
                + Formats.dateTime(run.startedAt() != null ? run.startedAt() : run.createdAt())
                + (run.startedAt() != null ? " · " + Formats.duration(run.startedAt(), run.endedAt(), model.clock().instant()) : "")
                + (run.modified() ? " · modified" : ""));
        facts.getStyleClass().add("muted");
        HBox title = new HBox(6, chip, link);
        title.setAlignment(Pos.CENTER_LEFT);
        if (role != null) {
            Label badge = new Label(role);
            badge.getStyleClass().add("role-badge");
            title.getChildren().add(badge);
        }
        VBox card = new VBox(2, title, facts);
        card.getStyleClass().add("run-card");
        HBox.setHgrow(card, Priority.ALWAYS);
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }

    private static String shortId(String id) {
        return id.length() > 10 ? "…" + id.substring(id.length() - 6) : id;
    }

    public CompareViewModel model() {
        return model;
    }

    public TreeTableView<CompareRow> table() {
        return table;
    }
}
