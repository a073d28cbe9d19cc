package dev.reprise.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Json;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunQuery;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server over real HTTP: every route but health refuses a request without a valid token, every bad
 * request gets a JSON error with a 4xx status and writes nothing, and no name reaches outside the workspace.
 */
class ServerSecurityTest {

    private static final String FLOW = """
            id: hello
            steps:
              greet:
                type: shell
                run: printf 'abcdefghij' > "$REPRISE_OUTPUT_DIR/letters.txt"
            """;

    @TempDir
    Path folder;

    private TestServer server;
    private final ObjectMapper mapper = Json.newMapper();

    @BeforeEach
    void start() {
        server = new TestServer(folder.resolve("ws"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Every operation of the table with its path parameters filled in. */
    private List<HttpRequest.Builder> everyRoute(String authorization) {
        List<HttpRequest.Builder> requests = new ArrayList<>();
        for (RouteTable.Operation op : server.server.routes().operations()) {
            if (op.open()) {
                continue;
            }
            String path = server.server.routes().fullPath(op).replace("{runId}", "r-0000000000000000").replace("{stepId}", "greet")
                    .replace("{attempt}", "1").replace("{flowId}", "hello").replace("{revision}", "1")
                    .replace("{sha256}", "0".repeat(64)).replace("{name}", "nightly");
            HttpRequest.Builder request = HttpRequest.newBuilder(server.root(path));
            request = switch (op.method()) {
                case "POST" -> request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"));
                case "PUT" -> request.header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofString("bytes"));
                case "DELETE" -> request.DELETE();
                default -> request.GET();
            };
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            requests.add(request);
        }
        return requests;
    }

    private void assertEveryRouteRefuses(String authorization) throws Exception {
        for (HttpRequest.Builder request : everyRoute(authorization)) {
            HttpResponse<String> response = server.send(request);
            String what = request.build().method() + " " + request.build().uri().getPath();
            assertThat(response.statusCode()).as(what).isEqualTo(401);
            assertThat(mapper.readTree(response.body()).path("error").asText()).as(what).isNotBlank();
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(what).contains("Bearer realm=\"reprise\"");
        }
    }

    @Test
    void everyRouteButHealthRefusesARequestWithoutAToken() throws Exception {
        assertEveryRouteRefuses(null);
        assertThat(server.send(java.net.http.HttpRequest.newBuilder(server.uri("/health")).GET()).statusCode()).isEqualTo(200);
        assertThat(server.send(java.net.http.HttpRequest.newBuilder(server.uri("/nowhere")).GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void everyRouteRefusesAWrongToken() throws Exception {
        String wrong = server.token.substring(0, server.token.length() - 1) + (server.token.endsWith("A") ? "B" : "A");
        assertEveryRouteRefuses("Bearer " + wrong);
        assertEveryRouteRefuses("Bearer not-a-token");
        assertEveryRouteRefuses("Basic " + server.token);
    }

    @Test
    void aRevokedTokenIsRefusedFromTheNextRequestOn() throws Exception {
        TokenStore.Created other = server.tokens.create("colleague");
        HttpRequest.Builder flows = HttpRequest.newBuilder(server.uri("/flows"))
                .header("Authorization", "Bearer " + other.token()).GET();
        assertThat(server.send(flows).statusCode()).isEqualTo(200);

        // revoked through a second store on the same file, as the tokens command does while the server runs
        assertThat(new TokenStore(folder.resolve("ws"), java.time.Clock.systemUTC()).revoke(other.id())).isTrue();

        assertEveryRouteRefuses("Bearer " + other.token());
        assertThat(server.send(server.get("/flows")).statusCode()).isEqualTo(200);
    }

    @Test
    void aReadOnlyTokenReadsEverythingAndChangesNothing() throws Exception {
        server.workspace.applyFlow(FLOW, "hello.yaml");
        TokenStore.Created reader = server.tokens.create("dashboard", true);
        int reads = 0;
        for (HttpRequest.Builder request : everyRoute("Bearer " + reader.token())) {
            HttpRequest built = request.build();
            String what = built.method() + " " + built.uri().getPath();
            HttpResponse<java.io.InputStream> response = server.http.send(request.timeout(java.time.Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = response.body()) {
                if (built.method().equals("GET")) {
                    reads++;
                    assertThat(response.statusCode()).as(what).isNotIn(401, 403);
                } else {
                    assertThat(response.statusCode()).as(what).isEqualTo(403);
                    assertThat(mapper.readTree(body.readAllBytes()).path("error").asText()).as(what)
                            .contains("may only read");
                }
            }
        }
        assertThat(reads).isGreaterThan(5);
        assertThat(server.workspace.runs(RunQuery.all()).runs()).isEmpty();
        assertThat(server.workspace.flows()).hasSize(1);
    }

    @Test
    void tokensWrittenBeforeReadOnlyExistedStillWork() throws Exception {
        Path old = folder.resolve("old");
        Files.createDirectories(old);
        TokenStore.Created created = new TokenStore(old, java.time.Clock.systemUTC()).create("before");
        Path file = old.resolve(TokenStore.FILE_NAME);
        Files.writeString(file, Files.readString(file).replaceAll(",\\s*\"readOnly\"\\s*:\\s*false", ""));
        assertThat(Files.readString(file)).doesNotContain("readOnly");

        assertThat(new TokenStore(old, java.time.Clock.systemUTC()).verify(created.token()))
                .hasValueSatisfying(stored -> assertThat(stored.readOnly()).isFalse());
    }

    @Test
    void tokensAreStoredOnlyAsSaltedHashes() throws Exception {
        String file = Files.readString(folder.resolve("ws").resolve(TokenStore.FILE_NAME));
        String secret = server.token.substring(server.token.indexOf('.') + 1);

        assertThat(file).doesNotContain(secret).contains("\"salt\"").contains("\"hash\"");
    }

    @Test
    void badRequestsGetAJsonErrorWithA4xxStatusAndWriteNothing() throws Exception {
        server.workspace.applyFlow(FLOW, "hello.yaml");
        TreeMap<String, Long> before = files();
        String huge = "{\"source\": \"" + "x".repeat(2 * 1024 * 1024) + "\", \"fileName\": \"a.yaml\"}";
        List<HttpRequest.Builder> bad = List.of(
                server.post("/flows", "{\"source\": "),
                server.post("/flows", "not json at all"),
                server.post("/flows", ""),
                server.post("/flows", "null"),
                server.post("/flows", "{\"source\": \"id: x\", \"fileName\": \"x.yaml\", \"owner\": \"me\"}"),
                server.post("/flows", "{\"fileName\": \"x.yaml\"}"),
                server.post("/flows", "{\"source\": 12, \"fileName\": [1]}"),
                server.post("/flows", "{\"source\": \"id: bad\\nsteps:\\n  a: { type: nosuch }\\n\", \"fileName\": \"bad.yaml\"}"),
                server.post("/flows", huge),
                server.post("/flows/validate", huge),
                server.post("/runs", "{\"flowId\": \"hello\", \"parameters\": {\"nope\": 1}}"),
                server.post("/runs", "{\"flowId\": \"hello\", \"revision\": \"two\"}"),
                server.post("/runs", "{\"flowId\": \"hello\", \"priority\": 1}"),
                server.post("/runs", "[1, 2]"),
                server.post("/runs", huge),
                server.get("/runs?state=SLEEPING"),
                server.get("/runs?limit=0"),
                server.get("/runs?limit=100000"),
                server.get("/runs?from=yesterday"),
                server.get("/runs?label=novalue"),
                server.get("/runs?after=garbage"),
                server.get("/runs/r-nope"),
                server.get("/runs/..%2F..%2Fserver-tokens.json"),
                server.get("/runs/r-nope/steps/..%2F..%2Fx/attempts/1/log"),
                server.get("/runs/r-nope/steps/greet/attempts/zero/log"),
                server.get("/flows/hello/revisions/0"),
                server.get("/artifacts/..%2F..%2Fserver-tokens.json"),
                server.get("/artifacts/..%2Fserver-tokens.json"),
                server.get("/artifacts/%2e%2e%2fserver-tokens.json"),
                server.get("/artifacts/" + "A".repeat(64)),
                server.get("/artifacts/" + "0".repeat(64)),
                server.get("/runs/r-nope/events"),
                server.get("/runs/r-nope/events?after=-1"),
                server.get("/nowhere"),
                server.post("/flows/hello/revisions", "{}"),
                server.put("/artifacts/" + "0".repeat(64) + "?name=x.txt", "not those bytes".getBytes()),
                server.put("/artifacts/" + "A".repeat(64), "bytes".getBytes()),
                server.put("/artifacts/..%2F..%2Fserver-tokens.json", "bytes".getBytes()),
                server.post("/runs", "{\"flowId\": \"hello\", \"parameters\": {\"who\": {\"$file\": \"/etc/hostname\"}}}"));
        for (HttpRequest.Builder request : bad) {
            HttpResponse<String> response = server.send(request);
            String what = request.build().method() + " " + request.build().uri().getRawPath()
                    + (request.build().uri().getRawQuery() == null ? "" : "?" + request.build().uri().getRawQuery());
            assertThat(response.statusCode()).as(what + " -> " + response.body()).isBetween(400, 499);
            JsonNode body = mapper.readTree(response.body());
            assertThat(body.path("error").asText()).as(what).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(body.path("problems").isArray()).as(what).isTrue();
        }

        assertThat(server.workspace.flows()).hasSize(1);
        assertThat(server.workspace.revisions("hello")).hasSize(1);
        assertThat(server.workspace.runs(RunQuery.all()).runs()).isEmpty();
        TreeMap<String, Long> after = files();
        after.keySet().removeIf(f -> f.endsWith(".db") || f.endsWith(".trace.db"));
        before.keySet().removeIf(f -> f.endsWith(".db") || f.endsWith(".trace.db"));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void statusesFitTheError() throws Exception {
        server.workspace.applyFlow(FLOW, "hello.yaml");

        assertThat(server.send(server.post("/flows", "{\"source\": ")).statusCode()).isEqualTo(400);
        assertThat(server.send(server.post("/runs", "{\"flowId\": \"hello\", \"x\": 1}")).body())
                .contains("unknown field 'x'").contains("known fields:");
        HttpResponse<String> invalid = server.send(server.post("/flows",
                "{\"source\": \"id: bad\\nsteps:\\n  a: { type: nosuch }\\n\", \"fileName\": \"bad.yaml\"}"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode problem = mapper.readTree(invalid.body()).path("problems").get(0);
        assertThat(problem.path("pos").path("file").asText()).isEqualTo("bad.yaml");
        assertThat(problem.path("pos").path("line").asInt()).isEqualTo(3);
        assertThat(server.send(server.post("/flows", "{\"source\": \"" + "x".repeat(2 << 20) + "\"}")).statusCode())
                .isEqualTo(413);
        assertThat(server.send(server.get("/runs/r-nope")).statusCode()).isEqualTo(404);
        HttpResponse<String> missing = server.send(server.get("/artifacts/" + "0".repeat(64)));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain(folder.toString());
        assertThat(server.send(server.get("/artifacts/..%2Fserver-tokens.json")).statusCode()).isEqualTo(404);
    }

    @Test
    void artifactsAnswerByteRanges() throws Exception {
        server.workspace.applyFlow(FLOW, "hello.yaml");
        Run run = server.workspace.start(StartRequest.of("hello"));
        CountDownLatch ended = new CountDownLatch(1);
        try (Subscription ignored = server.workspace.subscribe(run.id(), 0, e -> {
            if (e instanceof RunEvent.RunChanged(var changed, var at) && changed.state().isTerminal()) {
                ended.countDown();
            }
        })) {
            assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
        }
        String digest = ArtifactRef.from(server.workspace.run(run.id()).step("greet").outputs().get("letters.txt"))
                .orElseThrow().sha256();
        String path = "/artifacts/" + digest;

        HttpResponse<String> whole = server.send(server.get(path));
        HttpResponse<String> middle = server.send(server.get(path).header("Range", "bytes=2-4"));
        HttpResponse<String> tail = server.send(server.get(path).header("Range", "bytes=-3"));
        HttpResponse<String> open = server.send(server.get(path).header("Range", "bytes=7-"));
        HttpResponse<String> outside = server.send(server.get(path).header("Range", "bytes=50-60"));

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo("abcdefghij");
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo("cde");
        assertThat(middle.headers().firstValue("Content-Range")).contains("bytes 2-4/10");
        assertThat(tail.body()).isEqualTo("hij");
        assertThat(open.body()).isEqualTo("hij");
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range")).contains("bytes */10");
    }

    private TreeMap<String, Long> files() throws IOException {
        return TestServer.fileSizes(folder.resolve("ws"));
    }
}
