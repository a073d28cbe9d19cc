package dev.reprise.server;

import dev.reprise.apiclient.ApiClient;
import dev.reprise.apiclient.ApiException;
import dev.reprise.apiclient.api.FlowsApi;
import dev.reprise.apiclient.api.ReplayApi;
import dev.reprise.apiclient.api.RunsApi;
import dev.reprise.apiclient.api.SnapshotsApi;
import dev.reprise.apiclient.model.ApplyResult;
import dev.reprise.apiclient.model.FlowSource;
import dev.reprise.apiclient.model.PlannedStep;
import dev.reprise.apiclient.model.ReplayPlan;
import dev.reprise.apiclient.model.ReplayPlanAction;
import dev.reprise.apiclient.model.ReplayRequest;
import dev.reprise.apiclient.model.ReplayScope;
import dev.reprise.apiclient.model.ReplayScopeKind;
import dev.reprise.apiclient.model.Run;
import dev.reprise.apiclient.model.RunDetail;
import dev.reprise.apiclient.model.RunPage;
import dev.reprise.apiclient.model.RunState;
import dev.reprise.apiclient.model.Snapshot;
import dev.reprise.apiclient.model.SnapshotRequest;
import dev.reprise.apiclient.model.SnapshotRun;
import dev.reprise.apiclient.model.StartRequest;
import dev.reprise.apiclient.model.StepRun;
import dev.reprise.apiclient.model.StepState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A client that a user of the API would make: the build writes the document the server serves
 * ({@code dev.reprise.app.ApiDocumentFile}) and a third party's generator (OpenAPI Generator, Java, java.net.http
 * and Jackson) makes a client of it into the test sources. With only that client's classes, against a real server
 * on loopback, this test lists runs, starts a run of a flow, plans a replay and replays it, and lists a flow's
 * snapshots and runs its latest: the document is a contract a generated client can be built on and trusted with,
 * not only a page to read.
 */
class GeneratedClientTest {

    private static final String HELLO = """
            id: hello
            inputs:
              who: { type: string, default: world }
            steps:
              greet:
                type: shell
                inputs: { who: "{{ inputs.who }}" }
                run: echo "greeting=hello $REPRISE_INPUT_who" >> "$REPRISE_OUTPUTS"
              after:
                type: shell
                inputs: { g: "{{ steps.greet.outputs.greeting }}" }
                run: echo "seen=$REPRISE_INPUT_g" >> "$REPRISE_OUTPUTS"
            """;

    @TempDir
    Path folder;

    private TestServer server;
    private RunsApi runs;
    private ReplayApi replays;
    private FlowsApi flows;
    private SnapshotsApi snapshots;

