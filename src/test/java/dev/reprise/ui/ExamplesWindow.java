package dev.reprise.ui;

import dev.reprise.run.Run;
import dev.reprise.ui.shell.ShellView;
import dev.reprise.workspace.BundledExamples;
import dev.reprise.workspace.LocalWorkspace;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the window tests start from: a real workspace in {@code folder} seeded with the bundled examples, each run
 * once (bike_trips fails at parse), and the window shown on it. Closes both.
 */
public final class ExamplesWindow implements AutoCloseable {

    private final LocalWorkspace workspace;
    private final Map<String, Run> runs;
    private final ShellStage stage;

    private ExamplesWindow(LocalWorkspace workspace, Map<String, Run> runs, ShellStage stage) {
        this.workspace = workspace;
        this.runs = runs;
        this.stage = stage;
    }

    /** Seeds a workspace in {@code folder} and shows the window on it. */
    public static ExamplesWindow show(Path folder) throws Exception {
        LocalWorkspace workspace = TestWorkspaces.open(folder.resolve("ws"));
        Map<String, Run> runs = new LinkedHashMap<>();
        for (BundledExamples.Seeded seeded : TestWorkspaces.examples().seed(workspace, p -> { })) {
            runs.put(seeded.flowId(), seeded.run());
        }
        return new ExamplesWindow(workspace, runs, ShellStage.show(workspace));
    }

    public LocalWorkspace workspace() {
        return workspace;
    }

    public ShellView shell() {
        return stage.shell();
    }

    /** The seeded run of flow {@code flowId}. */
    public Run run(String flowId) {
        Run run = runs.get(flowId);
        if (run == null) {
            throw new IllegalArgumentException("no example run of flow " + flowId + " (" + runs.keySet() + ")");
        }
        return run;
    }

    /** Clicks the seeded run of {@code flowId} in the runs table, as a person would, and waits until it is open. */
    public void openRun(FxRobot robot, String flowId) throws Exception {
        String id = run(flowId).id();
        robot.clickOn(rowOf(robot, flowId));
        ShellStage.waitUntil(() -> shell().selectedRunView() != null
                && shell().selectedRunView().model().runId().equals(id)
                && shell().selectedRunView().model().detailProperty().get() != null);
    }

    /**
     * The runs table's row of the seeded run of {@code flowId}, scrolled into sight as a person would scroll to it
     * (the examples, and the run nightly starts, are more rows than the test's window shows).
     */
    public Node rowOf(FxRobot robot, String flowId) throws Exception {
        String id = run(flowId).id();
        @SuppressWarnings("unchecked")
        TableView<Run> table = robot.lookup("#runs-table").queryAs(TableView.class);
        ShellStage.waitUntil(() -> table.getItems().stream().anyMatch(r -> r.id().equals(id)));
        robot.interact(() -> table.scrollTo(table.getItems().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow()));
        ShellStage.waitUntil(() -> robot.lookup((Node n) -> n instanceof TableRow<?> row && row.getItem() instanceof Run run
                && run.id().equals(id)).tryQuery().isPresent());
        return robot.lookup((Node n) -> n instanceof TableRow<?> row && row.getItem() instanceof Run run
                && run.id().equals(id)).query();
    }

    @Override
    public void close() throws Exception {
        stage.close();
        workspace.close();
    }
}
