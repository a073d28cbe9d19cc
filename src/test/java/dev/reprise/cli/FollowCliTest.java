package dev.reprise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.cli.LocalCli.Result;
import dev.reprise.run.Json;
import dev.reprise.run.RunEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a run awaited is shown: {@code --follow} as lines for people with the steps done of all, or with
 * {@code --json} as one JSON object a line; without {@code --follow} a progress line on a terminal, and nothing
 * but the end anywhere else.
 */
class FollowCliTest {

    /** How clients read the server's event stream: a line that reads back as an event has the wire's shape. */
    private static final ObjectMapper WIRE = Json.newMapper();

    @TempDir
    Path folder;

    private Path ws;
    private Path flow;

    private Result cli(String... args) {
        return LocalCli.run(ws, args);
    }

    @BeforeEach
    void writeFlow() throws Exception {
        ws = folder.resolve("ws");
        flow = Files.writeString(folder.resolve("two.yaml"), """
                id: two
                steps:
                  first: { type: shell, run: "echo one" }
                  second: { type: shell, needs: [first], run: "echo two" }
                """);
    }

    /** Checks that {@code out} is NDJSON of the run's events, then the ended run; returns the ended run. */
    private static JsonNode eventsThenRun(String out) throws Exception {
        assertThat(out).endsWith("\n");
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSizeGreaterThan(2);
        List<String> events = lines.subList(0, lines.size() - 1);
        for (String line : events) {
            assertThat(WIRE.writeValueAsString(WIRE.readValue(line, RunEvent.class))).isEqualTo(line);
        }
        List<JsonNode> nodes = events.stream().map(FollowCliTest::tree).toList();
        assertThat(nodes).extracting(n -> n.path("type").asText()).contains("RUN", "STEP");
        assertThat(nodes.getLast().path("type").asText()).isEqualTo("RUN");
        assertThat(nodes.getLast().at("/run/state").asText()).isEqualTo("SUCCEEDED");
        assertThat(nodes.stream().filter(n -> n.path("type").asText().equals("STEP")))
                .extracting(n -> n.at("/step/stepId").asText()).contains("first", "second");
        JsonNode ended = tree(lines.getLast());
        assertThat(ended.has("type")).isFalse();
        assertThat(ended.at("/run/state").asText()).isEqualTo("SUCCEEDED");
        assertThat(ended.path("steps")).hasSize(2);
        return ended;
    }

