package dev.reprise.workspace;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayPlan.Action;
import dev.reprise.run.ReplayPlan.PlannedStep;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.RunTrigger;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A step that runs another pipeline, on the real engine and store: what it starts, waits for, links and refuses. */
class SubPipelineTest {

    /** A child that doubles its input n in a process and declares the result as its flow output. */
    private static final String DOUBLE = """
            id: double
            inputs:
              n: { type: integer, default: 1 }
            steps:
              twice:
                type: shell
                inputs: { n: "{{ inputs.n }}" }
                run: echo "value=$((REPRISE_INPUT_n * 2))" >> "$REPRISE_OUTPUTS"
            outputs:
              value: "{{ steps.twice.outputs.value }}"
            """;

    @TempDir
    Path folder;

    private LocalWorkspace workspace;

    private LocalWorkspace open(int parallelism) {
        workspace = LocalWorkspaces.open(folder, LocalWorkspaces.Options.defaults().withParallelism(parallelism));
        return workspace;
    }

    @AfterEach
    void close() {
        if (workspace != null) {
            workspace.close();
        }
    }

    private void apply(String yaml) {
        workspace.applyFlow(yaml, "flow.yaml");
    }

    private Run runToEnd(String flowId) {
        return workspace.await(workspace.start(StartRequest.of(flowId)).id());
    }

    private StepRun step(Run run, String stepId) {
        return workspace.run(run.id()).steps().stream().filter(s -> s.stepId().equals(stepId)).findFirst()
                .orElseThrow();
    }

    private List<Run> childrenOf(Run parent) {
        return workspace.runs(RunQuery.all().withLimit(1000)).runs().stream()
                .filter(r -> r.trigger() != null && r.trigger().runId().equals(parent.id())).toList();
    }

