package dev.reprise.workspace;

import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Which logs a debug replay brings along with the imported run. */
class DebugReplayLogsTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private static RunDetail runOf(int succeeded) {
        List<StepRun> steps = new ArrayList<>();
        for (int i = 0; i < succeeded; i++) {
            steps.add(step("ok" + i, StepState.SUCCEEDED, attempt(1, AttemptState.SUCCEEDED, true)));
        }
        steps.add(step("flaky", StepState.SUCCEEDED, attempt(1, AttemptState.FAILED, true),
                attempt(2, AttemptState.SUCCEEDED, true)));
        steps.add(step("quiet", StepState.FAILED, attempt(1, AttemptState.FAILED, false)));
        Run run = Run.builder("r-1", "f", 1).state(RunState.FAILED).createdAt(T).startedAt(T).endedAt(T)
                .target("local").rootRunId("r-1").error("step quiet failed").seq(1).build();
        return new RunDetail(run, steps);
    }

    private static StepRun step(String id, StepState state, Attempt... attempts) {
        return new StepRun("r-1", id, id, 0, state, Map.of(), Map.of(), null, List.of(attempts), T, T, null, 1);
    }

    private static Attempt attempt(int number, AttemptState state, boolean log) {
        return new Attempt(number, state, T, T, T, state == AttemptState.SUCCEEDED ? 0 : 1, null, null, log, null);
    }

    @Test
    void aSmallRunBringsEveryLogItHas() {
        BiPredicate<String, Integer> carried = DebugReplay.logsToCarry(runOf(10));

        assertThat(carried.test("ok3", 1)).isTrue();
        assertThat(carried.test("flaky", 1)).isTrue();
        assertThat(carried.test("flaky", 2)).isTrue();
        assertThat(carried.test("quiet", 1)).as("it wrote no log").isFalse();
    }

    @Test
    void aLargeRunBringsOnlyTheLogsOfAttemptsThatDidNotSucceed() {
        BiPredicate<String, Integer> carried = DebugReplay.logsToCarry(runOf(DebugReplay.ALL_LOGS_UP_TO));

        assertThat(carried.test("flaky", 1)).isTrue();
        assertThat(carried.test("flaky", 2)).isFalse();
        assertThat(carried.test("ok3", 1)).isFalse();
    }
}
