package dev.reprise.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.reprise.run.Json;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Run configurations over HTTP, on a real server on loopback: the YAML document (application/yaml) wherever a run
 * configuration is taken, each answer checked against the served API document; a bad document refused with each
 * problem at its line and column of the body and nothing written; a flow's snapshots and its latest snapshot.
 */
class RunConfigApiTest {

    private static final String HELLO = """
            id: hello
            inputs:
              who: { type: string, default: world }
              times: { type: integer, default: 1, min: 1, max: 5 }
            steps:
              greet:
                type: shell
                inputs: { who: "{{ inputs.who }}", times: "{{ inputs.times }}" }
                run: echo "greeting=hello $REPRISE_INPUT_who x$REPRISE_INPUT_times" >> "$REPRISE_OUTPUTS"
              after:
                type: shell
                inputs: { g: "{{ steps.greet.outputs.greeting }}" }
                run: echo "seen=$REPRISE_INPUT_g in $REGION" >> "$REPRISE_OUTPUTS"
            """;

    private static final String CONFIG = """
            flow: hello
            name: for ada
            inputs: { who: ada, times: 2 }
            steps:
              after: { inputs: { g: fixed } }
            labels: { team: data }
            env: { REGION: eu }
            """;

    /** The operations that take a run configuration as YAML. */
    private static final List<String> CONFIGURED = List.of("post /runs", "post /runs/{runId}/plan",
            "post /runs/{runId}/replay", "post /snapshots", "post /snapshots/{name}/runs",
            "post /flows/{flowId}/latest-snapshot/runs");

    private static final ObjectMapper JSON = Json.newMapper();

    @TempDir
    Path folder;

    private TestServer server;
    private JsonNode documentRoot;
    private DocumentSchemas document;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(folder.resolve("ws"));
        server.workspace.applyFlow(HELLO, "hello.yaml");
        server.workspace.applyFlow(HELLO.replace("id: hello", "id: other"), "other.yaml");
        HttpResponse<String> served = server.send(server.get("/openapi.json"));
        documentRoot = JSON.readTree(served.body());
        document = new DocumentSchemas(documentRoot);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpRequest.Builder yaml(String path, String body) {
        return HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + server.token)
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** The answer's JSON, after checking its status and that the document describes it. */
    private JsonNode answer(HttpRequest.Builder request, String route, int status) throws Exception {
        HttpResponse<String> response = server.send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        JsonNode schema = status >= 400 ? document.error() : document.answer(request.build().method(), route, status);
        assertThat(document.validator(schema).validate(body)).as(route + " answering " + body).isEmpty();
        return body;
    }

