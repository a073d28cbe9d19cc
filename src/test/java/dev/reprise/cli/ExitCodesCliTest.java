package dev.reprise.cli;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.cli.LocalCli.Result;
import dev.reprise.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each exit code the README and the root --help promise, caused for real. */
class ExitCodesCliTest {

    @TempDir
    Path folder;

    private Path ws;

    private Result cli(String... args) {
        return LocalCli.run(ws, args);
    }

    @BeforeEach
    void applyAFlow() throws Exception {
        ws = folder.resolve("ws");
        Path flow = Files.writeString(folder.resolve("hello.yaml"), """
                id: hello
                steps:
                  greet: { type: shell, run: "echo hello" }
                """);
        assertThat(cli("flows", "apply", flow.toString()).code()).isZero();
    }

    @Test
    void theRootHelpListsEveryExitCode() {
        String help = cli("--help").out();

        assertThat(help).contains("Exit codes:");
        assertThat(help).containsPattern("\\s0\\s+ok")
                .containsPattern("\\s1\\s+a run failed")
                .containsPattern("\\s2\\s+bad usage or bad input")
                .containsPattern("\\s3\\s+not found")
                .containsPattern("\\s4\\s+busy");
    }

    @Test
    void aRunThatSucceedsExitsZero() {
        assertThat(cli("run", "hello").code()).isEqualTo(Cli.OK);
    }

    @Test
    void aRunThatFailsExitsOne() throws Exception {
        Path failing = Files.writeString(folder.resolve("fail.yaml"), """
                id: failing
                steps:
                  boom: { type: shell, run: "exit 4" }
                """);

        assertThat(cli("run", failing.toString()).code()).isEqualTo(Cli.RUN_FAILED);
    }

    @Test
    void badUsageAndBadInputExitTwo() {
        assertThat(cli("runs", "list", "--no-such-option").code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(cli("runs", "list", "--limit", "0").code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(cli("run", "hello", "-i", "nope=1").code()).isEqualTo(Cli.BAD_INPUT);
    }

    @Test
    void whatDoesNotExistExitsThree() {
        Result run = cli("runs", "show", "r-nope");

        assertThat(run.code()).isEqualTo(Cli.NOT_FOUND);
        assertThat(run.err()).contains("no run 'r-nope'");
        assertThat(cli("flows", "show", "nope").code()).isEqualTo(Cli.NOT_FOUND);
        assertThat(cli("run", "nope").code()).isEqualTo(Cli.NOT_FOUND);
        assertThat(cli("snapshots", "show", "nope").code()).isEqualTo(Cli.NOT_FOUND);
        assertThat(cli("logs", "r-nope", "greet").code()).isEqualTo(Cli.NOT_FOUND);
        assertThat(cli("runs", "delete", "r-nope", "--yes").code()).isEqualTo(Cli.NOT_FOUND);
    }

    @Test
    void revokingATokenThatDoesNotExistExitsThree() {
        Cli.Environment host = new Cli.Environment(new TokensOnlyHost(), folder.resolve("connections.json"), Map.of());

        Result revoked = LocalCli.run(ws, host, "server", "tokens", "revoke", "tok-nope");

        assertThat(revoked.code()).isEqualTo(Cli.NOT_FOUND);
        assertThat(revoked.err()).contains("no token with id 'tok-nope'");
    }

    @Test
    void aWorkspaceOpenElsewhereExitsFourAndSaysSo() {
        try (Workspace holder = LocalWorkspaces.open(ws, LocalWorkspaces.Options.defaults().withParallelism(1))) {
            Result busy = cli("runs", "list");

            assertThat(busy.code()).isEqualTo(Cli.BUSY);
            assertThat(busy.err()).contains("workspace " + ws).contains("already open");
            assertThat(holder.flows()).hasSize(1);
        }
        assertThat(cli("runs", "list").code()).as("free again once closed").isEqualTo(Cli.OK);
    }

    @Test
    void runOfACommandsNameSuggestsThatCommand() {
        Result run = cli("run", "list");

        assertThat(run.code()).isEqualTo(Cli.NOT_FOUND);
        assertThat(run.err()).contains("no flow 'list'").contains("did you mean 'reprise runs list'")
                .contains("'reprise flows list'");
        assertThat(cli("run", "apply").err()).contains("did you mean 'reprise flows apply'?");
        assertThat(cli("run", "replay").err()).contains("did you mean 'reprise replay'?");
        assertThat(cli("run", "nope").err()).doesNotContain("did you mean");
        assertThat(cli("runs", "list", "--json").out()).contains("\"runs\" : [ ]");
    }
}
