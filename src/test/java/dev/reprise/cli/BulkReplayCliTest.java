package dev.reprise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.cli.LocalCli.Result;
import dev.reprise.run.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reprise replay R1 R2 …} and {@code --query}: a summary of every run's plan, one question (or --yes),
 * --dry-run that only plans, a refused run listed with its reason while the others go, and the revision chosen
 * for all.
 */
class BulkReplayCliTest {

    @TempDir
    Path folder;

    private Path ws;
    private Path flowFile;
    private String failed;
    private String succeeded;

    private Result cli(String... args) {
        return LocalCli.run(ws, args);
    }

    private Result at(Terminal terminal, String... args) {
        return LocalCli.run(ws, new Cli.Environment(null, folder.resolve("connections.json"), Map.of(), terminal), args);
    }

    @BeforeEach
    void runOneThatFailsAndOneThatSucceeds() throws Exception {
        ws = folder.resolve("ws");
        flowFile = Files.writeString(folder.resolve("checked.yaml"), """
                id: checked
                inputs:
                  fail: { type: boolean, default: false }
                steps:
                  load: { type: shell, run: "echo loading" }
                  check:
                    type: shell
                    needs: [load]
                    inputs: { fail: "{{ inputs.fail }}" }
                    run: '[ "$REPRISE_INPUT_fail" != "true" ] || { echo "bad rows" >&2; exit 1; }'
                """);
        Result bad = cli("run", flowFile.toString(), "-i", "fail=true", "--json");
        assertThat(bad.code()).as(bad.err()).isEqualTo(Cli.RUN_FAILED);
        failed = Json.newMapper().readTree(bad.out()).path("run").path("id").asText();
        Result good = cli("run", "checked", "--json");
        assertThat(good.code()).as(good.err()).isZero();
        succeeded = Json.newMapper().readTree(good.out()).path("run").path("id").asText();
    }

    private List<String> runIds() throws Exception {
        List<String> ids = new ArrayList<>();
        Json.newMapper().readTree(cli("runs", "list", "--json").out()).path("runs")
                .forEach(run -> ids.add(run.path("id").asText()));
        return ids;
    }

    @Test
    void aDryRunSummarisesEachRunsPlanAndListsARefusedOneWithItsReason() throws Exception {
        Result dry = cli("replay", failed, succeeded, "ghost", "--dry-run");

        assertThat(dry.code()).as(dry.err()).isZero();
        String[] lines = dry.out().split("\n");
        assertThat(lines[0]).contains("RUN", "SCOPE", "REVISION", "RUNS", "REUSES");
        assertThat(dry.out()).containsPattern(failed + " +checked +FAILED +the failed part +1 +1 +1")
                .containsPattern(succeeded + " +checked +SUCCEEDED +the whole run +1 +2 +0")
                .containsPattern("ghost +refused: no run 'ghost'")
                .contains("would replay 2 runs; 1 refused");
        assertThat(runIds()).as("a dry run writes nothing").containsExactlyInAnyOrder(failed, succeeded);

        JsonNode json = Json.newMapper().readTree(cli("replay", failed, succeeded, "--dry-run", "--json").out());
        assertThat(json.path("dryRun").asBoolean()).isTrue();
        List<String> items = new ArrayList<>();
        json.path("items").forEach(item -> items.add(item.path("runId").asText()));
        assertThat(items).containsExactly(failed, succeeded);
    }

    @Test
    void aQueryWithTheLatestRevisionReplaysTheFailedRunsOnTheFixedFlowAfterYes() throws Exception {
        Files.writeString(flowFile, Files.readString(flowFile).replace("exit 1", "exit 0"));
        assertThat(cli("flows", "apply", flowFile.toString()).code()).isZero();

        Result replayed = cli("replay", "--query", "flow=checked", "--query", "state=failed", "--revision", "latest",
                "--yes");

        assertThat(replayed.code()).as(replayed.out() + replayed.err()).isZero();
        assertThat(replayed.out()).containsPattern(failed + " .*the failed part +1 → 2")
                .doesNotContain(succeeded)
                .containsPattern("run r-\\S+ SUCCEEDED in .* \\(replay of " + failed + "\\)");
        assertThat(replayed.err()).contains("replays " + failed + " (the failed part, revision 2)");
        assertThat(runIds()).hasSize(3);
    }

    @Test
    void itAsksAtATerminalAndWithoutOneOrYesStartsNothing() throws Exception {
        Result noTerminal = at(Terminal.NONE, "replay", failed, succeeded);
        assertThat(noTerminal.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(noTerminal.err()).contains("there is no terminal to ask: add --yes");

        PersonAtTerminal no = new PersonAtTerminal("n");
        Result declined = at(no, "replay", failed, succeeded);
        assertThat(declined.code()).isEqualTo(Cli.RUN_FAILED);
        assertThat(no.asked).containsExactly("Replay 2 runs? [y/N] ");
        assertThat(declined.err()).contains("nothing replayed");
        assertThat(runIds()).hasSize(2);

        Result accepted = at(new PersonAtTerminal("y"), "replay", failed, succeeded, "--whole", "--label", "batch=b1");
        assertThat(accepted.code()).as(accepted.err()).isEqualTo(Cli.RUN_FAILED); // the failed run fails again
        assertThat(accepted.out()).containsPattern("FAILED in .* \\(replay of " + failed + "\\)")
                .containsPattern("SUCCEEDED in .* \\(replay of " + succeeded + "\\)");
        assertThat(runIds()).hasSize(4);
        JsonNode labelled = Json.newMapper().readTree(cli("runs", "list", "--label", "batch=b1", "--json").out());
        assertThat(labelled.path("runs")).hasSize(2);
    }

    @Test
    void aRefusedRunDoesNotStopTheOthersAndOptionsOfOneRunAreRefused() throws Exception {
        Result partly = cli("replay", "ghost", succeeded, "--yes");
        assertThat(partly.code()).as("a refused run makes the exit code 1").isEqualTo(Cli.RUN_FAILED);
        assertThat(partly.out()).containsPattern("SUCCEEDED in .* \\(replay of " + succeeded + "\\)");
        assertThat(runIds()).hasSize(3);

        Result none = cli("replay", "ghost", "phantom", "--yes");
        assertThat(none.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(none.err()).contains("every run was refused: nothing replayed");

        Result inputs = cli("replay", failed, succeeded, "-i", "fail=false");
        assertThat(inputs.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(inputs.err()).contains("-i/--set/--set-file apply to one run");
        Result badFilter = cli("replay", "--query", "colour=red");
        assertThat(badFilter.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(badFilter.err()).contains("no filter 'colour'");
        Result plan = cli("plan", failed, succeeded);
        assertThat(plan.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(plan.err()).contains("takes one run");
        assertThat(runIds()).hasSize(3);
    }
}
