package dev.reprise.ui.dag;

import dev.reprise.flow.Flow;
import dev.reprise.run.AttemptState;
import dev.reprise.run.RunState;
import dev.reprise.run.StepState;
import dev.reprise.ui.gantt.TestRuns;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.reprise.ui.gantt.TestRuns.attempt;
import static dev.reprise.ui.gantt.TestRuns.ok;
import static dev.reprise.ui.gantt.TestRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

class DagModelTest {

    private final Flow flow = TestRuns.flow(TestRuns.DEMO_FLOW);

    @Test
    void theStructureHasANodePerStepAndAnEdgePerDependency() {
        DagModel.Structure structure = DagModel.structure(flow);
        assertThat(structure.nodes()).extracting(DagModel.NodeSpec::id)
                .containsExactly("extract", "parse", "count", "report");
        assertThat(structure.nodes()).filteredOn(DagModel.NodeSpec::fanOut)
                .extracting(DagModel.NodeSpec::id).containsExactly("count");
        assertThat(structure.edges()).containsExactlyInAnyOrder(
                new DagModel.Edge("extract", "parse"), new DagModel.Edge("parse", "count"),
                new DagModel.Edge("count", "report"));
        assertThat(DagModel.structure(TestRuns.flow(TestRuns.DEMO_FLOW))).isEqualTo(structure);
    }

    @Test
    void aFanOutIsOneNodeWithItsInstanceCountsAndAttempts() {
        Map<String, DagModel.NodeState> states = DagModel.states(DagModel.structure(flow), TestRuns.demo(8, false));
        DagModel.NodeState count = states.get("count");
        assertThat(count.title()).isEqualTo("count ×8");
        assertThat(count.state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(count.attempts()).isEqualTo(9);
        assertThat(count.counts()).containsExactly(Map.entry(StepState.SUCCEEDED, 8));
        assertThat(count.subtitle()).isEqualTo("8 succeeded");
        assertThat(states.get("report").state()).isEqualTo(StepState.RUNNING);
    }

    @Test
    void aStepNotRunYetIsPendingAndRetriesAreCounted() {
        var run = TestRuns.detail(RunState.RUNNING,
                step("extract", StepState.RETRYING,
                        attempt(1, AttemptState.FAILED, 0, 10L, 100L, "boom"),
                        attempt(2, AttemptState.FAILED, 200, 210L, 300L, "boom")));
        Map<String, DagModel.NodeState> states = DagModel.states(DagModel.structure(flow), run);
        assertThat(states.get("extract").subtitle()).isEqualTo("retrying · 2 attempts");
        assertThat(states.get("parse").state()).isEqualTo(StepState.PENDING);
        assertThat(states.get("count").state()).isEqualTo(StepState.PENDING);
        assertThat(states.get("count").title()).isEqualTo("count ×0");
    }

    @Test
    void anInstanceSelectionBelongsToItsFanOutNode() {
        assertThat(DagModel.nodeOf("count[3]")).isEqualTo("count");
        assertThat(DagModel.nodeOf("parse")).isEqualTo("parse");
        assertThat(DagModel.nodeOf(null)).isNull();
    }

    @Test
    void mixedInstancesShowTheMostTellingState() {
        var run = TestRuns.detail(RunState.FAILED,
                step("count[0]", StepState.SUCCEEDED, ok(1, 0, 1, 2)),
                step("count[1]", StepState.FAILED, attempt(1, AttemptState.FAILED, 0, 1L, 2L, "x")));
        DagModel.NodeState count = DagModel.states(DagModel.structure(flow), run).get("count");
        assertThat(count.state()).isEqualTo(StepState.FAILED);
        assertThat(count.subtitle()).isEqualTo("1 succeeded · 1 failed");
    }
}
