package dev.reprise.engine;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.StepTypeCatalog;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.ReplayPlan.Action;
import dev.reprise.run.ReplayPlan.PlannedStep;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepRunRef;
import dev.reprise.run.StepState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The planner as the pure function it is: source records and flows in, decisions out. */
class ReplayPlannerTest {

    private static final String FLOW = """
            id: p
            inputs:
              n: { type: integer, default: 3 }
            steps:
              a: { type: shell, run: "true" }
              b: { type: shell, inputs: { x: "{{ steps.a.outputs.v }}" }, run: "true" }
              fan: { type: shell, foreach: "{{ steps.b.outputs.list }}", inputs: { i: "{{ item }}" }, run: "true" }
              c: { type: shell, inputs: { all: "{{ steps.fan.outputs.v }}", n: "{{ inputs.n }}" }, run: "true" }
            """;

    private final ReplayPlanner planner = new ReplayPlanner(StepTypeCatalog.of(List.of()));
    private final Flow flow = new FlowParser().parse(FLOW, "p.yaml");

    private static Run run(String id) {
        return Run.builder(id, "p", 1).parameters(Map.of("n", IntNode.valueOf(3))).state(RunState.FAILED)
                .createdAt(Instant.EPOCH).startedAt(Instant.EPOCH).endedAt(Instant.EPOCH).target("local").rootRunId(id)
                .seq(9).build();
    }

    private static StepRun step(String run, String id, String name, int index, StepState state) {
        return new StepRun(run, id, name, index, state, Map.of(), Map.of(), null, List.of(), null, null, null, 1);
    }

    /** a, b succeeded; fan[0] and fan[2] succeeded, fan[1] failed; c skipped. */
    private static ReplayPlanner.Source failedFanOut() {
        List<StepRun> steps = new ArrayList<>(List.of(
                step("r1", "a", "a", -1, StepState.SUCCEEDED), step("r1", "b", "b", -1, StepState.SUCCEEDED),
                step("r1", "fan[0]", "fan", 0, StepState.SUCCEEDED), step("r1", "fan[1]", "fan", 1, StepState.FAILED),
                step("r1", "fan[2]", "fan", 2, StepState.SUCCEEDED), step("r1", "c", "c", -1, StepState.SKIPPED)));
        return new ReplayPlanner.Source(run("r1"), steps);
    }

    private ReplayPlan plan(ReplayPlanner.Source source, Flow target, ReplayRequest request) {
        return planner.plan(source, flow, target, 1, request);
    }

