package dev.reprise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.cli.LocalCli.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands that gained --json each print one JSON document on stdout, and nothing else there. */
class JsonCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private Path ws;
    private Path flow;

    private Result cli(String... args) {
        return LocalCli.run(ws, args);
    }

    /** The one JSON document {@code result} printed, after checking it succeeded. */
    private static JsonNode json(Result result) throws Exception {
        assertThat(result.code()).as(result.err()).isZero();
        return document(result);
    }

    /** The one JSON document on stdout: the parser reads it whole, with nothing before or after. */
    private static JsonNode document(Result result) throws Exception {
        try (var parser = JSON.createParser(result.out())) {
            JsonNode node = JSON.readTree(parser);
            assertThat(parser.nextToken()).as("anything after the document in: " + result.out()).isNull();
            return node;
        }
    }

    @BeforeEach
    void writeFlow() throws Exception {
        ws = folder.resolve("ws");
        flow = Files.writeString(folder.resolve("hello.yaml"), """
                id: hello
                steps:
                  greet: { type: shell, run: "echo hello" }
                """);
    }

    private String ranRun() throws Exception {
        return json(cli("run", flow.toString(), "--json")).at("/run/id").asText();
    }

    @Test
    void flowsApplyPrintsEachFileRevisionAndWhetherItIsNew() throws Exception {
        JsonNode first = json(cli("flows", "apply", flow.toString(), "--json"));
        JsonNode again = json(cli("flows", "apply", flow.toString(), "--json"));

        assertThat(first).hasSize(1);
        assertThat(first.get(0).path("flowId").asText()).isEqualTo("hello");
        assertThat(first.get(0).path("revision").asInt()).isEqualTo(1);
        assertThat(first.get(0).path("created").asBoolean()).isTrue();
        assertThat(first.get(0).path("file").asText()).endsWith("hello.yaml");
        assertThat(again.get(0).path("created").asBoolean()).isFalse();
    }

    @Test
    void flowsValidatePrintsEveryProblemAsJsonAndExitsTwoWhenOneIsBad() throws Exception {
        Path bad = Files.writeString(folder.resolve("bad.yaml"), """
                id: bad
                steps:
                  a: { type: nosuchtype }
                """);

        Result good = cli("flows", "validate", flow.toString(), "--json");
        Result mixed = cli("flows", "validate", flow.toString(), bad.toString(), "--json");

        assertThat(json(good).path("valid").asBoolean()).isTrue();
        assertThat(mixed.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(mixed.err()).isEmpty();
        JsonNode doc = document(mixed);
        assertThat(doc.path("valid").asBoolean()).isFalse();
        assertThat(doc.at("/files/0/valid").asBoolean()).isTrue();
        assertThat(doc.at("/files/1/valid").asBoolean()).isFalse();
        assertThat(doc.at("/files/1/problems/0/message").asText()).contains("nosuchtype");
        assertThat(doc.at("/files/1/problems/0/pos/line").asInt()).isEqualTo(3);
    }

    @Test
    void cancelPrintsWhetherACancelWasAskedFor() throws Exception {
        String runId = ranRun();

        JsonNode cancelled = json(cli("cancel", runId, "--json"));

        assertThat(cancelled.path("runId").asText()).isEqualTo(runId);
        assertThat(cancelled.path("requested").asBoolean()).as("the run had ended").isFalse();
        assertThat(cancelled.path("state").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void exportAndImportPrintWhatTheyMoved() throws Exception {
        String runId = ranRun();
        Path file = folder.resolve("hello.zip");

        JsonNode exported = json(cli("export", runId, "--out", file.toString(), "--json"));
        JsonNode imported = json(LocalCli.run(folder.resolve("other"), "import", file.toString(), "--json"));
        JsonNode again = json(LocalCli.run(folder.resolve("other"), "import", file.toString(), "--json"));

        assertThat(exported.path("runId").asText()).isEqualTo(runId);
        assertThat(exported.path("bytes").asLong()).isEqualTo(Files.size(file));
        assertThat(exported.path("steps").asInt()).isEqualTo(1);
        assertThat(Path.of(exported.path("file").asText())).isEqualTo(file.toAbsolutePath());
        assertThat(imported.path("runId").asText()).isEqualTo(runId);
        assertThat(imported.path("created").asBoolean()).isTrue();
        assertThat(imported.path("flowId").asText()).isEqualTo("hello");
        assertThat(again.path("created").asBoolean()).isFalse();
    }

    @Test
    void runsDeleteAndGcPrintWhatWent() throws Exception {
        String runId = ranRun();

        JsonNode deleted = json(cli("runs", "delete", runId, "--yes", "--json"));
        JsonNode collected = json(cli("gc", "--keep-newer-than", "0s", "--yes", "--json"));

        assertThat(deleted.path("dryRun").asBoolean()).isFalse();
        assertThat(deleted.path("runs")).extracting(JsonNode::asText).containsExactly(runId);
        assertThat(collected.has("removed")).isTrue();
        assertThat(collected.has("freedBytes")).isTrue();
        assertThat(collected.has("kept")).isTrue();
    }

    @Test
    void serverTokensListPrintsTheTokensWithoutSecrets() throws Exception {
        Cli.Environment host = new Cli.Environment(new TokensOnlyHost(), folder.resolve("connections.json"), Map.of());
        Result created = LocalCli.run(ws, host, "server", "tokens", "create", "--name", "dashboard", "--read-only");
        String secret = created.out().trim();

        JsonNode tokens = json(LocalCli.run(ws, host, "server", "tokens", "list", "--json"));

        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).path("name").asText()).isEqualTo("dashboard");
        assertThat(tokens.get(0).path("readOnly").asBoolean()).isTrue();
        assertThat(tokens.get(0).path("id").asText()).isNotBlank();
        assertThat(tokens.toString()).doesNotContain(secret);
    }
}
