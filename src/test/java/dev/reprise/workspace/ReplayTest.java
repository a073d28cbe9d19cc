package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.Attempt;
import dev.reprise.run.Lineage;
import dev.reprise.run.ReplayPlan.Action;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepRunRef;
import dev.reprise.run.StepState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Replay through the workspace on the bundled examples: the peers' scenarios, each as a test. */
class ReplayTest {

    private static final Path EXAMPLES = Path.of("assets", "examples");

    @TempDir
    Path folder;

    private LocalWorkspace workspace;

    @BeforeEach
    void open() {
        workspace = LocalWorkspaces.open(folder, LocalWorkspaces.Options.defaults());
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private Run runExample(String file) throws IOException {
        Path path = EXAMPLES.resolve(file);
        String flowId = workspace.applyFlow(Files.readString(path), path.toString()).revision().flowId();
        return workspace.await(workspace.start(StartRequest.of(flowId)).id());
    }

    private Run replay(Run source, ReplayRequest request) {
        return workspace.await(workspace.replay(source.id(), request).id());
    }

    private static Map<String, JsonNode> values(String... pairs) {
        Map<String, JsonNode> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], TextNode.valueOf(pairs[i + 1]));
        }
        return map;
    }

    @Test
    void theRevisionFixReusesExtractRunsParseAgainAndMatchesAFreshRun() throws IOException {
        Run failed = runExample("bike_trips/flow.yaml");
        Path fixed = EXAMPLES.resolve("bike_trips/flow.v2.yaml");
        workspace.applyFlow(Files.readString(fixed), fixed.toString());

        Run replay = replay(failed, ReplayRequest.of(ReplayScope.failed()).withRevision(ReplayRequest.LATEST));
        RunDetail detail = workspace.run(replay.id());

        assertThat(replay.state()).as(replay.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(replay.revision()).isEqualTo(2);
        assertThat(replay.parentRunId()).isEqualTo(failed.id());
        assertThat(replay.rootRunId()).isEqualTo(failed.id());
        StepRun extract = detail.step("extract");
        assertThat(extract.state()).isEqualTo(StepState.REUSED);
        assertThat(extract.reusedFrom()).isEqualTo(new StepRunRef(failed.id(), "extract"));
        assertThat(extract.outputs()).isEqualTo(workspace.run(failed.id()).step("extract").outputs());
        assertThat(detail.step("parse").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(detail.step("parse").attempts()).extracting(Attempt::number).containsExactly(2);

        Run fresh = workspace.await(workspace.start(StartRequest.of("bike_trips")).id());
        assertThat(fresh.outputs()).isNotEmpty();
        assertThat(replay.outputs()).isEqualTo(fresh.outputs());
    }

    @Test
    void aParameterOverrideKeepsTheOtherParametersAndReExecutesWhatItReaches() throws IOException {
        Run source = runExample("model_training/flow.yaml");
        ReplayRequest request = ReplayRequest.of(ReplayScope.from("select_best")).withParameters(values("epochs", "50"));

        ReplayPlan plan = workspace.plan(source.id(), request);
        assertThat(plan.parameters().get("epochs").asInt()).isEqualTo(50);
        assertThat(plan.parameters().get("seed")).isEqualTo(source.parameters().get("seed"));
        assertThat(plan.parameters().get("learning_rates")).isEqualTo(source.parameters().get("learning_rates"));
        assertThat(plan.step("load").action()).isEqualTo(Action.REUSE);
        assertThat(plan.step("split").action()).isEqualTo(Action.REUSE);
        assertThat(plan.step("train").action()).isEqualTo(Action.EXECUTE);
        assertThat(plan.step("train").stale()).isTrue();
        assertThat(plan.step("train").reason()).isEqualTo("input epochs changed by override");
        assertThat(plan.step("evaluate").reason()).isEqualTo("upstream train is executed");

        Run replay = replay(source, request);
        RunDetail detail = workspace.run(replay.id());
        assertThat(replay.state()).as(replay.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(replay.modified()).isTrue();
        assertThat(detail.step("train[0]").inputs().get("epochs").asInt()).isEqualTo(50);
        assertThat(detail.step("split").state()).isEqualTo(StepState.REUSED);
    }

    @Test
    void replayingOneInstanceWithAnEditedInputRunsOnlyThatInstance() throws IOException {
        Run source = runExample("model_training/flow.yaml");
        ReplayRequest request = ReplayRequest.of(ReplayScope.only("train[1]"))
                .withStepInputs(Map.of("train[1]", values("learning_rate", "0.05")));

        Run replay = replay(source, request);
        RunDetail detail = workspace.run(replay.id());
        RunDetail before = workspace.run(source.id());

        assertThat(replay.state()).as(replay.error()).isEqualTo(RunState.SUCCEEDED);
        StepRun trained = detail.step("train[1]");
        assertThat(trained.state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(trained.inputs().get("learning_rate").asDouble()).isEqualTo(0.05);
        assertThat(trained.inputs().get("train")).isEqualTo(before.step("train[1]").inputs().get("train"));
        assertThat(trained.inputs().get("epochs")).isEqualTo(before.step("train[1]").inputs().get("epochs"));
        assertThat(detail.step("train[0]").state()).isEqualTo(StepState.REUSED);
        assertThat(detail.steps()).extracting(StepRun::stepName).doesNotContain("evaluate", "select_best", "publish");
        assertThat(replay.modified()).isTrue();
    }

    @Test
    void aReplayWithoutOptionsRerunsTheRunAsItWas() throws IOException {
        Run source = runExample("shards/flow.yaml");

        Run rerun = replay(source, ReplayRequest.asIs());
        RunDetail detail = workspace.run(rerun.id());

        assertThat(rerun.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(rerun.parameters()).isEqualTo(source.parameters());
        assertThat(rerun.revision()).isEqualTo(source.revision());
        assertThat(rerun.name()).isEqualTo(source.id() + " (replay 1)");
        assertThat(rerun.modified()).isFalse();
        assertThat(detail.steps()).noneMatch(s -> s.state() == StepState.REUSED);
        assertThat(rerun.outputs()).isEqualTo(source.outputs());
        assertThat(replay(source, ReplayRequest.asIs().withName("again")).name()).isEqualTo("again");
    }

    @Test
    void injectedOutputsFeedDownstreamStepsWithoutRunningTheProducer() throws IOException {
        Run source = runExample("shards/flow.yaml");
        ReplayRequest request = ReplayRequest.of(ReplayScope.from("scan"))
                .withOutputs(Map.of("plan", values("items", "[\"a\", \"b\", \"c\"]")));

        Run replay = replay(source, request);
        RunDetail detail = workspace.run(replay.id());

        assertThat(replay.state()).as(replay.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(detail.step("plan").state()).isEqualTo(StepState.REUSED);
        assertThat(detail.step("plan").outputs().get("items")).hasSize(3);
        assertThat(detail.steps()).filteredOn(s -> s.stepName().equals("scan")).hasSize(3);
        assertThat(replay.modified()).isTrue();
        assertThat(workspace.runs(RunQuery.all()).runs()).filteredOn(Run::modified).extracting(Run::id)
                .containsExactly(replay.id());
    }

    @Test
    void attemptNumbersGoOnAlongTheLineageAndTheLineageIsATree() throws IOException {
        Run source = runExample("shards/flow.yaml");
        Run first = replay(source, ReplayRequest.of(ReplayScope.only("total")));
        Run second = replay(first, ReplayRequest.of(ReplayScope.only("total")));
        Run sibling = replay(source, ReplayRequest.of(ReplayScope.from("total")));

        assertThat(workspace.run(second.id()).step("total").attempts()).extracting(Attempt::number).containsExactly(3);
        assertThat(workspace.run(second.id()).step("plan").reusedFrom()).isEqualTo(new StepRunRef(source.id(), "plan"));
        Lineage lineage = workspace.lineage(second.id());
        assertThat(lineage.root().run().id()).isEqualTo(source.id());
        assertThat(lineage.root().replays()).extracting(n -> n.run().id()).containsExactly(first.id(), sibling.id());
        assertThat(lineage.root().replays().get(0).replays()).extracting(n -> n.run().id()).containsExactly(second.id());
    }

    @Test
    void aRefusedRequestNamesEveryErrorAndWritesNothing() throws IOException {
        Run source = runExample("bike_trips/flow.yaml");
        int before = workspace.runs(RunQuery.all()).runs().size();
        ReplayRequest bad = new ReplayRequest(ReplayScope.from("ghost"), values("sample_size", "-3", "nope", "1"),
                Map.of("parse", values("no_such_input", "x")), Map.of(), "9", Map.of(), Map.of(), null);

        ReplayPlan plan = workspace.plan(source.id(), bad);
        assertThat(plan.isExecutable()).isFalse();
        assertThat(plan.errors()).extracting(ReplayPlan.PlanError::field).contains("revision", "parameters.nope",
                "parameters.sample_size", "scope", "steps.parse.inputs.no_such_input");
        assertThatThrownBy(() -> workspace.replay(source.id(), bad)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no revision 9").hasMessageContaining("no step 'ghost'")
                .hasMessageContaining("must be at least 1");
        assertThat(workspace.runs(RunQuery.all()).runs()).hasSize(before);
    }

    @Test
    void artifactReferencesTheWorkspaceDoesNotHoldAreRefusedInThePlanAtTheirField() throws IOException {
        Run source = runExample("bike_trips/flow.yaml");
        int before = workspace.runs(RunQuery.all()).runs().size();
        String absent = "3f".repeat(32);
        JsonNodeFactory json = JsonNodeFactory.instance;
        ReplayRequest request = ReplayRequest.of(ReplayScope.from("parse"))
                .withOutputs(Map.of("extract", Map.of("file", json.objectNode().put("$artifact", absent))))
                .withStepInputs(Map.of(
                        "parse", Map.of("file", json.objectNode().put("$artifact", "xyz")),
                        "durations", Map.of("file", json.arrayNode().add(json.objectNode()
                                .put("$artifact", "../../" + absent)))));

        ReplayPlan plan = workspace.plan(source.id(), request);

        assertThat(plan.isExecutable()).isFalse();
        assertThat(plan.errors()).extracting(e -> e.field() + ": " + e.message()).contains(
                "outputs.extract.file: no artifact " + absent + " in this workspace",
                "steps.parse.inputs.file: '$artifact' must be the SHA-256 of a stored file (64 lower-case "
                        + "hexadecimal digits), not \"xyz\"",
                "steps.durations.inputs.file: '$artifact' must be the SHA-256 of a stored file (64 lower-case "
                        + "hexadecimal digits), not \"../../" + absent + "\"");
        assertThatThrownBy(() -> workspace.replay(source.id(), request)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no artifact " + absent);
        assertThat(workspace.runs(RunQuery.all()).runs()).hasSize(before);
    }

    @Test
    void replayingOnlyAStepWhoseInputNeverSucceededIsRefused() throws IOException {
        Run source = runExample("bike_trips/flow.yaml");

        ReplayPlan plan = workspace.plan(source.id(), ReplayRequest.of(ReplayScope.only("durations")));

        assertThat(plan.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("its input comes from step parse, which failed in run " + source.id()));
    }

    @Test
    void aScopeThatSelectsNothingIsRefused() throws IOException {
        Run source = runExample("shards/flow.yaml");

        ReplayPlan plan = workspace.plan(source.id(), ReplayRequest.of(ReplayScope.failed()));

        assertThat(plan.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("selects nothing"));
    }
}
