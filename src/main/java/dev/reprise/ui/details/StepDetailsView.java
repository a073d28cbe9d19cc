package dev.reprise.ui.details;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.reprise.run.Attempt;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.run.SuggestedFix;
import dev.reprise.ui.common.Formats;
import dev.reprise.ui.common.LayoutBoundary;
import dev.reprise.ui.common.LiveRows;
import dev.reprise.ui.common.StateChip;
import dev.reprise.ui.common.SuggestedFixBox;
import dev.reprise.ui.replay.ReplayAction;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The step details pane: the run's steps as a list (selecting one selects it everywhere), and the
 * selected step's state, timings, attempts, inputs, outputs and definition, the replay actions on it, and the
 * fix its failure suggests with the actions that apply it.
 * Binds to {@link StepDetailsViewModel}. FX thread only.
 */
public final class StepDetailsView extends VBox {

    private static final String CSS = StepDetailsView.class.getResource("details.css").toExternalForm();

    private final StepDetailsViewModel model;
    private final ListView<StepRun> stepList = new ListView<>();
    private final VBox body = new VBox(4);
    private final Label title = new Label();
    private final StateChip chip = new StateChip();
    private final Label timing = new Label();
    private final Label error = new Label();
    private final VBox attemptBox = new VBox(4);
    private final GridPane inputGrid = new GridPane();
    private final GridPane outputGrid = new GridPane();
    private final TextArea definition = new TextArea();
    private final BiConsumer<String, Attempt> showLog;
    private BiConsumer<String, ReplayAction> onReplay;
    private FixHandler onFix;
    private Consumer<String> onCancel;
    private Consumer<String> onOpenRun = runId -> { };
    private boolean syncing;
    /** Every cell the list made, to refresh the shown ones of rows replaced in place. */
    private final List<StepCell> cells = new ArrayList<>();

    /**
     * @param steps   the run's step instances, shown as the pane's list
     * @param showLog opens the log of an attempt of a step (the run view switches to its Logs tab)
     */
    public StepDetailsView(StepDetailsViewModel model, ObservableList<StepRun> steps, BiConsumer<String, Attempt> showLog) {
        this.model = model;
        this.showLog = showLog;
        getStyleClass().add("step-details");
        getStylesheets().add(CSS);
        setMinWidth(300);
        setPrefWidth(400);

        Label stepsTitle = sectionTitle("Steps");
        stepsTitle.setPadding(new Insets(8, 10, 2, 10));
        stepList.setId("steps-list");
        stepList.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        stepList.setItems(new LiveRows<>(steps, this::rowsReplaced));
        stepList.setPrefHeight(230);
        stepList.setMinHeight(170);
        stepList.setCellFactory(list -> {
            StepCell cell = new StepCell(model::now);
            cells.add(cell);
            return cell;
        });
        stepList.setPlaceholder(new Label("No steps yet"));
        stepList.getSelectionModel().selectedItemProperty().addListener((o, a, selected) -> {
            if (!syncing && selected != null) {
                model.select(selected.stepId());
            }
        });
        model.stepProperty().addListener((o, a, b) -> syncListSelection());
        steps.addListener((ListChangeListener<StepRun>) c -> syncListSelection());

        body.setPadding(new Insets(6, 12, 12, 12));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        // the list re-lays itself out as a live run adds rows, without laying out the panes around it
        getChildren().addAll(stepsTitle, new LayoutBoundary(stepList), scroll);

        title.getStyleClass().add(Styles.TITLE_4);
        title.setId("step-title");
        chip.setId("step-state");
        error.getStyleClass().addAll(Styles.DANGER, "step-error");
        error.setWrapText(true);
        timing.getStyleClass().add("muted");
        timing.textProperty().bind(model.timingProperty());
        definition.setEditable(false);
        definition.getStyleClass().add("mono");
        definition.setPrefRowCount(8);
        definition.setId("step-definition");
        definition.textProperty().bind(model.definitionProperty());
        inputGrid.getStyleClass().add("value-grid");
        outputGrid.getStyleClass().add("value-grid");

        model.stepProperty().addListener((o, a, step) -> render(step));
        model.attempts().addListener((ListChangeListener<Attempt>) c -> renderAttempts());
        model.inputs().addListener((ListChangeListener<StepDetailsViewModel.Value>) c -> fill(inputGrid, model.inputs()));
        model.outputs().addListener((ListChangeListener<StepDetailsViewModel.Value>) c -> fill(outputGrid, model.outputs()));
        render(model.stepProperty().get());
    }

