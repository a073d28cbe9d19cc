package dev.reprise.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the server serves names exactly the routes Javalin registered (as Javalin reports
 * them), every schema it refers to exists, every operation it lists answers as a route (not "no such
 * endpoint"), every operation has a readable id and a declared tag, repeated query parameters are arrays in the
 * form the server reads, and every event stream says what it sends.
 */
class OpenApiDocumentTest {

    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @TempDir
    Path folder;

    private TestServer server;
    private JsonNode document;
    private final ObjectMapper mapper = Json.newMapper();

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(folder.resolve("ws"));
        // without a token: the document describes the API, not a workspace
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/openapi.json")).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        document = mapper.readTree(response.body());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Set<String> documented() {
        Set<String> operations = new TreeSet<>();
        String prefix = document.path("servers").get(0).path("url").asText();
        for (Iterator<String> paths = document.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            // a path of its own servers (/metrics) is served from there, not under the document's server
            JsonNode own = document.path("paths").path(path).path("servers");
            String base = own.isMissingNode() ? prefix : own.get(0).path("url").asText().replaceAll("/$", "");
            for (Iterator<String> methods = document.path("paths").path(path).fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (!method.equals("servers")) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + base + path);
                }
            }
        }
        return operations;
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteIsRegistered() {
        Set<String> registered = new TreeSet<>();
        Set<String> outsideTheApi = new TreeSet<>();
        for (String handler : server.server.registeredHandlers()) {
            if (HTTP_METHODS.contains(handler.substring(0, handler.indexOf(' ')))) {
                (handler.contains(" /api/docs") ? outsideTheApi : registered).add(handler);
            }
        }

        assertThat(registered).isNotEmpty();
        assertThat(documented()).isEqualTo(registered).contains("GET /metrics");
        assertThat(outsideTheApi).containsExactly("GET /api/docs", "GET /api/docs/{asset}");
    }

    @Test
    void everyOperationHasAUniqueReadableIdAndATagTheDocumentDeclares() {
        Set<String> declared = new TreeSet<>();
        document.path("tags").forEach(tag -> {
            assertThat(tag.path("description").asText()).as(tag.toString()).isNotBlank();
            assertThat(declared.add(tag.path("name").asText())).as("tag declared once: " + tag).isTrue();
        });
        Set<String> ids = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        int operations = 0;
        for (JsonNode path : document.path("paths")) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = path.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("servers")) {
                    continue;
                }
                JsonNode operation = field.getValue();
                operations++;
                String id = operation.path("operationId").asText();
                assertThat(id).as(operation.path("summary").asText()).matches("^[a-z][A-Za-z]+$");
                assertThat(ids.add(id)).as("operation id " + id + " is unique").isTrue();
                assertThat(operation.path("tags").size()).as(id).isGreaterThanOrEqualTo(1);
                operation.path("tags").forEach(tag -> {
                    assertThat(declared).as(id).contains(tag.asText());
                    used.add(tag.asText());
                });
            }
        }

        assertThat(operations).isEqualTo(documented().size());
        assertThat(used).as("every declared tag groups an operation").isEqualTo(declared);
        assertThat(ids).contains("listRuns", "getRun", "startRun", "planReplay", "replayRun", "cancelRun",
                "listFlows", "applyFlow");
    }

    @Test
    void repeatedRunFiltersAreDeclaredAsArraysOfTheParameterRepeated() {
        JsonNode parameters = document.path("paths").path("/runs").path("get").path("parameters");
        for (String name : List.of("state", "label")) {
            JsonNode parameter = parameter(parameters, name);
            assertThat(parameter.path("in").asText()).as(name).isEqualTo("query");
            assertThat(parameter.path("style").asText()).as(name).isEqualTo("form");
            assertThat(parameter.path("explode").isBoolean() && parameter.path("explode").asBoolean()).as(name).isTrue();
            assertThat(parameter.path("schema").path("type").asText()).as(name).isEqualTo("array");
            assertThat(parameter.path("schema").path("items").path("type").asText()).as(name).isEqualTo("string");
        }
        List<String> states = new ArrayList<>();
        parameter(parameters, "state").path("schema").path("items").path("enum").forEach(s -> states.add(s.asText()));
        assertThat(states).containsExactly(java.util.Arrays.stream(dev.reprise.run.RunState.values())
                .map(Enum::name).toArray(String[]::new));
        assertThat(parameter(parameters, "flow").path("schema").path("type").asText()).isEqualTo("string");
    }

    @Test
    void theServerReadsEveryRepetitionOfARepeatedRunFilter() throws Exception {
        // as the document says a client sends them (form, exploded); a bad second value proves it was read
        HttpResponse<String> states = server.send(server.get("/runs?state=SUCCEEDED&state=SIDEWAYS"));
        HttpResponse<String> labels = server.send(server.get("/runs?label=team=data&label=nolabel"));
        HttpResponse<String> good = server.send(server.get("/runs?state=SUCCEEDED&state=failed&label=a=1&label=b=2"));

        assertThat(states.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(states.body()).path("error").asText()).contains("SIDEWAYS");
        assertThat(labels.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(labels.body()).path("error").asText()).contains("nolabel");
        assertThat(good.statusCode()).isEqualTo(200);
    }

    @Test
    void everyEventStreamDescribesItsEventsTheirDataAndLastEventId() {
        Set<String> streams = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode ok = op.getValue().path("responses").path("200");
            JsonNode stream = ok.path("content").path("text/event-stream");
            if (stream.isMissingNode()) {
                return;
            }
            String what = op.getKey() + " " + path.getKey();
            streams.add(what);
            assertThat(ok.path("content").size()).as(what).isEqualTo(1);
            JsonNode lastEventId = parameter(op.getValue().path("parameters"), "Last-Event-ID");
            assertThat(lastEventId.path("in").asText()).as(what).isEqualTo("header");
            JsonNode kinds = stream.path("schema").path("oneOf");
            assertThat(kinds.size()).as(what).isGreaterThanOrEqualTo(1);
            for (JsonNode kind : kinds) {
                String name = kind.path("properties").path("event").path("const").asText();
                assertThat(name).as(what).isNotBlank();
                assertThat(ok.path("description").asText()).as(what).contains("`" + name + "`");
                JsonNode data = kind.path("properties").path("data");
                assertThat(data.path("contentMediaType").asText()).as(what).isEqualTo("application/json");
                String ref = data.path("contentSchema").path("$ref").asText();
                assertThat(ref).as(what + " " + name).startsWith("#/components/schemas/");
                assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
                assertThat(kind.path("required").toString()).as(what).contains("\"event\"", "\"data\"");
            }
        }));

        assertThat(streams).containsExactlyInAnyOrder("get /runs/{runId}/events", "get /events",
                "get /runs/{runId}/steps/{stepId}/attempts/{attempt}/log/stream");
        assertThat(new DocumentSchemas(document).eventData("/runs/{runId}/events", "run-event").path("$ref").asText())
                .isEqualTo("#/components/schemas/RunEvent");
    }

    @Test
    void theMetricsAreDocumentedAtTheServersRootAsPrometheusText() {
        JsonNode path = document.path("paths").path("/metrics");
        JsonNode get = path.path("get");

        assertThat(path.path("servers").get(0).path("url").asText()).isEqualTo("/");
        assertThat(get.path("operationId").asText()).isEqualTo("getMetrics");
        assertThat(get.path("tags").get(0).asText()).isEqualTo("Metrics");
        assertThat(get.has("security")).as("needs a token, as the document's default says").isFalse();
        assertThat(get.path("responses").path("200").path("content").path("text/plain").path("schema")
                .path("type").asText()).isEqualTo("string");
        assertThat(get.path("responses").path("200").path("description").asText()).contains("version=0.0.4");
        assertThat(get.path("responses").has("401")).isTrue();
    }

    private static JsonNode parameter(JsonNode parameters, String name) {
        for (JsonNode parameter : parameters) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + parameters);
    }

    @Test
    void everyReferencedSchemaExists() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
        assertThat(document.path("components").path("schemas").path("RunEvent").path("properties").has("seq")).isTrue();
        assertThat(document.path("openapi").asText()).startsWith("3.");
    }

    @Test
    void everyDocumentedOperationAnswersAsARoute() throws Exception {
        for (String operation : documented()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1)
                    .replace("{runId}", "r-0000000000000000").replace("{stepId}", "greet").replace("{attempt}", "1")
                    .replace("{flowId}", "hello").replace("{revision}", "1").replace("{sha256}", "0".repeat(64))
                    .replace("{name}", "nightly");
            HttpRequest.Builder request = HttpRequest.newBuilder(server.root(path))
                    .header("Authorization", "Bearer " + server.token);
            request = switch (method) {
                case "POST" -> request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"));
                case "PUT" -> request.header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofString("bytes"));
                case "DELETE" -> request.DELETE();
                default -> request.GET();
            };
            // event streams stay open: only the status and the first bytes are read
            HttpResponse<java.io.InputStream> response = server.http.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = response.body()) {
                String start = new String(body.readNBytes(response.statusCode() == 200 ? 3 : 10_000),
                        java.nio.charset.StandardCharsets.UTF_8);
                assertThat(response.statusCode()).as(operation).isLessThan(500);
                assertThat(start).as(operation).doesNotContain("no such endpoint");
            }
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
