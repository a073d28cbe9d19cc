package dev.reprise.ui.shell;

import dev.reprise.run.Attempt;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepState;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.gantt.GanttView;
import dev.reprise.ui.run.RunView;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.RunDetail;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseButton;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revision-fix story end to end, as a user walks it in the window: open the failed bike_trips run,
 * open its flow, correct the date-time format in the editor and save (revision 2), go back to the run,
 * click the parse bar in the Gantt, choose Replay from here (in the selected step's details), pick the latest revision, check the plan
 * reuses extract, press Replay, and see the new run succeed with parse at attempt 2.
 */
class RevisionFixStoryUiTest {

    private static final String WRONG = "yy-MM-dd HH:mm:ss";

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspace workspace;
    private ShellStage stage;
    private ShellView shell;
    private Run failed;

    @BeforeEach
    void show() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        failed = TestWorkspaces.examples().seed(workspace, p -> { }).stream()
                .filter(s -> s.flowId().equals("bike_trips")).findFirst().orElseThrow().run();
        stage = ShellStage.show(workspace);
        shell = stage.shell();
    }

    @AfterEach
    void close() throws Exception {
        stage.close();
        workspace.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void fixTheFlowThenReplayFromTheParseBarWithTheLatestRevision() throws Exception {
        // open the failed run from the runs table
        waitUntil(() -> robot.lookup("#runs-table .table-cell").match(LabeledMatchers.hasText("bike_trips")).tryQuery().isPresent());
        robot.clickOn(robot.lookup("#runs-table .table-cell").match(LabeledMatchers.hasText("bike_trips")).queryAs(Node.class));
        waitUntil(() -> shell.selectedRunView() != null && shell.selectedRunView().model().runId().equals(failed.id())
                && shell.selectedRunView().model().detailProperty().get() != null);
        RunView runView = shell.selectedRunView();

        // open its flow and fix the date-time format in the editor
        robot.clickOn("#run-open-flow");
        CodeArea area = robot.lookup("#flow-source").queryAs(CodeArea.class);
        waitUntil(() -> area.getText().contains(WRONG));
        int start = area.getText().indexOf(WRONG);
        robot.clickOn(area);
        robot.interact(() -> area.selectRange(start, start + WRONG.length()));
        robot.write("yyyy-MM-dd'T'HH:mm:ss");
        ListView<?> problems = robot.lookup("#problem-list").queryAs(ListView.class);
        waitUntil(() -> area.getText().contains("\"yyyy-MM-dd'T'HH:mm:ss\"") && problems.getItems().isEmpty());
        robot.clickOn("#flow-save");
        waitUntil(() -> workspace.revisions("bike_trips").size() == 2);

        // back to the run: click the parse bar in the Gantt, then Replay from here
        robot.clickOn(robot.lookup(".tab-pane .tab .tab-label").match((Node n) -> n instanceof Label l
                && l.getText() != null && l.getText().startsWith("bike_trips")).queryAs(Node.class));
        waitUntil(() -> shell.selectedRunView() == runView);
        GanttView gantt = runView.gantt();
        Attempt parse = workspace.run(failed.id()).step("parse").lastAttempt();
        long middle = (parse.startedAt().toEpochMilli() + parse.endedAt().toEpochMilli()) / 2;
        Point2D bar = WaitForAsyncUtils.asyncFx(() -> gantt.pointAt("parse", middle)
                .map(gantt::localToScreen).orElseThrow()).get();
        robot.moveTo(bar).clickOn(MouseButton.PRIMARY);
        waitUntil(() -> "parse".equals(runView.model().selectedStepProperty().get()));
        robot.clickOn("#details-replay-from");

        // the form: pick the latest revision; the plan reuses extract
        waitUntil(() -> robot.lookup("#replay-revision").tryQuery().isPresent());
        robot.clickOn("#replay-revision");
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match((Node n) -> n instanceof ListCell<?> c
                && c.getText() != null && c.getText().startsWith("latest")).queryAs(Node.class));
        waitUntil(() -> robot.lookup("#plan-summary").queryAs(Label.class).getText().startsWith("revision 1 → 2"));
        @SuppressWarnings("unchecked")
        ListView<ReplayPlan.PlannedStep> plan = robot.lookup("#plan-steps").queryAs(ListView.class);
        assertThat(plan.getItems()).filteredOn(s -> s.stepId().equals("extract")).singleElement()
                .satisfies(s -> assertThat(s.action()).isEqualTo(ReplayPlan.Action.REUSE));

        // Replay: the new run opens and succeeds, parse at attempt 2
        Button replay = robot.lookup("#replay-confirm").queryAs(Button.class);
        waitUntil(() -> !replay.isDisabled());
        robot.clickOn(replay);
        waitUntil(() -> shell.selectedRunView() != null && !shell.selectedRunView().model().runId().equals(failed.id())
                && shell.selectedRunView().model().detailProperty().get() != null
                && shell.selectedRunView().model().detailProperty().get().run().state().isTerminal());
        RunDetail replayed = shell.selectedRunView().model().detailProperty().get();
        assertThat(replayed.run().state()).as(replayed.run().error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(replayed.run().revision()).isEqualTo(2);
        assertThat(replayed.step("extract").state()).isEqualTo(StepState.REUSED);
        assertThat(replayed.step("parse").attempts()).extracting(Attempt::number).containsExactly(2);
    }
}
