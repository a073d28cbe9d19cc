package dev.reprise.ui.run;

import dev.reprise.run.Run;
import dev.reprise.run.Snapshot;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.util.Map;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** "Save as snapshot…" in a run's header, headless: a description typed, the run's labels and env shown and kept. */
class SaveSnapshotUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspace workspace;
    private ShellStage stage;
    private Run run;

    @BeforeEach
    void show() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        workspace.applyFlow(TestWorkspaces.QUICK, "quick.yaml");
        run = workspace.await(workspace.start(new StartRequest("quick", null, Map.of(), null,
                Map.of("team", "data"), Map.of("TZ", "UTC"))).id());
        stage = ShellStage.show(workspace);
    }

    @AfterEach
    void close() throws Exception {
        stage.close();
        workspace.close();
    }

    @Test
    void savingARunAsASnapshotTakesADescriptionAndKeepsItsLabelsAndEnv() throws Exception {
        robot.interact(() -> stage.shell().openRun(run.id()));
        waitUntil(() -> robot.lookup("#run-save-snapshot").tryQuery().isPresent()
                || robot.lookup("#run-more").tryQuery().map(Node::isVisible).orElse(false));
        if (robot.lookup("#run-save-snapshot").tryQuery().map(Node::isVisible).orElse(false)) {
            robot.clickOn("#run-save-snapshot");
        } else {
            robot.clickOn("#run-more");
            waitUntil(() -> robot.lookup("#run-save-snapshot-item").tryQuery().isPresent());
            robot.clickOn("#run-save-snapshot-item");
        }
        waitUntil(() -> robot.lookup("#snapshot-description").tryQuery().isPresent());
        assertThat(robot.lookup("#snapshot-labels").queryLabeled().getText()).isEqualTo("team=data");
        assertThat(robot.lookup("#snapshot-env").queryLabeled().getText()).isEqualTo("TZ=UTC");

        TextField name = robot.lookup("#snapshot-name").queryAs(TextField.class);
        robot.interact(() -> name.setText("kept-quick"));
        robot.clickOn("#snapshot-description").write("the quick one");
        robot.clickOn("#snapshot-save");

        waitUntil(() -> !workspace.snapshots().isEmpty());
        Snapshot saved = workspace.snapshot("kept-quick");
        assertThat(saved.description()).isEqualTo("the quick one");
        assertThat(saved.sourceRunId()).isEqualTo(run.id());
        assertThat(saved.labels()).containsExactly(Map.entry("team", "data"));
        assertThat(saved.env()).containsExactly(Map.entry("TZ", "UTC"));
        waitUntil(() -> robot.lookup("#snapshot-save").tryQuery().isEmpty());
    }
}
