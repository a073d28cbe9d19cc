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
 * them), every schema it refers to exists, and every operation it lists answers as a route (not "no such
 * endpoint").
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
        HttpResponse<String> response = server.send(server.get("/openapi.json"));
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
        for (String handler : server.server.registeredHandlers()) {
            if (HTTP_METHODS.contains(handler.substring(0, handler.indexOf(' ')))) {
                registered.add(handler);
            }
        }

        assertThat(registered).isNotEmpty();
        assertThat(documented()).isEqualTo(registered);
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
