package dev.reprise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.cli.LocalCli.Result;
import dev.reprise.run.Json;
import dev.reprise.workspace.FileDiff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code flows diff FLOW A B} on a flow folder whose revision 2 changes a script, adds and deletes a file, and
 * changes a binary file and one too large to compare: a unified diff per changed file, as {@code git diff} reads.
 */
class FlowsDiffCliTest {

    private static final String FLOW = """
            id: diffed
            steps:
              clean: { type: shell, run: sh clean.sh }
            """;

    @TempDir
    Path folder;

    private Path ws;
    private Path code;

    @BeforeEach
    void applyTwoRevisions() throws IOException {
        ws = folder.resolve("ws");
        code = Files.createDirectories(folder.resolve("diffed"));
        Files.writeString(code.resolve("flow.yaml"), FLOW);
        Files.writeString(code.resolve("clean.sh"), "set -e\nin=data.csv\nsort \"$in\"\nuniq -c\necho done\n");
        Files.writeString(code.resolve("old.sql"), "select 1;\n");
        Files.write(code.resolve("model.bin"), new byte[]{0x7f, 'E', 'L', 'F', 0, 1, 2});
        Files.writeString(code.resolve("big.csv"), "a,b\n" + "1,2\n".repeat(70_000));
        assertThat(cli("flows", "apply", code.toString()).out()).contains("diffed revision 1 (new)");
        Files.writeString(code.resolve("clean.sh"), "set -e\nin=data.csv\nsort -u \"$in\"\nuniq -c\necho done\n");
        Files.delete(code.resolve("old.sql"));
        Files.writeString(code.resolve("new.py"), "print('new')\nprint('code')\n");
        Files.write(code.resolve("model.bin"), new byte[]{0x7f, 'E', 'L', 'F', 0, 1, 3});
        Files.writeString(code.resolve("big.csv"), "a,b\n" + "1,2\n".repeat(70_001));
        assertThat(cli("flows", "apply", code.toString()).out()).contains("diffed revision 2 (new)");
    }

    private Result cli(String... args) {
        return LocalCli.run(ws, args);
    }

    @Test
    void aChangedScriptShowsItsLinesWithContextAsAUnifiedDiff() {
        Result diff = cli("flows", "diff", "diffed", "1", "2");

        assertThat(diff.code()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("""
                diff a/clean.sh b/clean.sh
                --- a/clean.sh\trevision 1
                +++ b/clean.sh\trevision 2
                @@ -1,5 +1,5 @@
                 set -e
                 in=data.csv
                -sort "$in"
                +sort -u "$in"
                 uniq -c
                 echo done
                """);
        assertThat(diff.out()).doesNotContain("diff a/flow.yaml");
        assertThat(diff.out().lines().findFirst()).contains(
                "# diffed revision 1 → 2: files: 1 added, 1 removed, 3 changed");
    }

    @Test
    void anAddedAndADeletedFileAreListedWithTheirLines() {
        Result diff = cli("flows", "diff", "diffed", "1", "2");

        assertThat(diff.out()).contains("""
                diff a/new.py b/new.py
                added, 2 lines
                --- /dev/null
                +++ b/new.py\trevision 2
                @@ -0,0 +1,2 @@
                +print('new')
                +print('code')
                """);
        assertThat(diff.out()).contains("""
                diff a/old.sql b/old.sql
                removed, 1 line
                --- a/old.sql\trevision 1
                +++ /dev/null
                @@ -1 +0,0 @@
                -select 1;
                """);
    }

    @Test
    void aBinaryFileAndOneTooLargeAreNamedNotDumped() {
        Result diff = cli("flows", "diff", "diffed", "1", "2");

        assertThat(diff.out()).contains("""
                diff a/model.bin b/model.bin
                binary, 7 bytes, not compared line by line
                diff a/new.py b/new.py
                """);
        assertThat(diff.out()).contains("diff a/big.csv b/big.csv\n280,004 → 280,008 bytes, too large to compare "
                + "line by line (over 262,144 bytes)\ndiff a/clean.sh b/clean.sh\n");
        assertThat(diff.out()).doesNotContain("ELF").doesNotContain("1,2\n");
    }

    @Test
    void theYamlComesFirstWithTheFilesAfterIt() throws IOException {
        Files.writeString(code.resolve("flow.yaml"), FLOW.replace("sh clean.sh", "sh -x clean.sh"));
        cli("flows", "apply", code.toString());

        Result diff = cli("flows", "diff", "diffed", "2", "3", "--context", "0");

        assertThat(diff.code()).as(diff.err()).isZero();
        assertThat(diff.out()).isEqualTo("""
                # diffed revision 2 → 3: 1 changed
                diff a/flow.yaml b/flow.yaml
                --- a/flow.yaml\trevision 2
                +++ b/flow.yaml\trevision 3
                @@ -3 +3 @@
                -  clean: { type: shell, run: sh clean.sh }
                +  clean: { type: shell, run: sh -x clean.sh }
                """);
    }

    @Test
    void jsonGivesEachFileWithItsHunks() throws Exception {
        Result diff = cli("flows", "diff", "diffed", "1", "2", "--json");

        JsonNode json = Json.newMapper().readTree(diff.out());
        assertThat(json.path("identical").asBoolean()).isFalse();
        assertThat(json.path("files")).extracting(file -> file.path("path").asText())
                .containsExactly("big.csv", "clean.sh", "model.bin", "new.py", "old.sql");
        JsonNode clean = json.path("files").get(1);
        assertThat(clean.path("change").asText()).isEqualTo(FileDiff.Change.CHANGED.name());
        assertThat(clean.path("linesAdded").asInt()).isEqualTo(1);
        assertThat(clean.at("/hunks/0/leftStart").asInt()).isEqualTo(1);
        assertThat(clean.at("/hunks/0/lines/2/side").asText()).isEqualTo("LEFT");
        assertThat(clean.at("/hunks/0/lines/2/text").asText()).isEqualTo("sort \"$in\"");
        JsonNode binary = json.path("files").get(2);
        assertThat(binary.path("content").asText()).isEqualTo("BINARY");
        assertThat(binary.path("hunks")).isEmpty();
        assertThat(json.path("files").get(3).path("left").isNull()).isTrue();
    }

    @Test
    void aRevisionThatIsNoneIsNotFoundAndABadContextIsAUsageError() {
        Result none = cli("flows", "diff", "diffed", "1", "7");
        Result badContext = cli("flows", "diff", "diffed", "1", "2", "--context", "-1");
        Result notANumber = cli("flows", "diff", "diffed", "one", "2");

        assertThat(none.code()).isEqualTo(Cli.NOT_FOUND);
        assertThat(none.err()).contains("7");
        assertThat(badContext.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(badContext.err()).contains("--context");
        assertThat(notANumber.code()).isEqualTo(Cli.BAD_INPUT);
    }

    @Test
    void aRevisionComparedWithItselfIsIdentical() {
        Result diff = cli("flows", "diff", "diffed", "2", "2");

        assertThat(diff.code()).isZero();
        assertThat(diff.out()).isEqualTo("# diffed revision 2 → 2: identical\n");
    }
}
