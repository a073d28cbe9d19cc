package dev.reprise.ui.shell;

import atlantafx.base.theme.Styles;
import dev.reprise.run.Run;
import dev.reprise.ui.common.ConfirmDialog;
import dev.reprise.ui.common.FileChoices;
import dev.reprise.ui.common.FxFileChoices;
import dev.reprise.ui.common.Theme;
import dev.reprise.ui.common.Ticker;
import dev.reprise.ui.replay.ReplayActions;
import dev.reprise.ui.replay.SuggestedFixActions;
import dev.reprise.ui.compare.CompareView;
import dev.reprise.ui.compare.CompareViewModel;
import dev.reprise.ui.flows.FlowsView;
import dev.reprise.ui.run.Cancellation;
import dev.reprise.ui.run.RunOpenWarmUp;
import dev.reprise.ui.runs.RunDeletion;
import dev.reprise.ui.run.RunView;
import dev.reprise.ui.runs.RunsView;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The main window's content: toolbar, message banner, first-start progress, the runs browser above and
 * the open runs (one tab each) below. {@link #attach(Scene)} applies the theme and keyboard shortcuts;
 * {@link #dispose()} closes every open run and the live subscriptions. FX thread only.
 */
public final class ShellView extends BorderPane {

    private static final String CSS = ShellView.class.getResource("shell.css").toExternalForm();
    static final int MAX_OPEN_RUNS = Navigation.MAX_OPEN_RUNS;

    private final ShellViewModel model;
    private final RunsView runsView;
    private final ReplayActions replayActions;
    private final TabPane runTabs = new TabPane();
    private final Button compare = new Button("Compare", new FontIcon(Material2AL.COMPARE_ARROWS));
    private HBox toolbar;
    private final OpenTabs openTabs;
    private Scene scene;
    private RunDeletion deletion;
    private final Ticker.Handle runsTick;
    private final WindowActions windowActions;
    private final WindowMenus menus;
    /** Every file dialog of the menus: the system's, unless {@link #useFileChoices} gave others. */
    private FileChoices fileChoices = new FxFileChoices(() -> getScene() == null ? null : getScene().getWindow());
    /** The theme's text size, which View › Zoom scales. */
    static final double BASE_FONT_SIZE = 14;

    public ShellView(ShellViewModel model) {
        this.model = model;
        getStyleClass().add("shell");
        getStylesheets().add(CSS);
        runsView = new RunsView(model.runs());
        runsTick = runsView.tickWith(model.ticker());
        replayActions = new ReplayActions(model.workspace(), model.ui(), model.messages(), this::openRun,
                () -> getScene() == null ? null : getScene().getWindow(), model.runEnds()::watch);
        runsView.setReplayActions(replayActions);

        Cancellation cancellation = new Cancellation(model.workspace(), model.ui(), model.messages(),
                Cancellation.inDialog(() -> getScene() == null ? null : getScene().getWindow()));
        windowActions = new WindowActions(this, model, this::selectedRun, cancellation);
        menus = new WindowMenus(model, windowActions, this::selectedRun);
        setTop(new VBox(menus.bar(), toolbar(), progress(), new Banner(model.messages())));
        // View › Zoom: the text of the whole window, which the theme sizes in em
        styleProperty().bind(Bindings.createStringBinding(() -> model.fontScaleProperty().get() == 1 ? ""
                : String.format(Locale.ROOT, "-fx-font-size: %.1fpx;",
                BASE_FONT_SIZE * model.fontScaleProperty().get()), model.fontScaleProperty()));

        SuggestedFixActions fixes = new SuggestedFixActions(model.workspace(), model.ui(), model.messages(),
                replayActions, (revision, text, what) -> openFlows(null).edit(revision, text, what));
        openTabs = new OpenTabs(runTabs, model.navigation(),
                new TabViews(model, replayActions, fixes, this::openFlowOf));
        runTabs.setId("open-runs");
        runTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        Label empty = new Label("Select a run above to open it here (Alt+↓ / Alt+↑ move through the runs).");
        empty.getStyleClass().add("placeholder-text");
        StackPane runArea = new StackPane(empty, runTabs);
        runTabs.visibleProperty().bind(Bindings.isNotEmpty(runTabs.getTabs()));
        empty.visibleProperty().bind(runTabs.visibleProperty().not());

        SplitPane split = new SplitPane(runsView, runArea);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3);
        setCenter(split);

        installCompare();
        installDelete();
        RunEndPopups.install(model.runEnds(), runsView.table().getContextMenu(),
                () -> getScene() == null ? null : getScene().getWindow(), this::openRun, model.messages(),
                model.desktopNotifier(), model.ui());
        // a run inserted above the selection (a replay just started) makes the table's selection flicker
        // through other rows and back: open only what the selection settles on anew
        runsView.selectedRunProperty().addListener((o, a, run) ->
                model.navigation().runSelectedInTable(run == null ? null : run.id()));
        // a double-click keeps the run open: the next run selected opens beside it
        runsView.table().addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            Run run = runsView.selectedRunProperty().get();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && run != null) {
                model.navigation().openRun(run.id());
            }
        });
    }

    private Region toolbar() {
        Label title = new Label("Reprise");
        title.getStyleClass().addAll(Styles.TITLE_3, "app-title");
        title.setGraphic(new FontIcon(Material2MZ.REPLAY));
        Label location = new Label(model.location());
        location.getStyleClass().add("muted");
        location.setId("workspace-location");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button flows = new Button("Flows", new FontIcon(Material2AL.DESCRIPTION));
        flows.setId("open-flows");
        flows.setTooltip(new Tooltip("The flows, their revisions and the YAML editor"));
        flows.setOnAction(e -> openFlows(null));
        Button refresh = new Button("Refresh", new FontIcon(Material2MZ.REFRESH));
        refresh.setId("refresh");
        refresh.setTooltip(new Tooltip("Reload the runs (F5)"));
        refresh.setOnAction(e -> model.runs().refresh());
        ToggleButton theme = new ToggleButton(null, new FontIcon(Material2AL.BRIGHTNESS_4));
        theme.setId("theme-toggle");
        theme.getStyleClass().add(Styles.BUTTON_ICON);
        theme.setTooltip(new Tooltip("Dark theme (Ctrl+T, saved); Ctrl+Shift+T follows the system again"));
        theme.setAccessibleText("Dark theme");
        theme.setAccessibleHelp("Ctrl+T switches the theme and saves the choice; Ctrl+Shift+T follows the system again");
        theme.selectedProperty().bindBidirectional(model.darkProperty());
        compare.setId("compare-runs");
        compare.setTooltip(new Tooltip("Compare two selected runs, or a selected replay with its source"));
        compare.setOnAction(e -> compareSelected());
        HBox bar = new HBox(10, title, location, grow, flows, compare, refresh, theme);
        toolbar = bar;
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 6, 12));
        bar.getStyleClass().add("toolbar-bar");
        return bar;
    }

    private Region progress() {
        ProgressBar bar = new ProgressBar();
        bar.setId("seed-progress");
        bar.setPrefWidth(320);
        bar.progressProperty().bind(model.progressProperty());
        Label text = new Label();
        text.textProperty().bind(model.progressTextProperty());
        HBox box = new HBox(10, bar, text);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(6, 12, 6, 12));
        box.getStyleClass().add("seed-box");
        box.visibleProperty().bind(model.seedingProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** Shows run {@code runId} in its tab, opening one (and closing the oldest beyond a few). */
    public void openRun(String runId) {
        model.navigation().openRun(runId);
    }

    /**
     * Opens the newest run once out of sight and throws the view away (see {@link RunOpenWarmUp}), so that the
     * first run a person opens is not also the first time this JVM runs that code; the window calls it once,
     * a second after its first frame. Completes with the run's id, or null for an empty workspace.
     */
    public CompletableFuture<String> warmUp() {
        if (getScene() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return RunOpenWarmUp.start(model.workspace(), model.ui(), getScene(), getStylesheets());
    }

    /** "Delete…" in the runs table's context menu and the Delete key: the selected runs, after asking. */
    private void installDelete() {
        var table = runsView.table();
        deletion = new RunDeletion(model.workspace(), model.ui(), model.messages(), this::confirm,
                deleted -> {
                    model.navigation().closeRuns(deleted);
                    model.runs().refresh();
                });
        MenuItem item = new MenuItem("Delete…",
                new FontIcon(Material2AL.DELETE));
        item.setId("delete-runs-menu");
        item.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        item.setOnAction(e -> deleteSelectedRuns());
        if (table.getContextMenu() == null) {
            table.setContextMenu(new ContextMenu());
        }
        table.getContextMenu().getItems().add(item);
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DELETE) {
                deleteSelectedRuns();
                e.consume();
            }
        });
    }

    /** Deletes the runs selected in the table, after asking (see {@link RunDeletion}). */
    public void deleteSelectedRuns() {
        deletion.delete(runsView.table().getSelectionModel().getSelectedItems().stream().map(Run::id).toList());
    }

    private boolean confirm(String question, String detail) {
        // deleting cannot be undone: the buttons say what they do, and Enter keeps the runs
        return ConfirmDialog.ask(getScene() == null ? null : getScene().getWindow(), "Delete runs", question, detail,
                "Delete", "Keep");
    }

    /** Two rows selected, or a replay: "Compare" in the toolbar and the table's context menu. */
    private void installCompare() {
        var table = runsView.table();
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        BooleanBinding none = Bindings.createBooleanBinding(
                () -> CompareViewModel.Pair.of(table.getSelectionModel().getSelectedItems()).isEmpty(),
                table.getSelectionModel().getSelectedItems());
        compare.disableProperty().bind(none);
        MenuItem item = new MenuItem("Compare",
                new FontIcon(Material2AL.COMPARE_ARROWS));
        item.setId("compare-menu");
        item.disableProperty().bind(none);
        item.setOnAction(e -> compareSelected());
        if (table.getContextMenu() == null) {
            table.setContextMenu(new ContextMenu());
        }
        table.getContextMenu().getItems().add(item);
    }

    private void compareSelected() {
        CompareViewModel.Pair.of(List.copyOf(runsView.table().getSelectionModel().getSelectedItems()))
                .ifPresent(pair -> openComparison(pair.leftRunId(), pair.rightRunId()));
    }

    /** Opens a tab comparing run {@code leftRunId} (left) with run {@code rightRunId} (right). */
    public CompareView openComparison(String leftRunId, String rightRunId) {
        ShellTab.CompareTab tab = new ShellTab.CompareTab(leftRunId, rightRunId);
        model.navigation().open(tab);
        return openTabs.comparison(tab);
    }

    /** Shows the flows view in its tab (one for the window), on flow {@code flowId} if not null. */
    public FlowsView openFlows(String flowId) {
        model.navigation().open(new ShellTab.FlowsTab());
        FlowsView view = openTabs.flows();
        if (flowId != null) {
            view.open(flowId);
        }
        return view;
    }

    private void openFlowOf(String flowId) {
        openFlows(flowId);
    }

    /** Closes the selected run tab (Ctrl+W). */
    public void closeSelectedRun() {
        model.navigation().closeSelected();
    }

    /** Adds controls to the toolbar, after the workspace's location (e.g. the workspace switcher). */
    public void addToolbarItems(Node... items) {
        toolbar.getChildren().addAll(2, List.of(items));
    }

    /** The id of the run whose tab is selected, if any. */
    public Optional<String> selectedRunId() {
        return model.navigation().selectedRun();
    }

    /** The run the window's menus act on: the open run's as it is now, else the one selected in the table. */
    public Run selectedRun() {
        RunView open = selectedRunView();
        if (open != null && open.model().runProperty().get() != null) {
            return open.model().runProperty().get();
        }
        return runsView.selectedRunProperty().get();
    }

    /** What File › Connect to server… does (the window switches workspaces); until set it is disabled. */
    public void setOnConnect(Runnable connect) {
        windowActions.setConnect(connect);
    }

    /** Asks for files through {@code choices} from now on instead of the system's dialogs (tests hand out paths). */
    public void useFileChoices(FileChoices choices) {
        fileChoices = choices;
    }

    FileChoices fileChoices() {
        return fileChoices;
    }

    /** The menu bar, for a test. */
    public MenuBar menuBar() {
        return menus.bar();
    }

    /** The open run's view, if one is selected. */
    public RunView selectedRunView() {
        return model.navigation().selectedRun()
                .map(runId -> openTabs.content(new ShellTab.RunTab(runId)) instanceof RunView view ? view : null)
                .orElse(null);
    }

    /** Puts this view in {@code target}: theme (following the toggle) and keyboard shortcuts. */
    public void attach(Scene target) {
        this.scene = target;
        Theme.apply(target, model.darkProperty().get());
        model.darkProperty().addListener((o, a, dark) -> Theme.apply(scene, dark));
        var keys = target.getAccelerators();
        keys.put(new KeyCodeCombination(KeyCode.F5), () -> model.runs().refresh());
        keys.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), () -> model.runs().refresh());
        keys.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), runsView::focusSearch);
        keys.put(new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN), () -> runsView.move(1));
        keys.put(new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN), () -> runsView.move(-1));
        keys.put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), model::toggleTheme);
        keys.put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), this::closeSelectedRun);
    }

    /** Closes every open run and stops the live updates. */
    public void dispose() {
        model.navigation().closeAll();
        runsTick.close();
        replayActions.dispose();
        model.close();
    }

    /** The replay actions, for views that offer them (the Gantt bars and DAG nodes). */
    public ReplayActions replayActions() {
        return replayActions;
    }

    public ShellViewModel model() {
        return model;
    }

    public RunsView runsView() {
        return runsView;
    }

    public TabPane runTabs() {
        return runTabs;
    }
}
