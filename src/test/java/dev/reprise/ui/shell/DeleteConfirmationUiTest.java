package dev.reprise.ui.shell;

import dev.reprise.run.Run;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.workspace.LocalWorkspace;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.matcher.control.LabeledMatchers;

import java.nio.file.Path;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** Deleting runs cannot be undone: the question's buttons say what they do, and Enter keeps the runs. */
class DeleteConfirmationUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspace workspace;
    private ShellStage stage;
    private Run shards;

    @BeforeEach
    void show() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        shards = TestWorkspaces.examples().seed(workspace, p -> { }).stream()
                .filter(s -> s.flowId().equals("shards")).findFirst().orElseThrow().run();
        stage = ShellStage.show(workspace);
    }

    @AfterEach
    void close() throws Exception {
        stage.close();
        workspace.close();
    }

    private static boolean button(Node n, String text) {
        return n instanceof Button b && text.equals(b.getText());
    }

    @Test
    void enterInTheQuestionKeepsTheRuns() throws Exception {
        waitUntil(() -> robot.lookup("#runs-table .table-cell").match(LabeledMatchers.hasText("shards")).tryQuery()
                .isPresent());
        robot.clickOn(robot.lookup("#runs-table .table-cell").match(LabeledMatchers.hasText("shards"))
                .queryAs(Node.class));

        Platform.runLater(() -> stage.shell().deleteSelectedRuns());

        waitUntil(() -> robot.lookup(n -> button(n, "Keep")).tryQuery().isPresent());
        Button keep = robot.lookup(n -> button(n, "Keep")).query();
        Button delete = robot.lookup(n -> button(n, "Delete")).query();
        assertThat(keep.isDefaultButton()).as("the safe answer is the default").isTrue();
        assertThat(delete.isDefaultButton()).isFalse();
        robot.type(KeyCode.ENTER);

        waitUntil(() -> robot.lookup(n -> button(n, "Keep")).tryQuery().isEmpty());
        Thread.sleep(300);
        assertThat(workspace.run(shards.id()).run().id()).as("still there").isEqualTo(shards.id());
    }
}
