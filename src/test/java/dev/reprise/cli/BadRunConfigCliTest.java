package dev.reprise.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.cli.LocalCli.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad run configuration files on every command that takes one: each problem is reported at its line and column of
 * the file, the command exits 2, and the workspace is left as it was — no run, no snapshot, no revision.
 */
class BadRunConfigCliTest {

    /** An unknown key (line 2), a value of the wrong kind (line 4), an unknown step (line 6), a bad value (line 8). */
    private static final String BAD = """
            flow: shards
            nmae: typo
            inputs:
              n: 99
            steps:
              nowhere: { inputs: { x: 1 } }
              ids:
                inputs: { count: many, size: 3 }
            labels: [team]
            """;

    @TempDir
    Path folder;

    private Path ws;
    private Path flow;
    private Path config;
    private String source;

    private Result cli(String... args) {
        return LocalCli.run(ws, args);
    }

    @BeforeEach
    void workspaceWithARunAndASnapshot() throws IOException {
        ws = folder.resolve("ws");
        flow = Files.writeString(folder.resolve("shards.yaml"), """
                id: shards
                inputs:
                  n: { type: integer, default: 2, min: 1, max: 10 }
                steps:
                  ids:
                    type: list.range
                    inputs: { count: "{{ inputs.n }}", prefix: "shard-" }
                  count:
                    type: shell
                    foreach: "{{ steps.ids.outputs.items }}"
                    inputs: { shard: "{{ item }}" }
                    run: echo "seen=$REPRISE_INPUT_shard" >> "$REPRISE_OUTPUTS"
                """);
        assertThat(cli("run", flow.toString()).code()).isZero();
        assertThat(cli("snapshots", "create", "kept", "--flow", "shards").code()).isZero();
        source = new ObjectMapper().readTree(cli("runs", "list", "--json").out()).at("/runs/0/id").asText();
        config = folder.resolve("conf.yaml");
    }

    /** What the workspace holds: its runs, snapshots and flows with their latest revisions. */
    private List<String> state() {
        List<String> state = new ArrayList<>();
        for (String[] list : new String[][] {{"runs", "list", "--json"}, {"snapshots", "list", "--json"},
                {"flows", "list", "--json"}}) {
            Result listed = cli(list);
            assertThat(listed.code()).as(listed.err()).isZero();
            state.add(listed.out());
        }
        return state;
    }

    private Result refused(String text, String... command) throws IOException {
        Files.writeString(config, text);
        List<String> before = state();
        Result result = cli(command);
        assertThat(result.code()).as(result.out() + result.err()).isEqualTo(Cli.BAD_INPUT);
        assertThat(state()).as("the workspace after a refused " + String.join(" ", command)).isEqualTo(before);
        return result;
    }

    @Test
    void aFileOfTheWrongShapeIsRefusedAtItsLinesBeforeAnythingIsAsked() throws IOException {
        Result run = refused(BAD, "run", "--config", config.toString());

        assertThat(run.err()).contains(
                config + ":2:1: unknown key 'nmae' in a run configuration; did you mean 'name'?",
                config + ":9:9: labels must be a map of label → text, not a list");
        for (String[] command : new String[][] {
                {"snapshots", "create", "new", "--from-file", config.toString()},
                {"snapshots", "run", "kept", "--config", config.toString()},
                {"replay", source, "--config", config.toString()},
                {"plan", source, "--config", config.toString()},
                {"run", flow.toString(), "--config", config.toString()}}) {
            assertThat(refused(BAD, command).err()).as(String.join(" ", command))
                    .contains(config + ":2:1: unknown key 'nmae'");
        }
    }

    @Test
    void unknownStepsAndInputsAndBadValuesAreRefusedAtTheirLinesForAnAppliedFlow() throws IOException {
        String bad = BAD.replace("nmae: typo\n", "name: fine\n").replace("labels: [team]\n", "labels: { a: b }\n");

        for (String[] command : new String[][] {
                {"run", "--config", config.toString()},
                {"snapshots", "create", "new", "--from-file", config.toString()},
                {"snapshots", "run", "kept", "--config", config.toString()},
                {"replay", source, "--config", config.toString()}}) {
            assertThat(refused(bad, command).err()).as(String.join(" ", command)).contains(
                    config + ":4:6: input 'n': must be at most 10, was 99",
                    config + ":6:3: flow 'shards' ",
                    config + ":8:22: input 'count' of step 'ids': expected an integer, got 'many'",
                    config + ":8:34: step 'ids' (list.range) has no input 'size'");
        }
    }

    @Test
    void aFlowFilesConfigIsCheckedBeforeTheFileIsAppliedSoNoRevisionIsLeft() throws IOException {
        Files.writeString(flow, Files.readString(flow).replace("default: 2", "default: 3"));
        String bad = """
                inputs: { n: 0 }
                steps:
                  ids: { inputs: { size: 3 } }
                """;

        for (String[] command : new String[][] {
                {"run", flow.toString(), "--config", config.toString()},
                {"snapshots", "create", "new", "--flow", flow.toString(), "--from-file", config.toString()}}) {
            assertThat(refused(bad, command).err()).as(String.join(" ", command)).contains(
                    config + ":1:14: input 'n': must be at least 1, was 0",
                    config + ":3:26: step 'ids' (list.range) has no input 'size'");
        }
        assertThat(refused("{}", "snapshots", "create", "kept", "--flow", flow.toString(), "--from-file",
                config.toString()).err()).contains("name: there is a snapshot 'kept' already");
        assertThat(refused("revision: 1\n", "run", flow.toString(), "--config", config.toString()).err())
                .contains(config + ":1:11: the flow is the file " + flow + ", whose code runs; drop revision");
    }

    @Test
    void aFlowOrRevisionThatIsNotTheSnapshotsOrTheRunsIsRefusedAtItsLine() throws IOException {
        cli("flows", "apply", Files.writeString(folder.resolve("other.yaml"), "id: other\nsteps:\n  a: { type: noop }\n")
                .toString());

        assertThat(refused("flow: other\n", "snapshots", "run", "kept", "--config", config.toString()).err())
                .contains(config + ":1:7: snapshot kept is of flow 'shards', not 'other'");
        assertThat(refused("revision: 7\n", "snapshots", "run", "kept", "--config", config.toString()).err())
                .contains(config + ":1:11: snapshot kept runs revision 1 of shards, not 7");
        assertThat(refused("flow: other\n", "replay", source, "--config", config.toString()).err())
                .contains(config + ":1:7: run " + source + " is of flow 'shards', not 'other'");
        assertThat(refused("revision: 7\n", "replay", source, "--config", config.toString()).err())
                .contains(config + ":1:11: flow 'shards' has no revision 7");
        assertThat(refused("flow: other\n", "snapshots", "create", "new", "--from-run", source, "--from-file",
                config.toString()).err()).contains(config + ":1:7: run " + source + " is of flow 'shards', not "
                + "'other'");
    }

    @Test
    void aYamlErrorIsReportedAtItsLineAndAMissingFileByItsPath() throws IOException {
        assertThat(refused("inputs:\n  n: 2\n   m: 3\n", "run", "--config", config.toString()).err())
                .contains(config + ":3:").contains("YAML syntax error");
        Result missing = cli("run", "--config", folder.resolve("gone.yaml").toString());
        assertThat(missing.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(missing.err()).contains("no such file: " + folder.resolve("gone.yaml"));
    }
}
