package dev.reprise.ui.shell;

import dev.reprise.run.Run;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.FxUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.workspace.LocalWorkspace;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A run that ends shows one notification in the window, whose "Open run" opens it. Headless (Monocle). */
class RunEndNotificationUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspace workspace;
    private FxUiExecutor executor;
    private ShellView shell;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void show() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        executor = new FxUiExecutor(2);
        FxToolkit.setupStage(stage -> {
            ShellViewModel model = new ShellViewModel(workspace, executor, new Messages(), Optional.empty(), ZoneOffset.UTC);
            shell = new ShellView(model);
            Scene scene = new Scene(shell, 1200, 760);
            shell.attach(scene);
            stage.setScene(scene);
            stage.show();
            model.start();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(() -> shell.dispose());
        FxToolkit.cleanupStages();
        executor.close();
        workspace.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Optional<Node> openButton() {
        return Window.getWindows().stream().filter(Window::isShowing).map(w -> w.getScene().getRoot())
                .flatMap(root -> root.lookupAll(".notification-bar .button").stream())
                .filter(node -> node instanceof Button button && "Open run".equals(button.getText()))
                .findFirst();
    }

    @Test
    void anyRunEndingShowsANotificationWhoseLinkOpensIt() throws Exception {
        robot.interact(() -> shell.runsView().table().getContextMenu().getItems().stream()
                .filter(item -> "notify-all-runs".equals(item.getId())).map(CheckMenuItem.class::cast)
                .findFirst().orElseThrow().setSelected(true));

        Run run = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);

        waitUntil(() -> openButton().isPresent());
        robot.interact(() -> ((Button) openButton().orElseThrow()).fire());
        waitUntil(() -> shell.selectedRunId().filter(run.id()::equals).isPresent());
        assertThat(shell.selectedRunId()).contains(run.id());
    }
}
