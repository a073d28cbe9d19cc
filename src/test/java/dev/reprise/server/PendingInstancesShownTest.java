package dev.reprise.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.app.TestWiring;
import dev.reprise.cli.Cli;
import dev.reprise.run.Run;
import dev.reprise.run.StepState;
import dev.reprise.ui.TestWorkspaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.reprise.testing.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fan-out wider than the engine's parallelism, read while it runs through a server: the run detail the REST API
 * answers, and {@code reprise runs show} against that server, list every instance, those not started yet pending.
 */
class PendingInstancesShownTest {

    @TempDir
    Path folder;

    private TestServer server;
    private Path gate;

    @BeforeEach
    void start() {
        server = new TestServer(folder.resolve("server")); // parallelism 2
        gate = folder.resolve("gate");
    }

    @AfterEach
    void stop() throws Exception {
        Files.writeString(gate, "open");
        server.close();
    }

    private Run runningFanOut() {
        Run run = TestWorkspaces.startGatedFanOut(server.workspace, gate, 20);
        waitFor("two instances running", () -> server.workspace.run(run.id()).steps().stream()
                .filter(s -> s.state() == StepState.RUNNING).count() == 2);
        return run;
    }

    @Test
    void theRunDetailOfTheRestApiHasTheInstancesNotStartedYetAsPending() throws Exception {
        Run run = runningFanOut();

        HttpResponse<String> answer = server.send(server.get("/runs/" + run.id()));

        assertThat(answer.statusCode()).isEqualTo(200);
        List<String> pending = new ArrayList<>();
        for (JsonNode step : new ObjectMapper().readTree(answer.body()).path("steps")) {
            if (step.path("state").asText().equals("PENDING")) {
                pending.add(step.path("stepId").asText());
            }
        }
        assertThat(pending).hasSize(18).startsWith("each[2]").endsWith("each[19]");
    }

    @Test
    void runsShowListsTheInstancesNotStartedYetAsPendingInOrder() {
        Run run = runningFanOut();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(TestWiring.workspaces(), folder.resolve("unused"),
                new Cli.Environment(null, folder.resolve("connections.json"), Map.of()))
                .execute(new String[] {"runs", "show", run.id(), "--server", "http://127.0.0.1:" + server.server.port(),
                        "--token", server.token}, new PrintWriter(out), new PrintWriter(err));

        assertThat(code).as(err.toString()).isZero();
        List<String> rows = out.toString().lines().filter(l -> l.startsWith("each[")).toList();
        assertThat(rows).hasSize(20);
        assertThat(rows.subList(0, 2)).allSatisfy(l -> assertThat(l).containsPattern("^each\\[[01]\\]\\s+RUNNING\\s"));
        for (int i = 2; i < 20; i++) {
            assertThat(rows.get(i)).containsPattern("^each\\[" + i + "\\]\\s+PENDING\\s+-\\s");
        }
    }
}
