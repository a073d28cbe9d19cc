package dev.reprise.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.flow.Ids;
import dev.reprise.run.Json;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.Snapshot;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server over real HTTP refuses bad input with a 4xx and a JSON error that names what is wrong, writes
 * nothing for it, never answers 5xx to it, does not wait on a body that never comes, and names no file of
 * the server by its absolute path.
 */
class ServerBadInputTest {

    private static final String FLOW = """
            id: hello
            steps:
              greet:
                type: shell
                run: echo hi
            """;

    @TempDir
    Path folder;

    private TestServer server;
    private final ObjectMapper mapper = Json.newMapper();

    @BeforeEach
    void start() {
        server = new TestServer(folder.resolve("ws"));
        server.workspace.applyFlow(FLOW, "hello.yaml");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends the request and checks the answer is {@code status} with a JSON error; returns the error text. */
    private String refused(HttpRequest.Builder request, int status) throws Exception {
        HttpResponse<String> response = server.send(request);
        HttpRequest built = request.build();
        String what = built.method() + " " + built.uri().getRawPath();
        assertThat(response.statusCode()).as(what + " -> " + response.body()).isEqualTo(status);
        JsonNode body = mapper.readTree(response.body());
        assertThat(body.path("problems").isArray()).as(what).isTrue();
        String error = body.path("error").asText();
        assertThat(error).as(what).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("StreamReadConstraints");
        return error;
    }

    private Run finishedRun() throws Exception {
        Run run = server.workspace.start(StartRequest.of("hello"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!server.workspace.run(run.id()).run().state().isTerminal()) {
            assertThat(System.nanoTime()).as("the run ends").isLessThan(deadline);
            Thread.sleep(50);
        }
        return run;
    }

    @Test
    void valuesOfTheWrongJsonTypeAreRefusedNamingTheFieldAndWriteNothing() throws Exception {
        Run run = finishedRun();
        TreeMap<String, Long> before = files();

        assertThat(refused(server.post("/runs", "{\"flowId\": \"hello\", \"revision\": 1.5}"), 400))
                .isEqualTo("revision: expected a whole number, got 1.5");
        assertThat(refused(server.post("/runs", "{\"flowId\": \"hello\", \"revision\": \"1\"}"), 400))
                .startsWith("revision: expected a whole number");
        assertThat(refused(server.post("/runs", "{\"flowId\": \"hello\", \"env\": {\"A\": 1}}"), 400))
                .isEqualTo("env.A: expected a string, got 1");
        assertThat(refused(server.post("/runs", "{\"flowId\": \"hello\", \"labels\": {\"team\": true}}"), 400))
                .isEqualTo("labels.team: expected a string, got true");
        assertThat(refused(server.post("/runs", "{\"flowId\": \"hello\", \"name\": 2.5}"), 400))
                .isEqualTo("name: expected a string, got 2.5");
        assertThat(refused(server.post("/runs", "{\"flowId\": 5}"), 400)).startsWith("flowId: expected a string");
        assertThat(refused(server.post("/snapshots", "{\"name\": 5, \"flowId\": \"hello\"}"), 400))
                .isEqualTo("name: expected a string, got 5");
        assertThat(refused(server.post("/snapshots", "{\"name\": \"s\", \"flowId\": \"hello\", \"revision\": 1.0}"), 400))
                .startsWith("revision: expected a whole number");
        assertThat(refused(server.post("/runs/" + run.id() + "/replay", "{\"revision\": 1.5}"), 400))
                .isEqualTo("revision: expected a whole number or \"original\"/\"latest\", got 1.5");
        assertThat(refused(server.post("/runs/" + run.id() + "/replay", "{\"revision\": false}"), 400))
                .isEqualTo("revision: expected a whole number or \"original\"/\"latest\", got false");
        assertThat(refused(server.post("/runs/" + run.id() + "/replay", "{\"env\": {\"A\": [1]}}"), 400))
                .startsWith("env.A: expected a string");

        assertThat(server.workspace.runs(RunQuery.all()).runs()).hasSize(1);
        assertThat(server.workspace.snapshots()).isEmpty();
        assertThat(withoutDatabase(files())).isEqualTo(withoutDatabase(before));
    }

    @Test
    void aReplayRevisionIsANumberOrAName() throws Exception {
        Run run = finishedRun();
        for (String revision : new String[] {"1", "\"1\"", "\"original\"", "\"latest\""}) {
            HttpResponse<String> plan = server.send(server.post("/runs/" + run.id() + "/plan",
                    "{\"revision\": " + revision + "}"));
            assertThat(plan.statusCode()).as(revision + " -> " + plan.body()).isEqualTo(200);
            assertThat(mapper.readTree(plan.body()).path("revision").asInt()).as(revision).isEqualTo(1);
        }
    }

    @Test
    void aJsonBodySentAsAnotherTypeIsRefusedWith415() throws Exception {
        String body = "{\"flowId\": \"hello\"}";
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "application/xml"}) {
            assertThat(refused(server.post("/runs", body).setHeader("Content-Type", type), 415))
                    .contains("Content-Type: application/json").contains(type);
        }
        HttpRequest.Builder untyped = HttpRequest.newBuilder(server.uri("/runs"))
                .header("Authorization", "Bearer " + server.token).POST(HttpRequest.BodyPublishers.ofString(body));
        assertThat(refused(untyped, 415)).contains("application/json");

        assertThat(server.send(server.post("/runs", body).setHeader("Content-Type", "application/json; charset=utf-8"))
                .statusCode()).isEqualTo(201);
    }

