package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.StepDef;
import dev.reprise.flow.StepTypeCatalog;
import dev.reprise.flow.Templates;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The scheduling rules as the function they are: a flow, the run so far and a message at an instant in;
 * transitions, attempts to start, cancels and retries out. No process, thread or clock.
 */
class RunSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final RunScheduler.StepTypes TYPES = new RunScheduler.StepTypes() {
        @Override
        public String fingerprint(StepDef step) {
            return "test:" + step.type();
        }

        @Override
        public Object toContext(JsonNode value) {
            return MAPPER.convertValue(value, Object.class);
        }

        @Override
        public boolean holdsWorker(StepDef step) {
            return !step.type().equals("flow.run");
        }
    };

    private static Flow flow(String yaml) {
        return new FlowParser().parse(yaml, "f.yaml");
    }

    private static Run queued(String id, String flowId) {
        return Run.builder(id, flowId, 1).createdAt(T0).target("local").rootRunId(id).seq(1).build();
    }

    private static RunScheduler scheduler(Flow flow, int parallelism) {
        return scheduler(flow, parallelism, ReplayPresets.NONE, queued("r1", flow.id()));
    }

    private static RunScheduler scheduler(Flow flow, int parallelism, ReplayPresets presets, Run run) {
        return new RunScheduler(flow, run, presets, parallelism, TYPES, new Templates());
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    private static RunScheduler.Completed succeeded(String stepId, int attempt, Map<String, JsonNode> outputs) {
        return new RunScheduler.Completed(stepId, attempt,
                new StepOutcome(AttemptState.SUCCEEDED, outputs, 0, null, at(1), at(2), false));
    }

    private static RunScheduler.Completed failed(String stepId, int attempt, AttemptState how) {
        return new RunScheduler.Completed(stepId, attempt,
                new StepOutcome(how, Map.of(), 1, "it broke", at(1), at(2), false));
    }

    private static List<String> started(RunScheduler.Decisions decisions) {
        return decisions.starts().stream().map(RunScheduler.Start::stepId).toList();
    }

    private static final String CHAIN = """
            id: chain
            steps:
              a: { type: noop }
              b: { type: noop, needs: [a] }
              c: { type: noop, needs: [b] }
            """;

    @Test
    void startingRunsTheRootsAndRecordsTheRunRunning() {
        RunScheduler scheduler = scheduler(flow(CHAIN), 4);

        scheduler.start(at(0));
        RunScheduler.Decisions decisions = scheduler.decide(at(0));

        assertThat(decisions.run().state()).isEqualTo(RunState.RUNNING);
        assertThat(started(decisions)).containsExactly("a");
        assertThat(decisions.steps()).singleElement().satisfies(step -> {
            assertThat(step.state()).isEqualTo(StepState.RUNNING);
            assertThat(step.lastAttempt().number()).isEqualTo(1);
            assertThat(step.lastAttempt().fingerprint()).isEqualTo("test:noop");
        });
    }

    @Test
    void aStepStartsWhenItsUpstreamSucceededAndTheRunEndsWithTheLast() {
        RunScheduler scheduler = scheduler(flow(CHAIN), 4);
        scheduler.start(at(0));
        scheduler.decide(at(0));

        scheduler.handle(succeeded("a", 1, Map.of()), at(5));
        assertThat(started(scheduler.decide(at(5)))).containsExactly("b");
        scheduler.handle(succeeded("b", 1, Map.of()), at(6));
        assertThat(started(scheduler.decide(at(6)))).containsExactly("c");
        scheduler.handle(succeeded("c", 1, Map.of()), at(7));
        RunScheduler.Decisions last = scheduler.decide(at(7));

        assertThat(last.starts()).isEmpty();
        assertThat(last.run().state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(last.run().endedAt()).isEqualTo(at(7));
        assertThat(scheduler.isOver()).isTrue();
    }

    @Test
    void noMoreAttemptsRunAtOnceThanTheParallelismAllows() {
        RunScheduler scheduler = scheduler(flow("""
                id: wide
                steps:
                  a: { type: noop }
                  b: { type: noop }
                  c: { type: noop }
                """), 2);
        scheduler.start(at(0));

        assertThat(started(scheduler.decide(at(0)))).containsExactly("a", "b");
        scheduler.handle(succeeded("b", 1, Map.of()), at(3));
        assertThat(started(scheduler.decide(at(3)))).containsExactly("c");
    }

    @Test
    void stepsThatWaitForAnotherRunTakeNoPlaceAndLeaveRoomForTheOthers() {
        RunScheduler scheduler = scheduler(flow("""
                id: parents
                steps:
                  a: { type: flow.run }
                  b: { type: noop }
                  c: { type: flow.run }
                  d: { type: noop }
                """), 1);
        scheduler.start(at(0));

        assertThat(started(scheduler.decide(at(0)))).containsExactly("a", "c", "b");
        scheduler.handle(succeeded("a", 1, Map.of()), at(2));
        assertThat(started(scheduler.decide(at(2)))).as("a ending frees no place: b holds the only one").isEmpty();
        scheduler.handle(succeeded("b", 1, Map.of()), at(3));
        assertThat(started(scheduler.decide(at(3)))).containsExactly("d");
    }

    @Test
    void theChildAStepStartedIsRecordedOnItsAttempt() {
        RunScheduler scheduler = scheduler(flow("""
                id: parent
                steps:
                  a: { type: flow.run }
                """), 1);
        scheduler.start(at(0));
        scheduler.decide(at(0));

        scheduler.handle(new RunScheduler.ChildStarted("a", 1, "child-1"), at(1));
        RunScheduler.Decisions decisions = scheduler.decide(at(1));

        assertThat(decisions.steps()).singleElement().satisfies(step -> {
            assertThat(step.state()).isEqualTo(StepState.RUNNING);
            assertThat(step.lastAttempt().childRunId()).isEqualTo("child-1");
        });
        scheduler.handle(succeeded("a", 1, Map.of()), at(2));
        assertThat(scheduler.decide(at(2)).steps()).singleElement()
                .satisfies(step -> assertThat(step.lastAttempt().childRunId()).isEqualTo("child-1"));
    }

    @Test
    void aFanOutMakesOneInstancePerElementWithItsItemAndIndex() {
        RunScheduler scheduler = scheduler(flow("""
                id: fan
                steps:
                  list: { type: noop }
                  each:
                    type: noop
                    foreach: "{{ steps.list.outputs.items }}"
                    inputs: { it: "{{ item }}", at: "{{ index }}" }
                  all: { type: noop, inputs: { got: "{{ steps.each.outputs.v }}" } }
                """), 8);
        scheduler.start(at(0));
        scheduler.decide(at(0));

        scheduler.handle(succeeded("list", 1, Map.of("items", MAPPER.valueToTree(List.of("x", "y", "z")))), at(1));
        RunScheduler.Decisions expanded = scheduler.decide(at(1));

        assertThat(started(expanded)).containsExactly("each[0]", "each[1]", "each[2]");
        assertThat(expanded.starts().get(1).inputs()).containsEntry("it", TextNode.valueOf("y"))
                .containsEntry("at", IntNode.valueOf(1));
        assertThat(scheduler.step("each[2]").index()).isEqualTo(2);

        // the fan-in waits for every instance and receives their outputs in order
        scheduler.handle(succeeded("each[2]", 1, Map.of("v", IntNode.valueOf(30))), at(2));
        scheduler.handle(succeeded("each[0]", 1, Map.of("v", IntNode.valueOf(10))), at(2));
        assertThat(scheduler.decide(at(2)).starts()).isEmpty();
        scheduler.handle(succeeded("each[1]", 1, Map.of("v", IntNode.valueOf(20))), at(3));
        RunScheduler.Decisions fanIn = scheduler.decide(at(3));
        assertThat(started(fanIn)).containsExactly("all");
        assertThat(fanIn.starts().get(0).inputs().get("got")).isEqualTo(MAPPER.valueToTree(List.of(10, 20, 30)));
    }

    @Test
    void aFanOutsInstancesAreRecordedPendingInOrderAsItExpandsAndEachIsWrittenOnceWhenItStartsAtOnce() {
        RunScheduler scheduler = scheduler(flow("""
                id: fan
                steps:
                  list: { type: noop }
                  each: { type: noop, foreach: "{{ steps.list.outputs.items }}" }
                """), 1);
        scheduler.start(at(0));
        scheduler.decide(at(0));

        scheduler.handle(succeeded("list", 1, Map.of("items", MAPPER.valueToTree(List.of("x", "y", "z")))), at(1));
        RunScheduler.Decisions expanded = scheduler.decide(at(1));

        assertThat(started(expanded)).containsExactly("each[0]");
        assertThat(expanded.steps()).extracting(StepRun::stepId, StepRun::state).containsExactly(
                tuple("list", StepState.SUCCEEDED),
                tuple("each[0]", StepState.RUNNING),
                tuple("each[1]", StepState.PENDING),
                tuple("each[2]", StepState.PENDING));
        assertThat(expanded.steps().get(2).attempts()).isEmpty();

        scheduler.handle(succeeded("each[0]", 1, Map.of()), at(2));
        RunScheduler.Decisions next = scheduler.decide(at(2));
        assertThat(next.steps()).extracting(StepRun::stepId, StepRun::state).containsExactly(
                tuple("each[0]", StepState.SUCCEEDED), tuple("each[1]", StepState.RUNNING));
    }

    @Test
    void aFailedStepSkipsEverythingDownstreamAndFailsTheRun() {
        RunScheduler scheduler = scheduler(flow(CHAIN), 4);
        scheduler.start(at(0));
        scheduler.decide(at(0));

        scheduler.handle(failed("a", 1, AttemptState.FAILED), at(4));
        RunScheduler.Decisions decisions = scheduler.decide(at(4));

        assertThat(decisions.starts()).isEmpty();
        assertThat(decisions.steps()).extracting(StepRun::stepId, StepRun::state).containsExactly(
                tuple("a", StepState.FAILED),
                tuple("b", StepState.SKIPPED),
                tuple("c", StepState.SKIPPED));
        assertThat(decisions.run().state()).isEqualTo(RunState.FAILED);
        assertThat(decisions.run().error()).isEqualTo("step a failed: it broke");
    }

    @Test
    void aFailedAttemptWithAttemptsLeftWaitsForItsBackoffThenRunsAgain() {
        RunScheduler scheduler = scheduler(flow("""
                id: retry
                steps:
                  flaky: { type: noop, retry: { attempts: 3, backoff: 2s } }
                """), 4);
        scheduler.start(at(0));
        scheduler.decide(at(0));

        scheduler.handle(failed("flaky", 1, AttemptState.FAILED), at(10));
        RunScheduler.Decisions waiting = scheduler.decide(at(10));
        assertThat(waiting.steps()).singleElement().extracting(StepRun::state).isEqualTo(StepState.RETRYING);
        assertThat(waiting.retries()).containsExactly(new RunScheduler.Retry("flaky", Duration.ofSeconds(2)));
        assertThat(waiting.starts()).isEmpty();
        assertThat(waiting.run()).as("the run goes on while a retry waits").isNull();

        scheduler.handle(new RunScheduler.RetryDue("flaky"), at(2_010));
        RunScheduler.Decisions again = scheduler.decide(at(2_010));
        assertThat(again.starts()).singleElement().extracting(RunScheduler.Start::attempt).isEqualTo(2);
    }

    @Test
    void aTimedOutAttemptCountsAsAFailureAndTheStepCarriesItsTimeout() {
        RunScheduler scheduler = scheduler(flow("""
                id: slow
                steps:
                  slow: { type: noop, timeout: 5s }
                """), 4);
        scheduler.start(at(0));
        RunScheduler.Decisions first = scheduler.decide(at(0));
        assertThat(first.starts()).singleElement().extracting(RunScheduler.Start::timeout)
                .isEqualTo(Duration.ofSeconds(5));

        scheduler.handle(failed("slow", 1, AttemptState.TIMED_OUT), at(5_000));
        RunScheduler.Decisions decisions = scheduler.decide(at(5_000));

        assertThat(scheduler.step("slow").state()).isEqualTo(StepState.FAILED);
        assertThat(scheduler.step("slow").lastAttempt().state()).isEqualTo(AttemptState.TIMED_OUT);
        assertThat(decisions.run().state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void cancellingStopsWhatRunsEndsWhatWaitsAndDropsPendingRetries() {
        RunScheduler scheduler = scheduler(flow("""
                id: cancel
                steps:
                  running: { type: noop }
                  flaky: { type: noop, retry: { attempts: 2, backoff: 1m } }
                  after: { type: noop, needs: [running] }
                """), 4);
        scheduler.start(at(0));
        scheduler.decide(at(0));
        scheduler.handle(failed("flaky", 1, AttemptState.FAILED), at(1));
        scheduler.decide(at(1));

        scheduler.handle(new RunScheduler.CancelRun(), at(2));
        RunScheduler.Decisions cancelled = scheduler.decide(at(2));
        assertThat(cancelled.cancels()).containsExactly(new RunScheduler.Cancel("running", AttemptState.CANCELLED));
        assertThat(cancelled.droppedRetries()).containsExactly("flaky");
        assertThat(scheduler.step("flaky").state()).isEqualTo(StepState.CANCELLED);
        assertThat(cancelled.run()).as("the run ends once the running attempt has stopped").isNull();

        scheduler.handle(failed("running", 1, AttemptState.CANCELLED), at(3));
        RunScheduler.Decisions ended = scheduler.decide(at(3));
        assertThat(scheduler.step("after").state()).isEqualTo(StepState.CANCELLED);
        assertThat(ended.run().state()).isEqualTo(RunState.CANCELLED);
    }

    @Test
    void stoppingTheEngineInterruptsTheRun() {
        RunScheduler scheduler = scheduler(flow(CHAIN), 4);
        scheduler.start(at(0));
        scheduler.decide(at(0));

        scheduler.handle(new RunScheduler.Stop(), at(1));
        assertThat(scheduler.decide(at(1)).cancels())
                .containsExactly(new RunScheduler.Cancel("a", AttemptState.INTERRUPTED));
        scheduler.handle(failed("a", 1, AttemptState.INTERRUPTED), at(2));
        RunScheduler.Decisions decisions = scheduler.decide(at(2));

        assertThat(decisions.run().state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(scheduler.step("b").state()).isEqualTo(StepState.INTERRUPTED);
    }

    @Test
    void aReplayReusesWhatThePlanSaysAndRunsTheRestWithAttemptNumbersGoingOn() {
        Flow flow = flow(CHAIN);
        Run source = Run.builder("r0", "chain", 1).state(RunState.FAILED).createdAt(T0).startedAt(T0).endedAt(T0)
                .target("local").rootRunId("r0").seq(9).build();
        List<StepRun> sourceSteps = List.of(
                new StepRun("r0", "a", "a", -1, StepState.SUCCEEDED, Map.of(), Map.of("v", IntNode.valueOf(1)), null,
                        List.of(), T0, T0, null, 2),
                new StepRun("r0", "b", "b", -1, StepState.FAILED, Map.of(), Map.of(), null,
                        List.of(Attempt.queued(1, T0, "x")), T0, T0, "no", 3),
                new StepRun("r0", "c", "c", -1, StepState.SKIPPED, Map.of(), Map.of(), null, List.of(), null, null,
                        null, 4));
        ReplayRequest request = ReplayRequest.of(ReplayScope.failed());
        ReplayPlan plan = new ReplayPlanner(StepTypeCatalog.of(List.of()))
                .plan(new ReplayPlanner.Source(source, sourceSteps), flow, flow, 1, request);
        RunScheduler scheduler = scheduler(flow, 4, ReplayPresets.of(plan, sourceSteps, request), queued("r1", "chain"));

        scheduler.start(at(0));
        RunScheduler.Decisions decisions = scheduler.decide(at(0));

        StepRun reused = scheduler.step("a");
        assertThat(reused.state()).isEqualTo(StepState.REUSED);
        assertThat(reused.outputs()).containsEntry("v", IntNode.valueOf(1));
        assertThat(reused.reusedFrom().runId()).isEqualTo("r0");
        assertThat(decisions.starts()).singleElement().satisfies(start -> {
            assertThat(start.stepId()).isEqualTo("b");
            assertThat(start.attempt()).as("attempts go on along the lineage").isEqualTo(2);
        });
    }
}