    @Test
    void replayingTheFailedPartRunsOnlyTheFailedInstanceAndWhatFollows() {
        ReplayPlan plan = plan(failedFanOut(), flow, ReplayRequest.of(ReplayScope.failed()));

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.steps()).extracting(PlannedStep::stepId, PlannedStep::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", Action.REUSE), org.assertj.core.groups.Tuple.tuple("b", Action.REUSE),
                org.assertj.core.groups.Tuple.tuple("fan[0]", Action.REUSE), org.assertj.core.groups.Tuple.tuple("fan[1]", Action.EXECUTE),
                org.assertj.core.groups.Tuple.tuple("fan[2]", Action.REUSE), org.assertj.core.groups.Tuple.tuple("c", Action.EXECUTE));
        assertThat(plan.step("fan[1]").reason()).isEqualTo("failed in run r1");
        assertThat(plan.step("c").reason()).isEqualTo("upstream fan is executed");
        assertThat(plan.step("a").source()).isEqualTo(new StepRunRef("r1", "a"));
    }

    @Test
    void aReusedStepPointsAtTheRunThatProducedIt() {
        List<StepRun> steps = new ArrayList<>(failedFanOut().steps());
        steps.set(0, step("r2", "a", "a", -1, StepState.REUSED).withReusedFrom(new StepRunRef("r0", "a")));
        ReplayPlan plan = plan(new ReplayPlanner.Source(run("r2"), steps), flow, ReplayRequest.of(ReplayScope.failed()));

        assertThat(plan.step("a").source()).isEqualTo(new StepRunRef("r0", "a"));
        assertThat(plan.step("a").reason()).isEqualTo("succeeded in run r0");
    }

    @Test
    void aChangedDefinitionInTheChosenRevisionMakesTheStepAndItsDownstreamStale() {
        Flow revised = new FlowParser().parse(FLOW.replace("b: { type: shell, inputs: { x: \"{{ steps.a.outputs.v }}\" }, run: \"true\" }",
                "b: { type: shell, inputs: { x: \"{{ steps.a.outputs.v }}\" }, run: \"echo fixed\" }"), "p.yaml");

        ReplayPlan plan = planner.plan(failedFanOut(), flow, revised, 2, ReplayRequest.of(ReplayScope.failed()));

        assertThat(plan.step("a").action()).isEqualTo(Action.REUSE);
        assertThat(plan.step("b").action()).isEqualTo(Action.EXECUTE);
        assertThat(plan.step("b").reason()).isEqualTo("definition changed in revision 2");
        assertThat(plan.step("b").stale()).isTrue();
        assertThat(plan.step("fan").stale()).as("the fan-out runs again as a whole, its list may change").isTrue();
        assertThat(plan.step("c").stale()).isTrue();
    }

    @Test
    void aSelectionThatAnEditWidensSaysSoInAWarning() {
        Flow revised = new FlowParser().parse(FLOW.replace("inputs: { i: \"{{ item }}\" }, run: \"true\"",
                "inputs: { i: \"{{ item }}\" }, run: \"echo fixed\""), "p.yaml");

        ReplayPlan oneInstance = planner.plan(failedFanOut(), flow, revised, 2, ReplayRequest.of(ReplayScope.only("fan[1]")));

        assertThat(oneInstance.step("fan").action()).isEqualTo(Action.EXECUTE);
        assertThat(oneInstance.warnings()).singleElement().asString()
                .startsWith("the replay runs more than only fan[1] asks")
                .contains("fan (all 3 instances): definition changed in revision 2");

        ReplayPlan failedPart = planner.plan(failedFanOut(), flow, new FlowParser().parse(
                FLOW.replace("a: { type: shell, run: \"true\" }", "a: { type: shell, run: \"echo a\" }"), "p.yaml"),
                2, ReplayRequest.of(ReplayScope.failed()));
        assertThat(failedPart.warnings()).singleElement().asString()
                .contains("the failed part").contains("a: definition changed in revision 2")
                .contains("b: upstream a is executed").doesNotContain("fan").doesNotContain("c:");
    }

    @Test
    void aSelectionNoEditReachesHasNoWarning() {
        assertThat(plan(failedFanOut(), flow, ReplayRequest.of(ReplayScope.only("fan[1]"))).warnings()).isEmpty();
        assertThat(plan(failedFanOut(), flow, ReplayRequest.of(ReplayScope.failed())
                .withParameters(Map.of("n", IntNode.valueOf(4)))).warnings())
                .as("c, which reads n, was not done: replaying it is what the failed part asks").isEmpty();
        assertThat(plan(failedFanOut(), flow, ReplayRequest.of(ReplayScope.from("b"))).warnings()).isEmpty();
    }

    private static final String PLUGIN_FLOW = """
            id: q
            steps:
              load: { type: shell, run: "true" }
              score: { type: acme.score, inputs: { x: "{{ steps.load.outputs.v }}" } }
              report: { type: shell, inputs: { s: "{{ steps.score.outputs.s }}" }, run: "exit 1" }
            """;

    /** load and score (a plugin's step, run by the jar with digest abc) succeeded, report failed. */
    private static ReplayPlanner.Source failedAfterPlugin() {
        Attempt ranWithOldJar = new Attempt(1, AttemptState.SUCCEEDED, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
                null, null, "jar:abc", false, null);
        StepRun score = new StepRun("r1", "score", "score", -1, StepState.SUCCEEDED, Map.of(), Map.of(), null,
                List.of(ranWithOldJar), null, null, null, 1);
        return new ReplayPlanner.Source(run("r1"), List.of(step("r1", "load", "load", -1, StepState.SUCCEEDED), score,
                step("r1", "report", "report", -1, StepState.FAILED)));
    }

    @Test
    void aReplacedPluginJarMakesItsStepsStaleWithTheCodeNamedInTheReason() {
        Flow plugin = new FlowParser().parse(PLUGIN_FLOW, "q.yaml");
        ReplayPlanner seeingNewJar = new ReplayPlanner(StepTypeCatalog.of(List.of()),
                step -> step.type().equals("acme.score") ? "jar:def" : "shell:x");

        ReplayPlan plan = seeingNewJar.plan(failedAfterPlugin(), plugin, plugin, 1, ReplayRequest.of(ReplayScope.failed()));

        assertThat(plan.step("load").action()).isEqualTo(Action.REUSE);
        assertThat(plan.step("score").action()).isEqualTo(Action.EXECUTE);
        assertThat(plan.step("score").stale()).isTrue();
        assertThat(plan.step("score").reason()).isEqualTo("the code of its handler (acme.score) changed since run r1 "
                + "ran it: jar:abc then, jar:def now");
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("score: the code of its handler"));

        ReplayPlanner seeingSameJar = new ReplayPlanner(StepTypeCatalog.of(List.of()),
                step -> step.type().equals("acme.score") ? "jar:abc" : "shell:x");
        assertThat(seeingSameJar.plan(failedAfterPlugin(), plugin, plugin, 1, ReplayRequest.of(ReplayScope.failed()))
                .step("score").action()).isEqualTo(Action.REUSE);
    }

    @Test
    void theFilesOfAFlowFolderInARecordedFingerprintAreNoChangeOfItsHandler() {
        Flow plugin = new FlowParser().parse(PLUGIN_FLOW, "q.yaml");
        Attempt ranInFolder = new Attempt(1, AttemptState.SUCCEEDED, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
                null, null, "jar:abc+files:0123456789abcdef", false, null);
        StepRun score = new StepRun("r1", "score", "score", -1, StepState.SUCCEEDED, Map.of(), Map.of(), null,
                List.of(ranInFolder), null, null, null, 1);
        ReplayPlanner.Source source = new ReplayPlanner.Source(run("r1"), List.of(
                step("r1", "load", "load", -1, StepState.SUCCEEDED), score,
                step("r1", "report", "report", -1, StepState.FAILED)));
        ReplayPlanner seeingSameJar = new ReplayPlanner(StepTypeCatalog.of(List.of()),
                step -> step.type().equals("acme.score") ? "jar:abc" : "shell:x");

        assertThat(seeingSameJar.plan(source, plugin, plugin, 1, ReplayRequest.of(ReplayScope.failed()))
                .step("score").action()).isEqualTo(Action.REUSE);
    }

    private static final String PYTHON_FLOW = """
            id: p
            steps:
              a: { type: shell, run: "true" }
              b:
                type: python
                inputs: { x: "{{ steps.a.outputs.v }}" }
                script: |
                  import reprise
                  reprise.output("v", reprise.inputs()["x"])
              c: { type: shell, inputs: { v: "{{ steps.b.outputs.v }}" }, run: "exit 1" }
            """;

    /** a and b succeeded, c failed. */
    private static ReplayPlanner.Source failedAfterPython() {
        return new ReplayPlanner.Source(run("r1"), List.of(step("r1", "a", "a", -1, StepState.SUCCEEDED),
                step("r1", "b", "b", -1, StepState.SUCCEEDED), step("r1", "c", "c", -1, StepState.FAILED)));
    }

    @Test
    void aChangedPythonScriptInTheChosenRevisionMakesTheStepAndItsDownstreamStale() {
        Flow original = new FlowParser().parse(PYTHON_FLOW, "p.yaml");
        Flow revised = new FlowParser().parse(PYTHON_FLOW.replace("reprise.inputs()[\"x\"]",
                "reprise.inputs()[\"x\"] * 2"), "p.yaml");

        ReplayPlan unchanged = planner.plan(failedAfterPython(), original, original, 1,
                ReplayRequest.of(ReplayScope.failed()));
        ReplayPlan plan = planner.plan(failedAfterPython(), original, revised, 2, ReplayRequest.of(ReplayScope.failed()));

        assertThat(unchanged.step("b").action()).isEqualTo(Action.REUSE);
        assertThat(plan.step("a").action()).isEqualTo(Action.REUSE);
        assertThat(plan.step("b").action()).isEqualTo(Action.EXECUTE);
        assertThat(plan.step("b").reason()).isEqualTo("definition changed in revision 2");
        assertThat(plan.step("b").stale()).isTrue();
        assertThat(plan.step("c").stale()).isTrue();
    }

    @Test
    void aChangedInterpreterOfTheFlowMakesItsPythonStepsStale() {
        Flow original = new FlowParser().parse(PYTHON_FLOW, "p.yaml");
        Flow revised = new FlowParser().parse(PYTHON_FLOW.replace("id: p\n", "id: p\npython: /opt/py312/bin/python3\n"),
                "p.yaml");

        ReplayPlan plan = planner.plan(failedAfterPython(), original, revised, 2, ReplayRequest.of(ReplayScope.failed()));

        assertThat(plan.step("a").action()).as("a shell step does not use the interpreter").isEqualTo(Action.REUSE);
        assertThat(plan.step("b").action()).isEqualTo(Action.EXECUTE);
        assertThat(plan.step("b").stale()).isTrue();
    }

    @Test
    void aParameterOverrideReachesOnlyTheStepsThatReadIt() {
        ReplayPlan plan = plan(failedFanOut(), flow, ReplayRequest.of(ReplayScope.failed())
                .withParameters(Map.of("n", IntNode.valueOf(4))));

        assertThat(plan.step("a").action()).isEqualTo(Action.REUSE);
        assertThat(plan.step("b").action()).isEqualTo(Action.REUSE);
        assertThat(plan.step("c").reason()).isEqualTo("input n changed by override");
        assertThat(plan.step("c").stale()).isTrue();
        assertThat(plan.parameters().get("n").asInt()).isEqualTo(4);
    }

    @Test
    void onlyLeavesOutWhatComesAfterTheSelectedSteps() {
        ReplayPlan plan = plan(failedFanOut(), flow, ReplayRequest.of(ReplayScope.only("b")));

        assertThat(plan.step("b").action()).isEqualTo(Action.EXECUTE);
        assertThat(plan.step("fan").action()).isEqualTo(Action.OMIT);
        assertThat(plan.step("c").action()).isEqualTo(Action.OMIT);
        assertThat(plan.step("a").action()).isEqualTo(Action.REUSE);
    }

    @Test
    void injectedOutputsStandInForTheStepAndMakeItsDownstreamRun() {
        ReplayPlan plan = plan(failedFanOut(), flow, ReplayRequest.of(ReplayScope.failed())
                .withOutputs(Map.of("b", Map.of("list", IntNode.valueOf(1)))));

        assertThat(plan.step("b").action()).isEqualTo(Action.INJECT);
        assertThat(plan.step("fan").action()).isEqualTo(Action.EXECUTE);
        assertThat(plan.step("fan").reason()).isEqualTo("upstream b is executed");
    }

    @Test
    void unknownInstancesAndNonFanOutInstancesAreNamedPrecisely() {
        ReplayPlan plan = plan(failedFanOut(), flow, ReplayRequest.of(ReplayScope.only("fan[7]", "a[0]")));

        assertThat(plan.errors()).extracting(ReplayPlan.PlanError::message).containsExactly(
                "run r1 has no instance fan[7] (instances fan[0] to fan[2])",
                "step 'a' is not a fan-out step; address it as 'a'");
        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void changedFilesNameWhatWasChangedAddedAndRemoved() {
        FlowFile clean = new FlowFile("clean.py", 10, "a".repeat(64));
        FlowFile data = new FlowFile("data.csv", 10, "b".repeat(64));

        assertThat(ReplayPlanner.changedFiles(List.of(clean, data), List.of(clean, data))).isNull();
        assertThat(ReplayPlanner.changedFiles(List.of(clean), List.of(new FlowFile("clean.py", 11, "c".repeat(64)))))
                .isEqualTo("file clean.py changed");
        assertThat(ReplayPlanner.changedFiles(List.of(clean), List.of(data)))
                .isEqualTo("files data.csv added, clean.py removed");
    }
}
