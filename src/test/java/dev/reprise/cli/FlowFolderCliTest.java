package dev.reprise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.cli.LocalCli.Result;
import dev.reprise.run.Json;
import dev.reprise.run.Sha256;
import dev.reprise.workspace.FlowFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flow folders on the command line: {@code flows apply FOLDER}, {@code run FOLDER}, {@code flows show --files},
 * {@code flows export}, the planner naming a changed file, and every bad folder refused with nothing written.
 */
class FlowFolderCliTest {

    private static final String FLOW = """
            id: folder_demo
            steps:
              read:
                type: shell
                run: echo "data=$(cat data.txt)" >> "$REPRISE_OUTPUTS"
              clean:
                type: shell
                needs: [read]
                run: sh clean.sh
            """;

    @TempDir
    Path folder;

    private Path ws;
    private Path code;

    @BeforeEach
    void writeFolder() throws IOException {
        ws = folder.resolve("ws");
        code = Files.createDirectories(folder.resolve("demo"));
        Files.writeString(code.resolve("flow.yaml"), FLOW);
        Files.writeString(code.resolve("data.txt"), "rows\n");
        Files.writeString(code.resolve("clean.sh"), "exit 3\n");
        Files.createDirectories(code.resolve("lib"));
        Files.writeString(code.resolve("lib/util.sh"), "echo util\n");
        Files.createDirectories(code.resolve("__pycache__"));
        Files.writeString(code.resolve("__pycache__/x.pyc"), "cache");
    }

    private Result cli(String... args) {
        return LocalCli.run(ws, args);
    }

    @Test
    void appliedFolderListsItsFilesWithSizesAndDigests() {
        Result applied = cli("flows", "apply", code.toString());
        Result shown = cli("flows", "show", "folder_demo", "--revision", "1", "--files");

        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("folder_demo revision 1 (new)");
        assertThat(shown.out().lines().toList()).containsExactly(
                "flow.yaml\t" + FLOW.length() + "\t" + Sha256.of(FLOW),
                "clean.sh\t7\t" + Sha256.of("exit 3\n"),
                "data.txt\t5\t" + Sha256.of("rows\n"),
                "lib/util.sh\t10\t" + Sha256.of("echo util\n"));
    }

    @Test
    void aFailedRunsReplayOnTheLatestRevisionNamesTheChangedScript() throws IOException {
        Result failed = cli("run", code.toString(), "--json");
        JsonNode run = Json.newMapper().readTree(failed.out());
        assertThat(run.at("/run/state").asText()).as(failed.err()).isEqualTo("FAILED");
        Files.writeString(code.resolve("clean.sh"), "echo \"version=2\" >> \"$REPRISE_OUTPUTS\"\n");
        assertThat(cli("flows", "apply", code.toString()).out()).contains("folder_demo revision 2 (new)");

        Result plan = cli("plan", run.at("/run/id").asText(), "--failed", "--revision", "latest");

        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("file clean.sh changed in revision 2");
    }

