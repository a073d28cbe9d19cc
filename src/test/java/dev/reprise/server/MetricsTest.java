package dev.reprise.server;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /metrics} of a real server on loopback, read as Prometheus reads it: the text format 0.0.4, parsed
 * line by line; run gauges and counters that follow a real run, request counts by route template, and the same
 * token rules as the rest of the API.
 */
class MetricsTest {

    private static final String GATED = """
            id: gated
            inputs:
              gate: { type: string }
            steps:
              wait:
                type: shell
                inputs: { gate: "{{ inputs.gate }}" }
                run: |
                  while [ ! -e "$REPRISE_INPUT_gate" ]; do sleep 0.05; done
              after:
                type: shell
                needs: [wait]
                run: echo done
            """;

    /** {@code name{label="value",…} value}: a sample line of the text format. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*)})? "
                    + "([-+]?(?:[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|Inf|NaN))");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    @TempDir
    Path folder;

    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(folder.resolve("ws"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> scrape(String token) throws Exception {
        return scrape(server.server, token);
    }

    private HttpResponse<String> scrape(WorkspaceServer of, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + of.port() + "/metrics"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return server.send(request.GET());
    }

    private List<Sample> samples() throws Exception {
        return samples(server.server);
    }

    private List<Sample> samples(WorkspaceServer of) throws Exception {
        HttpResponse<String> response = scrape(of, server.token);
        assertThat(response.statusCode()).isEqualTo(200);
        return parse(response.body());
    }

    /** Every line: a comment (# HELP, # TYPE) or a sample; anything else fails the test. */
    private static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = SAMPLE.matcher(line);
            assertThat(matcher.matches()).as("a sample line: " + line).isTrue();
            Map<String, String> labels = new LinkedHashMap<>();
            if (matcher.group(2) != null) {
                Matcher label = LABEL.matcher(matcher.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            String value = matcher.group(3);
            samples.add(new Sample(matcher.group(1), labels, value.endsWith("Inf")
                    ? (value.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                    : Double.parseDouble(value)));
        }
        return samples;
    }

    /** The value of the one sample of {@code name} with exactly {@code labels}; 0 if there is none. */
    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).toList();
        assertThat(found.size()).as(name + labels).isLessThanOrEqualTo(1);
        return found.isEmpty() ? 0 : found.getFirst().value();
    }

    private static double value(List<Sample> samples, String name) {
        return value(samples, name, Map.of());
    }

    private Run startGated(Path gate) {
        server.workspace.applyFlow(GATED, "gated.yaml");
        return server.workspace.start(StartRequest.of("gated").withParameters(
                Map.of("gate", TextNode.valueOf(gate.toString()))));
    }

    @Test
    void aScrapeIsThePrometheusTextFormatWithTheServersMetrics() throws Exception {
        HttpResponse<String> response = scrape(server.token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        List<Sample> samples = parse(response.body());
        assertThat(response.body()).contains("# TYPE reprise_runs gauge\n", "# TYPE reprise_runs_active gauge\n",
                "# TYPE reprise_steps_finished_total counter\n", "# TYPE reprise_runs_finished_total counter\n",
                "# TYPE reprise_event_stream_clients gauge\n");
        // a request is counted once answered: this scrape shows in the next one
        assertThat(scrape(server.token).body()).contains("# TYPE reprise_http_requests_total counter\n",
                "# TYPE reprise_http_request_duration_seconds histogram\n",
                "reprise_http_requests_total{method=\"GET\",route=\"/metrics\",status=\"200\"} 1");
        assertThat(value(samples, "reprise_runs", Map.of("state", "QUEUED"))).isZero();
        assertThat(value(samples, "reprise_runs", Map.of("state", "RUNNING"))).isZero();
        assertThat(value(samples, "reprise_runs_active")).isZero();
        assertThat(samples).anyMatch(s -> s.name().equals("reprise_steps_finished_total")
                && s.labels().equals(Map.of("state", "SUCCEEDED")) && s.value() == 0);
        assertThat(value(samples, "reprise_event_stream_clients")).isZero();
    }

    @Test
    void aRunMovesTheRunGaugesWhileItRunsAndTheFinishedCountersWhenItEnds() throws Exception {
        Path gate = folder.resolve("gate");
        Run run = startGated(gate);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Sample> running = samples();
            assertThat(value(running, "reprise_runs", Map.of("state", "RUNNING"))).isEqualTo(1);
            assertThat(value(running, "reprise_runs", Map.of("state", "QUEUED"))).isZero();
            assertThat(value(running, "reprise_runs_active")).isEqualTo(1);
            assertThat(value(running, "reprise_runs_finished_total", Map.of("state", "SUCCEEDED"))).isZero();
        });

        Files.createFile(gate);
        assertThat(server.workspace.await(run.id()).state()).isEqualTo(RunState.SUCCEEDED);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Sample> ended = samples();
            assertThat(value(ended, "reprise_runs", Map.of("state", "RUNNING"))).isZero();
            assertThat(value(ended, "reprise_runs_active")).isZero();
            assertThat(value(ended, "reprise_runs_finished_total", Map.of("state", "SUCCEEDED"))).isEqualTo(1);
            assertThat(value(ended, "reprise_runs_finished_total", Map.of("state", "FAILED"))).isZero();
            assertThat(value(ended, "reprise_steps_finished_total", Map.of("state", "SUCCEEDED"))).isEqualTo(2);
        });
    }

    @Test
    void aServerStartedWhileARunIsRunningCountsIt() throws Exception {
        Path gate = folder.resolve("gate");
        Run run = startGated(gate);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> server.workspace.run(run.id()).run().state() == RunState.RUNNING);

        try (WorkspaceServer second = WorkspaceServer.start(server.workspace, server.tokens,
                WorkspaceServer.Config.defaults().withAddress("127.0.0.1", 0))) {
            List<Sample> samples = samples(second);
            assertThat(value(samples, "reprise_runs", Map.of("state", "RUNNING"))).isEqualTo(1);
            assertThat(value(samples, "reprise_runs_active")).isEqualTo(1);

            Files.createFile(gate);
            server.workspace.await(run.id());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                List<Sample> ended = samples(second);
                assertThat(value(ended, "reprise_runs_active")).isZero();
                assertThat(value(ended, "reprise_runs_finished_total", Map.of("state", "SUCCEEDED"))).isEqualTo(1);
            });
        }
    }

    @Test
    void aReadOnlyTokenMayScrape() throws Exception {
        String readOnly = server.tokens.create("dashboard", true).token();

        HttpResponse<String> response = scrape(readOnly);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(parse(response.body())).isNotEmpty();
    }

    @Test
    void aScrapeWithoutAValidTokenIsRefused() throws Exception {
        HttpResponse<String> none = scrape(null);
        HttpResponse<String> wrong = scrape("not-a-token");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"reprise\"");
        assertThat(none.body()).doesNotContain("reprise_runs");
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void requestsAreCountedByRouteTemplateNotByPath() throws Exception {
        String unknown = "r-0000000000000000";
        assertThat(server.send(server.get("/runs/" + unknown)).statusCode()).isEqualTo(404);
        assertThat(server.send(server.get("/runs/" + unknown)).statusCode()).isEqualTo(404);
        assertThat(server.send(server.get("/runs")).statusCode()).isEqualTo(200);
        assertThat(server.send(HttpRequest.newBuilder(server.uri("/runs/" + unknown)).GET()).statusCode())
                .isEqualTo(401);
        assertThat(server.send(server.get("/nowhere/12345")).statusCode()).isEqualTo(404);

        List<Sample> samples = samples();

        assertThat(value(samples, "reprise_http_requests_total",
                Map.of("method", "GET", "route", "/api/v1/runs/{runId}", "status", "404"))).isEqualTo(2);
        assertThat(value(samples, "reprise_http_requests_total",
                Map.of("method", "GET", "route", "/api/v1/runs/{runId}", "status", "401"))).isEqualTo(1);
        assertThat(value(samples, "reprise_http_requests_total",
                Map.of("method", "GET", "route", "/api/v1/runs", "status", "200"))).isEqualTo(1);
        assertThat(value(samples, "reprise_http_requests_total",
                Map.of("method", "GET", "route", ServerMetrics.UNMATCHED, "status", "404"))).isEqualTo(1);
        assertThat(value(samples, "reprise_http_request_duration_seconds_count",
                Map.of("method", "GET", "route", "/api/v1/runs/{runId}"))).isEqualTo(3);
        assertThat(value(samples, "reprise_http_request_duration_seconds_bucket",
                Map.of("method", "GET", "route", "/api/v1/runs/{runId}", "le", "+Inf"))).isEqualTo(3);
        assertThat(samples).flatMap(s -> s.labels().values()).noneMatch(v -> v.contains(unknown) || v.contains("12345"));
    }

    @Test
    void eventStreamClientsAreCountedWhileTheyFollow() throws Exception {
        HttpRequest events = server.get("/events").timeout(Duration.ofSeconds(30)).build();
        var stream = server.http.sendAsync(events, HttpResponse.BodyHandlers.ofInputStream());
        try {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(value(samples(), "reprise_event_stream_clients")).isEqualTo(1));
        } finally {
            stream.thenAccept(r -> {
                try {
                    r.body().close();
                } catch (java.io.IOException e) {
                    // closed already
                }
            });
        }
    }
}
