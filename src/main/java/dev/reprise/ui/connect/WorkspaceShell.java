package dev.reprise.ui.connect;

import atlantafx.base.theme.Styles;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.ThemeMode;
import dev.reprise.ui.common.ThemeModel;
import dev.reprise.ui.common.ThemeSettings;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.ui.replay.ReplayFormModel;
import dev.reprise.ui.shell.DesktopNotifier;
import dev.reprise.ui.shell.ShellView;
import dev.reprise.ui.shell.ShellViewModel;
import dev.reprise.workspace.BundledExamples;
import dev.reprise.workspace.DebugReplay;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The window's content across workspaces: the {@link ShellView} of the workspace shown, a switcher between
 * the local workspace and the saved servers, <em>Connect to server…</em>, and on a server <em>Replay
 * locally</em> for the open run. Switching disposes the old shell (its run views and subscriptions) and
 * gives its workspace back before the new one shows. Messages live across switches. Until the first workspace
 * has opened it shows nothing ({@link #readyProperty()} says when it has something to show), and if that one
 * cannot be opened, why, beside the switcher. FX thread only.
 */
public final class WorkspaceShell extends StackPane {

    private final WorkspacePlaces places;
    private final UiExecutor ui;
    private final Messages messages;
    private final Optional<BundledExamples> examples;
    private final ZoneId zone;
    private final MenuButton switcher = new MenuButton();
    private final Button replayLocally = new Button("Replay locally", new FontIcon(Material2MZ.REPLAY));
    private final ReadOnlyObjectWrapper<WorkspacePlaces.Place> place = new ReadOnlyObjectWrapper<>(this, "place");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private Scene scene;
    private ShellView shell;
    private Workspace workspace;
    private ChangeListener<Boolean> shellThemeListener;
    private final ThemeModel theme;
    private final DesktopNotifier desktopNotifier;

    /** A window whose theme starts light and is not saved. */
    public WorkspaceShell(WorkspacePlaces places, UiExecutor ui, Messages messages,
                          Optional<BundledExamples> examples, ZoneId zone) {
        this(places, ui, messages, examples, zone,
                new ThemeModel(ThemeSettings.inMemory(ThemeMode.LIGHT, false), ui, messages), DesktopNotifier.NONE);
    }

    /**
     * @param theme           the window's theme, kept across workspace switches; started by {@link #start}
     * @param desktopNotifier tells the desktop when a run ends while the window is not in front
     */
    public WorkspaceShell(WorkspacePlaces places, UiExecutor ui, Messages messages,
                          Optional<BundledExamples> examples, ZoneId zone, ThemeModel theme,
                          DesktopNotifier desktopNotifier) {
        this.theme = theme;
        this.desktopNotifier = desktopNotifier;
        this.places = places;
        this.ui = ui;
        this.messages = messages;
        this.examples = examples;
        this.zone = zone;
        switcher.setId("workspace-switcher");
        switcher.setGraphic(new FontIcon(Material2MZ.STORAGE));
        switcher.setTooltip(new Tooltip("Show the local workspace or a server's"));
        switcher.setOnShowing(e -> refreshServers());
        replayLocally.setId("replay-locally");
        replayLocally.getStyleClass().add(Styles.ACCENT);
        replayLocally.setTooltip(new Tooltip("Replay the open run in the local workspace, with the server's artifacts"));
        replayLocally.setOnAction(e -> replayOpenRunLocally());
        places.onLocalChanged(text -> ui.runOnUi(() -> localChanged(text)));
    }

    /** The local workspace changed hands: say so, and show the new one if the local workspace is shown. */
    private void localChanged(String text) {
        messages.info(text);
        if (place.get() != null && place.get().isLocal()) {
            show(places.local(), null);
        }
    }

    /** Shows the local workspace in {@code target}; call once. */
    public void start(Scene target) {
        this.scene = target;
        target.getAccelerators().put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), () -> theme.choose(ThemeMode.SYSTEM));
        theme.start();
        rebuildMenu(List.of());
        // asked off the UI thread: the local workspace may still be opening
        ui.submit(places::localNotice, notice -> notice.ifPresent(messages::info),
                failure -> messages.error("Reading who holds the local workspace", failure));
        show(places.local(), null);
    }

    /**
     * Whether the window has something to show: the first workspace it opened, or why that one could not be
     * opened. The window is shown from then on, so that its first frame is its layout rather than an empty pane.
     */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<WorkspacePlaces.Place> placeProperty() {
        return place.getReadOnlyProperty();
    }

    /** The shell shown now; null before {@link #start}. */
    public ShellView shell() {
        return shell;
    }

    /** Switches to {@code next} (opened off the UI thread), then runs {@code then} on its shell. */
    public void show(WorkspacePlaces.Place next, Consumer<ShellView> then) {
        ui.submit(() -> places.open(next), opened -> {
            disposeShell();
            workspace = opened;
            place.set(next);
            ShellViewModel model = new ShellViewModel(opened, ui, messages,
                    next.isLocal() ? examples : Optional.empty(), Clock.system(zone), desktopNotifier);
            followTheme(model);
            shell = new ShellView(model);
            shell.addToolbarItems(switcher, replayLocally);
            shell.setOnConnect(this::connect);
            replayLocally.setVisible(!next.isLocal());
            replayLocally.setManaged(!next.isLocal());
            switcher.setText(next.name());
            getChildren().setAll(shell);
            shell.attach(scene);
            model.start();
            if (then != null) {
                then.accept(shell);
            }
            ready.set(true);
        }, failure -> {
            String said = "Opening " + next.name() + " failed: " + Messages.describe(failure);
            messages.error(said);
            if (shell == null) {
                getChildren().setAll(failureView(said)); // nothing else to show: say why here, not in a banner
            }
            ready.set(true);
        });
    }

    /** What the window shows when no workspace could be opened: why, and the switcher to go to a server. */
    private VBox failureView(String said) {
        Label reason = new Label(said);
        reason.setId("open-failure");
        reason.setWrapText(true);
        reason.getStyleClass().addAll(Styles.DANGER, Styles.TITLE_4);
        switcher.setText(places.local().name());
        VBox view = new VBox(16, switcher, reason);
        view.setPadding(new Insets(24));
        return view;
    }

    /**
     * The shell's toggle (and Ctrl+T) change its model's dark flag: that is the user's choice, saved. The
     * theme's own changes (the system's answer) reach the shell's model without being taken for a choice.
     */
    private void followTheme(ShellViewModel model) {
        model.darkProperty().set(theme.darkProperty().get());
        ChangeListener<Boolean> toShell = (o, a, now) -> model.darkProperty().set(now);
        theme.darkProperty().addListener(toShell);
        model.darkProperty().addListener((o, a, now) -> {
            if (now != theme.darkProperty().get()) {
                theme.choose(now ? ThemeMode.DARK : ThemeMode.LIGHT);
            }
        });
        shellThemeListener = toShell;
    }

    public ThemeModel theme() {
        return theme;
    }

    private void refreshServers() {
        ui.submit(places::servers, this::rebuildMenu, failure -> messages.error("Reading the saved servers", failure));
    }

    private void rebuildMenu(List<WorkspacePlaces.Place> servers) {
        MenuItem local = new MenuItem(places.local().name(), new FontIcon(Material2AL.COMPUTER));
        local.setOnAction(e -> show(places.local(), null));
        switcher.getItems().setAll(local);
        for (WorkspacePlaces.Place server : servers) {
            MenuItem item = new MenuItem(server.name(), new FontIcon(Material2AL.CLOUD));
            item.setOnAction(e -> show(server, null));
            switcher.getItems().add(item);
        }
        MenuItem connect = new MenuItem("Connect to server…", new FontIcon(Material2AL.ADD));
        connect.setId("connect-to-server");
        connect.setOnAction(e -> connect());
        switcher.getItems().addAll(new SeparatorMenuItem(), connect);
    }

    /** Asks a server's URL and token, and shows that server once they work. */
    public void connect() {
        ConnectDialog dialog = new ConnectDialog(new ConnectViewModel(places, ui), scene == null ? null : scene.getWindow());
        dialog.showAndWait().ifPresent(server -> {
            messages.info("Connected to " + server.url() + "; the connection is saved.");
            show(server, null);
        });
    }

    /**
     * Opens the replay form on the open run of the server, its replay running on this machine: the run, its
     * revision and the artifacts the replay needs are fetched into the local workspace when Replay is pressed,
     * with the scope, revision and overrides chosen in the form (a debugger's start: the failed part of a failed
     * run, the whole of one that succeeded), and the local run opens in the local workspace.
     */
    private void replayOpenRunLocally() {
        Workspace server = workspace;
        Optional<String> runId = shell == null ? Optional.empty() : shell.selectedRunId();
        if (runId.isEmpty() || place.get() == null || place.get().isLocal()) {
            messages.info("Open a run of the server first, then replay it locally.");
            return;
        }
        Run run = shell.selectedRunView() == null || shell.selectedRunView().model().detailProperty().get() == null
                ? null : shell.selectedRunView().model().detailProperty().get().run();
        ReplayScope.Kind kind = run != null && run.state() == RunState.SUCCEEDED
                ? ReplayScope.Kind.WHOLE : ReplayScope.Kind.FAILED;
        List<DebugReplay.Result> results = new ArrayList<>();
        ReplayFormModel.Destination thisMachine = new ReplayFormModel.Destination("this machine", (id, request) -> {
            DebugReplay.Result result = places.replayLocally(server, id, request);
            synchronized (results) {
                results.add(result);
            }
            return result.replay();
        });
        shell.replayActions().openElsewhere(runId.get(), kind, thisMachine, replay -> {
            DebugReplay.Result result;
            synchronized (results) {
                result = results.isEmpty() ? null : results.get(results.size() - 1);
            }
            messages.info("Replaying run " + runId.get() + " locally as " + replay.id()
                    + (result == null ? "" : " (" + result.fetchedArtifacts().size() + " artifacts fetched from the server)")
                    + ".");
            show(places.local(), local -> local.openRun(replay.id()));
        });
    }

    private void disposeShell() {
        if (shellThemeListener != null) {
            // the theme outlives the shells: it must not keep a closed shell's model
            theme.darkProperty().removeListener(shellThemeListener);
            shellThemeListener = null;
        }
        if (shell != null) {
            shell.dispose();
            shell = null;
        }
        if (workspace != null) {
            Workspace old = workspace;
            workspace = null;
            ui.submit(() -> {
                places.release(old);
                return null;
            }, ignored -> { }, failure -> messages.error("Closing the server connection", failure));
        }
    }

    /** Closes the shown shell and gives its workspace back at once (the window is closing). */
    public void dispose() {
        if (shell != null) {
            shell.dispose();
            shell = null;
        }
        if (workspace != null) {
            places.release(workspace);
            workspace = null;
        }
    }
}
