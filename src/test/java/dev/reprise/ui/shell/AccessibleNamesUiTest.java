package dev.reprise.ui.shell;

import dev.reprise.run.Run;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.workspace.LocalWorkspace;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A screen reader has words for every button of the window with a run open: a button that shows only an icon
 * (the theme toggle, the run header's More menu, the banner's close button, the log's search arrows) is named by
 * its accessible text.
 */
class AccessibleNamesUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspace workspace;
    private ShellStage stage;

    @BeforeEach
    void show() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        Run failed = TestWorkspaces.examples().seed(workspace, p -> { }).stream()
                .filter(s -> s.flowId().equals("bike_trips")).findFirst().orElseThrow().run();
        stage = ShellStage.show(workspace);
        FxToolkit.setupFixture(() -> {
            stage.shell().openRun(failed.id());
            stage.shell().model().messages().info("A message, for the banner's close button.");
        });
        waitUntil(() -> stage.shell().selectedRunView() != null
                && stage.shell().selectedRunView().model().step("parse") != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        stage.close();
        workspace.close();
    }

    private String accessibleText(String query) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).query().getAccessibleText()).get();
    }

    @Test
    void everyButtonShowingOnlyAnIconHasAnAccessibleName() throws Exception {
        List<ButtonBase> iconOnly = WaitForAsyncUtils.asyncFx(() -> robot.lookup((Node n) -> n instanceof ButtonBase b
                && (b.getText() == null || b.getText().isBlank())).<ButtonBase>queryAll().stream().toList()).get();

        assertThat(iconOnly).as("the window has icon-only buttons").hasSizeGreaterThanOrEqualTo(4);
        assertThat(iconOnly).allSatisfy(b -> assertThat(b.getAccessibleText()).as(b.toString()).isNotBlank());
        assertThat(accessibleText("#theme-toggle")).isEqualTo("Dark theme");
        assertThat(accessibleText("#run-more")).isEqualTo("More actions");
        assertThat(accessibleText(".gantt-fit")).isEqualTo("Fit the whole run in view");
        assertThat(iconOnly).extracting(ButtonBase::getAccessibleText).contains("Dismiss the message");
    }
}
