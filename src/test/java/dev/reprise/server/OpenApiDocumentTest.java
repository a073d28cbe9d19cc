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
            for (Iterator<String> methods = document.path("paths").path(path).fieldNames(); methods.hasNext(); ) {
                operations.add(methods.next().toUpperCase(Locale.ROOT) + " " + prefix + path);
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
                (handler.contains(" /api/v1/") ? registered : outsideTheApi).add(handler);
            }
        }

        assertThat(registered).isNotEmpty();
        assertThat(documented()).isEqualTo(registered);
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
            for (JsonNode operation : path) {
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
            String path = operation.substring(operation.indexOf(' ') + 1).replace("/api/v1", "")
                    .replace("{runId}", "r-0000000000000000").replace("{stepId}", "greet").replace("{attempt}", "1")
                    .replace("{flowId}", "hello").replace("{revision}", "1").replace("{sha256}", "0".repeat(64))
                    .replace("{name}", "nightly");
            HttpRequest.Builder request = switch (method) {
                case "POST" -> server.post(path, "{}");
                case "PUT" -> server.put(path, "bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                case "DELETE" -> server.get(path).DELETE();
                default -> server.get(path);
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
