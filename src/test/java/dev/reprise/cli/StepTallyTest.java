package dev.reprise.cli;

import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps done of all that a follower shows, counted from a run's events. */
class StepTallyTest {

    private static final Instant T = Instant.parse("2024-03-01T12:00:00Z");
    private static final Run STARTED = Run.queued("r-1", "trips", 1, null, Map.of(), Map.of(), Map.of(), T);

    private static RunEvent step(String stepId, String stepName, int index, StepState state) {
        return new RunEvent.StepChanged(new StepRun("r-1", stepId, stepName, index, state, Map.of(), Map.of(), null, List.of(),
                null, null, null, 0), T);
    }

    private static RunEvent run(RunState state) {
        return new RunEvent.RunChanged(STARTED.toBuilder().state(state).build(), T);
    }

    @Test
    void aStepOfTheFlowNotReachedYetCountsAsOne() {
        StepTally tally = new StepTally(STARTED, List.of("fetch", "parse", "count"));

        tally.add(step("fetch", "fetch", -1, StepState.SUCCEEDED));

        assertThat(tally.count()).isEqualTo("1/3");
    }

    @Test
    void aFanOutCountsItsInstancesOnceTheyAreKnown() {
        StepTally tally = new StepTally(STARTED, List.of("fetch", "count"));
        tally.add(step("fetch", "fetch", -1, StepState.SUCCEEDED));

        for (int i = 0; i < 4; i++) {
            tally.add(step("count[" + i + "]", "count", i, StepState.PENDING));
        }
        tally.add(step("count[0]", "count", 0, StepState.SUCCEEDED));

        assertThat(tally.count()).isEqualTo("2/5");
    }

    @Test
    void aChangedStepIsCountedOnceInItsLatestState() {
        StepTally tally = new StepTally(STARTED, List.of("a"));

        tally.add(step("a", "a", -1, StepState.RUNNING));
        tally.add(step("a", "a", -1, StepState.FAILED));

        assertThat(tally.count()).isEqualTo("1/1");
        assertThat(tally.failed()).isEqualTo(1);
    }

    @Test
    void onceTheRunHasEndedTheTotalIsTheInstancesItHad() {
        StepTally tally = new StepTally(STARTED, List.of("fetch", "count"));
        tally.add(step("fetch", "fetch", -1, StepState.SUCCEEDED));

        tally.add(run(RunState.SUCCEEDED)); // count's list was empty: it never had an instance

        assertThat(tally.count()).isEqualTo("1/1");
        assertThat(tally.run().state()).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void withoutTheFlowTheTotalIsTheInstancesHeardOf() {
        StepTally tally = new StepTally(STARTED, List.of());

        tally.add(step("a", "a", -1, StepState.SUCCEEDED));
        tally.add(step("b", "b", -1, StepState.RUNNING));

        assertThat(tally.count()).isEqualTo("1/2");
        assertThat(tally.failed()).isZero();
    }
}
