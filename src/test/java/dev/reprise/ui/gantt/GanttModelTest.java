package dev.reprise.ui.gantt;

import dev.reprise.run.AttemptState;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.workspace.RunDetail;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.reprise.ui.gantt.TestRuns.at;
import static dev.reprise.ui.gantt.TestRuns.attempt;
import static dev.reprise.ui.gantt.TestRuns.detail;
import static dev.reprise.ui.gantt.TestRuns.ok;
import static dev.reprise.ui.gantt.TestRuns.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GanttModelTest {

    private static GanttModel model(RunDetail detail, double width, double height) {
        return model(detail, TestRuns.flow(TestRuns.DEMO_FLOW), width, height);
    }

    private static GanttModel model(RunDetail detail, dev.reprise.flow.Flow flow, double width, double height) {
        GanttModel model = new GanttModel();
        model.setViewport(width, height);
        model.setNow(at(5_500).toEpochMilli());
        model.update(detail, flow);
        return model;
    }

    private static RunDetail chain(int n) {
        List<StepRun> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(step("s" + i, StepState.SUCCEEDED, ok(1, i * 10L, i * 10L + 1, i * 10L + 9)));
        }
        return detail(RunState.SUCCEEDED, steps.toArray(StepRun[]::new));
    }

    @Test
    void liveBatchesAppliedOneAfterAnotherGiveTheRowsOfAFullRead() {
        for (int width : new int[]{5, 40}) { // a fan-out shown expanded, and one collapsed under its group
            dev.reprise.flow.Flow flow = TestRuns.flow(TestRuns.DEMO_FLOW);
            GanttModel live = model(detail(RunState.RUNNING), flow, 1_000, 400);
            java.util.Map<String, StepRun> steps = new java.util.LinkedHashMap<>();
            List<List<StepRun>> batches = List.of(
                    List.of(running("extract", 0)),
                    List.of(step("extract", StepState.SUCCEEDED, ok(1, 0, 10, 1_000)), running("parse", 1_000)),
                    instances(0, width / 2, i -> running(StepRun.instanceId("count", i), 2_000 + i)),
                    instances(0, width / 4, i -> step(StepRun.instanceId("count", i), StepState.SUCCEEDED,
                            ok(1, 2_000 + i, 2_000 + i, 3_000 + i))),
                    instances(width / 2, width, i -> running(StepRun.instanceId("count", i), 2_500 + i)),
                    instances(width / 4, width, i -> step(StepRun.instanceId("count", i), StepState.SUCCEEDED,
                            ok(1, 2_000 + i, 2_000 + i, 4_000 + i))),
                    List.of(running("report", 4_500)),
                    List.of(step("report", StepState.SUCCEEDED, ok(1, 4_500, 4_500, 5_000))));
            for (List<StepRun> batch : batches) {
                batch.forEach(s -> steps.put(s.stepId(), s));
                RunDetail now = detail(batch == batches.get(batches.size() - 1) ? RunState.SUCCEEDED : RunState.RUNNING,
                        steps.values().toArray(StepRun[]::new));
                live.apply(now.run(), () -> now, flow, batch);
                GanttModel read = model(now, flow, 1_000, 400);

                assertThat(live.rows()).isEqualTo(read.rows());
                assertThat(live.startTime()).isEqualTo(read.startTime());
                assertThat(live.endTime()).isEqualTo(read.endTime());
                assertThat(live.isLive()).isEqualTo(read.isLive());
                assertThat(live.indexOf("report")).isEqualTo(read.indexOf("report"));
            }
        }
    }

    @Test
    void anInstanceOutOfIndexOrderJoinsItsCollapsedGroupWithoutReadingTheRunAgain() {
        dev.reprise.flow.Flow flow = TestRuns.flow(TestRuns.DEMO_FLOW);
        java.util.Map<String, StepRun> steps = new java.util.LinkedHashMap<>();
        instances(0, 30, i -> running(StepRun.instanceId("count", i), 2_000 + i))
                .forEach(s -> steps.put(s.stepId(), s));
        GanttModel live = model(detail(RunState.RUNNING, steps.values().toArray(StepRun[]::new)), flow, 1_000, 400);
        List<StepRun> late = List.of(running("count[35]", 2_100), running("count[31]", 2_050),
                running("count[33]", 2_070));
        late.forEach(s -> steps.put(s.stepId(), s));
        RunDetail now = detail(RunState.RUNNING, steps.values().toArray(StepRun[]::new));

        int[] reads = new int[1];
        live.apply(now.run(), () -> {
            reads[0]++;
            return now;
        }, flow, late);

        assertThat(reads[0]).as("reads of the whole run").isZero();
        GanttModel read = model(now, flow, 1_000, 400);
        assertThat(live.rows()).isEqualTo(read.rows());
        live.setExpanded("count", true);
        read.setExpanded("count", true);
        assertThat(live.rows()).isEqualTo(read.rows());
        assertThat(live.rows()).extracting(GanttRows.Row::id)
                .containsSubsequence("count[29]", "count[31]", "count[33]", "count[35]");
    }

    @Test
    void newInstancesJoinTheirExpandedGroupWithoutReadingTheRunAgain() {
        dev.reprise.flow.Flow flow = TestRuns.flow(TestRuns.DEMO_FLOW);
        java.util.Map<String, StepRun> steps = new java.util.LinkedHashMap<>();
        instances(0, 4, i -> running(StepRun.instanceId("count", i), 2_000 + i))
                .forEach(s -> steps.put(s.stepId(), s));
        steps.put("report", running("report", 1_000));
        GanttModel live = model(detail(RunState.RUNNING, steps.values().toArray(StepRun[]::new)), flow, 1_000, 400);
        assertThat(live.rows()).extracting(GanttRows.Row::expanded).contains(true);
        // one in index order after the others, one out of order, and one that replaces a shown row
        List<StepRun> batch = List.of(running("count[6]", 2_100), running("count[5]", 2_050),
                step("count[1]", StepState.SUCCEEDED, ok(1, 2_001, 2_006, 2_300)));
        batch.forEach(s -> steps.put(s.stepId(), s));
        RunDetail now = detail(RunState.RUNNING, steps.values().toArray(StepRun[]::new));

        int[] reads = new int[1];
        live.apply(now.run(), () -> {
            reads[0]++;
            return now;
        }, flow, batch);

        assertThat(reads[0]).as("reads of the whole run").isZero();
        GanttModel read = model(now, flow, 1_000, 400);
        assertThat(live.rows()).isEqualTo(read.rows());
        for (GanttRows.Row row : read.rows()) {
            assertThat(live.indexOf(row.id())).as(row.id()).isEqualTo(read.indexOf(row.id()));
        }
        assertThat(live.rows()).extracting(GanttRows.Row::id)
                .containsSubsequence("count", "count[3]", "count[5]", "count[6]", "report");
    }

    private static StepRun running(String id, long queued) {
        return step(id, StepState.RUNNING, attempt(1, AttemptState.RUNNING, queued, queued + 5, null, null));
    }

    private static List<StepRun> instances(int from, int to, java.util.function.IntFunction<StepRun> make) {
        List<StepRun> made = new ArrayList<>();
        for (int i = from; i < to; i++) {
            made.add(make.apply(i));
        }
        return made;
    }

    @Test
    void fittedTimeAxisMapsTheRunAcrossTheWidthAndBack() {
        GanttModel model = model(TestRuns.demo(3, true), 1_000, 400);
        assertThat(model.startTime()).isEqualTo(at(0).toEpochMilli());
        assertThat(model.endTime()).isEqualTo(at(6_000).toEpochMilli());
        assertThat(model.timeToX(model.startTime())).isCloseTo(16, within(1e-4));
        assertThat(model.timeToX(model.endTime())).isCloseTo(1_000 - 16, within(1e-4));
        long t = at(2_345).toEpochMilli();
        assertThat(model.xToTime(model.timeToX(t))).isCloseTo(t, within(1e-6));
    }

    @Test
    void zoomingAroundAPointKeepsThatInstantUnderIt() {
        GanttModel model = model(TestRuns.demo(3, true), 1_000, 400);
        double before = model.xToTime(300);
        double scale = model.msPerPixel();
        model.zoomAround(300, 2.5);
        assertThat(model.xToTime(300)).isCloseTo(before, within(1e-6));
        assertThat(model.msPerPixel()).isCloseTo(scale / 2.5, within(1e-9));
        model.zoomAround(700, 0.5);
        assertThat(model.xToTime(300)).isNotCloseTo(before, within(1.0));
        assertThat(model.isFollowingLive()).isFalse();
    }

    @Test
    void onlyTheRowsInsideTheViewportAreVisible() {
        GanttModel model = model(chain(10_000), null, 1_000, 240);
        assertThat(model.rowCount()).isEqualTo(10_000);
        assertThat(model.firstVisibleRow()).isZero();
        assertThat(model.endVisibleRow()).isEqualTo(10);
        model.scrollTo(24 * 500 + 12);
        assertThat(model.firstVisibleRow()).isEqualTo(500);
        assertThat(model.endVisibleRow()).isEqualTo(511);
        model.scrollTo(1e12);
        assertThat(model.endVisibleRow()).isEqualTo(10_000);
        assertThat(model.rowAt(239)).isEqualTo(9_999);
    }

    @Test
    void aBarThinnerThanAPixelIsHitWithinTheMinimumWidth() {
        RunDetail detail = detail(RunState.SUCCEEDED,
                step("extract", StepState.SUCCEEDED, ok(1, 0, 0, 10_000)),
                step("parse", StepState.SUCCEEDED, ok(1, 5_000, 5_000, 5_001)));
        GanttModel model = model(detail, 1_000, 400);
        double x = model.timeToX(at(5_000).toEpochMilli());
        assertThat(model.timeToX(at(5_001).toEpochMilli()) - x).isLessThan(1);
        double y = model.rowHeight() * 1.5;
        assertThat(model.hitTest(x + 2.5, y, 6)).get().satisfies(hit -> {
            assertThat(hit.row().id()).isEqualTo("parse");
            assertThat(hit.bar()).isNotNull();
        });
        assertThat(model.hitTest(x + 5, y, 6)).get().satisfies(hit -> assertThat(hit.bar()).isNull());
        assertThat(model.hitTest(x + 5, y + 1_000, 6)).isEmpty();
    }

    @Test
    void aRunningBarWinsOverTheQueueItTouches() {
        RunDetail detail = detail(RunState.SUCCEEDED,
                step("extract", StepState.SUCCEEDED, ok(1, 0, 5_000, 10_000)));
        GanttModel model = model(detail, 1_000, 400);
        double x = model.timeToX(at(5_000).toEpochMilli()) + 1;
        assertThat(model.hitTest(x, 10, 6).orElseThrow().bar().kind()).isEqualTo(GanttRows.BarKind.RUN);
        double q = model.timeToX(at(2_000).toEpochMilli());
        assertThat(model.hitTest(q, 10, 6).orElseThrow().bar().kind()).isEqualTo(GanttRows.BarKind.QUEUE);
    }

    @Test
    void fanOutInstancesAreGroupedUnderTheirStep() {
        GanttModel model = model(TestRuns.demo(3, true), 1_000, 400);
        assertThat(model.rows()).extracting(GanttRows.Row::id)
                .containsExactly("extract", "parse", "count", "count[0]", "count[1]", "count[2]", "report");
        GanttRows.Row group = model.row(2);
        assertThat(group.kind()).isEqualTo(GanttRows.RowKind.GROUP);
        assertThat(group.instances()).isEqualTo(3);
        assertThat(group.state()).isEqualTo(StepState.SUCCEEDED);
        // the summary spans the instances' running time; the failed attempt of count[1] shows in it
        assertThat(group.bars()).isNotEmpty().allMatch(b -> b.kind() == GanttRows.BarKind.SUMMARY);
        assertThat(group.bars().get(0).start()).isEqualTo(at(2_110).toEpochMilli());
        assertThat(group.bars()).anyMatch(b -> b.tone() == StepState.FAILED);

        model.setExpanded("count", false);
        assertThat(model.rows()).extracting(GanttRows.Row::id).containsExactly("extract", "parse", "count", "report");
    }

    @Test
    void largeFanOutsStartCollapsed() {
        GanttModel model = model(TestRuns.demo(40, true), 1_000, 400);
        assertThat(model.rowCount()).isEqualTo(4);
        assertThat(model.isExpanded("count")).isFalse();
        model.setExpanded("count", true);
        assertThat(model.rowCount()).isEqualTo(44);
    }

    @Test
    void aSelectedInstanceShowsOnItsOwnRowOrOnItsCollapsedGroup() {
        GanttModel model = model(TestRuns.demo(40, true), 1_000, 400);
        assertThat(model.rowOfSelection("count[3]")).isEqualTo(model.indexOf("count"));
        assertThat(model.rowOfSelection("count")).isEqualTo(model.indexOf("count"));
        assertThat(model.rowOfSelection("parse")).isEqualTo(model.indexOf("parse"));
        assertThat(model.rowOfSelection("nowhere[3]")).isEqualTo(-1);
        assertThat(model.rowOfSelection(null)).isEqualTo(-1);

        model.setExpanded("count", true);
        assertThat(model.rowOfSelection("count[3]")).isEqualTo(model.indexOf("count[3]"))
                .isGreaterThan(model.indexOf("count"));
    }

    @Test
    void attemptsBecomeQueueRunAndRetryGapSegments() {
        RunDetail detail = detail(RunState.RUNNING,
                step("extract", StepState.RUNNING,
                        attempt(1, AttemptState.FAILED, 0, 100L, 1_000L, "boom"),
                        attempt(2, AttemptState.RUNNING, 3_000, 3_050L, null, null)));
        GanttModel model = model(detail, 1_000, 400);
        List<GanttRows.Bar> bars = model.row(0).bars();
        assertThat(bars).extracting(GanttRows.Bar::kind).containsExactly(
                GanttRows.BarKind.QUEUE, GanttRows.BarKind.RUN, GanttRows.BarKind.GAP,
                GanttRows.BarKind.QUEUE, GanttRows.BarKind.RUN);
        assertThat(bars.get(1).tone()).isEqualTo(StepState.FAILED);
        assertThat(bars.get(2).start()).isEqualTo(at(1_000).toEpochMilli());
        assertThat(bars.get(2).end()).isEqualTo(at(3_000).toEpochMilli());
        assertThat(bars.get(4).open()).isTrue();
        assertThat(model.endOf(bars.get(4))).isEqualTo(at(5_500).toEpochMilli());
        assertThat(model.isLive()).isTrue();
        assertThat(model.endTime()).isEqualTo(at(5_500).toEpochMilli());
    }

    @Test
    void aReusedStepIsAGhostBar() {
        RunDetail detail = detail(RunState.SUCCEEDED,
                TestRuns.reused("extract", "r-01source", 0),
                step("parse", StepState.SUCCEEDED, ok(1, 10, 20, 1_000)));
        GanttModel model = model(detail, 1_000, 400);
        assertThat(model.row(0).bars()).singleElement()
                .satisfies(b -> assertThat(b.kind()).isEqualTo(GanttRows.BarKind.REUSED));
    }

    @Test
    void aNewerDetailChangesOnlyWhatChanged() {
        GanttModel model = model(TestRuns.demo(3, false), 1_000, 400);
        List<GanttRows.Bar> extract = model.row(0).bars();
        assertThat(model.row(6).bars().get(1).open()).isTrue();
        model.update(TestRuns.demo(3, true), TestRuns.flow(TestRuns.DEMO_FLOW));
        assertThat(model.row(0).bars()).isSameAs(extract);
        assertThat(model.row(6).bars().get(1).open()).isFalse();
        assertThat(model.row(6).bars().get(1).end()).isEqualTo(at(6_000).toEpochMilli());
    }

    @Test
    void theOverviewKeepsTheMostSalientStateOfAPixel() {
        RunDetail detail = detail(RunState.FAILED,
                step("extract", StepState.SUCCEEDED, ok(1, 0, 0, 10_000)),
                step("parse", StepState.FAILED, attempt(1, AttemptState.FAILED, 0, 0L, 10_000L, "x")));
        GanttModel model = model(detail, null, 100, 1);
        model.fit();
        assertThat(model.rowHeight()).isEqualTo(0.5);
        byte[] cells = new byte[100];
        model.overview(cells, 100, 1);
        assertThat(cells[50]).isEqualTo((byte) (StepState.FAILED.ordinal() + 1));
        assertThat(cells[2]).isZero();
    }

    @Test
    void ticksFallOnNiceSteps() {
        GanttModel model = model(TestRuns.demo(3, true), 1_000, 400);
        List<GanttModel.Tick> ticks = model.ticks(90);
        assertThat(ticks).extracting(GanttModel.Tick::label).startsWith("0", "1s", "2s");
        assertThat(TimeAxis.label(150_000, 30_000)).isEqualTo("2m 30s");
        assertThat(TimeAxis.label(250, 50)).isEqualTo("250ms");
        assertThat(TimeAxis.niceStep(730)).isEqualTo(1_000);
    }

    @Test
    void aViewportWithoutASizeYieldsABoundedAxis() {
        GanttModel model = model(TestRuns.demo(3, true), Double.NaN, Double.NaN);
        model.fit();
        model.zoomAround(0, 1e-9);

        assertThat(model.ticks(90)).hasSizeLessThanOrEqualTo(3);
        assertThat(model.ticks(Double.NaN)).isEmpty();
    }
}