    @Test
    void aBodyInAnEncodingTheServerDoesNotDecodeIsRefusedWith415() throws Exception {
        String body = "{\"flowId\": \"hello\"}";
        for (String encoding : new String[] {"gzip", "br", "deflate"}) {
            assertThat(refused(server.post("/runs", body).header("Content-Encoding", encoding), 415))
                    .contains("Content-Encoding '" + encoding + "'");
        }
        byte[] bytes = "some bytes".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(refused(server.put("/artifacts/" + sha, bytes).header("Content-Encoding", "gzip"), 415))
                .contains("Content-Encoding 'gzip'");
        assertThat(server.workspace.runs(RunQuery.all()).runs()).isEmpty();

        assertThat(server.send(server.put("/artifacts/" + sha, bytes)).statusCode()).isEqualTo(201);
    }

    @Test
    void aBodyNestedDeeperThanTheLimitIsRefusedWith400() throws Exception {
        for (int depth : new int[] {Json.MAX_INPUT_DEPTH + 50, 3_000}) {
            String lists = "{\"flowId\": \"hello\", \"parameters\": {\"data\": " + "[".repeat(depth) + "]".repeat(depth) + "}}";
            String objects = "{\"flowId\": \"hello\", \"parameters\": {\"data\": " + "{\"a\": ".repeat(depth) + "1"
                    + "}".repeat(depth) + "}}";
            for (String body : new String[] {lists, objects, "[".repeat(depth), "{\"a\": ".repeat(depth)}) {
                assertThat(refused(server.post("/runs", body), 400)).as("depth " + depth)
                        .satisfiesAnyOf(e -> assertThat(e).contains("deeper than " + Json.MAX_INPUT_DEPTH),
                                e -> assertThat(e).startsWith("the body: expected an object"));
            }
            assertThat(refused(server.post("/runs", lists), 400))
                    .isEqualTo("the JSON body nests deeper than " + Json.MAX_INPUT_DEPTH + " levels of lists and objects");
        }
        assertThat(server.workspace.runs(RunQuery.all()).runs()).isEmpty();
    }

    @Test
    void aFlowIdBreakingTheIdRuleIsRefusedWith400BeforeTheStoreSeesIt() throws Exception {
        TreeMap<String, Long> before = files();
        String tooLong = "f" + "a".repeat(200);

        assertThat(refused(server.get("/flows/" + tooLong + "/revisions"), 400))
                .contains("flow id").contains("is 201 characters long; an id is at most " + Ids.MAX_LENGTH);
        assertThat(refused(server.get("/flows/" + tooLong + "/revisions/latest"), 400)).contains("201 characters long");
        assertThat(refused(server.get("/flows/-hello/revisions"), 400)).contains("flow id '-hello' must start with a letter");
        assertThat(refused(server.post("/runs", "{\"flowId\": \"" + tooLong + "\"}"), 400))
                .startsWith("flowId: ").contains("an id is at most " + Ids.MAX_LENGTH);
        assertThat(refused(server.post("/snapshots", "{\"name\": \"s\", \"flowId\": \"" + tooLong + "\"}"), 400))
                .startsWith("flowId: ");

        assertThat(server.workspace.runs(RunQuery.all()).runs()).isEmpty();
        assertThat(server.workspace.snapshots()).isEmpty();
        assertThat(withoutDatabase(files())).isEqualTo(withoutDatabase(before));
    }

    @Test
    void aLongFlowIdWithinTheRuleIsServed() throws Exception {
        String id = "f" + "a".repeat(Ids.MAX_LENGTH - 1);
        server.workspace.applyFlow(FLOW.replace("id: hello", "id: " + id), "long.yaml");

        HttpResponse<String> revisions = server.send(server.get("/flows/" + id + "/revisions"));

        assertThat(revisions.statusCode()).as(revisions.body()).isEqualTo(200);
        assertThat(mapper.readTree(revisions.body())).hasSize(1);
    }

