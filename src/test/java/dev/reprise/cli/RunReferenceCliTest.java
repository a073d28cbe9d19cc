package dev.reprise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.cli.LocalCli.Result;
import dev.reprise.run.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Commands that take a run take its name or its flow's id too, and RUN/STEP where they take a step. */
class RunReferenceCliTest {

    @TempDir
    Path folder;

    private Path ws;
    private Path flowFile;
    private String first;
    private String second;

    private Result cli(String... args) {
        return LocalCli.run(ws, args);
    }

    @BeforeEach
    void runTwiceUnderOneName() throws Exception {
        ws = folder.resolve("ws");
        Path flow = flowFile = Files.writeString(folder.resolve("two.yaml"), """
                id: two
                steps:
                  parse: { type: shell, run: "echo parsing" }
                  count: { type: shell, needs: [parse], run: "echo counting" }
                """);
        first = runId(cli("run", flow.toString(), "--name", "nightly", "--json"));
        second = runId(cli("run", "two", "--name", "nightly", "--json"));
    }

    private static String runId(Result run) throws Exception {
        assertThat(run.code()).as(run.err()).isZero();
        return Json.newMapper().readTree(run.out()).path("run").path("id").asText();
    }

    @Test
    void planAndReplayTakeARunNameAndSayWhichRunItGave() {
        Result plan = cli("plan", "nightly", "--json");

        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.err()).contains("run nightly: the newest of 2 runs named nightly (" + second + ")");
        Result replay = cli("replay", "two/count");
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.err()).contains("the newest run of flow two").contains("replays " + second);
    }

    @Test
    void aStepAfterTheRunNarrowsPlanLogsAndShow() throws Exception {
        JsonNode plan = Json.newMapper().readTree(cli("plan", first + "/count", "--json").out());
        assertThat(plan.path("sourceRunId").asText()).isEqualTo(first);
        // only the step named is executed: its upstream is reused
        assertThat(plan.path("steps").findValuesAsText("action")).containsExactly("REUSE", "EXECUTE");

        Result logs = cli("logs", "nightly/parse");
        assertThat(logs.code()).as(logs.err()).isZero();
        assertThat(logs.out()).contains("parsing");
        assertThat(cli("logs", "nightly", "parse").out()).contains("parsing");

        JsonNode shown = Json.newMapper().readTree(cli("runs", "show", "nightly/count", "--json").out());
        assertThat(shown.path("run").path("id").asText()).isEqualTo(second);
        assertThat(shown.path("steps")).hasSize(1);
        assertThat(shown.path("steps").get(0).path("stepId").asText()).isEqualTo("count");
    }

    @Test
    void aFlowFileOrFlowNamesItsNewestRun() throws Exception {
        Result byFile = cli("plan", flowFile + "/count", "--json");
        assertThat(byFile.code()).as(byFile.err()).isZero();
        assertThat(byFile.err()).contains("the newest run of flow two (" + second + ")");
        assertThat(Json.newMapper().readTree(byFile.out()).path("steps").findValuesAsText("action"))
                .containsExactly("REUSE", "EXECUTE");

        Result byFlow = cli("plan", "--flow", "two", "--json");
        assertThat(byFlow.code()).as(byFlow.err()).isZero();
        assertThat(Json.newMapper().readTree(byFlow.out()).path("sourceRunId").asText()).isEqualTo(second);
        assertThat(cli("plan", "nightly", "--flow", "two").code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(cli("plan").code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(cli("plan", "--flow", "none").code()).isEqualTo(Cli.NOT_FOUND);
    }

    @Test
    void aStepNamedTwiceOrNotAtAllOrARunNamedByNothingIsRefused() {
        Result twice = cli("plan", "nightly/count", "--only", "parse");
        assertThat(twice.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(twice.err()).contains("name the steps once");
        assertThat(cli("logs", "nightly/parse", "count").code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(cli("logs", "nightly").code()).isEqualTo(Cli.BAD_INPUT);
        Result unknown = cli("runs", "show", "monthly");
        assertThat(unknown.code()).isEqualTo(Cli.NOT_FOUND);
        assertThat(unknown.err()).contains("no run 'monthly'");
        assertThat(cli("runs", "show", "nightly/nope").code()).isEqualTo(Cli.NOT_FOUND);
    }
}
