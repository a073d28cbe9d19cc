package dev.reprise.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.app.LocalWorkspaces;
import dev.reprise.app.TestWiring;
import dev.reprise.cli.Cli;
import dev.reprise.client.RemoteWorkspace;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepRunRef;
import dev.reprise.run.StepState;
import dev.reprise.workspace.DebugReplay;
import dev.reprise.workspace.FlowFolder;
import dev.reprise.workspace.FlowFolders;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.NotFoundException;
import dev.reprise.workspace.RunBundle;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Debug replay of a server's run on the desktop: a real server on loopback, a {@link RemoteWorkspace} to it,
 * and a local workspace in another folder that imports the run and replays it in-process.
 */
class DebugReplayTest {

    private static final Path EXAMPLES = Path.of("assets", "examples");

    @TempDir
    Path folder;

    private TestServer server;
    private RemoteWorkspace remote;

    @BeforeEach
    void start() {
        server = new TestServer(folder.resolve("server"));
        remote = RemoteWorkspace.connect(URI.create(url()), server.token, RemoteWorkspace.Options.defaults());
    }

    @AfterEach
    void stop() {
        remote.close();
        server.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.server.port();
    }

    private void apply(String file) throws IOException {
        Path path = EXAMPLES.resolve(file);
        server.workspace.applyFlow(Files.readString(path), path.toString());
    }

    private Run runOnServer(String flowId) {
        return server.workspace.await(server.workspace.start(StartRequest.of(flowId)).id());
    }

    private static List<String> artifactsOf(StepRun step) {
        Map<String, ArtifactRef> found = new LinkedHashMap<>();
        step.outputs().values().forEach(v -> RunBundle.collect(v, found));
        return List.copyOf(found.keySet());
    }

    @Test
    void aServerRunOfAFlowFolderReplaysLocallyWithTheScriptsOfItsRevisions() throws IOException {
        Path code = Files.createDirectories(folder.resolve("code"));
        Files.writeString(code.resolve("flow.yaml"), """
                id: foldered
                steps:
                  first: { type: shell, run: sh first.sh }
                  then: { type: shell, needs: [first], run: sh then.sh }
                """);
        Files.writeString(code.resolve("first.sh"), "echo \"v=first\" >> \"$REPRISE_OUTPUTS\"\n");
        Files.writeString(code.resolve("then.sh"), "exit 1\n");
        FlowFolders.apply(server.workspace, FlowFolder.read(code));
        Run failed = runOnServer("foldered");
        Files.writeString(code.resolve("then.sh"), "echo \"v=fixed\" >> \"$REPRISE_OUTPUTS\"\n");
        FlowFolders.apply(server.workspace, FlowFolder.read(code));

        try (LocalWorkspace local = LocalWorkspaces.open(folder.resolve("local"), LocalWorkspaces.Options.defaults())) {
            Run original = local.await(new DebugReplay(remote, local).replay(failed.id(),
                    ReplayRequest.of(ReplayScope.whole())).replay().id());
            Run latest = local.await(new DebugReplay(remote, local).replay(failed.id(),
                    ReplayRequest.of(ReplayScope.failed()).withRevision(ReplayRequest.LATEST)).replay().id());

            assertThat(failed.state()).isEqualTo(RunState.FAILED);
            assertThat(original.state()).as("the server's first revision, its failing script")
                    .isEqualTo(RunState.FAILED);
            assertThat(local.run(original.id()).step("first").outputs().get("v").asText()).isEqualTo("first");
            assertThat(latest.state()).as(latest.error()).isEqualTo(RunState.SUCCEEDED);
            assertThat(local.run(latest.id()).step("then").outputs().get("v").asText()).isEqualTo("fixed");
        }
    }

    @Test
    void aFailedServerRunReplaysLocallyReusingExtractWithItsArtifactFetched() throws IOException {
        apply("bike_trips/flow.yaml");
        Run failed = runOnServer("bike_trips");
        apply("bike_trips/flow.v2.yaml");
        RunDetail onServer = server.workspace.run(failed.id());

        try (LocalWorkspace local = LocalWorkspaces.open(folder.resolve("local"), LocalWorkspaces.Options.defaults())) {
            DebugReplay.Result result = new DebugReplay(remote, local)
                    .replay(failed.id(), ReplayRequest.of(ReplayScope.failed()).withRevision(ReplayRequest.LATEST));
            Run replay = local.await(result.replay().id());
            RunDetail detail = local.run(replay.id());

            assertThat(failed.state()).isEqualTo(RunState.FAILED);
            assertThat(replay.state()).as(replay.error()).isEqualTo(RunState.SUCCEEDED);
            assertThat(replay.target()).isEqualTo("local");
            assertThat(replay.parentRunId()).isEqualTo(failed.id());
            assertThat(replay.revision()).isEqualTo(2);
            assertThat(detail.step("extract").state()).isEqualTo(StepState.REUSED);
            assertThat(detail.step("extract").reusedFrom()).isEqualTo(new StepRunRef(failed.id(), "extract"));
            assertThat(result.fetchedArtifacts()).containsExactlyElementsOf(artifactsOf(onServer.step("extract")));
            assertThat(result.imported().target()).isEqualTo("server:" + url());
            assertThat(local.run(failed.id()).run().target()).isEqualTo("server:" + url());
            assertThat(local.lineage(replay.id()).root().run().id()).isEqualTo(failed.id());
            assertThat(server.workspace.runs(dev.reprise.run.RunQuery.all()).runs()).hasSize(1);
            // the imported run shows what its steps printed on the server
            for (StepRun step : onServer.steps()) {
                for (var attempt : step.attempts()) {
                    if (attempt.hasLog()) {
                        assertThat(local.log(failed.id(), step.stepId(), attempt.number(), 0, 1 << 20).text())
                                .as(step.stepId()).isNotEmpty().isEqualTo(server.workspace.log(failed.id(),
                                        step.stepId(), attempt.number(), 0, 1 << 20).text());
                    }
                }
            }
            assertThat(onServer.step("parse").lastAttempt().hasLog()).isTrue();
        }
    }