    @Test
    void replayingAChangedFolderRunsItsNewScriptOnTheNewestRun() throws IOException {
        Files.writeString(code.resolve("clean.sh"), "echo \"version=1\" >> \"$REPRISE_OUTPUTS\"\n");
        Result first = cli("run", code.toString(), "--json");
        String firstId = Json.newMapper().readTree(first.out()).at("/run/id").asText();
        Files.writeString(code.resolve("clean.sh"), "echo \"version=2\" >> \"$REPRISE_OUTPUTS\"\n");

        Result replay = cli("replay", code.toString(), "--json");
        Result rerun = cli("run", code.toString(), "--rerun-from", firstId, "--json");

        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.err()).contains("applied folder_demo revision 2 from " + code);
        JsonNode replayed = Json.newMapper().readTree(replay.out());
        assertThat(replayed.at("/run/parentRunId").asText()).isEqualTo(firstId);
        assertThat(replayed.at("/run/revision").asInt()).isEqualTo(2);
        assertThat(replayed.at("/steps").findValues("version")).extracting(JsonNode::asText).containsExactly("2");
        assertThat(rerun.code()).as(rerun.err()).isZero();
        assertThat(rerun.err()).contains(code + " is folder_demo revision 2 already");
        assertThat(Json.newMapper().readTree(rerun.out()).at("/steps").findValues("version"))
                .extracting(JsonNode::asText).containsExactly("2");
    }

    @Test
    void anExportedRunOfAFolderCarriesItsScriptsToTheWorkspaceThatImportsIt() throws IOException {
        Files.writeString(code.resolve("clean.sh"), "echo \"version=1\" >> \"$REPRISE_OUTPUTS\"\n");
        Result ran = cli("run", code.toString(), "--json");
        String runId = Json.newMapper().readTree(ran.out()).at("/run/id").asText();
        Path file = folder.resolve("run.zip");
        assertThat(cli("export", runId, "--out", file.toString()).code()).isZero();
        Files.delete(code.resolve("clean.sh"));
        Path theirs = folder.resolve("theirs");

        Result imported = LocalCli.run(theirs, "import", file.toString());
        Result replay = LocalCli.run(theirs, "replay", runId, "--json");

        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(Json.newMapper().readTree(replay.out()).at("/steps").findValues("version"))
                .extracting(JsonNode::asText).containsExactly("1");
    }

    @Test
    void exportWritesTheRevisionBackIdentical() throws IOException {
        cli("flows", "apply", code.toString());
        Files.writeString(code.resolve("clean.sh"), "exit 0\n");
        cli("flows", "apply", code.toString());
        Path out = folder.resolve("out");

        Result exported = cli("flows", "export", "folder_demo", "--revision", "1", "--out", out.toString());

        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(files(out)).containsExactly("clean.sh", "data.txt", "flow.yaml", "lib/util.sh");
        assertThat(Files.readString(out.resolve("clean.sh"))).isEqualTo("exit 3\n");
        for (String same : List.of("flow.yaml", "data.txt", "lib/util.sh")) {
            assertThat(Files.mismatch(out.resolve(same), code.resolve(same))).as(same).isEqualTo(-1);
        }
        assertThat(cli("flows", "export", "folder_demo", "--out", out.toString()).code())
                .as("an export over a folder that is not empty").isEqualTo(Cli.BAD_INPUT);
    }

    @Test
    void aFolderWithoutFlowYamlIsRefused() throws IOException {
        Files.delete(code.resolve("flow.yaml"));

        assertRefused(cli("flows", "apply", code.toString()), "has no flow.yaml");
        assertRefused(cli("run", code.toString()), "has no flow.yaml");
    }

    @Test
    void aGlobThatMatchesNothingIsRefused() throws IOException {
        Files.writeString(code.resolve("flow.yaml"), FLOW + "files: [clean.sh, \"*.csv\"]\n");

        assertRefused(cli("flows", "apply", code.toString()), "glob '*.csv' matches no file");
    }

    @Test
    void filesOverTheSizeLimitAreRefused() throws IOException {
        try (RandomAccessFile big = new RandomAccessFile(code.resolve("big.bin").toFile(), "rw")) {
            big.setLength(FlowFolder.MAX_BYTES + 1);
        }

        assertRefused(cli("flows", "apply", code.toString()), "the largest is big.bin");
    }

    @Test
    void aFoldersFlowOverTheLimitOfAFlowFileIsRefused() {
        Result result = LocalCli.run(ws, Map.of("REPRISE_MAX_FLOW_BYTES", "10"), "flows", "apply", code.toString());

        assertRefused(result, "over the limit of 10 bytes for a flow file");
    }

    @Test
    void aGlobGoingUpIsRefused() throws IOException {
        Files.writeString(folder.resolve("secret.txt"), "secret");
        Files.writeString(code.resolve("flow.yaml"), FLOW + "files: [clean.sh, ../secret.txt]\n");

        assertRefused(cli("flows", "apply", code.toString()), "glob '../secret.txt' reaches outside the flow folder");
    }

    @Test
    void aSymbolicLinkOutOfTheFolderIsRefused() throws IOException {
        Path secret = Files.writeString(folder.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(code.resolve("link.txt"), secret);

        assertRefused(cli("flows", "apply", code.toString()),
                "file link.txt is a symbolic link out of the flow folder");
    }

    @Test
    void aPythonFileThatIsNoFileOfTheFolderIsRefusedAtItsPlace() throws IOException {
        Files.writeString(code.resolve("flow.yaml"), """
                id: folder_demo
                steps:
                  clean: { type: python, file: clean.py }
                """);
        String where = code.resolve("flow.yaml") + ":3:32: file: 'clean.py' of python step 'clean' is not one of the "
                + "flow's files; did you mean 'clean.sh'?";

        assertRefused(cli("flows", "apply", code.toString()), where);
        assertRefused(cli("run", code.toString()), where);
        assertRefused(cli("flows", "validate", code.toString()), where);
    }

    @Test
    void aFunctionWithoutItsModuleIsRefusedAtItsPlace() throws IOException {
        Files.writeString(code.resolve("flow.yaml"), """
                id: folder_demo
                steps:
                  clean: { type: python, function: clean }
                """);

        assertRefused(cli("flows", "apply", code.toString()), code.resolve("flow.yaml") + ":3:36: function: of "
                + "python step 'clean' must be module:name, such as clean:run (the function run of clean.py), was "
                + "'clean'");
    }

    @Test
    void aStepsGlobThatMatchesNoFileIsRefusedAtItsPlace() throws IOException {
        Files.writeString(code.resolve("flow.yaml"), FLOW.replace("run: sh clean.sh", """
                run: sh clean.sh
                    files: [clean.sh, "sql/*.sql"]"""));

        assertRefused(cli("flows", "apply", code.toString()), code.resolve("flow.yaml") + ":10:23: files: glob "
                + "'sql/*.sql' of step 'clean' matches none of the flow's files");
    }

    private void assertRefused(Result result, String words) {
        assertThat(result.code()).as(result.out() + result.err()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains(words);
        assertThat(cli("flows", "list").out()).doesNotContain("folder_demo");
        assertThat(cli("runs", "list", "--json").out()).doesNotContain("folder_demo");
        assertThat(files(ws.resolve("artifacts"))).as("artifacts written").isEmpty();
    }

    private static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
