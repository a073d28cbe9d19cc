package dev.reprise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.cli.LocalCli.Result;
import dev.reprise.run.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's walk-through of the bundled {@code orders} example, command by command on a copy of the example:
 * run it (revision 1's clean.py fails), put revision 2's script in place, apply the folder, plan the failed part on
 * the latest revision (the plan names clean.py and reuses what did not use it), replay it (it succeeds), and replay
 * on the original revision (the old script runs again, though the file changed on disk).
 */
class OrdersWalkThroughCliTest {

    private static final Path EXAMPLE = Path.of("assets", "examples", "orders");
    private static final String FAILURE = "ValueError: could not convert string to float: '2,449.49' (line 9 of "
            + "clean.py, in amount)";

    @TempDir
    Path folder;

    private Path ws;
    private Path orders;

    @BeforeEach
    void copyTheExample() throws IOException {
        assumeTrue(Stream.of(System.getenv("PATH").split(File.pathSeparator))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "python3"))),
                "python3 is not on the PATH: the orders example runs python steps");
        ws = folder.resolve("ws");
        orders = folder.resolve("my-orders");
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path file : files.toList()) {
                Files.copy(file, orders.resolve(EXAMPLE.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private Result cli(String... args) {
        return LocalCli.run(ws, args);
    }

    private static JsonNode json(Result result) throws IOException {
        return Json.newMapper().readTree(result.out());
    }

    @Test
    void aChangedScriptIsNamedInThePlanAndItsReplaySucceeds() throws IOException {
        Result first = cli("run", orders + "/", "--json");
        JsonNode failed = json(first);
        assertThat(failed.at("/run/state").asText()).as(first.err()).isEqualTo("FAILED");
        assertThat(failed.at("/run/revision").asInt()).isEqualTo(1);
        assertThat(step(failed, "generate").at("/state").asText()).isEqualTo("SUCCEEDED");
        assertThat(step(failed, "clean").at("/error").asText()).isEqualTo(FAILURE);

        Files.copy(orders.resolve("revision-2/clean.py"), orders.resolve("clean.py"),
                StandardCopyOption.REPLACE_EXISTING);
        Result applied = cli("flows", "apply", orders + "/");
        Result plan = cli("plan", "orders", "--failed", "--revision", "latest");
        Result replay = cli("replay", "orders", "--failed", "--revision", "latest", "--json");

        assertThat(applied.out()).contains("orders revision 2 (new)");
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("file clean.py changed in revision 2");
        assertThat(lineOf(plan.out(), "generate")).contains("reuse");
        assertThat(lineOf(plan.out(), "clean")).contains("execute (stale)");
        assertThat(lineOf(plan.out(), "summarise")).contains("execute");
        assertThat(replay.code()).as(replay.err()).isZero();
        JsonNode replayed = json(replay);
        assertThat(replayed.at("/run/state").asText()).isEqualTo("SUCCEEDED");
        assertThat(replayed.at("/run/revision").asInt()).isEqualTo(2);
        assertThat(step(replayed, "generate").at("/state").asText()).isEqualTo("REUSED");
        assertThat(step(replayed, "summarise").at("/outputs/busiest").asText()).isEqualTo("north");
        assertThat(step(replayed, "summarise").at("/outputs/total").asDouble()).isEqualTo(501414.79);
    }

    @Test
    void theOriginalRevisionRunsTheOldScriptAfterItChangedOnDisk() throws IOException {
        String runId = json(cli("run", orders + "/", "--json")).at("/run/id").asText();
        Files.copy(orders.resolve("revision-2/clean.py"), orders.resolve("clean.py"),
                StandardCopyOption.REPLACE_EXISTING);
        cli("flows", "apply", orders + "/");

        Result replay = cli("replay", runId, "--failed", "--json");

        JsonNode replayed = json(replay);
        assertThat(replayed.at("/run/revision").asInt()).isEqualTo(1);
        assertThat(replayed.at("/run/state").asText()).isEqualTo("FAILED");
        assertThat(step(replayed, "clean").at("/error").asText()).isEqualTo(FAILURE);
    }

    private static JsonNode step(JsonNode run, String stepId) {
        for (JsonNode step : run.path("steps")) {
            if (step.path("stepId").asText().equals(stepId)) {
                return step;
            }
        }
        throw new AssertionError("no step " + stepId + " in " + run);
    }

    /** The plan's line of step {@code stepId}, in lower case. */
    private static String lineOf(String text, String stepId) {
        List<String> lines = text.lines().filter(l -> l.startsWith(stepId + " ")).toList();
        assertThat(lines).as("the line of " + stepId + " in\n" + text).hasSize(1);
        return lines.get(0).toLowerCase();
    }
}
