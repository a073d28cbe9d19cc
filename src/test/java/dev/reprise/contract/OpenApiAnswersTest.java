package dev.reprise.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.reprise.app.LocalWorkspaces;
import dev.reprise.client.RemoteWorkspace;
import dev.reprise.run.Json;
import dev.reprise.server.TokenStore;
import dev.reprise.server.WorkspaceServer;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON answer the server gives while the whole workspace contract runs against it, errors included, is
 * checked against the server's own API document with a JSON-schema validator: the document cannot say a field
 * is never null, or leave one out, while the server sends otherwise.
 */
class OpenApiAnswersTest extends WorkspaceContractTest {

    private record Answer(String method, String route, int status, byte[] json) {
    }

    private static final ObjectMapper JSON = Json.newMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final AtomicInteger CHECKED = new AtomicInteger();
    private static final AtomicInteger ERRORS_CHECKED = new AtomicInteger();

    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, JsonSchema> schemas = new HashMap<>();
    private LocalWorkspace served;
    private WorkspaceServer server;
    private String token;

    @Override
    protected Workspace open() {
        served = LocalWorkspaces.open(folder.resolve("ws"), LocalWorkspaces.Options.defaults().withParallelism(4));
        TokenStore tokens = new TokenStore(folder.resolve("ws"), Clock.systemUTC());
        token = tokens.create("contract").token();
        server = WorkspaceServer.start(served, tokens, WorkspaceServer.Config.defaults().withAddress("127.0.0.1", 0)
                .withAnswers((method, route, status, json) -> answers.add(new Answer(method, route, status, json))));
        return RemoteWorkspace.connect(URI.create("http://127.0.0.1:" + server.port()), token,
                RemoteWorkspace.Options.defaults());
    }

    @Override
    protected void closeRest() throws Exception {
        try {
            JsonNode document = document();
            List<String> problems = new ArrayList<>();
            for (Answer answer : List.copyOf(answers)) {
                JsonNode body = JSON.readTree(answer.json());
                Set<ValidationMessage> messages = schemaOf(document, answer).validate(body);
                messages.forEach(m -> problems.add(answer.method() + " " + answer.route() + " " + answer.status()
                        + ": " + m.getMessage() + " in " + abbreviate(body.toString())));
                CHECKED.incrementAndGet();
                if (answer.status() >= 400) {
                    ERRORS_CHECKED.incrementAndGet();
                }
            }
            assertThat(problems).as("answers that do not match the API document").isEmpty();
        } finally {
            server.close();
            served.close();
        }
    }

    @AfterAll
    static void answersOfEveryKindWereChecked() {
        assertThat(CHECKED.get()).isGreaterThan(100);
        assertThat(ERRORS_CHECKED.get()).isGreaterThan(5);
    }

    private JsonNode document() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/api/v1/openapi.json"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            return JSON.readTree(answer.body());
        }
    }

    /**
     * The schema the document gives for {@code answer}: an error's is the error schema; an answer's is its
     * operation's, for its status. A schema of the document made standalone: its components become definitions.
     */
    private JsonSchema schemaOf(JsonNode document, Answer answer) throws Exception {
        JsonNode schema;
        if (answer.status() >= 400 || answer.route() == null) {
            schema = JSON.createObjectNode().put("$ref", "#/components/schemas/ApiError");
        } else {
            schema = document.path("paths").path(answer.route()).path(answer.method().toLowerCase(Locale.ROOT))
                    .path("responses").path(String.valueOf(answer.status())).path("content")
                    .path("application/json").path("schema");
            assertThat(schema.isMissingNode()).as("the document describes " + answer.method() + " " + answer.route()
                    + " answering " + answer.status()).isFalse();
        }
        String key = schema.toString();
        JsonSchema known = schemas.get(key);
        if (known != null) {
            return known;
        }
        ObjectNode standalone = JSON.createObjectNode();
        standalone.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        standalone.set("$defs", document.path("components").path("schemas"));
        standalone.setAll((ObjectNode) schema.deepCopy());
        JsonNode rewritten = JSON.readTree(standalone.toString().replace("#/components/schemas/", "#/$defs/"));
        JsonSchema made = SCHEMAS.getSchema(rewritten);
        schemas.put(key, made);
        return made;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
