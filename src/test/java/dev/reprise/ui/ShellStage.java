package dev.reprise.ui;

import dev.reprise.ui.common.FxUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.shell.DesktopNotifier;
import dev.reprise.ui.shell.ShellView;
import dev.reprise.ui.shell.ShellViewModel;
import dev.reprise.workspace.Workspace;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The window's shell on a workspace, in a TestFX stage sized for headless Monocle's 1280×800 screen (a
 * larger window floods the log with renderer errors). One per test: {@link #close()} disposes the shell,
 * its stage and its executor; the test closes its workspace.
 */
public final class ShellStage implements AutoCloseable {

    private final FxUiExecutor executor = new FxUiExecutor(2);
    private ShellView shell;

    private ShellStage() {
    }

    /** Shows the shell on {@code workspace} and waits until the FX thread has settled. */
    public static ShellStage show(Workspace workspace) throws Exception {
        return show(workspace, Clock.system(ZoneOffset.UTC));
    }

    /** The same, with {@code clock} as the window's time (durations, "now" lines). */
    public static ShellStage show(Workspace workspace, Clock clock) throws Exception {
        return show(workspace, clock, DesktopNotifier.NONE);
    }

    /** The same, telling {@code desktop} of the runs that end while the window is not in front. */
    public static ShellStage show(Workspace workspace, Clock clock, DesktopNotifier desktop) throws Exception {
        FxToolkit.registerPrimaryStage();
        ShellStage stage = new ShellStage();
        FxToolkit.setupStage(window -> {
            ShellViewModel model = new ShellViewModel(workspace, stage.executor, new Messages(), Optional.empty(),
                    clock, desktop);
            stage.shell = new ShellView(model);
            Scene scene = new Scene(stage.shell, 1200, 760);
            stage.shell.attach(scene);
            window.setScene(scene);
            window.show();
            model.start();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return stage;
    }

    public ShellView shell() {
        return shell;
    }

    /** The menu bar's menu {@code id} ("menu-file", "menu-run", ...). */
    public Menu menu(String id) {
        return shell.menuBar().getMenus().stream().filter(m -> id.equals(m.getId())).findFirst().orElseThrow();
    }

    /** Opens the menu bar's menu {@code id}, as a click on it does, and waits until the FX thread has settled. */
    public Menu showMenu(String id) throws Exception {
        Menu menu = menu(id);
        FxToolkit.setupFixture(menu::show);
        WaitForAsyncUtils.waitForFxEvents();
        return menu;
    }

    /** Waits (30 s at most) until {@code condition} holds, then until the FX thread has settled. */
    public static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Override
    public void close() throws Exception {
        if (shell != null) {
            FxToolkit.setupFixture(() -> shell.dispose());
        }
        FxToolkit.cleanupStages();
        executor.close();
    }
}
