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
        live.summary();
        for (int round = 0; round < 2_000; round++) {
            int i = round < instances.size() ? round : random.nextInt(instances.size()); // each ends at least once
            long start = instances.get(i).get(0).start();
            List<GanttRows.Bar> next = List.of(run(start, start + random.nextInt(500),
                    random.nextInt(10) == 0 ? StepState.FAILED : StepState.SUCCEEDED));
            live.remove(instances.get(i));
            live.add(next);
            instances.set(i, next);
        }
        GroupSpans read = new GroupSpans();
        instances.forEach(read::add);

        assertThat(live.summary()).isEqualTo(read.summary()).hasSizeGreaterThan(1);
    }
}
