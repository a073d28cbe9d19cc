package dev.reprise.ui.run;

import atlantafx.base.theme.Styles;
import dev.reprise.flow.Flow;
import dev.reprise.run.Attempt;
import dev.reprise.run.Run;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.run.SuggestedFix;
import dev.reprise.ui.common.Formats;
import dev.reprise.ui.common.LayoutBoundary;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.ModifiedBadge;
import dev.reprise.ui.common.StateChip;
import dev.reprise.ui.common.Ticker;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.ui.dag.DagView;
import dev.reprise.ui.details.StepDetailsView;
import dev.reprise.ui.details.StepDetailsViewModel;
import dev.reprise.ui.gantt.GanttView;
import dev.reprise.ui.io.IoView;
import dev.reprise.ui.io.IoViewModel;
import dev.reprise.ui.lineage.LineageView;
import dev.reprise.ui.lineage.LineageViewModel;
import dev.reprise.ui.logs.LogView;
import dev.reprise.ui.logs.LogViewModel;
import dev.reprise.ui.replay.ReplayActions;
import dev.reprise.ui.replay.SuggestedFixActions;
import javafx.collections.ListChangeListener;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One run: a header, the tabs Gantt, DAG (the chart features' views), Logs, Inputs &amp; outputs and
 * Lineage, and the step details pane, all sharing the run's selected step. Binds to
 * {@link RunViewModel}; {@link #dispose()} releases the run's subscription and timers. FX thread only.
 */
public final class RunView extends BorderPane {

    private static final String CSS = RunView.class.getResource("run.css").toExternalForm();

    private final RunViewModel model;
    private final UiExecutor ui;
    private final Messages messages;
    private final GanttView gantt = new GanttView();
    private final DagView dag = new DagView();
    private final LogViewModel logModel;
    private final LogView logView;
    private final IoViewModel ioModel;
    private final LineageViewModel lineageModel;
    private final StepDetailsView details;
    private final TabPane tabs = new TabPane();
    private final Tab logsTab;
    private final Tab dagTab;
    private final Tab ioTab;
    private final Tab lineageTab;
    private final HBox header = new HBox(10);
    private final ReplayActions replay;
    private final MenuButton replayMenu = new MenuButton("Replay", new FontIcon(Material2MZ.REPLAY));
    private Consumer<String> onOpenFlow;
    private Consumer<Run> onCompareWithSource;
    private Run headerRun;
    private Ticker.Handle tick;
    private final Cancellation cancellation;
    private final StepMenus stepMenus;
    /** The step runs changed since the charts were last shown; null when they must read the whole run. */
    private List<StepRun> changedSteps;
    private Label headerFacts;
    /** Opens a run in the window: a child run from its marker, a parent from the header. */
    private final Consumer<String> openRun;
    /** The width the run's title and facts keep before the header folds its secondary actions away. */
    private static final double MIN_TITLE_WIDTH = 320;
    /** Folds the header's actions as its width changes; held here, the header holds it weakly. */
    private InvalidationListener foldListener;
    /** The selected step (id and step run) the log view was last given, if it was given one. */
    private boolean logShown;
    private String logStepId;
    private StepRun logStep;
    /** The header's facts before and after the running time, made with the header: a batch formats the time only. */
    private String factsBefore = "";
    private String factsAfter = "";

    public RunView(RunViewModel model, UiExecutor ui, Messages messages, Consumer<String> openRun) {
        this(model, ui, messages, openRun, null);
    }

    /** @param replay the replay actions offered on the run and its steps; null for none */
    public RunView(RunViewModel model, UiExecutor ui, Messages messages, Consumer<String> openRun,
                   ReplayActions replay) {
        this.model = model;
        this.ui = ui;
        this.messages = messages;
        this.replay = replay;
        this.openRun = openRun;
        getStyleClass().add("run-view");
        getStylesheets().add(CSS);

        gantt.setClock(model.clock());
        gantt.selectedStepProperty().bindBidirectional(model.selectedStepProperty());
        dag.selectedStepProperty().bindBidirectional(model.selectedStepProperty());
        gantt.setOnOpenRun(openRun);
        dag.setOnOpenRun(openRun);
        logModel = new LogViewModel(model.workspace(), ui, messages);
        logView = new LogView(logModel);
        ioModel = new IoViewModel(model.workspace(), ui, messages);
        lineageModel = new LineageViewModel(model.workspace(), ui, messages);
        StepDetailsViewModel detailsModel = new StepDetailsViewModel(model.detailProperty(), model.revisionProperty(),
                model.selectedStepProperty(), model.clock()::instant, model::step);
        details = new StepDetailsView(detailsModel, model.steps(), this::showLog);
        details.setOnOpenRun(openRun);

        tabs.setId("run-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab ganttTab = tab("tab-gantt", "Gantt", Material2MZ.VIEW_LIST, () -> gantt);
        dagTab = tab("tab-dag", "DAG", Material2AL.ACCOUNT_TREE, () -> dag);
        logsTab = tab("tab-logs", "Logs", Material2MZ.SUBJECT, () -> logView);
        ioTab = tab("tab-io", "Inputs & outputs", Material2MZ.SWAP_HORIZ, () -> new IoView(ioModel));
        lineageTab = tab("tab-lineage", "Lineage", Material2AL.DEVICE_HUB, () -> new LineageView(lineageModel, openRun));
        tabs.getTabs().addAll(ganttTab, dagTab, logsTab, ioTab, lineageTab);
        // a tab's view joins the scene when the tab is first selected, and a tab out of sight is brought up
        // to date when it is selected: opening a large run then styles, lays out and fills only its Gantt
        attachContent(ganttTab);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> {
            attachContent(tab);
            showSelectedTab(null);
        });

        SplitPane split = new SplitPane(tabs, details);
        split.setDividerPositions(0.70);
        SplitPane.setResizableWithParent(details, false);

        header.setId("run-header");
        header.getStyleClass().add("run-header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(8, 12, 8, 12));
        setTop(header);
        ProgressIndicator loading = new ProgressIndicator();
        loading.setMaxSize(40, 40);
        setCenter(new StackPane(split, loading));
        loading.visibleProperty().bind(model.loadingProperty());

        cancellation = new Cancellation(model.workspace(), ui, messages,
                Cancellation.inDialog(() -> getScene() == null ? null : getScene().getWindow()));
        details.setOnCancel(stepId -> cancellation.cancelStep(model.runId(), model.step(stepId)));
        stepMenus = new StepMenus(model, replay, cancellation);
        if (replay != null) {
            details.setOnReplay((step, action) -> replay.perform(model.runId(), step, action));
            replayMenu.setId("run-replay");
            replayMenu.getStyleClass().add(Styles.ACCENT);
            replayMenu.setOnShowing(e -> replayMenu.getItems().setAll(
                    replay.items(model.runId(), stepMenus.replayableStep())));
            replayMenu.getItems().setAll(replay.items(model.runId(), null));
        }
        stepMenus.install(gantt, dag);
        model.steps().addListener((ListChangeListener<StepRun>) this::stepsChanged);
        // told of every batch without asking for the detail: the views below read the run, the steps and the
        // changed rows, so that a live batch copies nothing
        model.detailProperty().addListener(o -> detailChanged());
        model.flowProperty().addListener((o, a, flow) -> showCharts());
        model.selectedStepProperty().addListener((o, a, b) -> showSelectedLog());
    }

    /**
     * The context menu a right-click on step instance {@code stepId} shows in the Gantt or the DAG: its cancel
     * while it has not ended, else its replay actions; null for none.
     */
    public ContextMenu stepMenu(String stepId) {
        return stepMenus.menu(stepId);
    }

    /** Cancels the run after asking, if it has not ended (the header's "Cancel run", Run › Cancel). */
    public void cancelRun() {
        cancellation.cancelRun(model.runProperty().get());
    }

    /** A tab whose view is made or attached by {@link #attachContent} when it is first selected. */
    private static Tab tab(String id, String title, Ikon icon, Supplier<Node> content) {
        Tab tab = new Tab(title);
        tab.setId(id);
        tab.setGraphic(new FontIcon(icon));
        tab.setUserData(content);
        return tab;
    }

    private static void attachContent(Tab tab) {
        if (tab != null && tab.getContent() == null && tab.getUserData() instanceof Supplier<?> content) {
            tab.setContent((Node) content.get());
        }
    }

    private void detailChanged() {
        Run run = model.runProperty().get();
        if (run == null) {
            return;
        }
        if (run != headerRun) {
            // a batch of step events leaves the run as it was: the header is rebuilt only when the run changes
            headerRun = run;
            renderHeader(run);
        } else if (headerFacts != null) {
            headerFacts.setText(facts(run)); // the running time goes on
        }
        showCharts();
        if (model.selectedStepProperty().get() == null && !model.steps().isEmpty()) {
            model.selectedStepProperty().set(firstInteresting(model.steps()));
        }
        showSelectedLog();
    }

    /** A failed step if there is one, else a running one, else the first. */
    private static String firstInteresting(List<StepRun> steps) {
        for (StepRun s : steps) {
            if (s.state() == StepState.FAILED) {
                return s.stepId();
            }
        }
        for (StepRun s : steps) {
            if (!s.state().isTerminal()) {
                return s.stepId();
            }
        }
        return steps.get(0).stepId();
    }

    /**
     * The Gantt shows the step runs as soon as they are read (the flow's definition, parsed after them, adds
     * the steps not run yet); the DAG needs the definition. Tabs out of sight wait until they are selected.
     */
    private void showCharts() {
        Run run = model.runProperty().get();
        if (run == null) {
            return;
        }
        List<StepRun> changed = changedSteps;
        changedSteps = new ArrayList<>();
        if (changed == null) {
            gantt.show(model.detailProperty().get(), model.flowProperty().get());
        } else {
            gantt.show(run, model.detailProperty()::get, model.flowProperty().get(), changed);
        }
        showSelectedTab(changed);
    }

    /** Collects the rows a live batch replaced or added, for the charts; anything else makes them read the run. */
    private void stepsChanged(ListChangeListener.Change<? extends StepRun> change) {
        while (change.next()) {
            if (change.wasRemoved() && !change.wasReplaced() || change.wasPermutated() || changedSteps == null) {
                changedSteps = null;
                return;
            }
            changedSteps.addAll(change.getAddedSubList());
        }
    }

    /**
     * Brings the selected tab up to date: the DAG given the step runs changed since the last batch if it was
     * shown then ({@code changed}), the others, and a tab just selected, from the whole run ({@code null}).
     */
    private void showSelectedTab(List<StepRun> changed) {
        Run run = model.runProperty().get();
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        if (run == null || selected == null) {
            return;
        }
        Flow flow = model.flowProperty().get();
        if (selected == dagTab && flow != null) {
            if (changed == null) {
                dag.show(model.detailProperty().get(), flow);
            } else {
                dag.show(model.detailProperty()::get, flow, changed);
            }
        } else if (selected == ioTab) {
            if (changed == null) {
                ioModel.show(model.detailProperty().get());
            } else {
                ioModel.apply(run, changed);
            }
        } else if (selected == lineageTab) {
            lineageModel.show(run);
        }
    }

    /**
     * Gives the log view the selected step run when the selection or that step run changed: a batch that
     * changed other steps leaves the log as it is (its view polls a running attempt on its own).
     */
    private void showSelectedLog() {
        String selected = model.selectedStepProperty().get();
        StepRun step = model.step(selected);
        if (logShown && step == logStep && Objects.equals(selected, logStepId)) {
            return;
        }
        logShown = true;
        logStepId = selected;
        logStep = step;
        logModel.show(model.runId(), step, null);
    }

    private void showLog(String stepId, Attempt attempt) {
        model.selectedStepProperty().set(stepId);
        logShown = true;
        logStepId = stepId;
        logStep = model.step(stepId);
        logModel.show(model.runId(), logStep, attempt.number());
        tabs.getSelectionModel().select(logsTab);
    }

    private void renderHeader(Run run) {
        Label title = new Label(run.flowId() + (run.name() != null ? " · " + run.name() : ""));
        title.getStyleClass().add(Styles.TITLE_4);
        factsBefore = run.id() + " · revision " + run.revision() + " · started "
                + Formats.dateTime(run.startedAt() != null ? run.startedAt() : run.createdAt());
        factsAfter = run.parentRunId() != null ? " · replay of " + run.parentRunId() : "";
        Label facts = new Label(facts(run));
        headerFacts = facts;
        facts.getStyleClass().add("muted");
        // the running time changes the text on every batch of a young run: the label takes the header's width,
        // so that it shows a longer time without laying out the header and the panes around the run again
        facts.setMaxWidth(Double.MAX_VALUE);
        VBox text = new VBox(2, title, new LayoutBoundary(facts));
        if (run.trigger() != null) {
            Hyperlink parent = new Hyperlink("started by step " + run.trigger().stepId() + " of run "
                    + run.trigger().runId());
            parent.setId("run-started-by");
            parent.getStyleClass().add("run-started-by");
            parent.setPadding(Insets.EMPTY);
            parent.setOnAction(e -> openRun.accept(run.trigger().runId()));
            text.getChildren().add(parent);
        }
        if (run.error() != null) {
            Label error = new Label(run.error());
            error.getStyleClass().add(Styles.DANGER);
            error.setWrapText(true);
            text.getChildren().add(error);
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        StateChip chip = new StateChip(run.state());
        chip.setId("run-state");
        header.getChildren().setAll(chip, text);
        if (run.modified()) {
            header.getChildren().add(1, ModifiedBadge.create(run));
        }
        List<Button> secondary = new ArrayList<>();
        if (onOpenFlow != null) {
            Button flow = new Button("Flow", new FontIcon(Material2AL.DESCRIPTION));
            flow.setId("run-open-flow");
            flow.setTooltip(new Tooltip("Open " + run.flowId() + " in the flows view"));
            flow.setOnAction(e -> onOpenFlow.accept(run.flowId()));
            secondary.add(flow);
        }
        if (onCompareWithSource != null && run.parentRunId() != null) {
            Button compare = new Button("Compare with source",
                    new FontIcon(Material2AL.COMPARE_ARROWS));
            compare.setId("run-compare-source");
            compare.setOnAction(e -> onCompareWithSource.accept(run));
            secondary.add(compare);
        }
        if (run.state().isTerminal()) {
            Button save = new Button("Save as snapshot…",
                    new FontIcon(Material2MZ.SAVE));
            save.setId("run-save-snapshot");
            save.setTooltip(new Tooltip("Keep this run's flow revision, inputs, labels and env under a name, "
                    + "to run again (with changes) from the flows view or the command line"));
            save.setOnAction(e -> saveAsSnapshot(run));
            secondary.add(save);
        }
        if (Cancellation.offered(run)) {
            Button cancel = new Button("Cancel run…", new FontIcon(Material2AL.CANCEL));
            cancel.setId("run-cancel");
            cancel.getStyleClass().add(Styles.DANGER);
            cancel.setTooltip(new Tooltip("Stop this run: its running steps are killed, the others do not start"));
            cancel.setOnAction(e -> cancelRun());
            cancel.setMinWidth(Region.USE_PREF_SIZE);
            header.getChildren().add(cancel);
        }
        if (replay != null) {
            replayMenu.setMinWidth(Region.USE_PREF_SIZE);
            header.getChildren().add(replayMenu);
        }
        foldWhenNarrow(text, secondary);
    }

    /**
     * Puts the header's secondary actions (Flow, Compare, Save as snapshot) before Cancel and Replay, whole, while
     * the header is wide enough for them beside the run's title; else folds them into a "More" menu, so that no
     * action is cut to "Rep…" by a long error. Cancel and Replay always show.
     */
    private void foldWhenNarrow(VBox text, List<Button> secondary) {
        if (secondary.isEmpty()) {
            return;
        }
        MenuButton more = new MenuButton(null, new FontIcon(Material2MZ.MORE_HORIZ));
        more.setId("run-more");
        more.setTooltip(new Tooltip("More actions"));
        more.setAccessibleText("More actions");
        more.setMinWidth(Region.USE_PREF_SIZE);
        for (Button button : secondary) {
            button.setMinWidth(Region.USE_PREF_SIZE);
            MenuItem item = new MenuItem(button.getText(), new FontIcon(((FontIcon) button.getGraphic()).getIconCode()));
            item.setId(button.getId() + "-item");
            item.setOnAction(e -> button.fire());
            more.getItems().add(item);
        }
        int at = header.getChildren().indexOf(text) + 1;
        header.getChildren().addAll(at, secondary);
        header.getChildren().add(at + secondary.size(), more);
        Runnable fold = () -> {
            double always = header.getChildren().stream().filter(n -> n != text && n != more && !secondary.contains(n))
                    .mapToDouble(n -> n.prefWidth(-1)).sum();
            double extra = secondary.stream().mapToDouble(b -> b.prefWidth(-1)).sum();
            double gaps = header.getSpacing() * (header.getChildren().size() - 1);
            double room = header.getWidth() - header.getPadding().getLeft() - header.getPadding().getRight()
                    - always - gaps - MIN_TITLE_WIDTH;
            boolean fits = header.getWidth() <= 0 || room >= extra;
            secondary.forEach(b -> {
                b.setVisible(fits);
                b.setManaged(fits);
            });
            more.setVisible(!fits);
            more.setManaged(!fits);
        };
        fold.run();
        header.widthProperty().addListener(new WeakInvalidationListener(foldListener = o -> fold.run()));
    }

    private String facts(Run run) {
        String took = run.startedAt() == null ? ""
                : " · " + Formats.duration(run.startedAt(), run.endedAt(), model.clock().instant());
        return factsBefore + took + factsAfter;
    }

    /** Asks for a name and a description, then stores a snapshot of the run's revision, inputs, labels and env. */
    private void saveAsSnapshot(Run run) {
        new SaveSnapshotDialog(getScene() == null ? null : getScene().getWindow(),
                new SaveSnapshotModel(model.workspace(), ui, run), messages).show();
    }

    /**
     * Moves the run's running time, its steps' and the selected step's on with {@code ticker}'s ticks, ticking
     * while the run has not ended; {@link #dispose()} releases the registration.
     */
    public void tickWith(Ticker ticker) {
        if (tick != null) {
            tick.close();
        }
        tick = ticker.add(this::tick);
        tick.setActive(model.runProperty().get() != null && !model.runProperty().get().state().isTerminal());
        model.runProperty().addListener((o, a, run) -> {
            if (tick != null) {
                tick.setActive(run != null && !run.state().isTerminal());
            }
        });
    }

    /** A tick of the window's clock: the running times shown are measured again. */
    public void tick() {
        Run run = model.runProperty().get();
        if (run != null && headerFacts != null) {
            headerFacts.setText(facts(run));
        }
        details.tick();
    }

    /** The run's facts under its title (id, revision, start, running time). */
    public Label headerFacts() {
        return headerFacts;
    }

    /** Adds "Flow" to the header: opens the run's flow. */
    public void setOnOpenFlow(Consumer<String> handler) {
        this.onOpenFlow = handler;
    }

    /** Gives the suggested fix of a failed step its actions: apply it in the flow editor, or save it and replay. */
    public void setFixActions(SuggestedFixActions fixes) {
        details.setOnFix(new StepDetailsView.FixHandler() {
            @Override
            public void apply(StepRun step, SuggestedFix fix) {
                fixes.apply(flowId(), fix);
            }

            @Override
            public void applyAndReplay(StepRun step, SuggestedFix fix) {
                fixes.applyAndReplay(model.runId(), step.stepId(), flowId(), fix);
            }

            private String flowId() {
                return model.runProperty().get().flowId();
            }
        });
    }

    /** Adds "Compare with source" to the header of a replay. */
    public void setOnCompareWithSource(Consumer<Run> handler) {
        this.onCompareWithSource = handler;
    }

    public RunViewModel model() {
        return model;
    }

    public TabPane tabs() {
        return tabs;
    }

    public StepDetailsView details() {
        return details;
    }

    public GanttView gantt() {
        return gantt;
    }

    public DagView dag() {
        return dag;
    }

    /** Releases the run's subscription and the log's timer; the view is closing. */
    public void dispose() {
        if (tick != null) {
            tick.close();
            tick = null;
        }
        gantt.selectedStepProperty().unbindBidirectional(model.selectedStepProperty());
        dag.selectedStepProperty().unbindBidirectional(model.selectedStepProperty());
        logView.dispose();
        model.close();
    }
}
