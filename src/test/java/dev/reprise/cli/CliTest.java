package dev.reprise.cli;

import dev.reprise.cli.LocalCli.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line end to end on a real local workspace: output, exit codes, and nothing written on bad input. */
class CliTest {

    @TempDir
    Path folder;

    private Path ws;
    private Path flow;

    private Result cli(String... args) {
        return LocalCli.run(ws, args);
    }

    @BeforeEach
    void writeFlow() throws Exception {
        ws = folder.resolve("ws");
        flow = folder.resolve("hello.yaml");
        Files.writeString(flow, """
                id: hello
                description: Says hello
                inputs:
                  who: { type: string, default: world }
                  times: { type: integer, default: 1, min: 1, max: 5 }
                steps:
                  greet:
                    type: shell
                    inputs: { who: "{{ inputs.who }}", times: "{{ inputs.times }}" }
                    run: |
                      i=0; while [ $i -lt $REPRISE_INPUT_times ]; do echo "hello $REPRISE_INPUT_who"; i=$((i+1)); done
                      echo "greeting=hello $REPRISE_INPUT_who" >> "$REPRISE_OUTPUTS"
                """);
    }

    @Test
    void runningAFlowFileAppliesItRunsItAndExitsZero() {
        Result run = cli("run", flow.toString(), "-i", "who=reprise", "-i", "times=2", "--follow");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("applied hello revision 1");
        assertThat(run.out()).contains("greet  RUNNING").contains("greet  SUCCEEDED").contains("SUCCEEDED in");

        Result flows = cli("flows", "list");
        assertThat(flows.out()).contains("hello").contains("Says hello");
    }

    @Test
    void runsListShowAndLogsDescribeTheRun() throws Exception {
        cli("run", flow.toString(), "-i", "who=logs", "-i", "times=3", "--env", "REGION=eu-west");
        Result list = cli("runs", "list", "--json");
        JsonNode page = new ObjectMapper().readTree(list.out());
        String runId = page.path("runs").get(0).path("id").asText();

        assertThat(page.path("runs")).hasSize(1);
        assertThat(cli("runs", "show", runId).out()).contains("SUCCEEDED").contains("greet.greeting = hello logs")
                .contains("env       REGION=eu-west");
        assertThat(cli("logs", runId, "greet").out()).isEqualTo("hello logs\nhello logs\nhello logs\n");
        assertThat(cli("runs", "list", "--state", "failed").out()).doesNotContain(runId);
        assertThat(cli("runs", "list", "--flow", "hello").out()).contains(runId);
    }

    @Test
    void runsShowPrintsTheSuggestedFixOfAFailedStepAndHowToReplayWithIt() throws Exception {
        Result run = cli("run", Path.of("assets", "examples", "bike_trips", "flow.yaml").toString(),
                "-i", "sample_size=50");
        assertThat(run.code()).as(run.err()).isNotZero();
        String runId = new ObjectMapper().readTree(cli("runs", "list", "--json").out()).path("runs").get(0)
                .path("id").asText();

        Result show = cli("runs", "show", runId);

        assertThat(show.out()).contains("\nsuggested fix for parse: the values of started_at, ended_at are written as "
                        + "yyyy-MM-dd'T'HH:mm:ss\n")
                .contains("  change    parse.datetime_format: 'yy-MM-dd HH:mm:ss' → 'yyyy-MM-dd'T'HH:mm:ss'\n")
                .contains("  then      reprise replay " + runId + " --from parse --revision latest\n");
        JsonNode json = new ObjectMapper().readTree(cli("runs", "show", runId, "--json").out());
        assertThat(json.at("/steps/1/attempts/0/fix/suggested").asText()).isEqualTo("yyyy-MM-dd'T'HH:mm:ss");
        assertThat(cli("runs", "show", runId + "/extract").out()).doesNotContain("suggested fix");
    }

