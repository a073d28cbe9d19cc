package dev.reprise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.cli.LocalCli.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code runs delete} and {@code gc} delete for good: they ask at a terminal, go ahead with --yes, list with
 * --dry-run, and without a terminal or --yes refuse before changing anything.
 */
class DestructiveCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private Path ws;
    private Path flow;

    private Result cli(String... args) {
        return LocalCli.run(ws, args);
    }

    private Result at(Terminal terminal, String... args) {
        return LocalCli.run(ws, new Cli.Environment(null, folder.resolve("connections.json"), Map.of(), terminal), args);
    }

    @BeforeEach
    void writeFlow() throws Exception {
        ws = folder.resolve("ws");
        flow = Files.writeString(folder.resolve("notes.yaml"), """
                id: notes
                steps:
                  write: { type: shell, run: "printf 'a note to drop' > \\"$REPRISE_OUTPUT_DIR/note.txt\\"" }
                """);
    }

    private String ranRun() throws Exception {
        Result ran = cli("run", flow.toString(), "--json");
        assertThat(ran.code()).as(ran.err()).isZero();
        return JSON.readTree(ran.out()).at("/run/id").asText();
    }

    private List<String> runIds() throws Exception {
        List<String> ids = new ArrayList<>();
        JSON.readTree(cli("runs", "list", "--json").out()).path("runs").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    private String replayOf(String runId) throws Exception {
        Result replayed = cli("replay", runId, "--json");
        assertThat(replayed.code()).as(replayed.err()).isZero();
        return JSON.readTree(replayed.out()).at("/run/id").asText();
    }

    @Test
    void aDryRunListsTheRunsThatWouldGoAndDeletesNothing() throws Exception {
        String source = ranRun();
        String replay = replayOf(source);

        Result dry = cli("runs", "delete", source, "--with-replays", "--dry-run");
        Result dryJson = cli("runs", "delete", source, "--with-replays", "--dry-run", "--json");

        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("would delete " + replay).contains("would delete " + source)
                .doesNotContain("deleted ");
        JsonNode doc = JSON.readTree(dryJson.out());
        assertThat(doc.path("dryRun").asBoolean()).isTrue();
        assertThat(doc.path("runs")).extracting(JsonNode::asText).containsExactly(replay, source);
        assertThat(runIds()).containsExactlyInAnyOrder(source, replay);
    }

    @Test
    void withYesRunsAreDeletedWithoutAQuestion() throws Exception {
        String source = ranRun();
        PersonAtTerminal person = new PersonAtTerminal();

        Result deleted = at(person, "runs", "delete", source, "--yes");

        assertThat(deleted.code()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("deleted " + source + "\n");
        assertThat(person.asked).isEmpty();
        assertThat(runIds()).isEmpty();
    }

    @Test
    void withoutATerminalOrYesNothingIsDeletedAndTheErrorSaysWhatToAdd() throws Exception {
        String source = ranRun();

        Result refused = at(Terminal.NONE, "runs", "delete", source);
        Result gc = at(Terminal.NONE, "gc");

        assertThat(refused.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(refused.err()).contains("no terminal to ask").contains("--yes").contains("--dry-run");
        assertThat(refused.out()).isEmpty();
        assertThat(gc.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(gc.err()).contains("'gc' deletes for good");
        assertThat(runIds()).containsExactly(source);
    }

    @Test
    void atATerminalTheRunsAreDeletedOnlyWhenThePersonSaysYes() throws Exception {
        String source = ranRun();
        PersonAtTerminal no = new PersonAtTerminal("n");
        PersonAtTerminal yes = new PersonAtTerminal("y");

        Result declined = at(no, "runs", "delete", source);
        assertThat(declined.code()).isEqualTo(Cli.RUN_FAILED);
        assertThat(declined.err()).contains("nothing deleted");
        assertThat(no.asked).singleElement().asString().contains("Delete 1 run (" + source + ")").endsWith("[y/N] ");
        assertThat(runIds()).containsExactly(source);

        Result confirmed = at(yes, "runs", "delete", source);
        assertThat(confirmed.code()).as(confirmed.err()).isZero();
        assertThat(runIds()).isEmpty();
    }

    @Test
    void aReplayNamedWithItsSourceGoesFirstAndARefusalDeletesNone() throws Exception {
        String first = ranRun();
        String source = ranRun();
        String replay = replayOf(source);

        Result refused = cli("runs", "delete", first, source, "--yes");
        assertThat(refused.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(refused.err()).contains("run " + source + " has 1 replay").contains("nothing was deleted");
        assertThat(runIds()).containsExactlyInAnyOrder(first, source, replay);

        Result both = cli("runs", "delete", source, replay, first, "--yes");
        assertThat(both.code()).as(both.err()).isZero();
        // in the order named, each replay before its source
        assertThat(both.out()).isEqualTo("deleted " + replay + "\ndeleted " + source + "\ndeleted " + first + "\n");
        assertThat(runIds()).isEmpty();
    }

    @Test
    void gcAsksAtATerminalAndRemovesOnlyOnYes() throws Exception {
        String runId = ranRun();
        cli("runs", "delete", runId, "--yes");
        PersonAtTerminal no = new PersonAtTerminal("no");
        PersonAtTerminal yes = new PersonAtTerminal("yes");

        Result declined = at(no, "gc", "--keep-newer-than", "0s");
        Result confirmed = at(yes, "gc", "--keep-newer-than", "0s");

        assertThat(declined.code()).isEqualTo(Cli.RUN_FAILED);
        assertThat(declined.out()).isEmpty();
        assertThat(no.asked).singleElement().asString().contains("Delete the artifacts no run refers to");
        assertThat(confirmed.code()).as(confirmed.err()).isZero();
        assertThat(confirmed.out()).startsWith("removed 1 artifacts (14 B)");
    }

    @Test
    void gcDryRunCountsWhatWouldGoAndRemovesNothing() throws Exception {
        String runId = ranRun();
        cli("runs", "delete", runId, "--yes");

        Result dry = at(Terminal.NONE, "gc", "--keep-newer-than", "0s", "--dry-run");
        Result again = at(Terminal.NONE, "gc", "--keep-newer-than", "0s", "--dry-run");
        Result real = cli("gc", "--keep-newer-than", "0s", "--yes");

        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).startsWith("would remove 1 artifacts (14 B)");
        assertThat(again.out()).as("nothing was removed by the first").isEqualTo(dry.out());
        assertThat(real.out()).startsWith("removed 1 artifacts (14 B)");
    }
}