    @BeforeEach
    void start() {
        server = new TestServer(folder.resolve("ws"));
        ApiClient client = new ApiClient();
        // the document's server URL is relative (/api/v1): a client is told the host it talks to
        client.updateBaseUri(server.server.url());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + server.token));
        client.setReadTimeout(Duration.ofSeconds(30));
        runs = new RunsApi(client);
        replays = new ReplayApi(client);
        flows = new FlowsApi(client);
        snapshots = new SnapshotsApi(client);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RunPage allRuns() throws ApiException {
        return runs.listRuns(null, null, null, null, null, null, null, null, null, null);
    }

    private RunDetail ended(String runId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> runs.getRun(runId), detail -> detail.getRun().getEndedAt() != null);
    }

    private static Map<String, StepState> stepStates(RunDetail detail) {
        return detail.getSteps().stream().collect(Collectors.toMap(StepRun::getStepId, StepRun::getState));
    }

    private Run startedHello() throws ApiException {
        ApplyResult applied = flows.applyFlow(new FlowSource().source(HELLO).fileName("hello.yaml"));
        assertThat(applied.getCreated()).isTrue();
        assertThat(applied.getRevision().getRevision()).isEqualTo(1);
        // no revision: the latest, which the document says by letting it be null
        return runs.startRun(new StartRequest().flowId("hello").revision(null)
                .parameters(Map.of("who", "generated")).name("from a generated client")
                .labels(Map.of("by", "generator")).env(Map.of()));
    }

    private static ReplayRequest fromAfter() {
        return new ReplayRequest().scope(new ReplayScope().kind(ReplayScopeKind.FROM).steps(List.of("after")))
                .parameterOverrides(Map.of()).stepInputOverrides(Map.of()).outputOverrides(Map.of())
                .revision("original").env(Map.of()).labels(Map.of()).name(null);
    }

    @Test
    void aGeneratedClientListsNoRunsOfAnEmptyWorkspace() throws ApiException {
        RunPage page = allRuns();

        assertThat(page.getRuns()).isEmpty();
        assertThat(page.getNextCursor()).isNull();
    }

    @Test
    void aGeneratedClientStartsARunOfAFlowAndListsIt() throws ApiException {
        Run started = startedHello();
        RunDetail detail = ended(started.getId());

        assertThat(started.getFlowId()).isEqualTo("hello");
        assertThat(started.getState()).isIn(RunState.QUEUED, RunState.RUNNING);
        assertThat(started.getName()).isEqualTo("from a generated client");
        assertThat(started.getParentRunId()).isNull();
        assertThat(detail.getRun().getState()).isEqualTo(RunState.SUCCEEDED);
        assertThat(stepStates(detail)).containsOnly(Map.entry("greet", StepState.SUCCEEDED),
                Map.entry("after", StepState.SUCCEEDED));
        assertThat(allRuns().getRuns()).extracting(Run::getId).containsExactly(started.getId());
        assertThat(runs.listRuns("hello", List.of("SUCCEEDED"), List.of("by=generator"), null, null, null, null, null,
                10, null).getRuns()).extracting(Run::getId).containsExactly(started.getId());
    }

    @Test
    void aGeneratedClientListsAFlowsSnapshotsAndRunsItsLatest() throws ApiException {
        startedHello();
        Snapshot made = snapshots.createSnapshot(new SnapshotRequest().name("for-ada").flowId("hello").revision(null)
                .fromRunId(null).parameters(Map.of("who", "ada")).stepInputs(Map.of()).description("greets Ada")
                .labels(Map.of("team", "data")).env(Map.of()).runName(null), null, null);

        List<Snapshot> ofHello = snapshots.listSnapshots("hello");
        Snapshot latest = snapshots.getLatestSnapshot("hello");
        Run run = snapshots.runLatestSnapshot("hello", new SnapshotRun().parameters(Map.of()).stepInputs(Map.of())
                .name(null).labels(Map.of("by", "generator")).env(Map.of()));
        RunDetail detail = ended(run.getId());

        assertThat(made.getLabels()).containsEntry("team", "data");
        assertThat(ofHello).extracting(Snapshot::getName).containsExactly("for-ada");
        assertThat(snapshots.listSnapshots("other")).isEmpty();
        assertThat(latest.getName()).isEqualTo("for-ada");
        assertThat(detail.getRun().getLabels()).containsEntry("snapshot", "for-ada").containsEntry("team", "data")
                .containsEntry("by", "generator");
        assertThat(detail.getRun().getState()).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void aGeneratedClientPlansAReplayAndReplaysTheRun() throws ApiException {
        String source = startedHello().getId();
        ended(source);

        ReplayPlan plan = replays.planReplay(source, fromAfter());
        Run replay = replays.replayRun(source, fromAfter());
        RunDetail replayed = ended(replay.getId());

        assertThat(plan.getSourceRunId()).isEqualTo(source);
        assertThat(plan.getErrors()).isEmpty();
        assertThat(plan.getSteps()).extracting(PlannedStep::getStepId, PlannedStep::getAction).containsExactly(
                tuple("greet", ReplayPlanAction.REUSE),
                tuple("after", ReplayPlanAction.EXECUTE));
        assertThat(replay.getId()).isNotEqualTo(source);
        assertThat(replay.getParentRunId()).isEqualTo(source);
        assertThat(replay.getRootRunId()).isEqualTo(source);
        assertThat(replay.getReplay()).isNotNull();
        assertThat(replay.getReplay().getScope().getKind()).isEqualTo(ReplayScopeKind.FROM);
        assertThat(replayed.getRun().getState()).isEqualTo(RunState.SUCCEEDED);
        assertThat(stepStates(replayed)).containsOnly(Map.entry("greet", StepState.REUSED),
                Map.entry("after", StepState.SUCCEEDED));
        assertThat(allRuns().getRuns()).extracting(Run::getId).containsExactlyInAnyOrder(source, replay.getId());
    }
}
