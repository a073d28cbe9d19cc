package dev.reprise.ui.shell;

import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.ManualClock;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.run.RunView;
import dev.reprise.workspace.LocalWorkspace;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The durations of a running run tick with the window's one tick, measured to the window's clock: moving a
 * manual clock on two hours and firing the tick moves the running run's duration in the runs table, the run
 * header and the step list, and leaves a finished run's as it was.
 */
class TickingDurationsUiTest {

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

    private String durationShown(String runId) {
        return robot.lookup(n -> n instanceof TableCell<?, ?> cell && cell.getTableColumn() != null
                        && "col-duration".equals(cell.getTableColumn().getId()) && cell.getTableRow() != null
                        && cell.getTableRow().getItem() instanceof Run run && run.id().equals(runId))
                .queryAs(TableCell.class).getText();
    }

    private String stepTimeShown(String stepId) {
        ListCell<?> cell = robot.lookup(n -> n instanceof ListCell<?> c && c.getItem() instanceof StepRun s
                && s.stepId().equals(stepId)).queryAs(ListCell.class);
        return robot.from(cell).lookup(".muted").queryLabeled().getText();
    }

    @Test
    void advancingTheClockAndTickingMovesOnlyTheRunningDurations() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        Run finished = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        Run running = TestWorkspaces.startGated(workspace, folder.resolve("gate"));
        ManualClock clock = new ManualClock(Instant.now().plusSeconds(5));
        stage = ShellStage.show(workspace, clock);
        waitUntil(() -> stage.shell().runsView().table().getItems().size() == 2);
        FxToolkit.setupFixture(() -> stage.shell().openRun(running.id()));
        waitUntil(() -> stage.shell().selectedRunView() != null
                && stage.shell().selectedRunView().model().step("wait") != null
                && stage.shell().selectedRunView().model().step("wait").state() == StepState.RUNNING);
        RunView view = stage.shell().selectedRunView();
        FxToolkit.setupFixture(() -> view.model().selectedStepProperty().set("wait"));
        String finishedBefore = durationShown(finished.id());
        String runningBefore = durationShown(running.id());
        String headerBefore = view.headerFacts().getText();
        assertThat(runningBefore).doesNotContain(" h ");
        assertThat(stage.shell().model().ticker().isRunning()).as("something running is shown").isTrue();

        clock.advance(Duration.ofHours(2));
        FxToolkit.setupFixture(() -> stage.shell().model().ticker().tick());
        waitUntil(() -> durationShown(running.id()).startsWith("2 h"));

        assertThat(durationShown(finished.id())).isEqualTo(finishedBefore);
        assertThat(view.headerFacts().getText()).isNotEqualTo(headerBefore).contains("· 2 h 0 min");
        assertThat(stepTimeShown("wait")).startsWith("2 h");
        assertThat(robot.lookup("#steps-list").tryQuery()).isPresent();

        Files.createFile(folder.resolve("gate"));
        waitUntil(() -> workspace.run(running.id()).run().state() == RunState.SUCCEEDED);
        waitUntil(() -> view.model().runProperty().get().state() == RunState.SUCCEEDED
                && !stage.shell().model().ticker().isRunning());
    }
}