    @Test
    void runsDeleteRemovesARunAndRefusesOneWithReplaysUnlessAsked() throws Exception {
        cli("run", flow.toString());
        String source = new ObjectMapper().readTree(cli("runs", "list", "--json").out()).path("runs").get(0)
                .path("id").asText();
        Result replayed = cli("replay", source, "--only", "greet", "--json");
        String replay = new ObjectMapper().readTree(replayed.out()).at("/run/id").asText();

        Result refused = cli("runs", "delete", source, "--yes");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("1 replay").contains("runs lineage " + source).contains("--with-replays");

        Result deleted = cli("runs", "delete", source, "--with-replays", "--yes");
        assertThat(deleted.code()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("deleted " + replay + "\ndeleted " + source + "\n");
        assertThat(cli("runs", "list").out()).doesNotContain(source).doesNotContain(replay);
        assertThat(cli("runs", "show", source).code()).isEqualTo(Cli.NOT_FOUND);
    }

    @Test
    void aSnapshotIsCreatedShownAndRunWithOverrides() throws Exception {
        cli("flows", "apply", flow.toString());

        Result created = cli("snapshots", "create", "ada", "--flow", "hello", "-i", "who=ada", "-i", "times=2",
                "--description", "greets Ada");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("snapshot ada of hello revision 1");
        assertThat(cli("snapshots", "list").out()).contains("ada").contains("hello").contains("greets Ada");
        assertThat(cli("snapshots", "show", "ada").out()).contains("input who = ada").contains("input times = 2");

        Result ran = cli("snapshots", "run", "ada", "-i", "who=grace", "--json");
        assertThat(ran.code()).as(ran.err()).isZero();
        JsonNode run = new ObjectMapper().readTree(ran.out());
        assertThat(run.at("/run/labels/snapshot").asText()).isEqualTo("ada");
        assertThat(cli("logs", run.at("/run/id").asText(), "greet").out()).isEqualTo("hello grace\nhello grace\n");

        Result taken = cli("snapshots", "create", "ada", "--flow", "hello");
        assertThat(taken.code()).isEqualTo(2);
        assertThat(taken.err()).contains("there is a snapshot 'ada' already");
        assertThat(cli("snapshots", "delete", "ada").out()).contains("deleted snapshot ada");
        assertThat(cli("snapshots", "run", "ada").code()).isEqualTo(Cli.NOT_FOUND);
    }

    @Test
    void gcRemovesTheFilesOfDeletedRuns() throws Exception {
        Path notes = folder.resolve("notes.yaml");
        Files.writeString(notes, """
                id: notes
                steps:
                  write: { type: shell, run: "printf 'a note to drop' > \\"$REPRISE_OUTPUT_DIR/note.txt\\"" }
                """);
        Result ran = cli("run", notes.toString());
        assertThat(ran.code()).as(ran.err()).isZero();
        String runId = new ObjectMapper().readTree(cli("runs", "list", "--json").out()).path("runs").get(0)
                .path("id").asText();
        assertThat(cli("gc", "--keep-newer-than", "0s", "--yes").out()).startsWith("removed 0 artifacts");

        cli("runs", "delete", runId, "--yes");
        Result collected = cli("gc", "--keep-newer-than", "0s", "--yes");

        assertThat(collected.code()).as(collected.err()).isZero();
        assertThat(collected.out()).startsWith("removed 1 artifacts (14 B)");
        assertThat(cli("gc", "--server", "http://127.0.0.1:1").err()).contains("gc works on a workspace folder");
    }

    @Test
    void replayAndPlanTakeInputsStepInputsAndFiles() throws Exception {
        cli("run", flow.toString());
        String source = new ObjectMapper().readTree(cli("runs", "list", "--json").out()).path("runs").get(0)
                .path("id").asText();
        Path note = folder.resolve("note.txt");
        Files.writeString(note, "from a file");

        Result planned = cli("plan", source, "-i", "times=2", "--set", "greet.who=set");
        assertThat(planned.code()).as(planned.err()).isZero();
        assertThat(planned.out()).contains("greet").contains("EXECUTE");

        Result replayed = cli("replay", source, "--set", "greet.who=set", "-i", "times=2", "--json");
        assertThat(replayed.code()).as(replayed.err()).isZero();
        String replay = new ObjectMapper().readTree(replayed.out()).at("/run/id").asText();
        assertThat(cli("logs", replay, "greet").out()).isEqualTo("hello set\nhello set\n");

        Result withFile = cli("replay", source, "--set-file", "greet.note=" + note, "--json");
        assertThat(withFile.code()).as(withFile.err()).isZero();
        // the step's input is recorded as the file's artifact
        assertThat(withFile.out()).contains("\"$artifact\"").contains("\"name\" : \"note.txt\"");
        Result missing = cli("replay", source, "--set-file", "greet.note=" + folder.resolve("gone.txt"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
    }

    @Test
    void aFailingRunExitsOne() throws Exception {
        Path failing = folder.resolve("fail.yaml");
        Files.writeString(failing, """
                id: failing
                steps:
                  boom: { type: shell, run: "exit 4" }
                """);
        Result run = cli("run", failing.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED").contains("exited with code 4");
    }

    @Test
    void badInputsExitTwoAndStartNothing() {
        Result run = cli("run", flow.toString(), "-i", "times=9", "-i", "nope=1");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("input 'times': must be at most 5, was 9").contains("no input 'nope'");
        assertThat(cli("runs", "list", "--json").out()).contains("\"runs\" : [ ]");
    }

    @Test
    void anInvalidFlowFileIsRefusedWithEveryProblemAndItsPlace() throws Exception {
        Path bad = folder.resolve("bad.yaml");
        Files.writeString(bad, """
                id: bad
                steps:
                  a: { type: nosuchtype }
                  b: { type: shell, needs: [ghost], run: "true" }
                """);
        Result validate = cli("flows", "validate", bad.toString());
        Result apply = cli("flows", "apply", bad.toString());

        assertThat(validate.code()).isEqualTo(2);
        assertThat(validate.err()).contains(bad + ":3:").contains("nosuchtype").contains("ghost");
        assertThat(apply.code()).isEqualTo(2);
        assertThat(cli("flows", "list", "--json").out().trim()).isEqualTo("[ ]");
    }

    @Test
    void unknownRunsExitThreeAndBadUsageTwo() {
        assertThat(cli("runs", "show", "r-nope").code()).isEqualTo(Cli.NOT_FOUND);
        assertThat(cli("runs", "show", "r-nope").err()).contains("no run 'r-nope'");
        assertThat(cli("runs", "list", "--state", "sleeping").code()).isEqualTo(2);
        assertThat(cli("frobnicate").code()).isEqualTo(2);
        assertThat(cli("run", "missing.yaml").err()).contains("no such file: missing.yaml");
    }

    @Test
    void applyingTheSameFileTwiceKeepsOneRevision() throws Exception {
        assertThat(cli("flows", "apply", flow.toString()).out()).contains("hello revision 1 (new)");
        assertThat(cli("flows", "apply", flow.toString()).out()).contains("hello revision 1 (unchanged)");
        Files.writeString(flow, Files.readString(flow).replace("Says hello", "Says hello twice"));
        assertThat(cli("flows", "apply", flow.toString()).out()).contains("hello revision 2 (new)");
        assertThat(cli("flows", "show", "hello", "--revision", "1").out()).contains("Says hello\n");
    }

    @Test
    void planReplayAndLineageWorkFromTheCommandLine() throws Exception {
        cli("run", flow.toString(), "-i", "who=first");
        String source = new ObjectMapper().readTree(cli("runs", "list", "--json").out()).path("runs").get(0)
                .path("id").asText();

        Result plan = cli("plan", source, "-i", "who=second");
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("greet").contains("EXECUTE").contains("the whole run is replayed");

        Result replay = cli("replay", source, "--set", "greet.who=third", "--name", "retry", "--json");
        assertThat(replay.code()).as(replay.err()).isZero();
        JsonNode detail = new ObjectMapper().readTree(replay.out());
        assertThat(detail.path("run").path("name").asText()).isEqualTo("retry");
        assertThat(detail.path("run").path("modified").asBoolean()).isTrue();
        assertThat(detail.path("steps").get(0).path("outputs").path("greeting").asText()).isEqualTo("hello third");
        assertThat(detail.path("steps").get(0).path("attempts").get(0).path("number").asInt()).isEqualTo(2);

        Result lineage = cli("runs", "lineage", source);
        assertThat(lineage.out()).contains(source).contains(detail.path("run").path("id").asText()).contains("modified");
        assertThat(cli("runs", "list").out()).contains("replay of " + source + " (modified)");
    }

    @Test
    void aRefusedReplayExitsTwoWithEveryErrorAndStartsNothing() throws Exception {
        cli("run", flow.toString());
        String source = new ObjectMapper().readTree(cli("runs", "list", "--json").out()).path("runs").get(0)
                .path("id").asText();

        Result replay = cli("replay", source, "--from", "nowhere", "-i", "times=0", "--revision", "7");

        assertThat(replay.code()).isEqualTo(2);
        assertThat(replay.err()).contains("no step 'nowhere'").contains("must be at least 1").contains("no revision 7");
        assertThat(new ObjectMapper().readTree(cli("runs", "list", "--json").out()).path("runs")).hasSize(1);
        assertThat(cli("replay", source, "--only").code()).as("an option without its value").isEqualTo(2);
    }
}
