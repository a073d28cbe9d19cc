package dev.reprise.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.Json;
import dev.reprise.run.RunState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The events a real server streams while a run goes on, read off the wire as a client reads them, are the
 * events its API document declares for each stream, and each one's data validates against the schema the
 * document gives that event.
 */
class StreamedEventsMatchTheDocumentTest {

    private static final String FLOW = """
            id: chatty
            steps:
              talk:
                type: shell
                run: |
                  for i in 1 2 3 4 5; do echo "line $i"; done
              listen:
                type: shell
                run: echo "heard"
            """;

    /** One event as a client parses it: its name, its id (null if none) and its data. */
    private record Event(String name, String id, String data) {
    }

    @TempDir
    Path folder;

    private TestServer server;
    private DocumentSchemas schemas;
    private final ObjectMapper mapper = Json.newMapper();

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(folder.resolve("ws"));
        HttpResponse<String> document = server.send(server.get("/openapi.json"));
        assertThat(document.statusCode()).isEqualTo(200);
        schemas = new DocumentSchemas(mapper.readTree(document.body()));
        server.workspace.applyFlow(FLOW, "chatty.yaml");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyEventOfARunsStreamsAndItsLogMatchesTheDocument() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            // the all-runs stream, resumed from an id this server never gave: it says so first (a gap)
            HttpResponse<Stream<String>> all = server.http.send(server.get("/events")
                    .header("Last-Event-ID", "00000000-0").build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(all.statusCode()).isEqualTo(200);
            assertThat(all.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

            HttpResponse<String> started = server.send(server.post("/runs", "{\"flowId\": \"chatty\"}"));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            String runId = mapper.readTree(started.body()).path("id").asText();

            List<Event> allEvents = read(all.body(), e -> isEnd(e, runId));
            List<Event> runEvents = read(server.http.send(server.get("/runs/" + runId + "/events").build(),
                    HttpResponse.BodyHandlers.ofLines()).body(), e -> false);
            List<Event> logEvents = read(server.http.send(server.get("/runs/" + runId
                    + "/steps/talk/attempts/1/log/stream").build(), HttpResponse.BodyHandlers.ofLines()).body(),
                    e -> false);

            assertMatchTheDocument("/events", allEvents);
            assertMatchTheDocument("/runs/{runId}/events", runEvents);
            assertMatchTheDocument("/runs/{runId}/steps/{stepId}/attempts/{attempt}/log/stream", logEvents);
            assertThat(allEvents.getFirst().name()).isEqualTo("gap");
            assertThat(allEvents).extracting(Event::name).contains("run-event");
            assertThat(runEvents).extracting(Event::name).containsOnly("run-event");
            // after the end, what changed since 0 is each record as it is now: the ended run and its two steps
            assertThat(runEvents).hasSize(3);
            assertThat(isEnd(runEvents.getLast(), runId)).isTrue();
            assertThat(logEvents).extracting(Event::name).containsOnly("chunk");
            assertThat(String.join("", logEvents.stream().map(e -> json(e).path("text").asText()).toList()))
                    .contains("line 1", "line 5");
        });
    }

    private void assertMatchTheDocument(String route, List<Event> events) {
        assertThat(events).as(route).isNotEmpty();
        for (Event event : events) {
            JsonNode schema = schemas.eventData(route, event.name());
            assertThat(schema.isMissingNode()).as(route + " declares event " + event.name()).isFalse();
            assertThat(schemas.validator(schema).validate(json(event))).as(route + " " + event).isEmpty();
        }
    }

    private JsonNode json(Event event) {
        try {
            return mapper.readTree(event.data());
        } catch (Exception e) {
            throw new AssertionError("the data of " + event + " is not JSON", e);
        }
    }

    /** Whether {@code event} says that run {@code runId} ended. */
    private boolean isEnd(Event event, String runId) {
        JsonNode run = json(event).path("run");
        return event.name().equals("run-event") && run.path("id").asText().equals(runId)
                && RunState.valueOf(run.path("state").asText()).isTerminal();
    }

    /**
     * The events of a stream as the server-sent-events format defines them, until the stream ends or one
     * satisfies {@code last}; comments and retry lines are skipped.
     */
    private static List<Event> read(Stream<String> lines, Predicate<Event> last) {
        List<Event> events = new ArrayList<>();
        String name = null;
        String id = null;
        StringBuilder data = new StringBuilder();
        try (lines) {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        Event event = new Event(name == null ? "message" : name, id, data.toString());
                        events.add(event);
                        if (last.test(event)) {
                            return events;
                        }
                    }
                    name = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(6));
                }
            }
        }
        return events;
    }
}
