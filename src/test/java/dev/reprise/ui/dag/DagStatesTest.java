package dev.reprise.ui.dag;

import dev.reprise.flow.Flow;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.gantt.TestRuns;
import dev.reprise.workspace.RunDetail;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.reprise.ui.gantt.TestRuns.attempt;
import static dev.reprise.ui.gantt.TestRuns.ok;
import static dev.reprise.ui.gantt.TestRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

class DagStatesTest {

    private final Flow flow = TestRuns.flow(TestRuns.DEMO_FLOW);
    private final DagModel.Structure structure = DagModel.structure(flow);

    @Test
    void anUpdateOfOneStepChangesOnlyItsNode() {
        DagStates states = new DagStates(structure, TestRuns.demo(8, false).steps());
        Map<String, DagModel.NodeState> before = new LinkedHashMap<>(states.states());

        StepRun reportEnded = step("report", StepState.SUCCEEDED, ok(1, 5_000, 5_050, 6_000));
        assertThat(states.apply(List.of(reportEnded))).containsExactly("report");

        assertThat(states.state("report")).isNotEqualTo(before.get("report"));
        assertThat(states.state("report").state()).isEqualTo(StepState.SUCCEEDED);
        for (String other : List.of("extract", "parse", "count")) {
            assertThat(states.state(other)).isSameAs(before.get(other));
        }
        assertThat(states.state("count")).isEqualTo(new DagModel.NodeState("count", StepState.SUCCEEDED, true, 8, 9,
                Map.of(StepState.SUCCEEDED, 8)));
    }

    @Test
    void anInstanceThatChangesRecountsItsFanOutAlone() {
        DagStates states = new DagStates(structure, TestRuns.demo(8, false).steps());
        DagModel.NodeState report = states.state("report");

        StepRun failed = step("count[3]", StepState.FAILED, attempt(1, AttemptState.FAILED, 2_030, 2_230L, 2_500L, "x"),
                attempt(2, AttemptState.FAILED, 2_600, 2_700L, 2_800L, "x"));
        assertThat(states.apply(List.of(failed))).containsExactly("count");

        DagModel.NodeState count = states.state("count");
        assertThat(count.state()).isEqualTo(StepState.FAILED);
        assertThat(count.instances()).isEqualTo(8);
        assertThat(count.attempts()).isEqualTo(10);
        assertThat(count.subtitle()).isEqualTo("7 succeeded · 1 failed");
        assertThat(states.state("report")).isSameAs(report);
    }

    @Test
    void aStepRunThatChangesNothingShownLeavesEveryNodeAsItWas() {
        RunDetail run = TestRuns.demo(8, false);
        DagStates states = new DagStates(structure, run.steps());
        Map<String, DagModel.NodeState> before = new LinkedHashMap<>(states.states());

        // a newer version of count[0] in the same state, with the same attempt
        StepRun same = run.steps().get(2).withSeq(99);
        assertThat(states.apply(List.of(same))).isEmpty();
        before.forEach((id, state) -> assertThat(states.state(id)).isSameAs(state));
    }

    @Test
    void liveBatchesGiveTheStatesOfAFullRead() {
        List<List<StepRun>> batches = List.of(
                List.of(running("extract", 0)),
                List.of(step("extract", StepState.SUCCEEDED, ok(1, 0, 10, 1_000)), running("parse", 1_000)),
                List.of(step("parse", StepState.SUCCEEDED, ok(1, 1_000, 1_010, 2_000)),
                        running("count[0]", 2_000), running("count[1]", 2_000)),
                List.of(step("count[0]", StepState.SUCCEEDED, ok(1, 2_000, 2_005, 2_500)),
                        step("count[1]", StepState.RETRYING, failedFirst()),
                        running("count[2]", 2_100)),
                List.of(step("count[1]", StepState.SUCCEEDED, failedFirst(), ok(2, 2_600, 2_610, 2_900)),
                        step("count[2]", StepState.SUCCEEDED, ok(1, 2_100, 2_105, 2_700))),
                List.of(running("report", 3_000)),
                List.of(step("report", StepState.SUCCEEDED, ok(1, 3_000, 3_005, 3_500))));
        DagStates live = new DagStates(structure, List.of());
        Map<String, StepRun> steps = new LinkedHashMap<>();
        for (List<StepRun> batch : batches) {
            batch.forEach(s -> steps.put(s.stepId(), s));
            live.apply(batch);
            RunDetail read = TestRuns.detail(RunState.RUNNING, new ArrayList<>(steps.values()).toArray(StepRun[]::new));

            assertThat(live.states()).containsExactlyEntriesOf(DagModel.states(structure, read));
        }
        assertThat(live.state("count").subtitle()).isEqualTo("3 succeeded");
        assertThat(live.state("count").attempts()).isEqualTo(4);
    }

    private static Attempt failedFirst() {
        return attempt(1, AttemptState.FAILED, 2_000, 2_005L, 2_400L, "x");
    }

    private static StepRun running(String id, long queued) {
        return step(id, StepState.RUNNING, attempt(1, AttemptState.RUNNING, queued, queued + 5, null, null));
    }
}
