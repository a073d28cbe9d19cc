package dev.reprise.cli;

import dev.reprise.cli.LocalCli.Result;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input on the command line exits 2 with a clear error and writes nothing to the workspace. */
class BadInputCliTest {

    @TempDir
    Path folder;

    private Path ws;
    private Path flow;

    private Result cli(Map<String, String> variables, String... args) {
        return LocalCli.run(ws, variables, args);
    }

    private Result cli(String... args) {
        return LocalCli.run(ws, Map.of(), args);
    }

    @BeforeEach
    void writeFlow() throws Exception {
        ws = folder.resolve("ws");
        flow = folder.resolve("count.yaml");
        Files.writeString(flow, """
                id: count
                inputs:
                  n: { type: integer, default: 1 }
                  who: { type: string }
                steps:
                  say:
                    type: shell
                    inputs: { n: "{{ inputs.n }}", who: "{{ inputs.who }}" }
                    run: echo "$REPRISE_INPUT_who $REPRISE_INPUT_n"
                """);
    }

    private String flowsList() {
        return cli("flows", "list", "--json").out().trim();
    }

    @Test
    void runWithABadTypedInputStoresNoRevision() {
        Result run = cli("run", flow.toString(), "-i", "n=abc", "-i", "who=ada");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("input 'n'").contains("abc").doesNotContain("applied");
        assertThat(flowsList()).isEqualTo("[ ]");
    }

    @Test
    void runWithAFileInputNamingNoFileStoresNoRevision() throws Exception {
        Path reader = folder.resolve("reader.yaml");
        Files.writeString(reader, """
                id: reader
                inputs:
                  data: { type: file }
                steps:
                  read: { type: shell, inputs: { data: "{{ inputs.data }}" }, run: cat "$REPRISE_INPUT_data" }
                """);

        Result run = cli("run", reader.toString(), "-i", "data=" + folder.resolve("missing.csv"));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("input 'data': no such file").doesNotContain("applied");
        assertThat(flowsList()).isEqualTo("[ ]");
    }

    @Test
    void runWithoutARequiredInputStoresNoNewRevision() throws Exception {
        assertThat(cli("run", flow.toString(), "-i", "who=ada").code()).isZero();
        Files.writeString(flow, Files.readString(flow).replace("echo", "printf '%s\\n'"));

        Result run = cli("run", flow.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("input 'who' is required");
        assertThat(cli("flows", "show", "count").out()).contains("revision 1 of 1");
        assertThat(cli("runs", "list", "--json").out()).containsOnlyOnce("\"id\" : \"r-");
    }

    @Test
    void aFlowIdLongerThanAnIdMayBeIsRefusedByValidateAndApplyAtItsPlace() throws Exception {
        Path longId = folder.resolve("long.yaml");
        Files.writeString(longId, "id: " + "f".repeat(201) + "\nsteps:\n  a: { type: shell, run: 'true' }\n");

        Result validate = cli("flows", "validate", longId.toString());
        Result apply = cli("flows", "apply", longId.toString());

        assertThat(validate.code()).isEqualTo(2);
        assertThat(validate.err()).contains(longId + ":1:5: flow id 'ffff").contains("201 characters long")
                .contains("at most 128");
        assertThat(apply.code()).isEqualTo(2);
        assertThat(flowsList()).isEqualTo("[ ]");
    }

    @Test
    void aStepIdLongerThanAnIdMayBeIsRefusedAtItsPlace() throws Exception {
        Path longStep = folder.resolve("long-step.yaml");
        Files.writeString(longStep, "id: ok\nsteps:\n  " + "s".repeat(301) + ": { type: shell, run: 'true' }\n");

        Result apply = cli("flows", "apply", longStep.toString());

        assertThat(apply.code()).isEqualTo(2);
        assertThat(apply.err()).contains(longStep + ":3:3: step id 'ssss").contains("301 characters long");
        assertThat(flowsList()).isEqualTo("[ ]");
    }

    @Test
    void aFlowFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
        Path big = folder.resolve("big.yaml");
        Files.writeString(big, Files.readString(flow) + "# " + "x".repeat(2000) + "\n");

        Result refused = cli(Map.of("REPRISE_MAX_FLOW_BYTES", "1000"), "run", big.toString(), "-i", "who=ada");
        Result allowed = cli(Map.of("REPRISE_MAX_FLOW_BYTES", "100000"), "flows", "validate", big.toString());

        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains(big + " is 2,").contains("over the limit of 1,000 bytes")
                .contains("REPRISE_MAX_FLOW_BYTES");
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(flowsList()).isEqualTo("[ ]");
    }

    @Test
    void aFlowFileOverTheDefaultLimitIsRefused() throws Exception {
        Path big = folder.resolve("huge.yaml");
        Files.writeString(big, Files.readString(flow) + "# " + "x".repeat((int) FlowsCommand.MAX_FLOW_BYTES) + "\n");

        Result refused = cli("flows", "validate", big.toString());

        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("over the limit of 4,194,304 bytes");
    }
}
