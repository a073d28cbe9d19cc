package dev.reprise.ui.run;

import dev.reprise.flow.Flow;
import dev.reprise.run.Run;
import dev.reprise.run.StepRun;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.dag.DagModel;
import dev.reprise.ui.gantt.GanttModel;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.StartRequest;
import javafx.scene.control.ListCell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run followed live in its window with the DAG tab open, headless (Monocle): once it has ended, the charts
 * and the steps list, brought up to date batch by batch, show what a fresh read of the run shows.
 */
class RunViewLiveUiTest {

    private static final String FAN_OUT = """
            id: fan_out
            steps:
              plan:
                type: list.range
                inputs: { count: 1500 }
              each:
                type: noop
                foreach: "{{ steps.plan.outputs.items }}"
              after:
                type: noop
                needs: [each]
            """;

    @TempDir
    Path folder;

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get();
    }

    @Test
    void aRunFollowedLiveShowsInItsChartsWhatAFreshReadShows() throws Exception {
        try (LocalWorkspace workspace = TestWorkspaces.open(folder.resolve("ws"));
             ShellStage stage = ShellStage.show(workspace)) {
            workspace.applyFlow(FAN_OUT, "fan_out.yaml");
            Run run = workspace.start(StartRequest.of("fan_out"));
            RunView view = fx(() -> {
                stage.shell().openRun(run.id());
                RunView opened = stage.shell().selectedRunView();
                opened.tabs().getSelectionModel().select(1);
                return opened;
            });
            workspace.await(run.id());
            waitUntil(() -> fx(() -> !view.model().isFollowing() && view.model().flowProperty().get() != null
                    && view.model().runProperty().get().state().isTerminal()));

            RunDetail read = workspace.run(run.id());
            Flow flow = fx(() -> view.model().flowProperty().get());
            assertThat(fx(() -> view.model().steps().stream().toList()))
                    .containsExactlyInAnyOrderElementsOf(read.steps());

            Map<String, DagModel.NodeState> states = DagModel.states(DagModel.structure(flow), read);
            waitUntil(() -> fx(() -> view.dag().shownState("each").isPresent()));
            for (Map.Entry<String, DagModel.NodeState> node : states.entrySet()) {
                assertThat(fx(() -> view.dag().shownState(node.getKey()))).as(node.getKey()).contains(node.getValue());
            }

            GanttModel fresh = new GanttModel();
            fresh.update(read, flow);
            GanttModel shown = fx(() -> view.gantt().model());
            assertThat(fx(shown::rowCount)).isEqualTo(fresh.rowCount());
            for (StepRun step : read.steps()) {
                assertThat(fx(() -> shown.indexOf(step.stepId()))).as(step.stepId())
                        .isEqualTo(fresh.indexOf(step.stepId()));
            }
            assertThat(fx(shown::startTime)).isEqualTo(fresh.startTime());
            assertThat(fx(shown::endTime)).isEqualTo(fresh.endTime());
            assertThat(fx(shown::isLive)).isFalse();

            // the steps list's cells show the step runs as they are now
            assertThat(fx(() -> view.details().stepList().lookupAll(".list-cell").stream()
                    .map(n -> (ListCell<?>) n).filter(c -> !c.isEmpty() && c.isVisible())
                    .allMatch(c -> read.steps().contains(c.getItem())))).isTrue();
        }
    }
}
