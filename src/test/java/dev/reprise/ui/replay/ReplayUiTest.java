package dev.reprise.ui.replay;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.reprise.run.Attempt;
import dev.reprise.run.BulkReplay;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.ExamplesWindow;
import dev.reprise.ui.dag.DagView;
import dev.reprise.ui.gantt.GanttView;
import dev.reprise.ui.run.RunView;
import dev.reprise.ui.shell.ShellView;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.RunDetail;
import javafx.css.PseudoClass;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay as a user does it, headless: a real workspace seeded with the examples, the real window, a robot that
 * clicks the replay actions, fills the form, reads the plan and presses Replay.
 */
class ReplayUiTest {

    private static final String WRONG = "yy-MM-dd HH:mm:ss";

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private ExamplesWindow window;
    private LocalWorkspace workspace;
    private ShellView shell;
    private Run failed;

    @BeforeEach
    void show() throws Exception {
        window = ExamplesWindow.show(folder);
        workspace = window.workspace();
        shell = window.shell();
        failed = window.run("bike_trips");
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private RunView openRunView() {
        return shell.selectedRunView();
    }

    private RunView openFailedBikeTrips() throws Exception {
        waitUntil(() -> robot.lookup("#runs-table .table-cell").match(LabeledMatchers.hasText("bike_trips")).tryQuery().isPresent());
        robot.clickOn(robot.lookup("#runs-table .table-cell").match(LabeledMatchers.hasText("bike_trips")).queryAs(Node.class));
        waitUntil(() -> openRunView() != null && openRunView().model().detailProperty().get() != null
                && openRunView().model().runId().equals(failed.id())
                && openRunView().details().stepList().getItems().size() >= 2);
        return openRunView();
    }

    private void selectStep(String stepId) throws Exception {
        Node cell = robot.lookup("#steps-list .list-cell").match((Node n) -> n instanceof ListCell<?> c
                && c.getItem() instanceof StepRun s && s.stepId().equals(stepId)).query();
        robot.clickOn(cell);
        waitUntil(() -> stepId.equals(robot.lookup("#step-title").queryAs(Label.class).getText()));
    }

    @SuppressWarnings("unchecked")
    private ListView<ReplayPlan.PlannedStep> planSteps() {
        return robot.lookup("#plan-steps").queryAs(ListView.class);
    }

    private Button replayButton() {
        return robot.lookup("#replay-confirm").queryAs(Button.class);
    }

    /** Presses Replay and waits for the new run to open in the run view and end. */
    private RunDetail replayAndFollow() throws Exception {
        waitUntil(() -> !replayButton().isDisabled());
        robot.clickOn(replayButton());
        waitUntil(() -> openRunView() != null && !openRunView().model().runId().equals(failed.id())
                && openRunView().model().detailProperty().get() != null
                && openRunView().model().detailProperty().get().run().state().isTerminal());
        return openRunView().model().detailProperty().get();
    }

    private void type(String query, String text) {
        robot.clickOn(query);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theRevisionFixReplayedFromParseReusesExtractAndSucceedsWithParseAtAttemptTwo() throws Exception {
        Path fixed = Path.of("assets", "examples", "bike_trips", "flow.v2.yaml");
        workspace.applyFlow(Files.readString(fixed), fixed.toString());
        openFailedBikeTrips();
        selectStep("parse");

        robot.clickOn("#details-replay-from");
        waitUntil(() -> robot.lookup("#replay-revision").tryQuery().isPresent() && !planSteps().getItems().isEmpty());
        robot.clickOn("#replay-revision");
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match((Node n) -> n instanceof ListCell<?> c
                && c.getText() != null && c.getText().startsWith("latest")).queryAs(Node.class));

        waitUntil(() -> robot.lookup("#plan-summary").queryAs(Label.class).getText().startsWith("revision 1 → 2"));
        assertThat(planSteps().getItems()).filteredOn(s -> s.stepId().equals("extract")).singleElement()
                .satisfies(s -> assertThat(s.action()).isEqualTo(ReplayPlan.Action.REUSE));
        assertThat(planSteps().getItems()).filteredOn(s -> s.stepId().equals("parse")).singleElement()
                .satisfies(s -> assertThat(s.action()).isEqualTo(ReplayPlan.Action.EXECUTE));
        assertThat(robot.lookup("#plan-node-extract").query().getPseudoClassStates())
                .contains(PseudoClass.getPseudoClass("reuse"));
        assertThat(robot.lookup("#revision-diff").queryAs(ListView.class).getItems()).isNotEmpty();

        RunDetail replay = replayAndFollow();

        assertThat(replay.run().state()).as(replay.run().error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(replay.run().revision()).isEqualTo(2);
        assertThat(replay.run().parentRunId()).isEqualTo(failed.id());
        assertThat(replay.step("extract").state()).isEqualTo(StepState.REUSED);
        assertThat(replay.step("parse").attempts()).extracting(Attempt::number).containsExactly(2);
        waitUntil(() -> robot.lookup("#banner-text").queryAs(Label.class).getText().contains("succeeded"));
    }

    @Test
    void severalRunsSelectedAreReplayedThroughOneDialogWithTheRevisionChosenForAll() throws Exception {
        Path fixed = Path.of("assets", "examples", "bike_trips", "flow.v2.yaml");
        workspace.applyFlow(Files.readString(fixed), fixed.toString());
        robot.clickOn(window.rowOf(robot, "bike_trips"));
        robot.press(KeyCode.CONTROL).clickOn(window.rowOf(robot, "shards")).release(KeyCode.CONTROL);
        Run shards = workspace.runs(RunQuery.all().withFlow("shards")).runs().get(0);

        robot.clickOn("#runs-replay");

        waitUntil(() -> robot.lookup("#bulk-plans").tryQuery().isPresent() && bulkPlans().getItems().size() == 2);
        assertThat(bulkPlans().getItems()).extracting(BulkReplay.Item::runId)
                .containsExactlyInAnyOrder(failed.id(), shards.id());
        assertThat(item(failed.id()).scope()).isEqualTo(ReplayScope.failed());
        assertThat(item(shards.id()).scope()).isEqualTo(ReplayScope.whole());
        assertThat(item(failed.id()).plan().revision()).isEqualTo(1);

        robot.clickOn("#bulk-revision");
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match((Node n) -> n instanceof ListCell<?> c
                && c.getText() != null && c.getText().startsWith("latest")).queryAs(Node.class));

        waitUntil(() -> bulkPlans().getItems().size() == 2 && item(failed.id()).plan().revision() == 2);
        assertThat(robot.lookup("#bulk-summary").queryAs(Label.class).getText()).startsWith("2 runs will be replayed");
        assertThat(robot.lookup(".table-cell").match(LabeledMatchers.hasText("1 → 2")).tryQuery()).isPresent();
        robot.clickOn("#bulk-confirm");

        waitUntil(() -> workspace.runs(RunQuery.all()).runs().stream().filter(r -> r.parentRunId() != null)
                .filter(r -> r.state().isTerminal()).count() == 2);
        Run replay = workspace.runs(RunQuery.all()).runs().stream()
                .filter(r -> failed.id().equals(r.parentRunId())).findFirst().orElseThrow();
        assertThat(replay.state()).as(replay.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(replay.revision()).isEqualTo(2);
        assertThat(workspace.run(replay.id()).step("extract").state()).isEqualTo(StepState.REUSED);
        assertThat(robot.lookup("#bulk-plans").tryQuery()).as("the dialog closed").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private TableView<BulkReplay.Item> bulkPlans() {
        return robot.lookup("#bulk-plans").queryAs(TableView.class);
    }

    private BulkReplay.Item item(String runId) {
        return bulkPlans().getItems().stream().filter(i -> runId.equals(i.runId())).findFirst().orElseThrow();
    }

    /** What a right-click at {@code local} of {@code chart} sends (the headless robot's raise no such request). */
    private void rightClick(Node chart, Point2D local) {
        robot.interact(() -> {
            Point2D scene = chart.localToScene(local);
            Point2D screen = chart.localToScreen(local);
            Event.fireEvent(chart, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, scene.getX(),
                    scene.getY(), screen.getX(), screen.getY(), false, null));
        });
    }

    /** The scope steps the open replay form shows. */
    private String formScopeSteps() {
        return robot.lookup("#replay-scope-steps").queryComboBox().getEditor().getText();
    }

    private void closeForm() throws Exception {
        robot.interact(() -> robot.lookup("#replay-scope-steps").query().getScene().getWindow().hide());
        waitUntil(() -> robot.lookup("#replay-scope-steps").tryQuery().isEmpty());
    }

    @Test
    void aRightClickActsOnTheBarOrNodeUnderThePointerNotOnTheStepSelectedBefore() throws Exception {
        waitUntil(() -> robot.lookup("#runs-table .table-cell").match(LabeledMatchers.hasText("model_training"))
                .tryQuery().isPresent());
        robot.clickOn(robot.lookup("#runs-table .table-cell").match(LabeledMatchers.hasText("model_training"))
                .queryAs(Node.class));
        waitUntil(() -> openRunView() != null && openRunView().model().detailProperty().get() != null
                && openRunView().model().detailProperty().get().run().flowId().equals("model_training"));
        RunView runView = openRunView();
        robot.interact(() -> runView.model().selectedStepProperty().set("load"));
        GanttView gantt = runView.gantt();
        robot.interact(() -> gantt.setExpanded("train", true));
        RunDetail detail = runView.model().detailProperty().get();
        Attempt train1 = detail.step("train[1]").lastAttempt();
        long middle = (train1.startedAt().toEpochMilli() + train1.endedAt().toEpochMilli()) / 2;

        rightClick(gantt, WaitForAsyncUtils.asyncFx(() -> gantt.pointAt("train[1]", middle).orElseThrow()).get());

        waitUntil(() -> robot.lookup("#menu-replay-only").tryQuery().isPresent());
        assertThat(runView.model().selectedStepProperty().get()).isEqualTo("train[1]");
        robot.clickOn("#menu-replay-only");
        waitUntil(() -> robot.lookup("#replay-scope-steps").tryQuery().isPresent());
        assertThat(formScopeSteps()).isEqualTo("train[1]");
        closeForm();

        // the DAG: select another step, then right-click the evaluate node
        robot.interact(() -> runView.model().selectedStepProperty().set("load"));
        robot.clickOn("#tab-dag");
        DagView dag = runView.dag();
        waitUntil(() -> dag.pointOf("evaluate").isPresent());
        rightClick(dag, WaitForAsyncUtils.asyncFx(() -> dag.pointOf("evaluate").orElseThrow()).get());
        waitUntil(() -> robot.lookup("#menu-replay-from").tryQuery().isPresent());
        robot.clickOn("#menu-replay-from");
        waitUntil(() -> robot.lookup("#replay-scope-steps").tryQuery().isPresent());
        assertThat(formScopeSteps()).isEqualTo("evaluate");
        closeForm();
    }

    @Test
    void anEditedStepInputIsCheckedAtTheFieldAndRecordedByTheReplay() throws Exception {
        openFailedBikeTrips();
        selectStep("extract");
        robot.clickOn("#details-replay-only");
        waitUntil(() -> robot.lookup("#field-steps-extract-inputs-rows").tryQuery().isPresent()
                && !planSteps().getItems().isEmpty());
        assertThat(robot.lookup("#field-steps-extract-inputs-rows").queryAs(TextField.class).getText()).isEqualTo("5000");

        type("#field-steps-extract-inputs-rows", "abc");

        waitUntil(() -> replayButton().isDisabled());
        assertThat(robot.lookup("#message-steps-extract-inputs-rows").queryAs(Label.class).getText())
                .isEqualTo("expected an integer, got 'abc'");

        type("#field-steps-extract-inputs-rows", "300");
        waitUntil(() -> robot.lookup("#replay-modified").query().isVisible());
        RunDetail replay = replayAndFollow();

        assertThat(replay.run().state()).as(replay.run().error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(replay.run().modified()).isTrue();
        assertThat(workspace.run(replay.run().id()).step("extract").inputs().get("rows")).isEqualTo(IntNode.valueOf(300));
        assertThat(robot.lookup("#run-header .modified-badge").tryQuery()).isPresent();
    }

    @Test
    void anOutputGivenInTheFormShowsItsStepAsInjectedInThePlan() throws Exception {
        openFailedBikeTrips();
        selectStep("parse");
        robot.clickOn("#details-replay-from");
        waitUntil(() -> robot.lookup("#replay-output-step").tryQuery().isPresent() && !planSteps().getItems().isEmpty());
        assertThat(robot.lookup("#replay-modified").query().isVisible()).isFalse();

        robot.interact(() -> robot.lookup("#replay-output-step").queryComboBox().getSelectionModel().select("extract"));
        waitUntil(() -> robot.lookup("#field-outputs-extract-rows").tryQuery().isPresent());
        // the field lies below the scrolled part of the form: typed into through its control, not the robot
        robot.interact(() -> robot.lookup("#field-outputs-extract-rows").queryTextInputControl().setText("12"));

        // the preview is drawn anew for each plan: its node may be missing for a moment
        waitUntil(() -> robot.lookup("#plan-node-extract").tryQuery().map(n -> n.getPseudoClassStates()
                .contains(PseudoClass.getPseudoClass("inject"))).orElse(false));
        assertThat(planSteps().getItems()).filteredOn(s -> s.stepId().equals("extract")).singleElement()
                .satisfies(s -> assertThat(s.action()).isEqualTo(ReplayPlan.Action.INJECT));
        assertThat(robot.lookup("#replay-modified").query().isVisible()).isTrue();
    }

    /**
     * The revision-fix story end to end, as a user walks it: open the failed run, open its flow, correct the
     * date-time format in the editor and save (revision 2), go back to the run, click the parse bar in the
     * Gantt, choose Replay from here, pick the latest revision, check the plan reuses extract, press Replay,
     * and see the new run succeed with parse at attempt 2.
     */
    @Test
    void fixTheFlowThenReplayFromTheParseBarWithTheLatestRevision() throws Exception {
        // open the failed run from the runs table
        waitUntil(() -> robot.lookup("#runs-table .table-cell").match(LabeledMatchers.hasText("bike_trips")).tryQuery().isPresent());
        robot.clickOn(robot.lookup("#runs-table .table-cell").match(LabeledMatchers.hasText("bike_trips")).queryAs(Node.class));
        waitUntil(() -> openRunView() != null && openRunView().model().runId().equals(failed.id())
                && openRunView().model().detailProperty().get() != null);
        RunView runView = openRunView();

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
        waitUntil(() -> openRunView() == runView);
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
        waitUntil(() -> openRunView() != null && !openRunView().model().runId().equals(failed.id())
                && openRunView().model().detailProperty().get() != null
                && openRunView().model().detailProperty().get().run().state().isTerminal());
        RunDetail replayed = openRunView().model().detailProperty().get();
        assertThat(replayed.run().state()).as(replayed.run().error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(replayed.run().revision()).isEqualTo(2);
        assertThat(replayed.step("extract").state()).isEqualTo(StepState.REUSED);
        assertThat(replayed.step("parse").attempts()).extracting(Attempt::number).containsExactly(2);
    }
}
