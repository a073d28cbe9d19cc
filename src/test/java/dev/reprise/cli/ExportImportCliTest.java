package dev.reprise.cli;

import dev.reprise.cli.LocalCli.Result;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reprise export} and {@code reprise import} between two workspace folders, and a replay after. */
class ExportImportCliTest {

    @TempDir
    Path folder;

    private Result cli(Path workspace, String... args) {
        return LocalCli.run(workspace, args);
    }

    @Test
    void anExportedRunImportsIntoAnotherFolderOnceAndReplaysThere() throws Exception {
        Path mine = folder.resolve("mine");
        Path theirs = folder.resolve("theirs");
        assertThat(cli(mine, "flows", "apply", "assets/examples/bike_trips/flow.yaml").code()).isZero();
        Result ran = cli(mine, "run", "bike_trips", "--json");
        String runId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ran.out()).at("/run/id").asText();
        Path file = folder.resolve("bike_trips.zip");

        Result exported = cli(mine, "export", runId, "--out", file.toString());
        Result imported = cli(theirs, "import", file.toString());
        Result again = cli(theirs, "import", file.toString());

        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(Files.size(file)).isPositive();
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("imported run " + runId);
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("was imported already");
        assertThat(cli(theirs, "flows", "apply", "assets/examples/bike_trips/flow.v2.yaml").code()).isZero();
        Result replay = cli(theirs, "replay", runId, "--failed", "--revision", "latest");
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("SUCCEEDED");
    }

    @Test
    void importNeedsALocalWorkspaceAndAnExportedFile() throws Exception {
        Path file = Files.writeString(folder.resolve("notes.zip"), "not a zip");

        Result result = cli(folder.resolve("ws"), "import", file.toString());

        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("is not an exported run");
    }
}
