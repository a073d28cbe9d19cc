package dev.reprise.ui.shell;

import com.sun.javafx.stage.WindowHelper;
import dev.reprise.run.Run;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.workspace.LocalWorkspace;
import javafx.scene.control.CheckMenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that ends while the window is not in front is told to the desktop as well as in the window; while the
 * window is in front, only in the window. The desktop here is a fake that writes down what it was told.
 */
class DesktopNotificationUiTest {

    /** What the desktop was told: a title and a body. */
    private record Told(String title, String body) {
    }

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private final List<Told> told = new CopyOnWriteArrayList<>();
    private LocalWorkspace workspace;
    private ShellStage stage;

    @BeforeEach
    void show() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        stage = ShellStage.show(workspace, Clock.systemUTC(), (title, body) -> told.add(new Told(title, body)));
        robot.interact(() -> stage.shell().runsView().table().getContextMenu().getItems().stream()
                .filter(item -> "notify-all-runs".equals(item.getId())).map(CheckMenuItem.class::cast)
                .findFirst().orElseThrow().setSelected(true));
    }

    @AfterEach
    void close() throws Exception {
        stage.close();
        workspace.close();
    }

    private boolean bannerSays(String text) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> stage.shell().model().messages().all().stream()
                .anyMatch(m -> m.text().contains(text))).get();
    }

    private Window window() {
        return stage.shell().getScene().getWindow();
    }

    @Test
    void aRunEndingWhileTheWindowIsNotInFrontIsToldToTheDesktop() throws Exception {
        // the headless platform has no other application to take the focus: the window loses it as the
        // platform tells a window that another one is in front
        robot.interact(() -> WindowHelper.setFocused(window(), false));
        waitUntil(() -> !window().isFocused());

        Run run = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);

        waitUntil(() -> !told.isEmpty());
        assertThat(told).containsExactly(new Told("Run succeeded", "Run " + run.id() + " of quick succeeded."));
        assertThat(bannerSays(run.id())).as("the window's notice is kept").isTrue();
    }

    @Test
    void aRunEndingWhileTheWindowIsInFrontIsToldInTheWindowOnly() throws Exception {
        robot.interact(() -> ((Stage) window()).requestFocus());
        waitUntil(() -> window().isFocused());

        Run run = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);

        waitUntil(() -> bannerSays(run.id()));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertThat(told).isEmpty();
    }
}
