package dev.reprise.ui.shell;

import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.workspace.LocalWorkspace;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The window's menu bar, headless: its menus and items, About with the version, and items that act. */
class WindowMenusUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspace workspace;
    private ShellStage stage;

    @BeforeEach
    void open() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            stage.close();
        }
        workspace.close();
    }

    private MenuItem item(Menu menu, String id) {
        return menu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    @Test
    void theMenusHoldTheirItemsAndAboutShowsTheVersion() throws Exception {
        stage = ShellStage.show(workspace);
        assertThat(stage.shell().menuBar().getMenus()).extracting(Menu::getId)
                .containsExactly("menu-file", "menu-view", "menu-run", "menu-help");
        assertThat(stage.menu("menu-file").getItems()).extracting(MenuItem::getId).filteredOn(Objects::nonNull)
                .contains("menu-new-flow", "menu-open-flow", "menu-import-run", "menu-export-run", "menu-connect",
                        "menu-quit");
        assertThat(stage.menu("menu-view").getItems()).extracting(MenuItem::getId).filteredOn(Objects::nonNull)
                .contains("menu-dark-theme", "menu-zoom-in", "menu-zoom-out", "menu-zoom-reset");
        assertThat(stage.menu("menu-run").getItems()).extracting(MenuItem::getId)
                .containsExactly("menu-run-flow", "menu-replay", "menu-cancel-run");
        assertThat(stage.menu("menu-help").getItems()).extracting(MenuItem::getId).filteredOn(Objects::nonNull)
                .contains("menu-shortcuts", "menu-logs", "menu-about");

        stage.showMenu("menu-run");
        assertThat(item(stage.menu("menu-run"), "menu-cancel-run").isDisable()).as("no running run selected").isTrue();
        assertThat(item(stage.menu("menu-file"), "menu-connect").isDisable()).as("no window to switch").isTrue();
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);

        stage.showMenu("menu-help");
        robot.clickOn("#menu-about");
        waitUntil(() -> robot.lookup("#about-version").tryQuery().isPresent());
        assertThat(robot.lookup("#about-version").queryAs(Label.class).getText())
                .isEqualTo("Version " + stage.shell().model().version());
        assertThat(robot.lookup("#about-licences").tryQuery()).isPresent();
        robot.clickOn("OK");

        robot.press(KeyCode.F1).release(KeyCode.F1);
        waitUntil(() -> robot.lookup("#shortcuts-dialog").tryQuery().isPresent());
        robot.clickOn("OK");
    }

    @Test
    void viewZoomScalesTheWindowsText() throws Exception {
        stage = ShellStage.show(workspace);
        stage.showMenu("menu-view");
        robot.clickOn("#menu-zoom-in");
        waitUntil(() -> stage.shell().model().fontScaleProperty().get() > 1);
        assertThat(stage.shell().model().fontScaleProperty().get()).isEqualTo(1.1);
        assertThat(stage.shell().getStyle()).isEqualTo("-fx-font-size: 15.4px;");

        stage.showMenu("menu-view");
        robot.clickOn("#menu-zoom-reset");
        waitUntil(() -> stage.shell().model().fontScaleProperty().get() == 1);
        assertThat(stage.shell().getStyle()).isEmpty();
    }

    @Test
    void runCancelCancelsTheSelectedRunningRun() throws Exception {
        Run running = TestWorkspaces.startGated(workspace, folder.resolve("gate"));
        stage = ShellStage.show(workspace);
        FxToolkit.setupFixture(() -> stage.shell().openRun(running.id()));
        waitUntil(() -> stage.shell().selectedRun() != null && stage.shell().selectedRun().state() == RunState.RUNNING);

        stage.showMenu("menu-run");
        assertThat(item(stage.menu("menu-run"), "menu-cancel-run").isDisable()).isFalse();
        assertThat(item(stage.menu("menu-run"), "menu-cancel-run").getText()).isEqualTo("Cancel run of gated…");
        assertThat(item(stage.menu("menu-run"), "menu-replay").isDisable()).as("a running run is not replayed")
                .isTrue();
        robot.clickOn("#menu-cancel-run");
        waitUntil(() -> robot.lookup("Cancel run").tryQuery().isPresent());
        robot.clickOn("Cancel run");

        waitUntil(() -> workspace.run(running.id()).run().state() == RunState.CANCELLED);
        Files.createFile(folder.resolve("gate"));
        assertThat(List.of(workspace.run(running.id()).run().state())).containsExactly(RunState.CANCELLED);
    }
}
