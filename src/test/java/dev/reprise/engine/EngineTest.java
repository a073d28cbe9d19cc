package dev.reprise.engine;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.testing.Eventually;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The engine through a real local workspace: H2 on disk, real processes. */
class EngineTest {

    @TempDir
    Path folder;

    private LocalWorkspace workspace;

    @BeforeEach
    void open() {
        workspace = LocalWorkspaces.open(folder.resolve("ws"), LocalWorkspaces.Options.defaults().withParallelism(2));
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private Run runToEnd(String yaml, Map<String, String> inputs) {
        String flowId = workspace.applyFlow(yaml, "test.yaml").revision().flowId();
        Map<String, com.fasterxml.jackson.databind.JsonNode> parameters = new java.util.LinkedHashMap<>();
        inputs.forEach((k, v) -> parameters.put(k, TextNode.valueOf(v)));
        Run run = workspace.start(StartRequest.of(flowId).withParameters(parameters));
        return workspace.await(run.id());
    }

    @Test
    void passesOutputsDownstreamAndConvertsTypes() {
        Run run = runToEnd("""
                id: pass
                inputs:
                  n: { type: integer, default: 2 }
                steps:
                  a:
                    type: shell
                    inputs: { n: "{{ inputs.n }}" }
                    run: echo "double=$((REPRISE_INPUT_n * 2))" >> "$REPRISE_OUTPUTS"; echo "word=hello" >> "$REPRISE_OUTPUTS"
                  b:
                    type: shell
                    inputs: { x: "{{ steps.a.outputs.double }}", w: "{{ steps.a.outputs.word }} world" }
                    run: echo "got=$REPRISE_INPUT_w $REPRISE_INPUT_x" >> "$REPRISE_OUTPUTS"
                """, Map.of("n", "21"));

        RunDetail detail = workspace.run(run.id());
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(detail.step("a").outputs().get("double")).isEqualTo(IntNode.valueOf(42));
        assertThat(detail.step("b").inputs().get("x")).isEqualTo(IntNode.valueOf(42));
        assertThat(detail.step("b").outputs().get("got").asText()).isEqualTo("hello world 42");
        assertThat(run.parameters().get("n").asInt()).isEqualTo(21);
    }

    @Test
    void fansOutOverAListAndCollectsEveryInstanceInOrder() {
        Run run = runToEnd("""
                id: fan
                steps:
                  list:
                    type: shell
                    run: echo 'items=["a","b","c"]' >> "$REPRISE_OUTPUTS"
                  each:
                    type: shell
                    foreach: "{{ steps.list.outputs.items }}"
                    inputs: { item: "{{ item }}", i: "{{ index }}" }
                    run: echo "up=$REPRISE_INPUT_item$REPRISE_INPUT_i" >> "$REPRISE_OUTPUTS"
                  join:
                    type: shell
                    inputs: { all: "{{ steps.each.outputs.up }}" }
                    run: echo "joined=$REPRISE_INPUT_all" >> "$REPRISE_OUTPUTS"
                """, Map.of());

        RunDetail detail = workspace.run(run.id());
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(detail.steps()).extracting(StepRun::stepId)
                .containsExactlyInAnyOrder("list", "each[0]", "each[1]", "each[2]", "join");
        assertThat(detail.step("each[1]").index()).isEqualTo(1);
        assertThat(detail.step("each[1]").stepName()).isEqualTo("each");
        assertThat(detail.step("join").inputs().get("all").toString()).isEqualTo("[\"a0\",\"b1\",\"c2\"]");
    }

    @Test
    void aFanOutsInstancesNotStartedYetAreStoredPendingInOrderWhileTheFirstRunsAndThenAllSucceed() throws Exception {
        Path gate = folder.resolve("gate");
        try (LocalWorkspace one = LocalWorkspaces.open(folder.resolve("one"),
                LocalWorkspaces.Options.defaults().withParallelism(1))) {
            Run run = TestWorkspaces.startGatedFanOut(one, gate, 20);
            // a parallelism of 1: while each[0] waits at the gate, the other 19 wait for a place
            RunDetail waiting = Eventually.waitFor("the fan-out to expand", () -> one.run(run.id()),
                    d -> d.steps().stream().anyMatch(s -> s.stepId().equals("each[0]") && s.state() == StepState.RUNNING));

            List<StepRun> instances = waiting.steps().stream().filter(StepRun::isFanOutInstance).toList();
            assertThat(instances).extracting(StepRun::index).as("every instance, in order")
                    .containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
            assertThat(instances.subList(1, 20)).allSatisfy(s -> {
                assertThat(s.state()).isEqualTo(StepState.PENDING);
                assertThat(s.attempts()).isEmpty();
                assertThat(s.startedAt()).isNull();
            });
            assertThat(waiting.run().state()).isEqualTo(RunState.RUNNING);

            Files.writeString(gate, "open");
            Run ended = one.await(run.id());
            RunDetail done = one.run(run.id());
            assertThat(ended.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(done.steps()).filteredOn(StepRun::isFanOutInstance).hasSize(20)
                    .allSatisfy(s -> assertThat(s.state()).isEqualTo(StepState.SUCCEEDED));
            assertThat(done.step("each[19]").outputs().get("n").asInt()).isEqualTo(19);
        }
    }

    @Test
    void retriesAFailingStepUntilItSucceeds() {
        Run run = runToEnd("""
                id: flaky
                steps:
                  flaky:
                    type: shell
                    retry: { attempts: 3, backoff: 100ms }
                    run: |
                      echo "attempt $REPRISE_ATTEMPT"
                      [ "$REPRISE_ATTEMPT" -ge 3 ] || exit 7
                """, Map.of());

        StepRun step = workspace.run(run.id()).step("flaky");
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(step.attempts()).extracting(Attempt::state)
                .containsExactly(AttemptState.FAILED, AttemptState.FAILED, AttemptState.SUCCEEDED);
        assertThat(step.attempts().get(0).exitCode()).isEqualTo(7);
        assertThat(step.attempts().get(0).error()).contains("exited with code 7");
        Attempt second = step.attempts().get(1);
        assertThat(Duration.between(step.attempts().get(0).endedAt(), second.queuedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(workspace.log(run.id(), "flaky", 2, 0, 1000).text()).isEqualTo("attempt 2\n");
    }

    @Test
    void aFailedStepSkipsItsDownstreamButNotOtherBranches() {
        Run run = runToEnd("""
                id: branches
                steps:
                  bad: { type: shell, run: "echo broken >&2; exit 3" }
                  after_bad: { type: shell, needs: [bad], run: "true" }
                  good: { type: shell, run: "echo ok=1 >> $REPRISE_OUTPUTS" }
                """, Map.of());

        RunDetail detail = workspace.run(run.id());
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.error()).contains("bad").contains("exited with code 3");
        assertThat(detail.step("bad").state()).isEqualTo(StepState.FAILED);
        assertThat(detail.step("after_bad").state()).isEqualTo(StepState.SKIPPED);
        assertThat(detail.step("after_bad").attempts()).isEmpty();
        assertThat(detail.step("good").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(detail.step("good").lastAttempt().hasLog()).as("a quiet step leaves no log").isFalse();
        assertThat(workspace.log(run.id(), "bad", 1, 0, 100).text()).isEqualTo("broken\n");
    }

    @Test
    void aTimeoutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = folder.resolve("child.pid");
        Run run = runToEnd("""
                id: slow
                steps:
                  slow:
                    type: shell
                    timeout: 1s
                    run: sleep 60 & echo $! > %s; wait
                """.formatted(pidFile), Map.of());

        StepRun step = workspace.run(run.id()).step("slow");
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(step.lastAttempt().state()).isEqualTo(AttemptState.TIMED_OUT);
        assertThat(step.error()).contains("timed out");
        long child = Long.parseLong(Files.readString(pidFile).trim());
        await().atMost(5, TimeUnit.SECONDS).until(() -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void cancellingARunStopsRunningStepsAndNeverStartsTheRest() throws Exception {
        String flowId = workspace.applyFlow("""
                id: cancel_me
                steps:
                  long: { type: shell, run: "sleep 60" }
                  later: { type: shell, needs: [long], run: "true" }
                """, "c.yaml").revision().flowId();
        Run run = workspace.start(StartRequest.of(flowId));
        await().atMost(5, TimeUnit.SECONDS).until(() ->
                workspace.run(run.id()).steps().stream().anyMatch(s -> s.state() == StepState.RUNNING));
        Instant asked = Instant.now();
        workspace.cancel(run.id());
        Run ended = workspace.await(run.id());

        assertThat(ended.state()).isEqualTo(RunState.CANCELLED);
        assertThat(Duration.between(asked, ended.endedAt())).isLessThan(Duration.ofSeconds(10));
        RunDetail detail = workspace.run(run.id());
        assertThat(detail.step("long").state()).isEqualTo(StepState.CANCELLED);
        assertThat(detail.step("later").state()).isEqualTo(StepState.CANCELLED);
        assertThat(detail.step("later").attempts()).isEmpty();
    }

    @Test
    void runsAtMostParallelismAttemptsAtOnce() {
        StringBuilder yaml = new StringBuilder("id: wide\nsteps:\n");
        for (int i = 0; i < 6; i++) {
            yaml.append("  s").append(i).append(": { type: shell, run: \"sleep 0.3\" }\n");
        }
        Run run = runToEnd(yaml.toString(), Map.of());

        // sweep over start (+1) and end (-1) instants; at equal instants an end comes first
        List<long[]> edges = new ArrayList<>();
        for (StepRun step : workspace.run(run.id()).steps()) {
            edges.add(new long[] {step.lastAttempt().startedAt().toEpochMilli(), 1});
            edges.add(new long[] {step.lastAttempt().endedAt().toEpochMilli(), -1});
        }
        edges.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        int most = 0;
        int now = 0;
        for (long[] edge : edges) {
            now += (int) edge[1];
            most = Math.max(most, now);
        }
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(most).isEqualTo(2);
    }

    @Test
    void everyPublishedEventIsAlreadyInTheStore() {
        List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        String flowId = workspace.applyFlow("""
                id: ordered
                steps:
                  a: { type: shell, run: "true" }
                  b: { type: shell, needs: [a], run: "true" }
                """, "o.yaml").revision().flowId();
        try (Subscription ignored = workspace.subscribeAll(event -> {
            seen.add(event);
            if (event instanceof RunEvent.StepChanged(StepRun step, Instant at)) {
                StepRun stored = workspace.run(event.runId()).step(step.stepId());
                if (stored.seq() < event.seq()) {
                    mismatches.add(step.stepId() + " " + step.state());
                }
            }
        })) {
            Run run = workspace.start(StartRequest.of(flowId));
            workspace.await(run.id());
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(6);
        assertThat(mismatches).isEmpty();
        assertThat(seen).extracting(RunEvent::seq).isSorted();
    }

    @Test
    void aSubscriberResumingAfterASequenceNumberGetsOnlyNewerChanges() {
        Run run = runToEnd("""
                id: resume
                steps:
                  a: { type: shell, run: "true" }
                  b: { type: shell, needs: [a], run: "true" }
                """, Map.of());
        RunDetail detail = workspace.run(run.id());
        long afterA = detail.step("a").seq();

        List<RunEvent> replayed = new CopyOnWriteArrayList<>();
        workspace.subscribe(run.id(), afterA, replayed::add).close();

        assertThat(replayed).extracting(RunEvent::seq).allMatch(seq -> seq > afterA).isSorted();
        assertThat(replayed).anyMatch(e -> e instanceof RunEvent.StepChanged(var s, var at) && s.stepId().equals("b"));
        assertThat(replayed).anyMatch(e -> e instanceof RunEvent.RunChanged(var r, var at)
                && r.state() == RunState.SUCCEEDED);
        assertThat(replayed).noneMatch(e -> e instanceof RunEvent.StepChanged(var s, var at) && s.stepId().equals("a"));
    }

    @Test
    void badParametersAreAllReportedAndNothingIsStarted() {
        workspace.applyFlow("""
                id: typed
                inputs:
                  n: { type: integer, min: 1 }
                  mode: { type: enum, values: [fast, slow], default: fast }
                steps:
                  a: { type: shell, run: "true" }
                """, "t.yaml");

        assertThatThrownBy(() -> workspace.start(StartRequest.of("typed").withParameters(Map.of(
                "n", TextNode.valueOf("zero"), "mode", TextNode.valueOf("medium"), "extra", TextNode.valueOf("1")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no input 'extra'")
                .hasMessageContaining("input 'n': expected an integer, got 'zero'")
                .hasMessageContaining("'medium' is not one of fast, slow");
        assertThat(workspace.runs(dev.reprise.run.RunQuery.all()).runs()).isEmpty();
    }

    @Test
    void javaStepsGetTypedInputsAndTimeOutWhenTheyRunTooLong() {
        Run run = runToEnd("""
                id: java_steps
                steps:
                  quick: { type: test.wait, inputs: { millis: 10, message: hi } }
                  stuck: { type: test.wait, timeout: 300ms, inputs: { millis: 60000 } }
                """, Map.of());

        RunDetail detail = workspace.run(run.id());
        assertThat(detail.step("quick").outputs().get("waited").asLong()).isEqualTo(10);
        assertThat(detail.step("quick").lastAttempt().fingerprint())
                .as("a handler outside the app's jar is fingerprinted by its class, or its jar when it has one")
                .isEqualTo("class:dev.reprise.engine.testing.WaitHandler");
        assertThat(detail.step("stuck").lastAttempt().state()).isEqualTo(AttemptState.TIMED_OUT);
        assertThat(Duration.between(detail.step("stuck").lastAttempt().startedAt(),
                detail.step("stuck").lastAttempt().endedAt())).isLessThan(Duration.ofSeconds(5));
        assertThat(workspace.log(run.id(), "stuck", 1, 0, 100).text()).startsWith("waiting 60000 ms");
    }

    @Test
    void cancellingOneStepSkipsWhatNeedsItAndLetsTheRestFinish() {
        String flowId = workspace.applyFlow("""
                id: cancel_one
                steps:
                  slow: { type: test.wait, inputs: { millis: 60000 } }
                  after_slow: { type: shell, needs: [slow], run: "true" }
                  other: { type: test.wait, inputs: { millis: 300 } }
                """, "c.yaml").revision().flowId();
        Run run = workspace.start(StartRequest.of(flowId));
        await().atMost(5, TimeUnit.SECONDS).until(() -> workspace.run(run.id()).steps().stream()
                .anyMatch(s -> s.stepId().equals("slow") && s.state() == StepState.RUNNING));
        workspace.cancelStep(run.id(), "slow");
        Run ended = workspace.await(run.id());

        RunDetail detail = workspace.run(run.id());
        assertThat(detail.step("slow").state()).isEqualTo(StepState.CANCELLED);
        assertThat(detail.step("after_slow").state()).isEqualTo(StepState.SKIPPED);
        assertThat(detail.step("other").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(ended.state()).isEqualTo(RunState.FAILED);
        assertThat(ended.error()).isEqualTo("step slow was cancelled");
    }
}
