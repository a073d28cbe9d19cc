package dev.reprise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.cli.LocalCli.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run configuration files on the command line, against a real local workspace: {@code snapshots create --from-file},
 * {@code snapshots show --yaml} read back as the same snapshot, {@code run}, {@code replay} and {@code snapshots run}
 * with {@code --config}, options beside the file overriding it. Bad files are in {@link BadRunConfigCliTest}.
 */
class RunConfigCliTest {

    static final String HELLO = """
            id: hello
            inputs:
              who: { type: string, default: world }
              times: { type: integer, default: 1, min: 1, max: 5 }
            steps:
              greet:
                type: shell
                inputs: { who: "{{ inputs.who }}", times: "{{ inputs.times }}" }
                run: echo "greeting=hello $REPRISE_INPUT_who x$REPRISE_INPUT_times" >> "$REPRISE_OUTPUTS"
              after:
                type: shell
                inputs: { g: "{{ steps.greet.outputs.greeting }}" }
                run: echo "seen=$REPRISE_INPUT_g in $REGION" >> "$REPRISE_OUTPUTS"
            """;

    static final String CONFIG = """
            # Ada's greeting, twice
            flow: hello
            name: for ada
            description: greets Ada twice
            inputs:
              who: ada
              times: 2
            steps:
              after:
                inputs: { g: "a fixed greeting" }
            labels: { team: data }
            env: { REGION: eu }
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private Path ws;
    private Path flow;

    @BeforeEach
    void writeFlow() throws IOException {
        ws = folder.resolve("ws");
        flow = Files.writeString(folder.resolve("hello.yaml"), HELLO);
    }

    private Result cli(String... args) {
        return LocalCli.run(ws, args);
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }

    private static JsonNode json(Result result) throws IOException {
        assertThat(result.code()).as(result.err()).isZero();
        return JSON.readTree(result.out());
    }

    @Test
    void aSnapshotMadeFromAFileIsShownAsTheSameYamlWhichMakesTheSameSnapshotAgain() throws IOException {
        cli("flows", "apply", flow.toString());
        Path config = file("ada.yaml", CONFIG);

        Result created = cli("snapshots", "create", "ada", "--from-file", config.toString());
        Result shown = cli("snapshots", "show", "ada", "--yaml");
        Path again = file("shown.yaml", shown.out());
        Result recreated = cli("snapshots", "create", "ada-again", "--from-file", again.toString());

        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).isEqualTo("snapshot ada of hello revision 1\n");
        assertThat(shown.out()).startsWith("# snapshot ada, created ").contains("""
                flow: hello
                revision: 1
                name: for ada
                description: greets Ada twice
                inputs:
                  who: ada
                  times: 2
                steps:
                  after:
                    inputs:
                      g: a fixed greeting
                labels:
                  team: data
                env:
                  REGION: eu
                """);
        assertThat(recreated.code()).as(recreated.err()).isZero();
        JsonNode first = json(cli("snapshots", "show", "ada", "--json"));
        JsonNode second = json(cli("snapshots", "show", "ada-again", "--json"));
        for (String field : new String[] {"flowId", "revision", "parameters", "stepInputs", "labels", "env", "runName",
                "description"}) {
            assertThat(second.get(field)).as(field).isEqualTo(first.get(field));
        }
        assertThat(first.at("/parameters/times").asInt()).isEqualTo(2);
    }

    @Test
    void optionsBesideTheFileOverrideItsValuesAndTheRestOfItStays() throws IOException {
        cli("flows", "apply", flow.toString());
        Path config = file("ada.yaml", CONFIG);

        JsonNode made = json(cli("snapshots", "create", "grace", "--from-file", config.toString(), "-i", "who=grace",
                "--label", "team=ml", "--env", "TZ=UTC", "--description", "greets Grace", "--json"));

        assertThat(made.at("/parameters/who").asText()).isEqualTo("grace");
        assertThat(made.at("/parameters/times").asInt()).isEqualTo(2);
        assertThat(made.at("/labels/team").asText()).isEqualTo("ml");
        assertThat(made.at("/env/REGION").asText()).isEqualTo("eu");
        assertThat(made.at("/env/TZ").asText()).isEqualTo("UTC");
        assertThat(made.get("description").asText()).isEqualTo("greets Grace");
        assertThat(made.get("runName").asText()).isEqualTo("for ada");
    }

    @Test
    void runWithAConfigRunsTheFilesFlowWithItsValuesAndTheOptionsOverThem() throws IOException {
        cli("flows", "apply", flow.toString());
        Path config = file("ada.yaml", CONFIG);

        JsonNode run = json(cli("run", "--config", config.toString(), "-i", "times=3", "--label", "by=cli", "--json"));

        assertThat(run.at("/run/flowId").asText()).isEqualTo("hello");
        assertThat(run.at("/run/state").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.at("/run/name").asText()).isEqualTo("for ada");
        assertThat(run.at("/run/labels/team").asText()).isEqualTo("data");
        assertThat(run.at("/run/labels/by").asText()).isEqualTo("cli");
        assertThat(run.at("/run/env/REGION").asText()).isEqualTo("eu");
        assertThat(run.at("/steps/0/outputs/greeting").asText()).isEqualTo("hello ada x3");
        assertThat(run.at("/steps/1/outputs/seen").asText()).isEqualTo("a fixed greeting in eu");
    }

    @Test
    void runOfAFlowFileWithAConfigAppliesTheFileAndRunsIt() throws IOException {
        Path config = file("ada.yaml", CONFIG.replace("flow: hello\n", ""));

        Result run = cli("run", flow.toString(), "--config", config.toString(), "--json");

        assertThat(run.err()).contains("applied hello revision 1");
        JsonNode detail = json(run);
        assertThat(detail.at("/run/revision").asInt()).isEqualTo(1);
        assertThat(detail.at("/steps/0/outputs/greeting").asText()).isEqualTo("hello ada x2");
    }

    @Test
    void replayWithAConfigReplaysTheRunWithTheFilesValues() throws IOException {
        cli("run", flow.toString());
        String source = json(cli("runs", "list", "--json")).at("/runs/0/id").asText();
        Path config = file("replay.yaml", """
                name: replayed for lin
                inputs: { who: lin }
                labels: { why: config }
                """);

        JsonNode replay = json(cli("replay", source, "--config", config.toString(), "--json"));
        JsonNode plan = json(cli("plan", source, "--config", config.toString(), "--from", "after", "--json"));

        assertThat(replay.at("/run/parentRunId").asText()).isEqualTo(source);
        assertThat(replay.at("/run/name").asText()).isEqualTo("replayed for lin");
        assertThat(replay.at("/run/labels/why").asText()).isEqualTo("config");
        assertThat(replay.at("/steps/0/outputs/greeting").asText()).isEqualTo("hello lin x1");
        assertThat(plan.at("/parameters/who").asText()).isEqualTo("lin");
        assertThat(plan.path("errors")).isEmpty();
    }

    @Test
    void aSnapshotRunsWithAConfigOverItsValuesAndAFlowsLatestSnapshotRunsByTheFlowsName() throws IOException {
        cli("flows", "apply", flow.toString());
        cli("snapshots", "create", "ada", "--from-file", file("ada.yaml", CONFIG).toString());
        Path over = file("over.yaml", """
                flow: hello
                revision: 1
                inputs: { times: 4 }
                env: { REGION: us }
                """);

        JsonNode run = json(cli("snapshots", "run", "ada", "--config", over.toString(), "--json"));
        JsonNode latest = json(cli("snapshots", "run", "--flow", "hello", "-i", "who=lin", "--json"));

        assertThat(run.at("/run/labels/snapshot").asText()).isEqualTo("ada");
        assertThat(run.at("/run/labels/team").asText()).isEqualTo("data");
        assertThat(run.at("/run/name").asText()).isEqualTo("for ada");
        assertThat(run.at("/steps/0/outputs/greeting").asText()).isEqualTo("hello ada x4");
        assertThat(run.at("/steps/1/outputs/seen").asText()).isEqualTo("a fixed greeting in us");
        assertThat(latest.at("/run/labels/snapshot").asText()).isEqualTo("ada");
        assertThat(latest.at("/steps/0/outputs/greeting").asText()).isEqualTo("hello lin x2");
    }

    @Test
    void snapshotsListByFlowAndAFlowWithoutOneSaysHowToMakeOne() throws IOException {
        cli("flows", "apply", flow.toString());
        cli("flows", "apply", file("other.yaml", HELLO.replace("id: hello", "id: other")).toString());
        cli("snapshots", "create", "a", "--flow", "hello");
        cli("snapshots", "create", "b", "--flow", "other");

        Result hello = cli("snapshots", "list", "--flow", "hello");
        Result none = cli("snapshots", "run", "--flow", "nothing_yet");
        cli("snapshots", "delete", "b");
        Result noSnapshot = cli("snapshots", "run", "--flow", "other");

        assertThat(hello.out()).contains("a ").doesNotContain("b ");
        assertThat(json(cli("snapshots", "list", "--flow", "other", "--json"))).isEmpty();
        assertThat(none.code()).isEqualTo(Cli.NOT_FOUND);
        assertThat(none.err()).contains("nothing_yet");
        assertThat(noSnapshot.code()).isEqualTo(Cli.NOT_FOUND);
        assertThat(noSnapshot.err()).contains("flow 'other' has no snapshot; create one with 'reprise snapshots "
                + "create NAME --flow other'");
        assertThat(cli("snapshots", "run").err()).contains("name the snapshot: NAME, or --flow FLOW");
        assertThat(json(cli("runs", "list", "--json")).path("runs")).isEmpty();
    }

    @Test
    void aSnapshotIsMadeOfAFlowFileOrFolderAppliedFirst() throws IOException {
        Path code = Files.createDirectories(folder.resolve("greeter"));
        Files.writeString(code.resolve("flow.yaml"), HELLO.replace("id: hello", "id: greeter"));

        Result ofFile = cli("snapshots", "create", "of-file", "--flow", flow.toString(), "-i", "who=file");
        Result ofFolder = cli("snapshots", "create", "of-folder", "--flow", code + "/", "--from-file",
                file("ada.yaml", CONFIG.replace("flow: hello\n", "")).toString());
        Result same = cli("snapshots", "create", "of-file-again", "--flow", flow.toString());

        assertThat(ofFile.code()).as(ofFile.err()).isZero();
        assertThat(ofFile.err()).contains("applied hello revision 1 from " + flow);
        assertThat(ofFile.out()).isEqualTo("snapshot of-file of hello revision 1\n");
        assertThat(ofFolder.code()).as(ofFolder.err()).isZero();
        assertThat(ofFolder.out()).isEqualTo("snapshot of-folder of greeter revision 1\n");
        assertThat(same.err()).contains("is hello revision 1 already");
        assertThat(json(cli("snapshots", "show", "of-folder", "--json")).at("/parameters/who").asText())
                .isEqualTo("ada");
        assertThat(json(cli("snapshots", "run", "of-file", "--json")).at("/steps/0/outputs/greeting").asText())
                .isEqualTo("hello file x1");
    }
}
