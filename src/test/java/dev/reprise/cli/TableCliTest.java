package dev.reprise.cli;

import dev.reprise.cli.LocalCli.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables printed to a terminal fit its width, cutting the widest free-text column, and colour run states; printed
 * anywhere else they are plain and whole.
 */
class TableCliTest {

    private static final String DESCRIPTION = "Fetches the trips of every bike station in town and counts them by hour";
    private static final String NAME = "the nightly recount after the parser was fixed";

    @TempDir
    Path folder;

    private Path ws;

    private Result at(Terminal terminal, Map<String, String> variables, String... args) {
        return LocalCli.run(ws, new Cli.Environment(null, folder.resolve("connections.json"), variables, terminal),
                args);
    }

    private Result onTerminal(int columns, String... args) {
        return at(new ShowingTerminal(columns), Map.of(), args);
    }

    @BeforeEach
    void runAFlow() throws Exception {
        ws = folder.resolve("ws");
        Path flow = Files.writeString(folder.resolve("trips.yaml"), """
                id: trips
                description: %s
                steps:
                  count: { type: shell, run: "true" }
                """.formatted(DESCRIPTION));
        Result ran = LocalCli.run(ws, "run", flow.toString(), "--name", NAME);
        assertThat(ran.code()).as(ran.err()).isZero();
    }

    @Test
    void aTableOnATerminalCutsItsFreeTextToTheWidth() {
        Result flows = onTerminal(60, "flows", "list");

        assertThat(flows.out().lines()).hasSize(2).allSatisfy(line -> assertThat(Screen.visibleLength(line)).isLessThanOrEqualTo(60));
        assertThat(flows.out()).contains("Fetches the trips").contains("…").doesNotContain(DESCRIPTION);
        assertThat(flows.out().lines().skip(1).findFirst().orElseThrow()).startsWith("trips").hasSize(60);
    }

    @Test
    void runsListCutsTheNameAndKeepsTheRunIdWhole() {
        Result plain = LocalCli.run(ws, "runs", "list");
        String runId = plain.out().lines().skip(1).findFirst().orElseThrow().split(" ")[0];

        Result list = onTerminal(110, "runs", "list", "--no-color");

        assertThat(list.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(110));
        assertThat(list.out()).contains(runId).contains("the nightly").contains("…").doesNotContain(NAME);
    }

    @Test
    void aTableNotOnATerminalIsWholeWhateverColumnsSays() {
        Result flows = at(Terminal.NONE, Map.of("COLUMNS", "40"), "flows", "list");

        assertThat(flows.out()).contains(DESCRIPTION).doesNotContain("…").doesNotContain("\u001b");
    }

    @Test
    void columnsSetsTheWidthOfATerminal() {
        Result flows = at(new ShowingTerminal(200), Map.of("COLUMNS", "50"), "flows", "list");

        assertThat(flows.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(50));
        assertThat(flows.out()).contains("…");
    }

    @Test
    void runStatesAreColouredOnATerminal() {
        Result list = onTerminal(200, "runs", "list");

        assertThat(list.out()).contains("\u001b[32mSUCCEEDED\u001b[0m");
    }

    @Test
    void coloursAreLeftOutWithNoColorOrNoColorOptionOrOffATerminal() {
        assertThat(at(new ShowingTerminal(200), Map.of("NO_COLOR", "1"), "runs", "list").out()).doesNotContain("\u001b");
        assertThat(onTerminal(200, "runs", "list", "--no-color").out()).doesNotContain("\u001b").contains("SUCCEEDED");
        assertThat(onTerminal(200, "--no-color", "runs", "list").out()).doesNotContain("\u001b");
        assertThat(LocalCli.run(ws, "runs", "list").out()).doesNotContain("\u001b");
    }

    @Test
    void colourCodesDoNotMoveTheColumns() {
        String coloured = onTerminal(110, "runs", "list").out();
        String plain = onTerminal(110, "runs", "list", "--no-color").out();

        assertThat(coloured).isNotEqualTo(plain);
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }
}
