package dev.reprise.ui.compare;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.Run;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.shell.ShellView;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison in the window, headless: a replay with a smaller sample against its source. */
class CompareUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspace workspace;
    private ShellStage stage;
    private ShellView shell;
    private Run source;
    private Run replay;

    @BeforeEach
    void show() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        workspace.applyFlow(Files.readString(Path.of("assets/examples/bike_trips/flow.yaml")), "bike_trips.yaml");
        source = workspace.await(workspace.start(StartRequest.of("bike_trips")).id());
        replay = workspace.await(workspace.replay(source.id(), ReplayRequest.asIs()
                .withParameters(Map.of("sample_size", IntNode.valueOf(300)))).id());
        stage = ShellStage.show(workspace);
        shell = stage.shell();
    }

    @AfterEach
    void close() throws Exception {
        stage.close();
        workspace.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TreeTableRow<?> rowOf(String id) {
        return robot.lookup("#compare-table .tree-table-row-cell").match((Node n) -> n instanceof TreeTableRow<?> row
                && row.getItem() instanceof CompareRow r && r.id().equals(id)).tryQueryAs(TreeTableRow.class).orElse(null);
    }

    @Test
    void comparingAReplayWithItsSourceMarksTheChangedParameter() throws Exception {
        @SuppressWarnings("unchecked")
        TableView<Run> table = robot.lookup("#runs-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 2);
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> r.id().equals(replay.id())).findFirst().orElseThrow()));

        robot.clickOn("#compare-runs");

        waitUntil(() -> rowOf("parameter.sample_size") != null);
        TreeTableRow<?> changed = rowOf("parameter.sample_size");
        assertThat(changed.getPseudoClassStates()).contains(CompareView.pseudo(RunComparison.Change.CHANGED));
        CompareRow row = (CompareRow) changed.getItem();
        assertThat(row.left()).isEqualTo("5000");
        assertThat(row.right()).isEqualTo("300");
        assertThat(rowOf("parameter.month").getPseudoClassStates())
                .doesNotContain(CompareView.pseudo(RunComparison.Change.CHANGED));
        assertThat(robot.lookup("#left-run").queryLabeled().getText()).contains(source.id());
        assertThat(robot.lookup("#right-run").queryLabeled().getText()).contains(replay.id());
    }

    @Test
    void theRunViewOfAReplayOpensTheComparisonWithItsSource() throws Exception {
        robot.interact(() -> shell.openRun(replay.id()));
        waitUntil(() -> robot.lookup("#run-compare-source").tryQuery().isPresent());

        robot.clickOn("#run-compare-source");

        waitUntil(() -> rowOf("parameter.sample_size") != null);
        assertThat(rowOf("parameter.sample_size").getPseudoClassStates())
                .contains(CompareView.pseudo(RunComparison.Change.CHANGED));
    }
}
