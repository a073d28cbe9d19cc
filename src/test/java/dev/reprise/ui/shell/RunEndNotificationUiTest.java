package dev.reprise.ui.shell;

import dev.reprise.run.Run;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.workspace.LocalWorkspace;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
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
    private ShellStage stage;
    private ShellView shell;

    @BeforeEach
    void show() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        stage = ShellStage.show(workspace);
        shell = stage.shell();
    }

    @AfterEach
    void close() throws Exception {
        stage.close();
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
