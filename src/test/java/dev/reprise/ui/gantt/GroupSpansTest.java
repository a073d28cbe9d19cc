package dev.reprise.ui.gantt;

import dev.reprise.run.StepState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class GroupSpansTest {

    private static GanttRows.Bar run(long start, long end, StepState tone) {
        return new GanttRows.Bar(GanttRows.BarKind.RUN, start, end, tone, 1);
    }

    @Test
    void overlappingBarsMergeIntoOneSpanOfTheirWorstState() {
        GroupSpans spans = new GroupSpans();
        spans.add(List.of(run(300, 400, StepState.SUCCEEDED)));
        spans.add(List.of(new GanttRows.Bar(GanttRows.BarKind.QUEUE, 0, 100, StepState.SUCCEEDED, 1),
                run(100, 200, StepState.SUCCEEDED)));
        spans.add(List.of(run(150, 250, StepState.FAILED)));
        spans.add(List.of(run(350, GanttRows.OPEN, StepState.RUNNING)));

        assertThat(spans.summary()).containsExactly(
                new GanttRows.Bar(GanttRows.BarKind.SUMMARY, 100, 250, StepState.FAILED, 0),
                new GanttRows.Bar(GanttRows.BarKind.SUMMARY, 300, GanttRows.OPEN, StepState.RUNNING, 0));
    }

    @Test
    void barsThatLeaveAndJoinGiveTheSummaryOfTheBarsLeft() {
        Random random = new Random(7);
        List<List<GanttRows.Bar>> instances = new ArrayList<>();
        GroupSpans live = new GroupSpans();
        for (int i = 0; i < 500; i++) {
            long start = random.nextInt(10_000);
            instances.add(List.of(run(start, GanttRows.OPEN, StepState.RUNNING)));
            live.add(instances.get(i));
        }
        assertThat(live.summary()).isEqualTo(readAgain(instances));
        for (int round = 0; round < 2_000; round++) {
            int i = round < instances.size() ? round : random.nextInt(instances.size()); // each ends at least once
            long start = instances.get(i).get(0).start();
            List<GanttRows.Bar> next = random.nextInt(20) == 0 ? List.of(run(start, GanttRows.OPEN, StepState.RUNNING))
                    : List.of(run(start, start + random.nextInt(500),
                    random.nextInt(10) == 0 ? StepState.FAILED : StepState.SUCCEEDED));
            live.remove(instances.get(i));
            live.add(next);
            instances.set(i, next);
            if (round % 37 == 0) {
                assertThat(live.summary()).as("round %d", round).isEqualTo(readAgain(instances));
            }
        }
        assertThat(live.summary()).isEqualTo(readAgain(instances));
    }

    @Test
    void theLatestInstancesEndingKeepTheEarlierSpansAsTheyWere() {
        GroupSpans spans = new GroupSpans();
        spans.add(List.of(run(0, 100, StepState.SUCCEEDED)));
        spans.add(List.of(run(200, 300, StepState.SUCCEEDED)));
        List<GanttRows.Bar> running = List.of(run(400, GanttRows.OPEN, StepState.RUNNING));
        spans.add(running);
        List<GanttRows.Bar> before = spans.summary();

        spans.remove(running);
        spans.add(List.of(run(400, 450, StepState.FAILED)));
        List<GanttRows.Bar> after = spans.summary();

        assertThat(after).hasSize(3);
        assertThat(after.get(0)).isSameAs(before.get(0));
        assertThat(after.get(1)).isSameAs(before.get(1));
        assertThat(after.get(2)).isEqualTo(new GanttRows.Bar(GanttRows.BarKind.SUMMARY, 400, 450, StepState.FAILED, 0));
        assertThat(spans.summary()).isSameAs(after);
    }

    private static List<GanttRows.Bar> readAgain(List<List<GanttRows.Bar>> instances) {
        GroupSpans read = new GroupSpans();
        instances.forEach(read::add);
        return read.summary();
    }
}
