package dev.reprise.ui.gantt;

import dev.reprise.flow.Flow;
import dev.reprise.run.AttemptState;
import dev.reprise.run.RunState;
import dev.reprise.run.StepState;
import dev.reprise.workspace.RunDetail;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.reprise.ui.gantt.TestRuns.at;
import static dev.reprise.ui.gantt.TestRuns.attempt;
import static dev.reprise.ui.gantt.TestRuns.detail;
import static dev.reprise.ui.gantt.TestRuns.ok;
import static dev.reprise.ui.gantt.TestRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

/** Steps and fan-out instances not started yet are rows of their own, pending and without a bar. */
class GanttPendingRowsTest {

    private final Flow flow = TestRuns.flow(TestRuns.DEMO_FLOW);

    private static GanttModel model(RunDetail detail, Flow flow) {
        GanttModel model = new GanttModel();
        model.setViewport(800, 400);
        model.setNow(at(500).toEpochMilli());
        model.update(detail, flow);
        return model;
    }

    private record Shown(String id, StepState state, boolean pending) {
    }

    private static List<Shown> shown(GanttModel model) {
        return model.rows().stream().map(r -> new Shown(r.id(), r.state(), r.pending())).toList();
    }

    @Test
    void stepsTheRunHasNotReachedArePendingRowsInTheFlowsOrder() {
        GanttModel model = model(detail(RunState.RUNNING,
                step("extract", StepState.RUNNING, attempt(1, AttemptState.RUNNING, 0, 10L, null, null))), flow);

        assertThat(shown(model)).containsExactly(
                new Shown("extract", StepState.RUNNING, false),
                new Shown("parse", StepState.PENDING, true),
                new Shown("count", StepState.PENDING, true),
                new Shown("report", StepState.PENDING, true));
        assertThat(model.rows().stream().filter(GanttRows.Row::pending).allMatch(r -> r.bars().isEmpty())).isTrue();
    }

    @Test
    void fanOutInstancesNotStartedArePendingRowsUnderTheirRunningGroup() {
        GanttModel model = model(detail(RunState.RUNNING,
                step("extract", StepState.SUCCEEDED, ok(1, 0, 10, 100)),
                step("parse", StepState.SUCCEEDED, ok(1, 100, 110, 200)),
                step("count[0]", StepState.RUNNING, attempt(1, AttemptState.RUNNING, 200, 210L, null, null)),
                step("count[1]", StepState.PENDING),
                step("count[2]", StepState.PENDING)), flow);

        assertThat(shown(model)).containsExactly(
                new Shown("extract", StepState.SUCCEEDED, false),
                new Shown("parse", StepState.SUCCEEDED, false),
                new Shown("count", StepState.RUNNING, false),
                new Shown("count[0]", StepState.RUNNING, false),
                new Shown("count[1]", StepState.PENDING, true),
                new Shown("count[2]", StepState.PENDING, true),
                new Shown("report", StepState.PENDING, true));
    }

    @Test
    void aQueuedStepHasItsQueueBarAndIsNotAPlaceholder() {
        GanttModel model = model(detail(RunState.RUNNING,
                step("extract", StepState.PENDING, attempt(1, AttemptState.RUNNING, 0, null, null, null))), flow);

        assertThat(shown(model).get(0)).isEqualTo(new Shown("extract", StepState.PENDING, false));
        assertThat(model.row(0).bars()).extracting(GanttRows.Bar::kind).containsExactly(GanttRows.BarKind.QUEUE);
    }
}