    @Test
    void aStepRunsAFlowWaitsForItAndPassesItsOutputsDownstream() {
        open(2);
        apply(DOUBLE);
        apply("""
                id: parent
                steps:
                  child:
                    type: flow.run
                    inputs: { flow: double, inputs: { n: 21 } }
                  report:
                    type: shell
                    inputs: { got: "{{ steps.child.outputs.value }}" }
                    run: echo "got=$REPRISE_INPUT_got" >> "$REPRISE_OUTPUTS"
                """);

        Run parent = runToEnd("parent");

        assertThat(parent.state()).as(parent.error()).isEqualTo(RunState.SUCCEEDED);
        StepRun child = step(parent, "child");
        List<Run> children = childrenOf(parent);
        assertThat(children).hasSize(1);
        Run childRun = children.getFirst();
        assertThat(childRun.flowId()).isEqualTo("double");
        assertThat(childRun.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(childRun.trigger()).isEqualTo(new RunTrigger(parent.id(), "child", 1));
        assertThat(child.lastAttempt().childRunId()).isEqualTo(childRun.id());
        assertThat(child.outputs()).containsEntry("value", IntNode.valueOf(42))
                .containsKey("run_id");
        assertThat(child.outputs().get("run_id").asText()).isEqualTo(childRun.id());
        assertThat(step(parent, "report").outputs().get("got").asInt()).isEqualTo(42);
    }

    @Test
    void withoutWaitingTheStepSucceedsAtOnceWithTheChildsId() {
        open(2);
        apply("""
                id: slow
                steps:
                  nap:
                    type: shell
                    run: sleep 2
                """);
        apply("""
                id: parent
                steps:
                  kick:
                    type: flow.run
                    inputs: { flow: slow, wait: false }
                """);

        Run parent = runToEnd("parent");

        assertThat(parent.state()).as(parent.error()).isEqualTo(RunState.SUCCEEDED);
        String childId = step(parent, "kick").outputs().get("run_id").asText();
        Run child = workspace.run(childId).run();
        assertThat(child.state().isTerminal()).as("the parent ended before its child").isFalse();
        assertThat(workspace.await(childId).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(child.trigger().runId()).isEqualTo(parent.id());
    }

    @Test
    void aFailedChildFailsItsStepWithTheChildsError() {
        open(2);
        apply("""
                id: broken
                steps:
                  fail:
                    type: shell
                    run: echo boom >&2; exit 3
                """);
        apply("""
                id: parent
                steps:
                  child:
                    type: flow.run
                    inputs: { flow: broken }
                """);

        Run parent = runToEnd("parent");

        assertThat(parent.state()).isEqualTo(RunState.FAILED);
        StepRun child = step(parent, "child");
        assertThat(child.state()).isEqualTo(StepState.FAILED);
        assertThat(child.error()).contains("child run " + child.lastAttempt().childRunId())
                .contains("of flow broken failed").contains("step fail failed");
    }

    @Test
    void aFlowThatWouldStartItselfIsRefusedWithTheChainNamed() {
        open(2);
        apply("""
                id: ping
                steps:
                  call:
                    type: flow.run
                    inputs: { flow: pong }
                """);
        apply("""
                id: pong
                steps:
                  call:
                    type: flow.run
                    inputs: { flow: ping }
                """);

        Run ping = runToEnd("ping");

        assertThat(ping.state()).isEqualTo(RunState.FAILED);
        Run pong = childrenOf(ping).getFirst();
        assertThat(step(pong, "call").error()).contains("ping → pong → ping")
                .contains("flow ping would start itself");
        assertThat(childrenOf(pong)).isEmpty();
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWithTheChain() {
        open(2);
        int levels = ChildLauncher.MAX_DEPTH + 1;
        for (int i = 0; i < levels; i++) {
            apply(i == levels - 1 ? "id: level" + i + "\nsteps:\n  done: { type: noop }\n"
                    : "id: level" + i + "\nsteps:\n  down:\n    type: flow.run\n    inputs: { flow: level" + (i + 1)
                    + " }\n");
        }

        Run top = runToEnd("level0");

        assertThat(top.state()).isEqualTo(RunState.FAILED);
        Run deepest = top;
        for (int depth = 1; depth < ChildLauncher.MAX_DEPTH; depth++) {
            deepest = childrenOf(deepest).getFirst();
        }
        assertThat(step(deepest, "down").error()).contains("nest at most " + ChildLauncher.MAX_DEPTH)
                .contains("level0 → level1");
    }

    @Test
    void threeLevelsOfNestingFinishOnOneWorker() {
        open(1);
        apply(DOUBLE);
        apply("""
                id: middle
                inputs:
                  n: { type: integer }
                steps:
                  first:
                    type: flow.run
                    inputs: { flow: double, inputs: { n: "{{ inputs.n }}" } }
                  second:
                    type: flow.run
                    inputs: { flow: double, inputs: { n: "{{ inputs.n }}" } }
                outputs:
                  value: "{{ steps.first.outputs.value + steps.second.outputs.value }}"
                """);
        apply("""
                id: top
                steps:
                  left:
                    type: flow.run
                    inputs: { flow: middle, inputs: { n: 1 } }
                  right:
                    type: flow.run
                    inputs: { flow: middle, inputs: { n: 10 } }
                """);

        Run top = workspace.start(StartRequest.of("top"));
        Run ended = awaitWithin(top.id(), Duration.ofSeconds(60));

        assertThat(ended.state()).as(ended.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(step(ended, "left").outputs().get("value").asInt()).isEqualTo(4);
        assertThat(step(ended, "right").outputs().get("value").asInt()).isEqualTo(40);
    }

    @Test
    void cancellingAParentCancelsItsRunningChild() throws InterruptedException {
        open(2);
        apply("""
                id: slow
                steps:
                  nap:
                    type: shell
                    run: sleep 60
                """);
        apply("""
                id: parent
                steps:
                  child:
                    type: flow.run
                    inputs: { flow: slow }
                """);
        Run parent = workspace.start(StartRequest.of("parent"));
        Run child = awaitChild(parent);

        workspace.cancel(parent.id());

        assertThat(awaitWithin(parent.id(), Duration.ofSeconds(30)).state()).isEqualTo(RunState.CANCELLED);
        assertThat(awaitWithin(child.id(), Duration.ofSeconds(30)).state()).isEqualTo(RunState.CANCELLED);
        assertThat(step(parent, "child").state()).isEqualTo(StepState.CANCELLED);
    }

    @Test
    void aTimeoutOnTheStepCancelsItsChildAndEndsTheAttemptTimedOut() {
        open(2);
        apply("""
                id: slow
                steps:
                  nap:
                    type: shell
                    run: sleep 60
                """);
        apply("""
                id: parent
                steps:
                  child:
                    type: flow.run
                    timeout: 1s
                    inputs: { flow: slow }
                """);

        Run parent = awaitWithin(workspace.start(StartRequest.of("parent")).id(), Duration.ofSeconds(30));

        StepRun child = step(parent, "child");
        assertThat(parent.state()).isEqualTo(RunState.FAILED);
        assertThat(child.lastAttempt().state()).isEqualTo(dev.reprise.run.AttemptState.TIMED_OUT);
        assertThat(child.error()).startsWith("timed out");
        assertThat(workspace.run(child.lastAttempt().childRunId()).run().state()).isEqualTo(RunState.CANCELLED);
    }

    @Test
    void aStepThatNamesNoPipelineOrTwoIsRefusedAtItsLineAndNothingIsApplied() {
        open(2);
        String none = """
                id: parent
                steps:
                  call:
                    type: flow.run
                    inputs: { inputs: { n: 1 } }
                """;
        String two = """
                id: parent
                steps:
                  call:
                    type: flow.run
                    inputs: { flow: double, snapshot: nightly }
                """;

        assertThatThrownBy(() -> workspace.applyFlow(none, "none.yaml")).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).singleElement().satisfies(p -> {
                    assertThat(p.message()).isEqualTo("step 'call' (flow.run) gives exactly one of the inputs "
                            + "snapshot, snapshot_of, flow; it gives none");
                    assertThat(p.pos().line()).isEqualTo(5);
                }));
        assertThatThrownBy(() -> workspace.applyFlow(two, "two.yaml")).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).singleElement().satisfies(p -> {
                    assertThat(p.message()).endsWith("it gives snapshot and flow");
                    assertThat(p.pos().line()).isEqualTo(5);
                    assertThat(p.pos().column()).as("at snapshot, written last").isEqualTo(29);
                }));
        assertThat(workspace.flows()).isEmpty();
    }

