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

/**
 * {@code reprise replay FILE} and {@code reprise run FILE --rerun-from RUN}: the code of a flow file of this
 * machine, applied as a new revision when it changed, replaying a past run with that run's inputs — and a file
 * or a run that does not fit refused before anything is written.
 */
class LocalCodeReplayCliTest {

    private static final String FLOW = """
            id: greet
            inputs:
              who: { type: string, default: world }
            steps:
              hello:
                type: shell
                inputs: { who: "{{ inputs.who }}" }
                run: echo "said=hello $REPRISE_INPUT_who" >> "$REPRISE_OUTPUTS"
            """;

    @TempDir
    Path folder;

    private Path ws;
    private Path file;
    private String first;

    private Result cli(String... args) {
        return LocalCli.run(ws, args);
    }

    private JsonNode json(Result result) throws Exception {
        assertThat(result.code()).as(result.err()).isZero();
        return Json.newMapper().readTree(result.out());
    }

    @BeforeEach
    void runOnce() throws Exception {
        ws = folder.resolve("ws");
        file = Files.writeString(folder.resolve("greet.yaml"), FLOW);
        first = json(cli("run", file.toString(), "-i", "who=ana", "--json")).at("/run/id").asText();
    }

    private int revisions() throws Exception {
        return json(cli("flows", "show", "greet", "--json")).path("revision").asInt();
    }

    @Test
    void replayingAChangedFileAppliesItAndRunsItsCodeOnTheNewestRunsInputs() throws Exception {
        Files.writeString(file, FLOW.replace("hello $REPRISE_INPUT_who", "bonjour $REPRISE_INPUT_who"));

        Result replay = cli("replay", file.toString(), "--json");

        JsonNode run = json(replay);
        assertThat(replay.err()).contains("applied greet revision 2 from " + file);
        assertThat(run.at("/run/parentRunId").asText()).isEqualTo(first);
        assertThat(run.at("/run/revision").asInt()).isEqualTo(2);
        assertThat(run.at("/steps/0/outputs/said").asText()).isEqualTo("bonjour ana");

        Result again = cli("replay", file.toString(), "--json");
        assertThat(again.err()).contains(file + " is greet revision 2 already");
        assertThat(revisions()).isEqualTo(2);
    }

    @Test
    void aPlanOfTheFileWritesNothingAndSaysWhetherTheLatestRevisionIsTheFile() throws Exception {
        Result same = cli("plan", file.toString());
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.err()).contains("the file's code");

        Files.writeString(file, FLOW.replace("hello", "hi"));
        Result differs = cli("replay", file.toString(), "--dry-run");
        assertThat(differs.code()).as(differs.err()).isZero();
        assertThat(differs.err()).contains("the file differs from it, and the replay applies it first");
        assertThat(revisions()).isEqualTo(1);
    }

    @Test
    void aBadFileOrARevisionBesideItIsRefusedAndWritesNothing() throws Exception {
        Files.writeString(file, FLOW.replace("type: shell", "type: no.such.type"));
        Result bad = cli("replay", file.toString());
        assertThat(bad.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(bad.err()).contains("no.such.type");

        Files.writeString(file, FLOW.replace("hello", "hi"));
        Result revision = cli("replay", file.toString(), "--revision", "1");
        assertThat(revision.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(revision.err()).contains("runs the file's code: drop --revision");
        Result input = cli("replay", file.toString(), "-i", "whom=x");
        assertThat(input.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(input.err()).contains("whom");
        assertThat(revisions()).isEqualTo(1);
        assertThat(json(cli("runs", "list", "--json")).path("runs")).hasSize(1);
    }

    @Test
    void runWithRerunFromRunsTheFilesCodeWithThatRunsInputsAsItsReplay() throws Exception {
        cli("run", "greet", "-i", "who=bo", "--name", "other");
        Files.writeString(file, FLOW.replace("hello $REPRISE_INPUT_who", "hey $REPRISE_INPUT_who"));

        Result rerun = cli("run", file.toString(), "--rerun-from", first, "--json");

        JsonNode run = json(rerun);
        assertThat(rerun.err()).contains("reruns " + first + " with greet revision 2");
        assertThat(run.at("/run/parentRunId").asText()).isEqualTo(first);
        assertThat(run.at("/steps/0/outputs/said").asText()).as("the old run's input, the new code")
                .isEqualTo("hey ana");
        JsonNode overridden = json(cli("run", "greet", "--rerun-from", "other", "-i", "who=cy", "--json"));
        assertThat(overridden.at("/steps/0/outputs/said").asText()).isEqualTo("hey cy");
    }

    @Test
    void aRerunOfAnotherFlowsRunIsRefusedBeforeTheFileIsApplied() throws Exception {
        Path other = Files.writeString(folder.resolve("other.yaml"), FLOW.replace("id: greet", "id: wave"));

        Result refused = cli("run", other.toString(), "--rerun-from", first);

        assertThat(refused.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(refused.err()).contains("run " + first + " is of flow greet, not wave; a rerun keeps the flow");
        assertThat(cli("flows", "show", "wave").code()).as("wave was not applied").isEqualTo(Cli.NOT_FOUND);
        Result step = cli("run", file.toString(), "--rerun-from", first + "/hello");
        assertThat(step.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(step.err()).contains("takes a run, not a step");
    }
}
