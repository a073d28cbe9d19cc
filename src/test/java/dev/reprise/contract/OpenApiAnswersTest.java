package dev.reprise.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.reprise.app.LocalWorkspaces;
import dev.reprise.client.RemoteWorkspace;
import dev.reprise.run.Json;
import dev.reprise.server.AnswerLog;
import dev.reprise.server.DocumentSchemas;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON answer the server gives while the whole workspace contract runs against it, errors included, and
 * the data of every event its streams send, is checked against the server's own API document with a JSON-schema
 * validator: the document cannot say a field is never null, or leave one out, or name an event otherwise, while
 * the server sends otherwise.
 */
class OpenApiAnswersTest extends WorkspaceContractTest {

    private record Answer(String method, String route, int status, byte[] json) {
    }

    private record Streamed(String route, String event, byte[] json) {
    }

    private static final ObjectMapper JSON = Json.newMapper();
    private static final AtomicInteger CHECKED = new AtomicInteger();
    private static final AtomicInteger ERRORS_CHECKED = new AtomicInteger();
    private static final AtomicInteger EVENTS_CHECKED = new AtomicInteger();

    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final List<Streamed> events = Collections.synchronizedList(new ArrayList<>());
    private LocalWorkspace served;
    private WorkspaceServer server;
    private String token;

    @Override
    protected Workspace open() {
        served = LocalWorkspaces.open(folder.resolve("ws"), LocalWorkspaces.Options.defaults().withParallelism(4));
        TokenStore tokens = new TokenStore(folder.resolve("ws"), Clock.systemUTC());
        token = tokens.create("contract").token();
        AnswerLog log = new AnswerLog() {
            @Override
            public void answered(String method, String route, int status, byte[] json) {
                answers.add(new Answer(method, route, status, json));
            }

            @Override
            public void streamed(String route, String event, byte[] json) {
                events.add(new Streamed(route, event, json));
            }
        };
        server = WorkspaceServer.start(served, tokens, WorkspaceServer.Config.defaults().withAddress("127.0.0.1", 0)
                .withAnswers(log));
        return RemoteWorkspace.connect(URI.create("http://127.0.0.1:" + server.port()), token,
                RemoteWorkspace.Options.defaults());
    }

    @Override
    protected void closeRest() throws Exception {
        try {
            DocumentSchemas document = new DocumentSchemas(document());
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
            for (Streamed event : List.copyOf(events)) {
                JsonNode data = JSON.readTree(event.json());
                JsonNode schema = document.eventData(event.route(), event.event());
                assertThat(schema.isMissingNode()).as("the document describes event " + event.event() + " of "
                        + event.route()).isFalse();
                document.validator(schema).validate(data).forEach(m -> problems.add(event.route() + " event "
                        + event.event() + ": " + m.getMessage() + " in " + abbreviate(data.toString())));
                EVENTS_CHECKED.incrementAndGet();
            }
            assertThat(problems).as("answers and events that do not match the API document").isEmpty();
        } finally {
            server.close();
            served.close();
        }
    }

    @AfterAll
    static void answersOfEveryKindWereChecked() {
        assertThat(CHECKED.get()).isGreaterThan(100);
        assertThat(ERRORS_CHECKED.get()).isGreaterThan(5);
        assertThat(EVENTS_CHECKED.get()).isGreaterThan(20);
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

    /** The schema the document gives for {@code answer}: an error's is the error schema; an answer's is its operation's. */
    private static JsonSchema schemaOf(DocumentSchemas document, Answer answer) {
        if (answer.status() >= 400 || answer.route() == null) {
            return document.validator(document.error());
        }
        JsonNode schema = document.answer(answer.method(), answer.route(), answer.status());
        assertThat(schema.isMissingNode()).as("the document describes " + answer.method() + " " + answer.route()
                + " answering " + answer.status()).isFalse();
        return document.validator(schema);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
