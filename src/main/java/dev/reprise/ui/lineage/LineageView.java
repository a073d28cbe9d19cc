package dev.reprise.ui.lineage;

import atlantafx.base.theme.Styles;
import dev.reprise.run.Run;
import dev.reprise.ui.common.Formats;
import dev.reprise.ui.common.StateChip;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * The Lineage tab: links to this run's parent and root, and the runs sharing its root, each opening that
 * run. Binds to {@link LineageViewModel}. FX thread only.
 */
public final class LineageView extends VBox {

    private final LineageViewModel model;
    private final Consumer<String> openRun;
    private final VBox links = new VBox(4);
    private final ListView<Run> family = new ListView<>();

    public LineageView(LineageViewModel model, Consumer<String> openRun) {
        super(6);
        this.model = model;
        this.openRun = openRun;
        setPadding(new Insets(10));
        Label familyTitle = new Label("Runs with the same root");
        familyTitle.getStyleClass().add("section-title");
        family.setId("lineage-family");
        family.getStyleClass().add(Styles.DENSE);
        family.setItems(model.family());
        family.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Run item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                Run shown = model.runProperty().get();
                Hyperlink link = new Hyperlink(item.id() + (item.name() != null ? "  " + item.name() : ""));
                link.setOnAction(e -> openRun.accept(item.id()));
                link.setDisable(shown != null && shown.id().equals(item.id()));
                Label when = new Label(Formats.dateTime(item.createdAt()) + (item.parentRunId() != null
                        ? "  · replay of " + item.parentRunId() : "  · original"));
                when.getStyleClass().add("muted");
                HBox row = new HBox(8, new StateChip(item.state()), link, when);
                row.setAlignment(Pos.CENTER_LEFT);
                setGraphic(row);
            }
        });
        family.setPlaceholder(new Label("Looking for related runs…"));
        VBox.setVgrow(family, Priority.ALWAYS);
        Label later = new Label("Replays of this run appear here once replay exists; the full lineage tree comes with it.");
        later.getStyleClass().add("muted");
        getChildren().addAll(links, familyTitle, family, later);
        model.runProperty().addListener((o, a, run) -> renderLinks(run));
        model.family().addListener((ListChangeListener<Run>) c -> family.refresh());
        renderLinks(model.runProperty().get());
    }

    private void renderLinks(Run run) {
        links.getChildren().clear();
        if (run == null) {
            return;
        }
        links.getChildren().addAll(
                line("This run", new Label(run.id())),
                line("Parent", run.parentRunId() == null ? muted("none: not a replay") : link(run.parentRunId())),
                line("Root", run.rootRunId() == null || run.rootRunId().equals(run.id())
                        ? muted("this run") : link(run.rootRunId())));
    }

    private Node line(String title, Node value) {
        Label label = new Label(title);
        label.setMinWidth(80);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        HBox row = new HBox(8, label, value);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Hyperlink link(String runId) {
        Hyperlink link = new Hyperlink(runId);
        link.setOnAction(e -> openRun.accept(runId));
        return link;
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("muted");
        return label;
    }
}
