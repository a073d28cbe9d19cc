package dev.reprise.ui.shell;

import dev.reprise.run.Run;
import dev.reprise.ui.ExamplesWindow;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Path;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** Deleting runs cannot be undone: the question's buttons say what they do, and Enter keeps the runs. */
class DeleteConfirmationUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private ExamplesWindow window;

    @BeforeEach
    void show() throws Exception {
        window = ExamplesWindow.show(folder);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    private static boolean button(Node n, String text) {
        return n instanceof Button b && text.equals(b.getText());
    }

    @Test
    void enterInTheQuestionKeepsTheRuns() throws Exception {
        window.openRun(robot, "shards");
        Run shards = window.run("shards");

        Platform.runLater(() -> window.shell().deleteSelectedRuns());

        waitUntil(() -> robot.lookup(n -> button(n, "Keep")).tryQuery().isPresent());
        Button keep = robot.lookup(n -> button(n, "Keep")).query();
        Button delete = robot.lookup(n -> button(n, "Delete")).query();
        assertThat(keep.isDefaultButton()).as("the safe answer is the default").isTrue();
        assertThat(delete.isDefaultButton()).isFalse();
        robot.type(KeyCode.ENTER);

        waitUntil(() -> robot.lookup(n -> button(n, "Keep")).tryQuery().isEmpty());
        Thread.sleep(300);
        assertThat(window.workspace().run(shards.id()).run().id()).as("still there").isEqualTo(shards.id());
    }
}
