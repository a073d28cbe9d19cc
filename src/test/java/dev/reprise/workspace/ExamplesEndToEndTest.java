package dev.reprise.workspace;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.FlowSourceEdit;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.RevisionChoice;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.run.SuggestedFix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every bundled example, run end to end by the real engine on a real workspace. */
class ExamplesEndToEndTest {

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

    private Run run(String file) throws IOException {
        Path path = EXAMPLES.resolve(file);
        String flowId = workspace.applyFlow(Files.readString(path), path.toString()).revision().flowId();
        return workspace.await(workspace.start(StartRequest.of(flowId)).id());
    }

    @Test
    void bikeTripsRevisionOneFailsAtParseWithThePreciseReason() throws IOException {
        Run run = run("bike_trips/flow.yaml");
        RunDetail detail = workspace.run(run.id());

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(detail.step("extract").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(detail.step("extract").lastAttempt().fingerprint()).startsWith("builtin:");
        ArtifactRef trips = ArtifactRef.from(detail.step("extract").outputs().get("file")).orElseThrow();
        assertThat(trips.name()).isEqualTo("trips.csv");
        assertThat(trips.mediaType()).isEqualTo("text/csv");
        assertThat(detail.step("extract").outputs()).as("a returned file is not listed twice")
                .containsOnlyKeys("file", "rows");
        StepRun parse = detail.step("parse");
        assertThat(parse.state()).isEqualTo(StepState.FAILED);
        assertThat(parse.error()).contains("does not match the date-time format 'yy-MM-dd HH:mm:ss'");
        assertThat(detail.step("count").state()).isEqualTo(StepState.SKIPPED);
        assertThat(detail.step("report").state()).isEqualTo(StepState.SKIPPED);
    }

    @Test
    void bikeTripsFailureSuggestsTheFixThatMakesItsReplaySucceed() throws IOException {
        Run failed = run("bike_trips/flow.yaml");
        SuggestedFix fix = workspace.run(failed.id()).step("parse").lastAttempt().fix();
        assertThat(fix).isNotNull();
        assertThat(fix.change()).isEqualTo("parse.datetime_format: 'yy-MM-dd HH:mm:ss' → 'yyyy-MM-dd'T'HH:mm:ss'");

        FlowRevision original = workspace.revision("bike_trips", failed.revision());
        FlowSourceEdit.Result edit = fix.applyTo(original.source(), "bike_trips.yaml");
        assertThat(edit).isInstanceOf(FlowSourceEdit.Edited.class);
        int fixed = workspace.applyFlow(((FlowSourceEdit.Edited) edit).source(), "bike_trips.yaml").revision().revision();
        Run replay = workspace.await(workspace.replay(failed.id(), ReplayRequest.of(ReplayScope.from("parse"))
                .withRevision(RevisionChoice.LATEST)).id());
        RunDetail detail = workspace.run(replay.id());

        assertThat(fixed).isEqualTo(2);
        assertThat(replay.state()).as(replay.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(replay.revision()).isEqualTo(2);
        assertThat(detail.step("extract").state()).isEqualTo(StepState.REUSED);
        assertThat(detail.step("parse").lastAttempt().number()).isEqualTo(2);
        assertThat(detail.step("parse").lastAttempt().fix()).isNull();
        assertThat(detail.step("report").outputs().get("total").asInt()).isEqualTo(5000);
    }

    @Test
    void bikeTripsRevisionTwoSucceedsAndCountsEveryTrip() throws IOException {
        run("bike_trips/flow.yaml");
        Run run = run("bike_trips/flow.v2.yaml");
        RunDetail detail = workspace.run(run.id());

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.revision()).isEqualTo(2);
        int stations = detail.step("parse").outputs().get("stations").size();
        assertThat(detail.steps()).filteredOn(s -> s.stepName().equals("count")).hasSize(stations);
        assertThat(detail.step("report").outputs().get("total").asInt()).isEqualTo(5000);
        assertThat(detail.step("report").lastAttempt().fingerprint()).matches("shell:[0-9a-f]{16}");
        assertThat(detail.step("report").outputs().get("stations").asInt()).isEqualTo(stations);
    }

    @Test
    void modelTrainingRetriesItsFlakyStepAndPicksTheBestModel() throws IOException {
        Run run = run("model_training/flow.yaml");
        RunDetail detail = workspace.run(run.id());

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(detail.steps()).filteredOn(s -> s.stepName().equals("train")).hasSize(3);
        assertThat(detail.step("publish").attempts()).extracting(Attempt::state)
                .containsExactly(AttemptState.FAILED, AttemptState.SUCCEEDED);
        assertThat(detail.step("select_best").outputs().get("best").get("learning_rate").asDouble()).isEqualTo(0.1);
        assertThat(detail.step("publish").outputs().get("model_id").asText()).isEqualTo("model-" + run.id());
    }

    @Test
    void nightlyRunsModelTrainingAsAChildRunAndSummarisesItsOutputs() throws IOException {
        run("model_training/flow.yaml");
        Run run = run("nightly/flow.yaml");
        RunDetail detail = workspace.run(run.id());

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        String childId = detail.step("training").lastAttempt().childRunId();
        Run child = workspace.run(childId).run();
        assertThat(child.flowId()).isEqualTo("model_training");
        assertThat(child.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(child.trigger().runId()).isEqualTo(run.id());
        assertThat(child.name()).isEqualTo("training for nightly " + run.id());
        assertThat(child.parameters().get("epochs").asInt()).isEqualTo(100);
        assertThat(run.outputs().get("training_run").asText()).isEqualTo(childId);
        assertThat(run.outputs().get("best_accuracy").asDouble()).isEqualTo(child.outputs().get("best_accuracy")
                .asDouble());
        ArtifactRef summary = ArtifactRef.from(detail.step("summary").outputs().get("summary")).orElseThrow();
        try (InputStream in = workspace.openArtifact(summary.sha256())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("training run:       " + childId);
        }
    }

    @Test
    void shardsFansOutTwoHundredWideAndSumsThem() throws IOException {
        Run run = run("shards/flow.yaml");
        RunDetail detail = workspace.run(run.id());

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(detail.steps()).filteredOn(s -> s.stepName().equals("scan")).hasSize(200);
        assertThat(detail.step("total").outputs().get("sum").asInt()).isEqualTo(10100);
    }

    @Test
    void weatherStationsRunsPythonStepsAndWritesTheirReport() throws IOException {
        assumeTrue(Stream.of(System.getenv("PATH").split(File.pathSeparator))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "python3"))),
                "python3 is not on the PATH: the weather_stations example runs python steps");
        Run run = run("weather_stations/flow.yaml");
        RunDetail detail = workspace.run(run.id());

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(detail.steps()).filteredOn(s -> s.stepName().equals("readings")).hasSize(4);
        assertThat(detail.step("summarise").lastAttempt().fingerprint()).matches("python:[0-9a-f]{16}");
        assertThat(detail.step("summarise").outputs().get("summary")).hasSize(4);
        assertThat(detail.step("summarise").outputs().get("warmest").asText()).isEqualTo("harbour");
        ArtifactRef report = ArtifactRef.from(detail.step("summarise").outputs().get("report")).orElseThrow();
        assertThat(report.name()).isEqualTo("report.csv");
        try (InputStream in = workspace.openArtifact(report.sha256())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines())
                    .hasSize(5).first().isEqualTo("station,mean,min,max,days");
        }
    }

    @Test
    void ordersIsSeededAsAFolderWithItsScriptsAndFailsAtCleanOnRevisionOne() throws Exception {
        assumeTrue(Stream.of(System.getenv("PATH").split(File.pathSeparator))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "python3"))),
                "python3 is not on the PATH: the orders example runs python steps");
        Path examples = Files.createDirectories(folder.resolve("examples"));
        Path orders = EXAMPLES.resolve("orders");
        try (Stream<Path> files = Files.walk(orders)) {
            for (Path file : files.toList()) {
                Files.copy(file, examples.resolve(EXAMPLES.relativize(file).toString()));
            }
        }

        Run run = new BundledExamples(examples).seed(workspace, p -> { }).get(0).run();
        RunDetail detail = workspace.run(run.id());

        assertThat(workspace.revision("orders", 1).files()).extracting(FlowFile::path)
                .containsExactly("clean.py", "generate.py", "summarise.py");
        assertThat(detail.step("generate").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(detail.step("clean").error()).isEqualTo("ValueError: could not convert string to float: "
                + "'2,449.49' (line 9 of clean.py, in amount)");
        assertThat(detail.step("summarise").state()).isEqualTo(StepState.SKIPPED);
    }
}