    private static JsonNode tree(String line) {
        try {
            return WIRE.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @Test
    void followWithJsonPrintsEachEventAsAJsonLineAndTheEndedRunLast() throws Exception {
        Result run = cli("run", flow.toString(), "--follow", "--json");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode ended = eventsThenRun(run.out());
        assertThat(run.err()).contains("run " + ended.at("/run/id").asText() + " of two revision 1 started");
    }

    @Test
    void replayFollowsAsJsonLinesToo() throws Exception {
        String source = WIRE.readTree(cli("run", flow.toString(), "--json").out()).at("/run/id").asText();

        Result replay = cli("replay", source, "--follow", "--json");

        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(eventsThenRun(replay.out()).at("/run/parentRunId").asText()).isEqualTo(source);
        assertThat(replay.err()).contains("replays " + source);
    }

    @Test
    void aSnapshotRunFollowsAsJsonLinesToo() throws Exception {
        cli("flows", "apply", flow.toString());
        cli("snapshots", "create", "both", "--flow", "two");

        Result run = cli("snapshots", "run", "both", "-f", "--json");

        assertThat(run.code()).as(run.err()).isZero();
        eventsThenRun(run.out());
    }

    @Test
    void followWithLogsPrintsEachStepsLinesAfterItsIdAndBeforeTheRunEnds() throws Exception {
        Path slow = Files.writeString(folder.resolve("slow.yaml"), """
                id: slow
                steps:
                  count: { type: shell, run: "echo tick 1; sleep 1; echo tick 2; printf 'no newline'" }
                  after: { type: shell, needs: [count], run: "echo done >&2" }
                """);

        Result run = cli("run", slow.toString(), "--follow", "--logs");

        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).containsSubsequence("count | tick 1", "count | tick 2", "count | no newline", "after | done");
        assertThat(lines.indexOf("after | done")).as("the logs come before the run's last line")
                .isLessThan(lines.size() - 1);
        int tick2 = lines.indexOf("count | tick 2");
        int countEnded = lines.stream().filter(l -> l.contains("  count  SUCCEEDED")).findFirst().map(lines::indexOf)
                .orElseThrow();
        assertThat(lines.indexOf("count | tick 1")).as("a running step's lines come as they are written")
                .isLessThan(countEnded);
        assertThat(tick2).isGreaterThan(lines.indexOf("count | tick 1"));

        Result withoutFollow = cli("run", slow.toString(), "--logs");
        assertThat(withoutFollow.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(withoutFollow.err()).contains("--logs goes with --follow");
    }

    @Test
    void aFanOutWiderThanTheWorkersPrintsALineWhenAnInstanceStartsNotWhileItWaits() throws Exception {
        Path fanOut = Files.writeString(folder.resolve("wide.yaml"), """
                id: wide
                steps:
                  ids:
                    type: list.range
                    inputs: { count: 12, prefix: "s" }
                  each:
                    type: shell
                    foreach: "{{ steps.ids.outputs.items }}"
                    run: "true"
                """);

        Result run = cli("run", fanOut.toString(), "--follow");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("PENDING");
        for (int i = 0; i < 12; i++) {
            assertThat(run.out()).contains("each[" + i + "]  RUNNING", "each[" + i + "]  SUCCEEDED");
        }
        Result json = cli("run", fanOut.toString(), "--follow", "--json");
        assertThat(json.out()).as("the JSON lines keep every event").contains("\"state\":\"PENDING\"");
    }

    @Test
    void followLinesShowTheStepsDoneOfAllTheFlowsSteps() {
        Result run = cli("run", flow.toString(), "--follow");

        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        // every line counts both steps, also before the second is reached
        assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(line ->
                assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  \\[[0-2]/2]  .+"));
        assertThat(run.out()).contains("[2/2]  second  SUCCEEDED").contains("[2/2]  run ");
        assertThat(lines.getLast()).matches("run r-\\w+ SUCCEEDED in \\S+");
    }

    @Test
    void onATerminalAProgressLineIsRewrittenAndASummaryLineIsLeft() {
        Result run = LocalCli.run(ws, new ShowingTerminal(80).environment(folder, Map.of("NO_COLOR", "1")),
                "run", flow.toString());

        assertThat(run.code()).as(run.err()).isZero();
        String out = run.out();
        assertThat(out).contains("\r");
        String[] drawn = out.substring(0, out.lastIndexOf('\r')).split("\r");
        assertThat(drawn).anySatisfy(line -> assertThat(line.stripTrailing())
                .matches("run r-\\w+  (QUEUED|RUNNING|SUCCEEDED)  [0-2]/2 steps  0 failed  \\S+"));
        assertThat(drawn).allSatisfy(line -> assertThat(line.length()).isLessThan(80));
        assertThat(drawn[drawn.length - 1]).isBlank(); // the progress line is cleared before the summary
        assertThat(out.substring(out.lastIndexOf('\r') + 1)).matches("run r-\\w+ SUCCEEDED in \\S+\\R");
    }

    @Test
    void offATerminalOnlyTheEndIsPrinted() {
        Result run = cli("run", flow.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).matches("run r-\\w+ SUCCEEDED in \\S+\\R");
    }

    @Test
    void jsonOnATerminalHasNoProgressLine() throws Exception {
        Result run = LocalCli.run(ws, new ShowingTerminal(80).environment(folder, Map.of()), "run", flow.toString(),
                "--json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("\r").doesNotContain("\u001b");
        assertThat(WIRE.readTree(run.out()).at("/run/state").asText()).isEqualTo("SUCCEEDED");
    }
}
