package dev.reprise.ui.shell;

import dev.reprise.run.Run;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.workspace.LocalWorkspace;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TableRow;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.util.List;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clicking through the runs table reuses one preview tab, its title in italics; a double-click keeps the run
 * open, so that the next run clicked opens beside it.
 */
class PreviewTabUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspace workspace;
    private ShellStage stage;

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            stage.close();
        }
        workspace.close();
    }

    private Node row(String runId) {
        return robot.lookup(n -> n instanceof TableRow<?> row && row.getItem() instanceof Run run
                && run.id().equals(runId)).query();
    }

    private List<Tab> tabs() {
        return stage.shell().runTabs().getTabs();
    }

    @Test
    void clickingRunsReusesOnePreviewTabAndADoubleClickKeepsItOpen() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        Run first = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        Run second = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        Run third = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        stage = ShellStage.show(workspace);
        waitUntil(() -> stage.shell().runsView().table().getItems().size() == 3);

        robot.clickOn(row(first.id()));
        waitUntil(() -> tabs().size() == 1 && tabs().get(0).getId().equals("run-tab-" + first.id()));
        assertThat(tabs().get(0).getStyleClass()).contains(OpenTabs.PREVIEW);

        robot.clickOn(row(second.id()));
        waitUntil(() -> tabs().size() == 1 && tabs().get(0).getId().equals("run-tab-" + second.id()));
        assertThat(tabs().get(0).getStyleClass()).as("the same preview, another run").contains(OpenTabs.PREVIEW);

        robot.doubleClickOn(row(second.id()), MouseButton.PRIMARY);
        waitUntil(() -> !tabs().get(0).getStyleClass().contains(OpenTabs.PREVIEW));

        robot.clickOn(row(third.id()));
        waitUntil(() -> tabs().size() == 2);
        assertThat(tabs()).extracting(Tab::getId).containsExactly("run-tab-" + second.id(), "run-tab-" + third.id());
        assertThat(tabs().get(1).getStyleClass()).contains(OpenTabs.PREVIEW);
    }
}