    @Test
    void valuesLongerThanTheStoreKeepsAreRefusedWith400AndWriteNothing() throws Exception {
        assertThat(refused(server.post("/runs", "{\"flowId\": \"hello\", \"name\": \"" + "n".repeat(Run.MAX_NAME + 1)
                + "\"}"), 400)).startsWith("name is 1001 characters long");
        assertThat(refused(server.post("/runs", "{\"flowId\": \"hello\", \"labels\": {\"" + "k".repeat(Run.MAX_LABEL_KEY + 1)
                + "\": \"v\"}}"), 400)).startsWith("a label's key is 201 characters long");
        assertThat(refused(server.post("/runs", "{\"flowId\": \"hello\", \"labels\": {\"team\": \""
                + "v".repeat(Run.MAX_LABEL_VALUE + 1) + "\"}}"), 400)).startsWith("label team is 1001 characters long");
        assertThat(refused(server.post("/snapshots", "{\"name\": \"s\", \"flowId\": \"hello\", \"description\": \""
                + "d".repeat(Snapshot.MAX_DESCRIPTION + 1) + "\"}"), 400)).startsWith("description is 2001 characters long");

        assertThat(server.workspace.runs(RunQuery.all()).runs()).isEmpty();
        assertThat(server.workspace.snapshots()).isEmpty();
    }

    @Test
    void aRunQueryWithAnInstantOutOfRangeIsRefusedNamingTheParameter() throws Exception {
        for (String name : new String[] {"from", "to"}) {
            for (String instant : new String[] {"%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                    "%2B10000-01-01T00:00:00Z"}) {
                assertThat(refused(server.get("/runs?" + name + "=" + instant), 400)).as(instant)
                        .startsWith(name + " must be an instant from");
            }
        }
        for (String query : new String[] {"limit=-1", "limit=99999999999999999999", "limit=1e3", "after=%00garbage",
                "after=" + "r".repeat(5000), "from=99999999999999999999", "state=", "label==x"}) {
            assertThat(server.send(server.get("/runs?" + query)).statusCode()).as(query).isBetween(200, 499);
        }
        assertThat(server.send(server.get("/runs?from=2024-01-01T00:00:00Z&to=9999-12-31T23:59:59Z")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBodyShorterThanItsContentLengthIsAnswered408() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"flowId\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();

            String statusLine = firstLine(socket.getInputStream());

            assertThat(statusLine).startsWith("HTTP/1.1 408");
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
        }
        assertThat(server.workspace.runs(RunQuery.all()).runs()).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIsAnswered413WhileTheClientIsStillSendingIt() throws Exception {
        // refused on its Content-Length before it is read: the client is still writing when the answer is ready, and
        // a server that dropped the connection then lost the answer now and again ("broken pipe")
        String huge = "{\"source\": \"" + "x".repeat(2 << 20) + "\", \"fileName\": \"big.yaml\"}";
        for (int i = 0; i < 100; i++) {
            assertThat(refused(server.post("/flows", huge), 413)).contains("larger than the limit");
        }
        assertThat(server.workspace.flows()).hasSize(1);
    }

    @Test
    void errorsNameNoFileOfTheServerByItsAbsolutePath() throws Exception {
        Path ws = folder.resolve("ws");
        server.workspace.applyFlow("""
                id: reader
                inputs:
                  data: { type: file }
                steps:
                  read: { type: shell, run: cat "$REPRISE_INPUT_data" }
                """, "reader.yaml");
        HttpResponse<String> missing = server.send(server.post("/runs",
                "{\"flowId\": \"reader\", \"parameters\": {\"data\": {\"$artifact\": \"" + "0".repeat(64) + "\"}}}"));

        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
        assertThat(missing.body()).contains("0".repeat(64)).doesNotContain(ws.toString())
                .doesNotContain(ws.toRealPath().toString()).doesNotContain(folder.toString());
        assertThat(server.workspace.runs(RunQuery.all()).runs()).as("a refused run is not recorded").isEmpty();
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString().strip();
    }

    private static Map<String, Long> withoutDatabase(TreeMap<String, Long> files) {
        TreeMap<String, Long> copy = new TreeMap<>(files);
        copy.keySet().removeIf(f -> f.endsWith(".db"));
        return copy;
    }

    private TreeMap<String, Long> files() throws IOException {
        return TestServer.fileSizes(folder.resolve("ws"));
    }
}