    @Test
    void onlyTheArtifactsOfReusedStepsAreDownloaded() throws IOException {
        apply("bike_trips/flow.v2.yaml");
        Run succeeded = runOnServer("bike_trips");
        RunDetail onServer = server.workspace.run(succeeded.id());
        List<ArtifactRef> all = RunBundle.referenced(onServer.run(), onServer.steps());

        try (LocalWorkspace local = LocalWorkspaces.open(folder.resolve("local"), LocalWorkspaces.Options.defaults())) {
            DebugReplay.Result result = new DebugReplay(remote, local)
                    .replay(succeeded.id(), ReplayRequest.of(ReplayScope.from("parse")));
            Run replay = local.await(result.replay().id());

            assertThat(replay.state()).as(replay.error()).isEqualTo(RunState.SUCCEEDED);
            List<String> extract = artifactsOf(onServer.step("extract"));
            assertThat(result.fetchedArtifacts()).containsExactlyElementsOf(extract);
            List<String> others = all.stream().map(ArtifactRef::sha256).filter(sha -> !extract.contains(sha)).toList();
            assertThat(others).as("the summary report and the other steps' files").isNotEmpty();
            assertThat(result.fetchedArtifacts()).doesNotContainAnyElementsOf(others);
        }
    }

    @Test
    void aLocalFileGivenToAStepIsReadHereAndNeverByTheServer() throws Exception {
        apply("bike_trips/flow.v2.yaml");
        Run succeeded = runOnServer("bike_trips");
        Path mine = folder.resolve("mine").resolve("trips.csv");
        Files.createDirectories(mine.getParent());
        Files.writeString(mine, "trip_id,started_at,ended_at,start_station,end_station,duration_s\n"
                + "1,2024-03-01T08:00:00,2024-03-01T08:10:00,Central,Harbour,600\n");
        String sha = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(mine)));

        try (LocalWorkspace local = LocalWorkspaces.open(folder.resolve("local"), LocalWorkspaces.Options.defaults())) {
            DebugReplay.Result result = new DebugReplay(remote, local).replay(succeeded.id(),
                    ReplayRequest.of(ReplayScope.only("parse"))
                            .withStepInputs(Map.of("parse", Map.of("file", TextNode.valueOf(mine.toString())))));
            Run replay = local.await(result.replay().id());

            assertThat(replay.state()).as(replay.error()).isEqualTo(RunState.SUCCEEDED);
            StepRun parse = local.run(replay.id()).step("parse");
            assertThat(ArtifactRef.from(parse.inputs().get("file")).orElseThrow().sha256()).isEqualTo(sha);
            assertThat(parse.outputs().get("rows").asInt()).isEqualTo(1);
            local.openArtifact(sha).close();
        }
        // the server neither looked for the path nor stored the file
        assertThatThrownBy(() -> server.workspace.openArtifact(sha)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aRequestTheServerRefusesWritesNothingLocally() throws IOException {
        apply("bike_trips/flow.yaml");
        Run failed = runOnServer("bike_trips");

        try (LocalWorkspace local = LocalWorkspaces.open(folder.resolve("local"), LocalWorkspaces.Options.defaults())) {
            assertThatThrownBy(() -> new DebugReplay(remote, local)
                    .replay(failed.id(), ReplayRequest.of(ReplayScope.from("nosuchstep"))))
                    .hasMessageContaining("nosuchstep");
            assertThatThrownBy(() -> local.run(failed.id())).isInstanceOf(NotFoundException.class);
            assertThat(local.flows()).isEmpty();
        }
    }

    @Test
    void theCommandLineReplaysAServerRunLocally() throws Exception {
        apply("bike_trips/flow.yaml");
        Run failed = runOnServer("bike_trips");
        apply("bike_trips/flow.v2.yaml");
        Path localFolder = folder.resolve("local");

        Result replayed = cli("replay", failed.id(), "--server", url(), "--token", server.token, "--local",
                "--workspace", localFolder.toString(), "--failed", "--revision", "latest", "--json");

        assertThat(replayed.code()).as(replayed.err()).isZero();
        assertThat(replayed.err()).contains("imported run " + failed.id() + " from " + url() + " (1 artifacts fetched)");
        String replayId = new ObjectMapper().readTree(replayed.out()).at("/run/id").asText();
        Result shown = cli("runs", "show", replayId, "--workspace", localFolder.toString());
        assertThat(shown.out()).contains("SUCCEEDED").contains("replay of " + failed.id())
                .contains("of a run from server:" + url());
        Result lineage = cli("runs", "lineage", replayId, "--workspace", localFolder.toString());
        assertThat(lineage.out()).contains(failed.id() + "  FAILED  revision 1  from server:" + url());
    }

    record Result(int code, String out, String err) {
    }

    private Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(TestWiring.workspaces(), folder.resolve("default"),
                new Cli.Environment(null, folder.resolve("connections.json"), Map.of()))
                .execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }
}
