package dev.reprise.ui.runs;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.ui.common.Formats;
import dev.reprise.ui.common.LiveRows;
import dev.reprise.ui.common.ModifiedBadge;
import dev.reprise.ui.replay.ReplayAction;
import dev.reprise.ui.replay.ReplayActions;
import dev.reprise.ui.common.StateChip;
import dev.reprise.ui.common.Ticker;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The runs browser: a filter bar and a virtualized table of runs that loads the next page when the
 * user scrolls near its end. Binds to {@link RunsViewModel}. FX thread only.
 */
public final class RunsView extends BorderPane {

    private static final String CSS = RunsView.class.getResource("runs.css").toExternalForm();
    private static final int LOAD_AHEAD = 40;

    private final RunsViewModel model;
    private final TableView<Run> table = new TableView<>();
    private final CustomTextField search = new CustomTextField();
    private final Button replayButton = new Button("Replay", new FontIcon(Material2MZ.REPLAY));
    /** Every row the table made, to refresh the shown ones of runs replaced in place. */
    private final List<TableRow<Run>> rows = new ArrayList<>();

    /**
     * Moves the durations of the running runs listed on with {@code ticker}'s ticks, ticking while one is listed;
     * the handle is released with the ticker's other registrations when the view is disposed.
     */
    public Ticker.Handle tickWith(Ticker ticker) {
        Ticker.Handle handle = ticker.add(model::tick);
        handle.setActive(model.anyRunning());
        model.runs().addListener((ListChangeListener<Run>) c -> {
            boolean running = model.anyRunning();
            if (running && !handle.isActive()) {
                model.tick(); // the time may be that of a tick long ago
            }
            handle.setActive(running);
        });
        return handle;
    }

    public RunsView(RunsViewModel model) {
        this.model = model;
        getStyleClass().add("runs-view");
        getStylesheets().add(CSS);
        setTop(createFilterBar());
        setCenter(createTable());
    }

