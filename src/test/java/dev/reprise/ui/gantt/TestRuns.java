package dev.reprise.ui.gantt;

import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowParser;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepAddress;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepRunRef;
import dev.reprise.run.StepState;
import dev.reprise.workspace.RunDetail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs built in code for the chart tests: times are milliseconds after {@link #T0}. */
public final class TestRuns {

    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    public static final String DEMO_FLOW = """
            id: demo
            steps:
              extract: { type: noop }
              parse: { type: noop, needs: [extract] }
              count: { type: noop, foreach: "{{ steps.parse.outputs.stations }}" }
              report: { type: noop, needs: [count] }
            """;

    private TestRuns() {
    }

    public static Flow flow(String yaml) {
        return new FlowParser().parse(yaml, "test.yaml");
    }

    public static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    public static Attempt attempt(int number, AttemptState state, long queued, Long started, Long ended, String error) {
        return new Attempt(number, state, at(queued), started == null ? null : at(started),
                ended == null ? null : at(ended), exitCode(state),
                error, "fp", false, null);
    }

    private static Integer exitCode(AttemptState state) {
        return switch (state) {
            case FAILED -> 1;
            case SUCCEEDED -> 0;
            default -> null;
        };
    }

    public static Attempt ok(int number, long queued, long started, long ended) {
        return attempt(number, AttemptState.SUCCEEDED, queued, started, ended, null);
    }

    public static StepRun step(String id, StepState state, Attempt... attempts) {
        StepAddress address = StepAddress.parse(id);
        List<Attempt> list = List.of(attempts);
        Instant start = list.isEmpty() ? null : list.get(0).startedAt();
        Instant end = state.isTerminal() && !list.isEmpty() ? list.get(list.size() - 1).endedAt() : null;
        return new StepRun("r-test", id, address.step(), address.index(), state, Map.of(), Map.of(), null, list,
                start, end, null, 0);
    }

    public static StepRun reused(String id, String fromRun, long at) {
        StepRun step = step(id, StepState.REUSED);
        return step.withReusedFrom(new StepRunRef(fromRun, id)).withTimes(at(at), at(at));
    }

    public static RunDetail detail(RunState state, StepRun... steps) {
        Run.Builder run = Run.builder("r-test", "demo", 1).name("test").state(state).createdAt(T0).startedAt(T0)
                .target("local").rootRunId("r-test");
        if (state.isTerminal()) {
            run.endedAt(at(maxEnd(steps)));
        }
        return new RunDetail(run.build(), List.of(steps));
    }

    private static long maxEnd(StepRun... steps) {
        long max = 0;
        for (StepRun s : steps) {
            for (Attempt a : s.attempts()) {
                if (a.endedAt() != null) {
                    max = Math.max(max, a.endedAt().toEpochMilli() - T0.toEpochMilli());
                }
            }
        }
        return max;
    }

    /** The demo flow's run: extract, parse, count ×{@code n} (instance 1 failed then succeeded), report running. */
    public static RunDetail demo(int n, boolean reportEnded) {
        List<StepRun> steps = new ArrayList<>();
        steps.add(step("extract", StepState.SUCCEEDED, ok(1, 0, 10, 1_000)));
        steps.add(step("parse", StepState.SUCCEEDED, ok(1, 1_000, 1_020, 2_000)));
        for (int i = 0; i < n; i++) {
            long q = 2_000 + i * 10;
            if (i == 1) {
                steps.add(step("count[1]", StepState.SUCCEEDED,
                        attempt(1, AttemptState.FAILED, q, q + 100, q + 600, "exit 1: station unknown"),
                        ok(2, q + 1_600, q + 1_650, q + 2_400)));
            } else {
                steps.add(step(StepRun.instanceId("count", i), StepState.SUCCEEDED,
                        ok(1, q, q + 200, q + 1_500 + i * 50)));
            }
        }
        if (reportEnded) {
            steps.add(step("report", StepState.SUCCEEDED, ok(1, 5_000, 5_050, 6_000)));
            return detail(RunState.SUCCEEDED, steps.toArray(StepRun[]::new));
        }
        steps.add(step("report", StepState.RUNNING, attempt(1, AttemptState.RUNNING, 5_000, 5_050L, null, null)));
        return detail(RunState.RUNNING, steps.toArray(StepRun[]::new));
    }
}
