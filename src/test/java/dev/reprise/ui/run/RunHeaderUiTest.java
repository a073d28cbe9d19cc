package dev.reprise.ui.run;

import dev.reprise.run.Run;
import dev.reprise.ui.ExamplesWindow;
import dev.reprise.ui.shell.ShellView;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run header's actions read whole: beside a long error at 1280 px, and folded into a "More" menu where the
 * window is too narrow for them all, Cancel and Replay staying in view.
 */
class RunHeaderUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private ExamplesWindow window;
    private ShellView shell;
    private Run failed;

    @BeforeEach
    void show() throws Exception {
        window = ExamplesWindow.show(folder);
        shell = window.shell();
        failed = window.run("bike_trips");
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    /** Each visible action of the header: its text, and the text drawn for it. */
    private Map<String, String> drawnActions() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Stream.concat(
                        robot.lookup("#run-header").query().lookupAll(".button").stream(),
                        robot.lookup("#run-header").query().lookupAll(".menu-button").stream()).filter(Node::isVisible).filter(n -> n instanceof ButtonBase b && b.getText() != null)
                .collect(Collectors.toMap(n -> ((Labeled) n).getText(), n -> n.lookup(".text") instanceof Text t
                        ? t.getText() : ""))).get();
    }

    private void resize(double width, double height) throws Exception {
        Window window = shell.getScene().getWindow();
        robot.interact(() -> {
            window.setWidth(width);
            window.setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theActionsReadWholeBesideALongErrorAndFoldIntoMoreWhenNarrow() throws Exception {
        window.openRun(robot, "bike_trips");
        waitUntil(() -> robot.lookup("#run-replay").tryQuery().isPresent());
        assertThat(failed.error()).hasSizeGreaterThan(60);

        resize(1280, 800);
        Map<String, String> wide = drawnActions();
        assertThat(wide.keySet()).contains("Flow", "Save as snapshot…", "Replay");
        wide.forEach((text, drawn) -> assertThat(drawn).as("the %s action", text).isEqualTo(text));
        assertThat(robot.lookup("#run-more").query().isVisible()).isFalse();

        resize(820, 700);
        Map<String, String> narrow = drawnActions();
        assertThat(narrow.keySet()).contains("Replay").doesNotContain("Flow", "Save as snapshot…");
        narrow.forEach((text, drawn) -> assertThat(drawn).as("the %s action", text).isEqualTo(text));
        assertThat(robot.lookup("#run-more").query().isVisible()).isTrue();
        robot.clickOn("#run-more");
        waitUntil(() -> robot.lookup("#run-open-flow-item").tryQuery().isPresent());
        assertThat(List.of("#run-open-flow-item", "#run-save-snapshot-item"))
                .allSatisfy(id -> assertThat(robot.lookup(id).tryQuery()).as(id).isPresent());
    }
}
