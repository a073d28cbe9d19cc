package dev.reprise.ui.shell;

import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.run.RunView;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling from the window, headless, on a real local workspace whose steps are real {@code sleep 30}
 * processes: the run header's "Cancel run…" and a step's context menu (the Gantt's and the DAG's), each after
 * the window's confirmation, end the run or the step CANCELLED well before the sleep would.
 */
class CancelFromWindowUiTest {

    private static final String SLEEPY = """
            id: sleepy
            steps:
              nap:
                type: shell
                run: sleep 30
              doze:
                type: shell
                run: sleep 30
            """;

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspace workspace;
    private ShellStage stage;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        workspace.applyFlow(SLEEPY, "sleepy.yaml");
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            stage.close();
        }
        workspace.close();
    }

    private RunView openRunning(String runId) throws Exception {
        stage = ShellStage.show(workspace);
        FxToolkit.setupFixture(() -> stage.shell().openRun(runId));
        waitUntil(() -> stage.shell().selectedRunView() != null
                && stage.shell().selectedRunView().model().step("nap") != null
                && stage.shell().selectedRunView().model().step("nap").state() == StepState.RUNNING);
        return stage.shell().selectedRunView();
    }

    /** Answers the window's confirmation with its button {@code yes}, after seeing the one that says no. */
    private void confirm(String yes) throws Exception {
        waitUntil(() -> robot.lookup(n -> n instanceof Button b && yes.equals(b.getText())).tryQuery().isPresent());
        assertThat(robot.lookup(n -> n instanceof Button b && "Keep running".equals(b.getText())).tryQuery())
                .isPresent();
        robot.clickOn((Node) robot.lookup(n -> n instanceof Button b && yes.equals(b.getText())).query());
    }

    @Test
    void cancelRunInTheHeaderEndsTheRunCancelledAfterConfirmation() throws Exception {
        Run run = workspace.start(StartRequest.of("sleepy"));
        RunView view = openRunning(run.id());

        robot.clickOn("#run-cancel");
        confirm("Cancel run");

        waitUntil(() -> workspace.run(run.id()).run().state() == RunState.CANCELLED);
        waitUntil(() -> view.model().runProperty().get().state() == RunState.CANCELLED);
        assertThat(view.model().step("nap").state()).isEqualTo(StepState.CANCELLED);
        assertThat(robot.lookup("#run-cancel").tryQuery()).as("an ended run offers no cancel").isEmpty();
    }

    @Test
    void enterInTheCancelConfirmationKeepsTheRunRunning() throws Exception {
        Run run = workspace.start(StartRequest.of("sleepy"));
        RunView view = openRunning(run.id());

        robot.clickOn("#run-cancel");
        waitUntil(() -> robot.lookup(n -> n instanceof Button b && "Cancel run".equals(b.getText())).tryQuery()
                .isPresent());
        Button keep = robot.lookup(n -> n instanceof Button b && "Keep running".equals(b.getText())).query();
        Button cancel = robot.lookup(n -> n instanceof Button b && "Cancel run".equals(b.getText())).query();
        assertThat(keep.isDefaultButton()).as("the safe answer is the default").isTrue();
        assertThat(cancel.isDefaultButton()).isFalse();
        robot.type(KeyCode.ENTER);

        waitUntil(() -> robot.lookup(n -> n instanceof Button b && "Keep running".equals(b.getText())).tryQuery()
                .isEmpty());
        Thread.sleep(500); // a cancel, had one been sent, reaches the store at once
        assertThat(workspace.run(run.id()).run().state()).isEqualTo(RunState.RUNNING);
        assertThat(view.model().step("nap").state()).isEqualTo(StepState.RUNNING);
        workspace.cancel(run.id());
    }

    @Test
    void cancelStepInAStepsContextMenuEndsThatStepCancelled() throws Exception {
        Run run = workspace.start(StartRequest.of("sleepy"));
        RunView view = openRunning(run.id());
        FxToolkit.setupFixture(() -> view.model().selectedStepProperty().set("nap"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#details-cancel-step").tryQuery()).as("the details offer the cancel").isPresent();
        assertThat(robot.lookup("#details-replay-only").tryQuery()).as("and no replay of a running step").isEmpty();

        AtomicReference<ContextMenu> shown = new AtomicReference<>();
        FxToolkit.setupFixture(() -> shown.set(view.stepMenu("nap")));
        List<String> ids = shown.get().getItems().stream().map(MenuItem::getId).toList();
        assertThat(ids).contains("menu-cancel-step").doesNotContain("menu-replay-only", "menu-replay-from");

        // another step selected: the right-click acts on the bar under the pointer
        FxToolkit.setupFixture(() -> view.model().selectedStepProperty().set("doze"));
        long started = view.model().step("nap").startedAt().toEpochMilli();
        // what a right-click there sends (the headless robot's clicks raise no context-menu request)
        FxToolkit.setupFixture(() -> {
            Point2D local = view.gantt().pointAt("nap", started + (System.currentTimeMillis() - started) / 2)
                    .orElseThrow();
            Point2D scene = view.gantt().localToScene(local);
            Point2D screen = view.gantt().localToScreen(local);
            Event.fireEvent(view.gantt(), new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                    scene.getX(), scene.getY(), screen.getX(), screen.getY(), false, null));
        });
        waitUntil(() -> robot.lookup("#menu-cancel-step").tryQuery().isPresent());
        assertThat(view.model().selectedStepProperty().get()).isEqualTo("nap");
        robot.clickOn("#menu-cancel-step");
        confirm("Cancel step");

        waitUntil(() -> view.model().step("nap").state() == StepState.CANCELLED);
        StepRun stored = workspace.run(run.id()).steps().stream()
                .filter(s -> s.stepId().equals("nap")).findFirst().orElseThrow();
        assertThat(stored.state()).isEqualTo(StepState.CANCELLED);
        assertThat(view.model().step("doze").state()).as("the rest of the run goes on").isEqualTo(StepState.RUNNING);

        FxToolkit.setupFixture(() -> shown.set(view.stepMenu("nap")));
        assertThat(shown.get().getItems().stream().map(MenuItem::getId).toList())
                .as("a cancelled step is replayed, not cancelled").contains("menu-replay-only")
                .doesNotContain("menu-cancel-step");
        workspace.cancel(run.id());
    }
}
