package dev.reprise.ui.run;

import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A parent run in the window, headless, on a real workspace: beside the step that started a child run, the DAG
 * and the Gantt show a marker, and clicking it opens the child run.
 */
class ChildRunMarkerUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspace workspace;
    private ShellStage stage;
    private Run parent;
    private String child;

    @BeforeEach
    void runAParentAndItsChild() {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        workspace.applyFlow("""
                id: train
                steps:
                  fit: { type: shell, run: "echo fitting" }
                """, "train.yaml");
        workspace.applyFlow("""
                id: nightly
                steps:
                  prepare: { type: shell, run: "echo preparing" }
                  training:
                    type: flow.run
                    needs: [prepare]
                    inputs: { flow: train }
                  publish: { type: shell, needs: [training], run: "echo publishing" }
                """, "nightly.yaml");
        parent = workspace.await(workspace.start(StartRequest.of("nightly")).id());
        assertThat(parent.state()).as(parent.error()).isEqualTo(RunState.SUCCEEDED);
        child = workspace.run(parent.id()).steps().stream().filter(s -> s.stepId().equals("training"))
                .findFirst().orElseThrow().lastAttempt().childRunId();
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            stage.close();
        }
        workspace.close();
    }

    private RunView openParent() throws Exception {
        stage = ShellStage.show(workspace);
        FxToolkit.setupFixture(() -> stage.shell().openRun(parent.id()));
        waitUntil(() -> stage.shell().selectedRunView() != null
                && stage.shell().selectedRunView().model().step("publish") != null);
        return stage.shell().selectedRunView();
    }

    @Test
    void clickingTheChildMarkerInTheDagOpensTheChildRunWhoseHeaderLeadsBack() throws Exception {
        RunView view = openParent();
        Tab dag = view.tabs().getTabs().stream().filter(t -> "tab-dag".equals(t.getId())).findFirst().orElseThrow();
        FxToolkit.setupFixture(() -> view.tabs().getSelectionModel().select(dag));
        waitUntil(() -> view.dag().currentLayout() != null
                && robot.lookup("#child-marker-training").tryQuery().map(n -> n.isVisible()).orElse(false));

        Button marker = robot.lookup("#child-marker-training").queryButton();
        assertThat(marker.getText()).isEqualTo("child run");
        assertThat(marker.getAccessibleText()).contains(child).contains("step training");
        assertThat(robot.lookup("#child-marker-prepare").tryQuery()).as("only the step that started a run").isEmpty();
        robot.clickOn(marker);

        waitUntil(() -> stage.shell().selectedRunView() != null
                && child.equals(stage.shell().selectedRunView().model().runId()));
        RunView opened = stage.shell().selectedRunView();
        waitUntil(() -> opened.model().runProperty().get() != null);
        assertThat(opened.model().runProperty().get().flowId()).isEqualTo("train");
        waitUntil(() -> robot.lookup("#run-started-by").tryQuery().isPresent());
        robot.clickOn("#run-started-by");
        waitUntil(() -> stage.shell().selectedRunView() != null
                && parent.id().equals(stage.shell().selectedRunView().model().runId()));
    }

    @Test
    void theStepDetailsLinkTheRunAnAttemptStarted() throws Exception {
        RunView view = openParent();
        FxToolkit.setupFixture(() -> view.model().selectedStepProperty().set("training"));
        waitUntil(() -> robot.lookup("#details-child-run-1").tryQuery().isPresent());

        javafx.scene.control.Hyperlink link = robot.lookup("#details-child-run-1").query();
        assertThat(link.getText()).isEqualTo("started run " + child);
        // the link sits below the fold of the details pane on the test's screen: follow it as a keyboard would
        FxToolkit.setupFixture(link::fire);

        waitUntil(() -> stage.shell().selectedRunView() != null
                && child.equals(stage.shell().selectedRunView().model().runId()));
    }

    @Test
    void theGanttShowsTheMarkerAfterTheStepsBarAndItOpensTheChild() throws Exception {
        RunView view = openParent();
        waitUntil(() -> robot.lookup("#child-marker-training").tryQuery().map(n -> n.isVisible()).orElse(false));

        Button marker = robot.lookup("#child-marker-training").queryButton();
        // the bar is the attempt, which ends a moment before its step is recorded as ended
        long attemptEnd = view.model().step("training").lastAttempt().endedAt().toEpochMilli();
        double barEnd = view.gantt().pointAt("training", attemptEnd).orElseThrow().getX();
        double rowY = view.gantt().pointAt("training", attemptEnd).orElseThrow().getY();
        var bounds = marker.getBoundsInParent();
        assertThat(bounds.getMinX()).as("after the bar, or as far right as the chart allows")
                .isGreaterThanOrEqualTo(Math.min(barEnd, view.gantt().getWidth() - bounds.getWidth() - 3));
        assertThat(bounds.getMaxX()).as("inside the chart").isLessThanOrEqualTo(view.gantt().getWidth());
        assertThat(bounds.getMinY()).as("on its row").isLessThan(rowY);
        assertThat(bounds.getMaxY()).isGreaterThan(rowY);
        assertThat(view.gantt().childMarkers().children("training")).containsEntry("training", child);
        robot.clickOn(marker);

        waitUntil(() -> stage.shell().selectedRunView() != null
                && child.equals(stage.shell().selectedRunView().model().runId()));
    }
}
