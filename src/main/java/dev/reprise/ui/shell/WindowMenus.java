package dev.reprise.ui.shell;

import dev.reprise.run.Run;
import dev.reprise.ui.run.Cancellation;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.function.Supplier;

/**
 * The window's menu bar: File (new flow, open a flow file, import and export a run, connect to a server,
 * quit), View (theme, text size), Run (run a flow, replay, cancel) and Help (keyboard shortcuts, where the
 * logs go, About). Each item does what a button or dialog of the window does already, through
 * {@link WindowActions}; the items that do not apply to the selected run are disabled when a menu opens.
 * FX thread only.
 */
final class WindowMenus {

    private final MenuBar bar = new MenuBar();
    private final WindowActions actions;
    private final ShellViewModel model;
    private final Supplier<Run> selectedRun;
    private MenuItem export;
    private MenuItem replay;
    private MenuItem cancel;
    private MenuItem connect;

    /** @param selectedRun the run the Run menu and Export act on: the open run's, else the table's, or null */
    WindowMenus(ShellViewModel model, WindowActions actions, Supplier<Run> selectedRun) {
        this.model = model;
        this.actions = actions;
        this.selectedRun = selectedRun;
        bar.setId("menu-bar");
        bar.getMenus().setAll(file(), view(), run(), help());
        bar.getMenus().forEach(menu -> menu.setOnShowing(e -> update()));
    }

    MenuBar bar() {
        return bar;
    }

    /** Enables what applies to the selected run now. */
    void update() {
        Run run = selectedRun.get();
        export.setDisable(run == null || !run.state().isTerminal());
        replay.setDisable(run == null || !run.state().isTerminal());
        cancel.setDisable(!Cancellation.offered(run));
        cancel.setText(Cancellation.offered(run) ? "Cancel run of " + run.flowId() + "…" : "Cancel run…");
        connect.setDisable(!actions.canConnect());
    }

    private Menu file() {
        Menu menu = new Menu("_File");
        menu.setId("menu-file");
        export = item("Export run…", "menu-export-run", Material2MZ.SAVE_ALT, null, actions::exportRun);
        connect = item("Connect to server…", "menu-connect", Material2AL.CLOUD, null, actions::connect);
        menu.getItems().setAll(
                item("New flow", "menu-new-flow", Material2AL.ADD, shortcut(KeyCode.N), actions::newFlow),
                item("Open flow file…", "menu-open-flow", Material2AL.FOLDER_OPEN, shortcut(KeyCode.O),
                        actions::openFlowFile),
                new SeparatorMenuItem(),
                item("Import run…", "menu-import-run", Material2AL.FILE_UPLOAD, null, actions::importRun),
                export,
                new SeparatorMenuItem(),
                connect,
                new SeparatorMenuItem(),
                item("Quit", "menu-quit", Material2AL.EXIT_TO_APP, shortcut(KeyCode.Q), actions::quit));
        return menu;
    }

    private Menu view() {
        Menu menu = new Menu("_View");
        menu.setId("menu-view");
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setId("menu-dark-theme"); // Ctrl+T is the window's already (see ShellView#attach)
        dark.selectedProperty().bindBidirectional(model.darkProperty());
        menu.getItems().setAll(dark, new SeparatorMenuItem(),
                item("Zoom in", "menu-zoom-in", Material2MZ.ZOOM_IN, shortcut(KeyCode.EQUALS), () -> model.zoom(1)),
                item("Zoom out", "menu-zoom-out", Material2MZ.ZOOM_OUT, shortcut(KeyCode.MINUS), () -> model.zoom(-1)),
                item("Actual size", "menu-zoom-reset", null, shortcut(KeyCode.DIGIT0), model::resetZoom));
        return menu;
    }

    private Menu run() {
        Menu menu = new Menu("_Run");
        menu.setId("menu-run");
        replay = item("Replay…", "menu-replay", Material2MZ.REPLAY, null, actions::replay);
        cancel = item("Cancel run…", "menu-cancel-run", Material2AL.CANCEL, null, actions::cancelRun);
        cancel.setMnemonicParsing(false); // it names the run's flow, whose underscores are no mnemonics
        menu.getItems().setAll(
                item("Run flow…", "menu-run-flow", Material2MZ.PLAY_ARROW, null, actions::runFlow),
                replay, cancel);
        return menu;
    }

    private Menu help() {
        Menu menu = new Menu("_Help");
        menu.setId("menu-help");
        menu.getItems().setAll(
                item("Keyboard shortcuts", "menu-shortcuts", Material2AL.KEYBOARD, new KeyCodeCombination(KeyCode.F1),
                        actions::shortcuts),
                item("Where the logs are", "menu-logs", Material2MZ.SUBJECT, null, actions::logs),
                new SeparatorMenuItem(),
                item("About Reprise", "menu-about", Material2AL.INFO, null, actions::about));
        return menu;
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    private static MenuItem item(String text, String id, org.kordamp.ikonli.Ikon icon, KeyCombination keys,
                                 Runnable action) {
        MenuItem item = new MenuItem(text, icon == null ? null : new FontIcon(icon));
        item.setId(id);
        if (keys != null) {
            item.setAccelerator(keys);
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