    /**
     * Rows {@code [from, to)} were replaced in place (a live batch): the cells showing them show the new step
     * runs, and the selection holds the new one if it is among them. Cells out of sight are brought up to date
     * when the list shows them again.
     */
    private void rowsReplaced(int from, int to) {
        for (StepCell cell : cells) {
            int index = cell.getIndex();
            if (index >= from && index < to && cell.isVisible() && cell.getListView() == stepList) {
                cell.updateIndex(index);
            }
        }
        int selected = stepList.getSelectionModel().getSelectedIndex();
        if (selected >= from && selected < to) {
            syncing = true;
            try {
                stepList.getSelectionModel().select(selected); // the selected item becomes the new step run
            } finally {
                syncing = false;
            }
        }
    }

    private void syncListSelection() {
        StepRun step = model.stepProperty().get();
        syncing = true;
        try {
            if (step == null) {
                stepList.getSelectionModel().clearSelection();
                return;
            }
            List<StepRun> items = stepList.getItems();
            int selected = stepList.getSelectionModel().getSelectedIndex();
            if (selected >= 0 && selected < items.size() && items.get(selected).stepId().equals(step.stepId())) {
                return; // a live change of other rows: the selection stands, no need to look for it
            }
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).stepId().equals(step.stepId())) {
                    if (stepList.getSelectionModel().getSelectedIndex() != i) {
                        stepList.getSelectionModel().clearAndSelect(i);
                        stepList.scrollTo(Math.max(0, i - 2));
                    }
                    return;
                }
            }
        } finally {
            syncing = false;
        }
    }

    private void render(StepRun step) {
        if (step == null) {
            Label hint = new Label("Select a step in the list, the Gantt or the DAG to see its details.");
            hint.setWrapText(true);
            hint.getStyleClass().add("placeholder-text");
            body.getChildren().setAll(hint);
            return;
        }
        title.setText(step.stepId());
        chip.setState(step.state());
        error.setText(step.error());
        error.setVisible(step.error() != null);
        error.setManaged(step.error() != null);
        HBox header = new HBox(8, title, chip);
        header.setAlignment(Pos.CENTER_LEFT);
        renderAttempts();
        fill(inputGrid, model.inputs());
        fill(outputGrid, model.outputs());
        // the replay actions right under the step's state, then the suggested fix: where the eye is when a step
        // has failed
        body.getChildren().setAll(header, timing, error, actionsPlace(step));
        SuggestedFix fix = suggestedFix(step);
        if (fix != null) {
            body.getChildren().add(fixBox(step, fix));
        }
        body.getChildren().addAll(
                sectionTitle("Attempts"), attemptBox,
                sectionTitle("Inputs"), inputGrid,
                sectionTitle("Outputs"), outputGrid,
                sectionTitle("Definition"), definition);
    }

    /** What the link to the run an attempt started (a sub-pipeline) does: opens the run it is given. */
    public void setOnOpenRun(Consumer<String> handler) {
        onOpenRun = handler == null ? runId -> { } : handler;
        renderAttempts();
    }

    private void renderAttempts() {
        StepRun step = model.stepProperty().get();
        attemptBox.getChildren().clear();
        if (step == null || model.attempts().isEmpty()) {
            attemptBox.getChildren().add(muted(step != null && step.reusedFrom() != null
                    ? "reused: no attempt in this run" : "no attempt yet"));
            return;
        }
        for (Attempt attempt : model.attempts()) {
            StateChip state = new StateChip(attempt.state());
            Label number = new Label("#" + attempt.number());
            number.getStyleClass().add(Styles.TEXT_BOLD);
            number.getStyleClass().add("attempt-number");
            Label facts = new Label(String.join("  ·  ", List.of(
                    Formats.duration(attempt.startedAt(), attempt.endedAt(), model.now()),
                    attempt.exitCode() != null ? "exit " + attempt.exitCode() : "no exit code",
                    attempt.queuedAt() != null && attempt.startedAt() != null
                            ? "queued " + Formats.duration(attempt.queuedAt(), attempt.startedAt(), model.now()) : "")
                    .stream().filter(s -> !s.isEmpty()).toList()));
            facts.getStyleClass().add("muted");
            Hyperlink log = new Hyperlink("log");
            log.setOnAction(e -> showLog.accept(step.stepId(), attempt));
            // the attempt's number, state and log link always read whole; the facts wrap when the pane is narrow
            for (Region whole : new Region[] {number, state, log}) {
                whole.setMinWidth(Region.USE_PREF_SIZE);
            }
            facts.setWrapText(true);
            facts.setMinWidth(0);
            HBox.setHgrow(facts, Priority.SOMETIMES);
            HBox line = new HBox(6, number, state, facts, log);
            line.setAlignment(Pos.CENTER_LEFT);
            VBox item = new VBox(2, line);
            if (attempt.childRunId() != null) {
                Hyperlink child = new Hyperlink("started run " + attempt.childRunId());
                child.setId("details-child-run-" + attempt.number());
                child.setOnAction(e -> onOpenRun.accept(attempt.childRunId()));
                item.getChildren().add(child);
            }
            if (attempt.error() != null) {
                Label attemptError = new Label(attempt.error());
                attemptError.setWrapText(true);
                attemptError.getStyleClass().add(Styles.DANGER);
                item.getChildren().add(attemptError);
            }
            attemptBox.getChildren().add(item);
        }
    }

    private void fill(GridPane grid, List<StepDetailsViewModel.Value> values) {
        grid.getChildren().clear();
        grid.setHgap(10);
        grid.setVgap(3);
        if (values.isEmpty()) {
            grid.add(muted("none"), 0, 0);
            return;
        }
        int row = 0;
        for (StepDetailsViewModel.Value value : values) {
            Label name = new Label(value.name());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label text = new Label(value.text());
            text.setWrapText(true);
            text.getStyleClass().add("mono");
            text.setTooltip(new Tooltip(value.text()));
            grid.add(name, 0, row);
            grid.add(text, 1, row);
            row++;
        }
    }

    /**
     * The actions on the selected step: "Cancel step" while it has not ended (it cannot be replayed yet), else
     * the replay actions, each opening the replay form with its scope.
     */
    private Node actionsPlace(StepRun step) {
        FlowPane actions = new FlowPane(6, 6);
        actions.setId("replay-actions");
        actions.setPadding(new Insets(4, 0, 2, 0));
        if (!step.state().isTerminal()) {
            Button cancel = new Button("Cancel step…", new FontIcon(Material2AL.CANCEL));
            cancel.setId("details-cancel-step");
            cancel.getStyleClass().addAll(Styles.SMALL, Styles.DANGER);
            cancel.setDisable(onCancel == null);
            cancel.setOnAction(e -> {
                if (onCancel != null) {
                    onCancel.accept(step.stepId());
                }
            });
            actions.getChildren().add(cancel);
            return actions;
        }
        for (ReplayAction action : ReplayAction.values()) {
            Button button = new Button(action.label(), new FontIcon(action == ReplayAction.CHANGES
                    ? Material2AL.EDIT : Material2MZ.REPLAY));
            button.setId("details-replay-" + action.name().toLowerCase(Locale.ROOT));
            button.getStyleClass().add(Styles.SMALL);
            if (action == ReplayAction.CHANGES) {
                button.getStyleClass().add(Styles.ACCENT);
            }
            button.setDisable(onReplay == null);
            button.setOnAction(e -> {
                StepRun selected = model.stepProperty().get();
                if (onReplay != null && selected != null) {
                    onReplay.accept(selected.stepId(), action);
                }
            });
            actions.getChildren().add(button);
        }
        return actions;
    }

    /** The fix the step's last attempt suggests, once the step has ended without succeeding; else null. */
    private static SuggestedFix suggestedFix(StepRun step) {
        Attempt last = step.lastAttempt();
        return last == null || !step.state().isTerminal() || step.state() == StepState.SUCCEEDED ? null : last.fix();
    }

    private Node fixBox(StepRun step, SuggestedFix fix) {
        Button apply = new Button("Apply fix", new FontIcon(Material2AL.EDIT));
        apply.setId("details-apply-fix");
        apply.getStyleClass().add(Styles.SMALL);
        apply.setTooltip(new Tooltip("Opens the flow editor with the change made; saving it makes a new revision"));
        Button applyAndReplay = new Button("Apply and replay", new FontIcon(Material2MZ.REPLAY));
        applyAndReplay.setId("details-apply-and-replay");
        applyAndReplay.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT);
        applyAndReplay.setTooltip(new Tooltip("Saves the change as the flow's next revision and opens the replay "
                + "form from " + step.stepId() + " on it"));
        apply.setDisable(onFix == null);
        applyAndReplay.setDisable(onFix == null);
        apply.setOnAction(e -> onFix.apply(step, fix));
        applyAndReplay.setOnAction(e -> onFix.applyAndReplay(step, fix));
        return new SuggestedFixBox(fix).withActions(apply, applyAndReplay);
    }

    /** What the suggested fix's buttons do. */
    public interface FixHandler {
        /** Opens the flow editor with {@code fix} made. */
        void apply(StepRun step, SuggestedFix fix);

        /** Saves {@code fix} as a new revision and opens the replay form from {@code step} on it. */
        void applyAndReplay(StepRun step, SuggestedFix fix);
    }

    /** What the suggested fix's buttons do; until it is set they are disabled. */
    public void setOnFix(FixHandler handler) {
        this.onFix = handler;
        render(model.stepProperty().get());
    }

    /** What "Cancel step" does with the selected step instance's id; until it is set it is disabled. */
    public void setOnCancel(Consumer<String> handler) {
        this.onCancel = handler;
        render(model.stepProperty().get());
    }

    /** What the replay buttons do with the selected step instance; until it is set they are disabled. */
    public void setOnReplay(BiConsumer<String, ReplayAction> handler) {
        this.onReplay = handler;
        render(model.stepProperty().get());
    }

    private static Label sectionTitle(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("muted");
        return label;
    }

    /**
     * A tick of the window's clock: the durations of the steps shown that have not ended, and the selected step's
     * timing and attempts if it has not ended, are measured again.
     */
    public void tick() {
        for (StepCell cell : cells) {
            if (cell.getListView() == stepList && cell.isVisible() && cell.getItem() != null
                    && !cell.getItem().state().isTerminal()) {
                cell.showTime(cell.getItem());
            }
        }
        model.tick();
        StepRun shown = model.stepProperty().get();
        if (shown != null && !shown.state().isTerminal()) {
            renderAttempts();
        }
    }

    public ListView<StepRun> stepList() {
        return stepList;
    }

    private static final class StepCell extends ListCell<StepRun> {
        private final StateChip chip = new StateChip();
        private final Label name = new Label();
        private final Label took = new Label();
        private final HBox box;
        private final Supplier<Instant> now;

        /**
         * Lays out a cell the list shows again at the same place with the same step run, if it is still marked for
         * layout. A new cell moves its parts once when first laid out; the mark that leaves on it is set while the
         * list is laying out, so it never reaches the list and the cell keeps it, and the list then styles such a
         * cell afresh each time it lays out: on every live batch that adds rows. Nothing about the cell changed, so
         * laying it out clears the mark without styling it again.
         */
        @Override
        public void updateIndex(int index) {
            int shownIndex = getIndex();
            StepRun shown = getItem();
            super.updateIndex(index);
            if (index == shownIndex && getItem() == shown && isNeedsLayout() && getScene() != null) {
                layout();
            }
        }

        StepCell(Supplier<Instant> now) {
            this.now = now;
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            took.getStyleClass().add("muted");
            box = new HBox(8, name, grow, took, chip);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(StepRun item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            name.setText(item.stepId());
            chip.setState(item.state());
            showTime(item);
            setText(null);
            setGraphic(box);
        }

        void showTime(StepRun item) {
            String attempts = item.attempts().size() > 1 ? item.attempts().size() + " attempts · " : "";
            took.setText(attempts + Formats.duration(item.startedAt(), item.endedAt(), now.get()));
        }
    }
}