    private JsonNode ended(String runId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> JSON.readTree(server.send(server.get("/runs/" + runId)).body()),
                        detail -> RunState.valueOf(detail.at("/run/state").asText()).isTerminal());
    }

    @Test
    void theDocumentSaysWhichOperationsTakeARunConfigurationAsYamlAndItsKeysAreOptional() throws Exception {
        for (String operation : CONFIGURED) {
            String[] parts = operation.split(" ");
            JsonNode content = documentRoot.path("paths").path(parts[1]).path(parts[0]).path("requestBody")
                    .path("content");
            assertThat(content.path("application/yaml").path("schema").path("$ref").asText()).as(operation)
                    .isEqualTo("#/components/schemas/RunConfig");
            assertThat(content.has("application/json")).as(operation).isTrue();
        }
        JsonNode shape = documentRoot.at("/components/schemas/RunConfig");
        assertThat(shape.has("required")).isFalse();
        assertThat(shape.path("properties").fieldNames()).toIterable().containsExactly("flow", "revision", "name",
                "description", "inputs", "steps", "labels", "env");
        JsonNode config = new YAMLMapper().readTree(CONFIG);
        assertThat(document.validator(shape).validate(config)).isEmpty();
        assertThat(document.validator(shape).validate(new YAMLMapper().readTree("nmae: x"))).isNotEmpty();
        assertThat(documentRoot.at("/paths/~1snapshots/get/parameters/0/name").asText()).isEqualTo("flow");
    }

    @Test
    void aRunConfigurationStartsARunOfItsFlowWithItsValues() throws Exception {
        JsonNode run = answer(yaml("/runs", CONFIG), "/runs", 201);
        JsonNode detail = ended(run.get("id").asText());

        assertThat(run.get("name").asText()).isEqualTo("for ada");
        assertThat(run.at("/labels/team").asText()).isEqualTo("data");
        assertThat(detail.at("/run/state").asText()).isEqualTo("SUCCEEDED");
        assertThat(detail.at("/steps/0/outputs/greeting").asText()).isEqualTo("hello ada x2");
        assertThat(detail.at("/steps/1/outputs/seen").asText()).isEqualTo("fixed in eu");
    }

    @Test
    void aRunConfigurationMakesAndRunsSnapshotsWhichAreListedByFlowAndRunAsAFlowsLatest() throws Exception {
        JsonNode made = answer(yaml("/snapshots?name=ada", CONFIG + "description: greets Ada\n"), "/snapshots", 201);
        answer(yaml("/snapshots?name=elsewhere", "flow: other\n"), "/snapshots", 201);
        JsonNode ofHello = answer(server.get("/snapshots?flow=hello"), "/snapshots", 200);
        JsonNode ofNone = answer(server.get("/snapshots?flow=nothing"), "/snapshots", 200);
        JsonNode latest = answer(server.get("/flows/hello/latest-snapshot"), "/flows/{flowId}/latest-snapshot", 200);
        JsonNode byName = answer(yaml("/snapshots/ada/runs", "inputs: { times: 3 }\n"), "/snapshots/{name}/runs", 201);
        JsonNode byFlow = answer(yaml("/flows/hello/latest-snapshot/runs", "env: { REGION: us }\n"),
                "/flows/{flowId}/latest-snapshot/runs", 201);

        assertThat(made.get("description").asText()).isEqualTo("greets Ada");
        assertThat(made.at("/env/REGION").asText()).isEqualTo("eu");
        assertThat(ofHello).extracting(s -> s.get("name").asText()).containsExactly("ada");
        assertThat(ofNone).isEmpty();
        assertThat(answer(server.get("/snapshots"), "/snapshots", 200)).hasSize(2);
        assertThat(latest.get("name").asText()).isEqualTo("ada");
        assertThat(ended(byName.get("id").asText()).at("/steps/0/outputs/greeting").asText())
                .isEqualTo("hello ada x3");
        JsonNode latestRun = ended(byFlow.get("id").asText());
        assertThat(latestRun.at("/run/labels/snapshot").asText()).isEqualTo("ada");
        assertThat(latestRun.at("/steps/1/outputs/seen").asText()).isEqualTo("fixed in us");
    }

    @Test
    void aRunConfigurationPlansAndReplaysARunWithItsValues() throws Exception {
        JsonNode source = answer(server.post("/runs", "{\"flowId\": \"hello\"}"), "/runs", 201);
        ended(source.get("id").asText());
        String runId = source.get("id").asText();

        JsonNode plan = answer(yaml("/runs/" + runId + "/plan", "inputs: { who: lin }\n"), "/runs/{runId}/plan", 200);
        JsonNode replay = answer(yaml("/runs/" + runId + "/replay", "inputs: { who: lin }\nname: again\n"),
                "/runs/{runId}/replay", 201);

        assertThat(plan.get("errors")).isEmpty();
        assertThat(plan.at("/parameters/who").asText()).isEqualTo("lin");
        assertThat(replay.get("parentRunId").asText()).isEqualTo(runId);
        assertThat(replay.get("name").asText()).isEqualTo("again");
        assertThat(ended(replay.get("id").asText()).at("/steps/0/outputs/greeting").asText()).isEqualTo("hello lin x1");
    }

    @Test
    void aBadRunConfigurationIsRefusedWithEachProblemAtItsLineOfTheBodyAndWritesNothing() throws Exception {
        server.workspace.createSnapshot(dev.reprise.workspace.SnapshotRequest.ofFlow("kept", "hello"));
        JsonNode source = answer(server.post("/runs", "{\"flowId\": \"hello\"}"), "/runs", 201);
        String runId = source.get("id").asText();
        ended(runId);
        String shape = "flow: hello\ninptus: { who: x }\nlabels: [a]\n";
        String values = "flow: hello\ninputs:\n  times: 9\nsteps:\n  nowhere: { inputs: { x: 1 } }\n";
        Set<String> before = Set.copyOf(server.workspace.snapshots().stream().map(Snapshot::name).toList());

        for (String[] call : new String[][] {{"/runs", "/runs"}, {"/snapshots?name=new", "/snapshots"},
                {"/snapshots/kept/runs", "/snapshots/{name}/runs"},
                {"/flows/hello/latest-snapshot/runs", "/flows/{flowId}/latest-snapshot/runs"},
                {"/runs/" + runId + "/replay", "/runs/{runId}/replay"}}) {
            JsonNode badShape = answer(yaml(call[0], shape), call[1], 400);
            JsonNode badValues = answer(yaml(call[0], values), call[1], 400);

            assertThat(badShape.get("problems")).extracting(RunConfigApiTest::problem).as(call[0]).containsExactly(
                    "request body:2:1: unknown key 'inptus' in a run configuration; did you mean 'inputs'?",
                    "request body:3:9: labels must be a map of label → text, not a list");
            assertThat(badValues.get("problems")).extracting(RunConfigApiTest::problem).as(call[0])
                    .contains("request body:3:10: input 'times': must be at most 5, was 9")
                    .anySatisfy(p -> assertThat(p).startsWith("request body:5:3: flow 'hello' ")
                            .contains("has no step 'nowhere'"));
        }
        assertThat(server.workspace.runs(RunQuery.all()).runs()).hasSize(1);
        assertThat(server.workspace.snapshots()).extracting(Snapshot::name).containsExactlyInAnyOrderElementsOf(before);
        assertThat(answer(yaml("/snapshots", "flow: hello\n"), "/snapshots", 400).get("error").asText())
                .contains("POST /snapshots?name=NAME");
        assertThat(answer(yaml("/runs", "inputs: { who: x }\n"), "/runs", 400).get("error").asText())
                .contains("name the flow to run");
    }

    private static String problem(JsonNode problem) {
        JsonNode pos = problem.get("pos");
        return pos.get("file").asText() + ":" + pos.get("line").asInt() + ":" + pos.get("column").asInt() + ": "
                + problem.get("message").asText();
    }
}
