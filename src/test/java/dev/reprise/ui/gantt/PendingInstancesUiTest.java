package dev.reprise.ui.gantt;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.Run;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.dag.DagModel;
import dev.reprise.ui.run.RunView;
import dev.reprise.workspace.LocalWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running fan-out wider than the engine's parallelism, open in the window: the Gantt has a row for every instance
 * in index order, those not started yet pending, and the DAG's node and the steps list count them too.
 */
class PendingInstancesUiTest {

    @TempDir
    Path folder;

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get();
    }

    private record Shown(String id, StepState state, boolean pending) {
    }

    @Test
    void theGanttOfARunningFanOutHasARowPerInstanceWithThoseNotStartedPending() throws Exception {
        Path gate = folder.resolve("gate");
        try (LocalWorkspace workspace = LocalWorkspaces.open(folder.resolve("ws"),
                LocalWorkspaces.Options.defaults().withParallelism(1));
             ShellStage stage = ShellStage.show(workspace)) {
            Run run = TestWorkspaces.startGatedFanOut(workspace, gate, 20);
            RunView view = fx(() -> {
                stage.shell().openRun(run.id());
                return stage.shell().selectedRunView();
            });
            waitUntil(() -> fx(() -> view.gantt().model().indexOf("each") >= 0
                    && view.gantt().model().row(view.gantt().model().indexOf("each")).instances() == 20
                    && view.model().step("each[0]") != null
                    && view.model().step("each[0]").state() == StepState.RUNNING));
            fx(() -> {
                view.gantt().setExpanded("each", true);
                return null;
            });

            GanttModel gantt = fx(() -> view.gantt().model());
            List<Shown> rows = fx(() -> gantt.rows().stream().filter(r -> r.kind() == GanttRows.RowKind.INSTANCE)
                    .map(r -> new Shown(r.id(), r.state(), r.pending())).toList());
            assertThat(rows).hasSize(20);
            assertThat(rows.get(0)).isEqualTo(new Shown("each[0]", StepState.RUNNING, false));
            for (int i = 1; i < 20; i++) {
                assertThat(rows.get(i)).as("row %d", i).isEqualTo(new Shown("each[" + i + "]", StepState.PENDING, true));
            }
            GanttRows.Row group = fx(() -> gantt.row(gantt.indexOf("each")));
            assertThat(group.state()).isEqualTo(StepState.RUNNING);
            assertThat(group.counts()).isEqualTo(Map.of(StepState.RUNNING, 1, StepState.PENDING, 19));

            fx(() -> {
                view.tabs().getSelectionModel().select(1);
                return null;
            });
            waitUntil(() -> fx(() -> view.dag().shownState("each").isPresent()));
            DagModel.NodeState node = fx(() -> view.dag().shownState("each").orElseThrow());
            assertThat(node.instances()).isEqualTo(20);
            assertThat(node.counts()).isEqualTo(Map.of(StepState.RUNNING, 1, StepState.PENDING, 19));

            assertThat(fx(() -> view.details().stepList().getItems().stream()
                    .filter(StepRun::isFanOutInstance).map(StepRun::state).toList()))
                    .as("the steps list").hasSize(20).containsOnly(StepState.RUNNING, StepState.PENDING)
                    .filteredOn(s -> s == StepState.PENDING).hasSize(19);
        } finally {
            Files.writeString(gate, "open");
        }
    }
}
