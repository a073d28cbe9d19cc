package dev.reprise.ui.replay;

import dev.reprise.run.Attempt;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.ExamplesWindow;
import dev.reprise.ui.run.RunView;
import dev.reprise.ui.shell.ShellView;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.RunDetail;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
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
 * The bundled bike_trips story in one window, headless: the failed run's parse step shows the fix its failure
 * suggests, Apply and replay saves it as revision 2 and opens the replay form from parse on it, and the replay
 * succeeds with parse at attempt 2; Apply fix shows the change in the flow editor, unsaved.
 */
class SuggestedFixUiTest {

    private static final String CHANGE = "parse.datetime_format: 'yy-MM-dd HH:mm:ss' → 'yyyy-MM-dd'T'HH:mm:ss'";

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

    /** Opens the failed bike_trips run and selects its parse step. */
    private void openFailedParse() throws Exception {
        waitUntil(() -> robot.lookup("#runs-table .table-cell").match(LabeledMatchers.hasText("bike_trips")).tryQuery()
                .isPresent());
        robot.clickOn(robot.lookup("#runs-table .table-cell").match(LabeledMatchers.hasText("bike_trips"))
                .queryAs(Node.class));
        waitUntil(() -> openRunView() != null && openRunView().model().detailProperty().get() != null
                && openRunView().model().runId().equals(failed.id())
                && openRunView().details().stepList().getItems().size() >= 2);
        Node cell = robot.lookup("#steps-list .list-cell").match((Node n) -> n instanceof ListCell<?> c
                && c.getItem() instanceof StepRun s && s.stepId().equals("parse")).query();
        robot.clickOn(cell);
        waitUntil(() -> "parse".equals(robot.lookup("#step-title").queryAs(Label.class).getText()));
    }

    /** Scrolls the details pane, which a window of this size shows a little of, to {@code query}, and clicks it. */
    private void clickInDetails(String query) {
        Node node = robot.lookup(query).query();
        ScrollPane scroll = null;
        for (Node n = node.getParent(); n != null && scroll == null; n = n.getParent()) {
            scroll = n instanceof ScrollPane pane ? pane : null;
        }
        ScrollPane pane = scroll;
        robot.interact(() -> {
            double y = pane.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
            double room = pane.getContent().getBoundsInLocal().getHeight() - pane.getViewportBounds().getHeight();
            pane.setVvalue(Math.min(1, Math.max(0, (y - 20) / room)));
        });
        robot.clickOn(node);
    }

    @SuppressWarnings("unchecked")
    private ListView<ReplayPlan.PlannedStep> planSteps() {
        return robot.lookup("#plan-steps").queryAs(ListView.class);
    }

    @Test
    void theFailedParseIsFixedAndReplayedFromParseOnTheNewRevisionWhereItSucceedsAtAttemptTwo() throws Exception {
        openFailedParse();
        assertThat(robot.lookup("#suggested-fix-change").queryAs(Label.class).getText()).isEqualTo(CHANGE);
        assertThat(robot.lookup("#suggested-fix-summary").queryAs(Label.class).getText())
                .isEqualTo("the values of started_at, ended_at are written as yyyy-MM-dd'T'HH:mm:ss");

        clickInDetails("#details-apply-and-replay");

        waitUntil(() -> robot.lookup("#replay-revision").tryQuery().isPresent() && !planSteps().getItems().isEmpty()
                && robot.lookup("#plan-summary").queryAs(Label.class).getText().startsWith("revision 1 → 2"));
        assertThat(workspace.revisions("bike_trips")).hasSize(2);
        assertThat(workspace.revision("bike_trips", 2).source())
                .contains("datetime_format: \"yyyy-MM-dd'T'HH:mm:ss\"   # wrong on purpose");
        assertThat(robot.lookup("#replay-revision").queryAs(ComboBox.class).getValue())
                .isInstanceOfSatisfying(ReplayFormModel.RevisionOption.class,
                        option -> assertThat(option.label()).isEqualTo("latest (revision 2)"));
        assertThat(planSteps().getItems()).filteredOn(s -> s.stepId().equals("extract")).singleElement()
                .satisfies(s -> assertThat(s.action()).isEqualTo(ReplayPlan.Action.REUSE));
        assertThat(planSteps().getItems()).filteredOn(s -> s.stepId().equals("parse")).singleElement()
                .satisfies(s -> assertThat(s.action()).isEqualTo(ReplayPlan.Action.EXECUTE));

        Button replay = robot.lookup("#replay-confirm").queryAs(Button.class);
        waitUntil(() -> !replay.isDisabled());
        robot.clickOn(replay);
        waitUntil(() -> openRunView() != null && !openRunView().model().runId().equals(failed.id())
                && openRunView().model().detailProperty().get() != null
                && openRunView().model().detailProperty().get().run().state().isTerminal());
        RunDetail done = openRunView().model().detailProperty().get();

        assertThat(done.run().state()).as(done.run().error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.run().revision()).isEqualTo(2);
        assertThat(done.run().parentRunId()).isEqualTo(failed.id());
        assertThat(done.step("extract").state()).isEqualTo(StepState.REUSED);
        assertThat(done.step("parse").attempts()).extracting(Attempt::number).containsExactly(2);
    }

    @Test
    void applyFixShowsTheChangeInTheFlowEditorWithoutSavingIt() throws Exception {
        openFailedParse();

        clickInDetails("#details-apply-fix");

        waitUntil(() -> robot.lookup("#flow-source").tryQuery().isPresent()
                && robot.lookup("#flow-source").queryAs(CodeArea.class).getText().contains("yyyy-MM-dd'T'HH:mm:ss"));
        String text = robot.lookup("#flow-source").queryAs(CodeArea.class).getText();
        assertThat(text).isEqualTo(workspace.revision("bike_trips", 1).source().replace(
                "\"yy-MM-dd HH:mm:ss\"", "\"yyyy-MM-dd'T'HH:mm:ss\""));
        assertThat(robot.lookup("#flow-status").queryLabeled().getText())
                .isEqualTo("Suggested fix applied to revision 1 (" + CHANGE + "): not saved yet");
        assertThat(workspace.revisions("bike_trips")).hasSize(1);
    }

    @Test
    void theLogsOfTheFailedAttemptShowItsSuggestedFix() throws Exception {
        openFailedParse();

        robot.clickOn("#tab-logs");

        waitUntil(() -> robot.lookup("#log-suggested-fix").tryQuery().isPresent());
        assertThat(robot.lookup("#log-suggested-fix #suggested-fix-change").queryAs(Label.class).getText())
                .isEqualTo(CHANGE);
    }
}
