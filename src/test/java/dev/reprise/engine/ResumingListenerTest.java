package dev.reprise.engine;

import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Joining a catch-up read with the live stream: every change once, in order, nothing at or before the resume point. */
class ResumingListenerTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Run run(long seq, RunState state) {
        return Run.builder("r1", "f", 1).state(state).createdAt(T).startedAt(T).target("local").rootRunId("r1").seq(seq)
                .build();
    }

    private static StepRun step(String id, long seq, StepState state) {
        return new StepRun("r1", id, id, -1, state, Map.of(), Map.of(), null, List.of(), T, null, null, seq);
    }

    private static String describe(RunEvent event) {
        return (event instanceof RunEvent.StepChanged(StepRun step, Instant at) ? step.stepId() : "run") + "@"
                + event.seq();
    }

    @Test
    void liveEventsDuringTheCatchUpAreMergedWithItInOrderWithoutDuplicates() {
        List<String> delivered = new ArrayList<>();
        ResumingListener listener = new ResumingListener(e -> delivered.add(describe(e)), 2);

        // live events arrive while the store is read: one the read also holds, one newer, one too old
        listener.accept(new RunEvent.StepChanged(step("a", 4, StepState.SUCCEEDED), T));
        listener.accept(new RunEvent.StepChanged(step("b", 6, StepState.RUNNING), T));
        listener.accept(new RunEvent.StepChanged(step("z", 2, StepState.RUNNING), T));
        assertThat(delivered).as("held back until the catch-up").isEmpty();

        listener.catchUp(run(3, RunState.RUNNING), List.of(step("a", 4, StepState.SUCCEEDED)), T);
        listener.accept(new RunEvent.StepChanged(step("b", 6, StepState.RUNNING), T)); // a repeat from a resumed stream
        listener.accept(new RunEvent.StepChanged(step("b", 7, StepState.SUCCEEDED), T));

        assertThat(delivered).containsExactly("run@3", "a@4", "b@6", "b@7");
    }

    @Test
    void anOlderChangeOfAStepAfterANewerOneIsDropped() {
        List<String> delivered = new ArrayList<>();
        ResumingListener listener = new ResumingListener(e -> delivered.add(describe(e)), 0);
        listener.catchUp(null, List.of(step("a", 5, StepState.SUCCEEDED)), T);

        listener.accept(new RunEvent.StepChanged(step("a", 3, StepState.RUNNING), T));
        listener.accept(new RunEvent.StepChanged(step("b", 3, StepState.RUNNING), T));

        assertThat(delivered).containsExactly("a@5", "b@3");
    }
}