    private Region createFilterBar() {
        search.setId("run-search");
        search.setPromptText("Search id, name or flow   (Ctrl+F)");
        search.setLeft(new FontIcon(Material2MZ.SEARCH));
        search.setPrefColumnCount(18);
        search.textProperty().bindBidirectional(model.textFilterProperty());

        ComboBox<String> flow = new ComboBox<>();
        flow.setId("flow-filter");
        flow.setPromptText("All flows");
        flow.getItems().add(null);
        model.flowIds().addListener((ListChangeListener<String>) c -> {
            String selected = flow.getValue();
            flow.getItems().setAll(model.flowIds());
            flow.getItems().add(0, null);
            flow.setValue(selected);
        });
        flow.setButtonCell(nullableButtonCell("All flows"));
        flow.setCellFactory(list -> nullableCell("All flows"));
        flow.valueProperty().bindBidirectional(model.flowFilterProperty());

        ComboBox<RunState> state = new ComboBox<>();
        state.setId("state-filter");
        state.getItems().add(null);
        state.getItems().addAll(RunState.values());
        state.setPromptText("Any state");
        state.setConverter(new StringConverter<>() {
            @Override
            public String toString(RunState s) {
                return s == null ? "Any state" : s.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public RunState fromString(String s) {
                return null;
            }
        });
        state.valueProperty().bindBidirectional(model.stateFilterProperty());

        TextField labels = new TextField();
        labels.setId("label-filter");
        labels.setPromptText("labels: key=value, …");
        labels.setPrefColumnCount(12);
        labels.textProperty().bindBidirectional(model.labelFilterProperty());
        Label labelError = new Label();
        labelError.getStyleClass().add(Styles.DANGER);
        labelError.textProperty().bind(model.labelErrorProperty());
        labelError.visibleProperty().bind(model.labelErrorProperty().isNotNull());
        labelError.managedProperty().bind(labelError.visibleProperty());
        model.labelErrorProperty().addListener((o, a, error) -> labels.pseudoClassStateChanged(Styles.STATE_DANGER, error != null));

        DatePicker from = new DatePicker();
        from.setId("from-filter");
        from.setPromptText("from");
        from.setPrefWidth(125);
        from.valueProperty().bindBidirectional(model.fromDateProperty());
        DatePicker to = new DatePicker();
        to.setId("to-filter");
        to.setPromptText("to");
        to.setPrefWidth(125);
        to.valueProperty().bindBidirectional(model.toDateProperty());

        Button clear = new Button(null, new FontIcon(Material2AL.FILTER_ALT));
        clear.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        clear.setTooltip(new Tooltip("Clear the filters"));
        clear.setAccessibleText("Clear the filters");
        clear.setOnAction(e -> model.clearFilters());

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.loadingProperty());
        Label summary = new Label();
        summary.setId("runs-summary");
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(model.summaryProperty());

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        replayButton.setId("runs-replay");
        replayButton.getStyleClass().add(Styles.SMALL);
        replayButton.setTooltip(new Tooltip("Replay the selected runs: each its failed part, or the whole run if it "
                + "succeeded; the revision and scope chosen for all, each run's plan shown first"));
        replayButton.disableProperty().bind(Bindings.isEmpty(
                table.getSelectionModel().getSelectedItems()));
        replayButton.setVisible(false);
        replayButton.setManaged(false);
        // the count and Replay read whole in a narrow window: the filter fields give way first
        summary.setMinWidth(Region.USE_PREF_SIZE);
        replayButton.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, search, flow, state, labels, labelError, from, to, clear, grow, busy, summary,
                replayButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 8, 10));
        bar.getStyleClass().add("filter-bar");
        return new VBox(bar);
    }

    /**
     * The button of a combo box whose null value means "none": the skin redraws it as empty when its items are
     * replaced while the value stays null, which left the flow filter blank once the flows had loaded.
     */
    private static ListCell<String> nullableButtonCell(String none) {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(item == null ? none : item);
            }
        };
    }

    private static ListCell<String> nullableCell(String none) {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? none : item);
            }
        };
    }

    private TableView<Run> createTable() {
        table.setId("runs-table");
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        // a run that changes while listed refreshes its own row, not every row the table shows
        table.setItems(new LiveRows<>(model.runs(), this::rowsReplaced));
        table.setPlaceholder(new Label("No runs match these filters"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<Run, RunState> state = new TableColumn<>("State");
        state.setId("col-state");
        state.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().state()));
        state.setCellFactory(c -> new TableCell<>() {
            private final StateChip chip = new StateChip();

            @Override
            protected void updateItem(RunState item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                } else {
                    chip.setState(item);
                    setGraphic(chip);
                }
            }
        });
        state.setPrefWidth(115);
        state.setMinWidth(105);

        TableColumn<Run, String> flow = text("Flow", r -> r.flowId(), 130);
        TableColumn<Run, Run> name = new TableColumn<>("Run");
        name.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue()));
        name.setCellFactory(c -> new NameCell());
        name.setPrefWidth(200);
        name.setId("col-name");
        TableColumn<Run, String> revision = text("Rev.", r -> String.valueOf(r.revision()), 50);
        revision.setStyle("-fx-alignment: center-right;");
        TableColumn<Run, String> started = text("Started", r -> Formats.dateTime(
                r.startedAt() != null ? r.startedAt() : r.createdAt()), 150);
        TableColumn<Run, String> duration = new TableColumn<>("Duration");
        duration.setId("col-duration");
        duration.setPrefWidth(90);
        // a running run's duration follows the window's tick; an ended one's is fixed
        duration.setCellValueFactory(c -> {
            Run r = c.getValue();
            if (r.state().isTerminal()) {
                return new SimpleStringProperty(Formats.duration(r.startedAt(), r.endedAt(), model.clock().instant()));
            }
            return Bindings.createStringBinding(() -> Formats.duration(r.startedAt(), r.endedAt(),
                    model.nowProperty().get()), model.nowProperty());
        });
        duration.setStyle("-fx-alignment: center-right;");
        TableColumn<Run, String> labels = text("Labels", r -> labels(r.labels()), 160);
        TableColumn<Run, String> lineage = text("Lineage", RunsView::lineage, 160);
        table.getColumns().setAll(List.of(state, flow, name, revision, started, duration, labels, lineage));

        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setRowFactory(t -> {
            TableRow<Run> row = new TableRow<>() {
                @Override
                protected void updateItem(Run item, boolean empty) {
                    super.updateItem(item, empty);
                    if (!empty && getIndex() >= t.getItems().size() - LOAD_AHEAD) {
                        model.loadMore();
                    }
                }
            };
            rows.add(row);
            return row;
        });
        return table;
    }

    /**
     * Rows {@code [from, to)} were replaced in place (runs that changed while listed): the table rows showing
     * them show the runs as they are now, and the selected run is the new one if it is among them. Rows out of
     * sight are brought up to date when the table shows them again.
     */
    private void rowsReplaced(int from, int to) {
        for (TableRow<Run> row : rows) {
            int index = row.getIndex();
            if (index >= from && index < to && row.isVisible() && row.getTableView() == table) {
                row.updateIndex(index);
            }
        }
        int selected = table.getSelectionModel().getSelectedIndex();
        if (selected >= from && selected < to) {
            table.getSelectionModel().select(selected); // the selected item becomes the run as it is now
        }
    }

    /** The run's name and id, and the "modified" mark of a replay with changed inputs. */
    private static final class NameCell extends TableCell<Run, Run> {
        private final Label text = new Label();
        private final HBox box = new HBox(6, text);

        NameCell() {
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Run item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            text.setText(item.name() != null ? item.name() + "  (" + item.id() + ")" : item.id());
            if (item.modified()) {
                box.getChildren().setAll(text, ModifiedBadge.create(item));
            } else {
                box.getChildren().setAll(text);
            }
            setGraphic(box);
        }
    }

    /** Offers replay on the selected runs: a toolbar button and the table's context menu. */
    public void setReplayActions(ReplayActions actions) {
        replayButton.setOnAction(e -> actions.replayAll(List.copyOf(table.getSelectionModel().getSelectedItems())));
        replayButton.setVisible(true);
        replayButton.setManaged(true);
        MenuItem replay = new MenuItem("Replay", new FontIcon(Material2MZ.REPLAY));
        replay.setId("menu-runs-replay");
        replay.setOnAction(e -> actions.replayAll(List.copyOf(table.getSelectionModel().getSelectedItems())));
        MenuItem changes = new MenuItem("Replay with changes…", new FontIcon(Material2AL.EDIT));
        changes.setId("menu-runs-replay-changes");
        changes.setOnAction(e -> {
            Run run = table.getSelectionModel().getSelectedItem();
            if (run != null) {
                actions.perform(run.id(), null, ReplayAction.CHANGES);
            }
        });
        ContextMenu menu = new ContextMenu(replay, changes);
        menu.setOnShowing(e -> {
            int n = table.getSelectionModel().getSelectedItems().size();
            replay.setText(n > 1 ? "Replay " + n + " runs (each as it was, or its failed part)…" : "Replay…");
            replay.setDisable(n == 0);
            changes.setDisable(n != 1);
        });
        table.setContextMenu(menu);
    }

    private static TableColumn<Run, String> text(String title, Function<Run, String> value, double width) {
        TableColumn<Run, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static String labels(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** The run the user selected in the table. */
    public ReadOnlyObjectProperty<Run> selectedRunProperty() {
        return table.getSelectionModel().selectedItemProperty();
    }

    public TableView<Run> table() {
        return table;
    }

    /** Puts the keyboard in the search field (Ctrl+F). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Selects the next ({@code +1}) or previous ({@code -1}) run. */
    public void move(int delta) {
        int size = table.getItems().size();
        if (size == 0) {
            return;
        }
        int index = table.getSelectionModel().getSelectedIndex();
        int next = index < 0 ? 0 : Math.max(0, Math.min(size - 1, index + delta));
        table.getSelectionModel().clearAndSelect(next);
        table.scrollTo(Math.max(0, next - 3));
    }

    /** Where a run comes from: the run it replays, the step of another run that started it, both or neither. */
    static String lineage(Run run) {
        List<String> parts = new ArrayList<>(2);
        if (run.parentRunId() != null) {
            parts.add("replay of " + run.parentRunId());
        }
        if (run.trigger() != null) {
            parts.add("started by " + run.trigger().stepId() + " of " + run.trigger().runId());
        }
        return String.join(", ", parts);
    }
}
