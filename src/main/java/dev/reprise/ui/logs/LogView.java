package dev.reprise.ui.logs;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.reprise.run.SuggestedFix;
import dev.reprise.ui.common.SuggestedFixBox;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * One attempt's log as a virtualized list of lines, with an attempt chooser, search and "follow". The
 * next chunk is read when the list shows its last lines; while following, a timer polls twice a second.
 * The fix a failed attempt suggests shows under its log. Binds to {@link LogViewModel}; {@link #dispose()} stops
 * the timer. FX thread only.
 */
public final class LogView extends BorderPane {

    private static final String CSS = LogView.class.getResource("logs.css").toExternalForm();

    private final LogViewModel model;
    private final ListView<String> list = new ListView<>();
    private final Timeline poller;

    public LogView(LogViewModel model) {
        this.model = model;
        getStyleClass().add("log-view");
        getStylesheets().add(CSS);

        ComboBox<Integer> attempt = new ComboBox<>(model.attempts());
        attempt.setId("log-attempt");
        attempt.setPromptText("attempt");
        attempt.valueProperty().bindBidirectional(model.attemptProperty());
        attempt.setButtonCell(attemptCell());
        attempt.setCellFactory(l -> attemptCell());

        CustomTextField search = new CustomTextField();
        search.setId("log-search");
        search.setPromptText("Find in log (Enter, Shift+Enter)");
        search.setLeft(new FontIcon(Material2MZ.SEARCH));
        search.setPrefColumnCount(18);
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.find(search.getText(), !e.isShiftDown());
            }
        });
        Button previous = iconButton(Material2AL.KEYBOARD_ARROW_UP, "Previous match", () -> model.find(search.getText(), false));
        Button next = iconButton(Material2AL.KEYBOARD_ARROW_DOWN, "Next match", () -> model.find(search.getText(), true));

        CheckBox follow = new CheckBox("Follow");
        follow.selectedProperty().bindBidirectional(model.followProperty());
        Label status = new Label();
        status.setId("log-status");
        status.getStyleClass().add("muted");
        status.textProperty().bind(model.statusProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, new Label("Attempt"), attempt, search, previous, next, follow, grow, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("log-bar");
        setTop(bar);

        list.setId("log-lines");
        list.getStyleClass().addAll("mono", Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        list.setItems(model.lines());
        list.setFixedCellSize(20);
        list.setPlaceholder(new Label("Select a step to see its log."));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                if (!empty && getIndex() >= l.getItems().size() - 50) {
                    model.loadMore();
                }
            }
        });
        model.matchProperty().addListener((o, a, index) -> {
            int i = index.intValue();
            if (i >= 0) {
                list.getSelectionModel().clearAndSelect(i);
                list.scrollTo(Math.max(0, i - 5));
            }
        });
        model.lines().addListener((ListChangeListener<String>) c -> {
            if (model.followProperty().get() && !model.completeProperty().get() && !model.lines().isEmpty()) {
                list.scrollTo(model.lines().size() - 1);
            }
        });
        setCenter(list);
        // the fix a failed attempt suggests, under its log: read the log, then what would have made it succeed
        model.fixProperty().addListener((o, a, fix) -> showFix(fix));
        showFix(model.fixProperty().get());

        poller = new Timeline(new KeyFrame(Duration.millis(500), e -> model.poll()));
        poller.setCycleCount(Timeline.INDEFINITE);
        poller.play();
    }

    private void showFix(SuggestedFix fix) {
        if (fix == null) {
            setBottom(null);
            return;
        }
        SuggestedFixBox box = new SuggestedFixBox(fix);
        box.setId("log-suggested-fix");
        BorderPane.setMargin(box, new Insets(6, 10, 8, 10));
        setBottom(box);
    }

    private static ListCell<Integer> attemptCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Integer item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : "#" + item);
            }
        };
    }

    private static Button iconButton(Ikon icon, String tip, Runnable action) {
        Button button = new Button(null, new FontIcon(icon));
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(new Tooltip(tip));
        button.setAccessibleText(tip); // an icon says nothing to a screen reader
        button.setOnAction(e -> action.run());
        return button;
    }

    public ListView<String> lines() {
        return list;
    }

    /** Stops polling; the view is going away. */
    public void dispose() {
        poller.stop();
    }
}