    @Test
    void aSnapshotByNameAndTheLatestSnapshotOfAFlowRun() {
        open(2);
        apply(DOUBLE);
        workspace.createSnapshot(new SnapshotRequest("double-3", "double", null, null, Map.of("n", IntNode.valueOf(3)),
                Map.of(), null, Map.of(), Map.of(), null));
        workspace.createSnapshot(new SnapshotRequest("double-5", "double", null, null, Map.of("n", IntNode.valueOf(5)),
                Map.of(), null, Map.of(), Map.of(), null));
        apply("""
                id: parent
                steps:
                  named:
                    type: flow.run
                    inputs: { snapshot: double-3 }
                  latest:
                    type: flow.run
                    inputs: { snapshot_of: double }
                """);

        Run parent = runToEnd("parent");

        assertThat(parent.state()).as(parent.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(step(parent, "named").outputs().get("value").asInt()).isEqualTo(6);
        assertThat(step(parent, "latest").outputs().get("value").asInt()).isEqualTo(10);
        Run child = workspace.run(step(parent, "latest").lastAttempt().childRunId()).run();
        assertThat(child.labels()).containsEntry("snapshot", "double-5");
    }

    @Test
    void anUnknownSnapshotFailsTheStepAndStartsNothing() {
        open(2);
        apply("""
                id: parent
                steps:
                  named:
                    type: flow.run
                    inputs: { snapshot: nowhere }
                """);

        Run parent = runToEnd("parent");

        assertThat(parent.state()).isEqualTo(RunState.FAILED);
        StepRun named = step(parent, "named");
        assertThat(named.error()).contains("no snapshot 'nowhere'");
        assertThat(named.lastAttempt().childRunId()).isNull();
        assertThat(workspace.runs(RunQuery.all()).runs()).hasSize(1);
    }

    /** A child whose second step fails until the file {@code ok} exists in the test's folder. */
    private String flakyChild() {
        return """
                id: flaky
                steps:
                  prepare:
                    type: shell
                    run: echo "rows=3" >> "$REPRISE_OUTPUTS"
                  work:
                    type: shell
                    inputs: { rows: "{{ steps.prepare.outputs.rows }}" }
                    run: test -f '%s' && echo "done=$REPRISE_INPUT_rows" >> "$REPRISE_OUTPUTS"
                outputs:
                  done: "{{ steps.work.outputs.done }}"
                """.formatted(folder.resolve("ok"));
    }

    @Test
    void replayingTheFailedPartOfAParentReplaysTheFailedPartOfItsChild() throws Exception {
        open(2);
        apply(flakyChild());
        apply("""
                id: parent
                steps:
                  first:
                    type: shell
                    run: echo first
                  call:
                    type: flow.run
                    needs: [first]
                    inputs: { flow: flaky }
                """);
        Run failed = runToEnd("parent");
        Run failedChild = workspace.run(step(failed, "call").lastAttempt().childRunId()).run();
        assertThat(failedChild.state()).isEqualTo(RunState.FAILED);
        java.nio.file.Files.writeString(folder.resolve("ok"), "");

        ReplayPlan plan = workspace.plan(failed.id(), ReplayRequest.of(ReplayScope.failed()));
        Run replay = workspace.await(workspace.replay(failed.id(), ReplayRequest.of(ReplayScope.failed())).id());

        PlannedStep call = plan.step("call");
        assertThat(call.action()).isEqualTo(Action.EXECUTE);
        assertThat(call.replaysChild()).isEqualTo(failedChild.id());
        assertThat(call.reason()).contains("replays the failed part of its child run " + failedChild.id());
        assertThat(replay.state()).as(replay.error()).isEqualTo(RunState.SUCCEEDED);
        Run newChild = workspace.run(step(replay, "call").lastAttempt().childRunId()).run();
        assertThat(newChild.parentRunId()).as("a replay of the failed child").isEqualTo(failedChild.id());
        assertThat(newChild.trigger()).isEqualTo(new RunTrigger(replay.id(), "call", 2));
        assertThat(step(newChild, "prepare").state()).isEqualTo(StepState.REUSED);
        assertThat(step(newChild, "work").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(step(replay, "call").outputs().get("done").asInt()).isEqualTo(3);
    }

    @Test
    void aReusedTriggeringStepReusesItsChildsOutputsAndStartsNoChild() throws Exception {
        open(2);
        apply(DOUBLE);
        apply("""
                id: parent
                steps:
                  call:
                    type: flow.run
                    inputs: { flow: double, inputs: { n: 4 } }
                  check:
                    type: shell
                    inputs: { value: "{{ steps.call.outputs.value }}" }
                    run: test -f '%s' && echo "seen=$REPRISE_INPUT_value" >> "$REPRISE_OUTPUTS"
                """.formatted(folder.resolve("ok")));
        Run failed = runToEnd("parent");
        assertThat(failed.state()).isEqualTo(RunState.FAILED);
        java.nio.file.Files.writeString(folder.resolve("ok"), "");

        Run replay = workspace.await(workspace.replay(failed.id(), ReplayRequest.of(ReplayScope.failed())).id());

        assertThat(replay.state()).as(replay.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(step(replay, "call").state()).isEqualTo(StepState.REUSED);
        assertThat(step(replay, "check").outputs().get("seen").asInt()).isEqualTo(8);
        assertThat(childrenOf(replay)).isEmpty();
        assertThat(workspace.runs(RunQuery.all().withFlow("double")).runs()).hasSize(1);
    }

    @Test
    void anExecutedTriggeringStepStartsANewChildAndAChangeInWhatItSendsMakesItStale() {
        open(2);
        apply(DOUBLE);
        String parent = """
                id: parent
                steps:
                  call:
                    type: flow.run
                    inputs: { flow: double, inputs: { n: 4 } }
                """;
        apply(parent);
        Run first = runToEnd("parent");
        apply(parent.replace("n: 4", "n: 5"));

        ReplayPlan plan = workspace.plan(first.id(), ReplayRequest.of(ReplayScope.failed())
                .withRevision(ReplayRequest.LATEST));
        Run whole = workspace.await(workspace.replay(first.id(), ReplayRequest.of(ReplayScope.whole())).id());

        assertThat(plan.step("call").action()).isEqualTo(Action.EXECUTE);
        assertThat(plan.step("call").stale()).isTrue();
        assertThat(plan.step("call").replaysChild()).isNull();
        String firstChild = step(first, "call").lastAttempt().childRunId();
        Run newChild = workspace.run(step(whole, "call").lastAttempt().childRunId()).run();
        assertThat(newChild.id()).isNotEqualTo(firstChild);
        assertThat(newChild.parentRunId()).as("a new run, not a replay").isNull();
        assertThat(newChild.trigger().runId()).isEqualTo(whole.id());
    }

    private Run awaitChild(Run parent) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            Optional<Run> child = childrenOf(parent).stream().filter(r -> r.state() == RunState.RUNNING).findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no child run of " + parent.id() + " started");
    }

    private Run awaitWithin(String runId, Duration limit) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> workspace.await(runId))
                .orTimeout(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).join();
    }
}
