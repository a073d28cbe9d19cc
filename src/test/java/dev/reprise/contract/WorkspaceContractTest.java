package dev.reprise.contract;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.Problem;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.BulkReplay;
import dev.reprise.run.BulkReplayRequest;
import dev.reprise.run.Lineage;
import dev.reprise.run.LocalFile;
import dev.reprise.run.LogChunk;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunPage;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.RunTrigger;
import dev.reprise.run.StepRun;
import dev.reprise.run.Snapshot;
import dev.reprise.run.StepRunRef;
import dev.reprise.run.StepState;
import dev.reprise.run.SuggestedFix;
import dev.reprise.workspace.ApplyResult;
import dev.reprise.workspace.FileDiff;
import dev.reprise.workspace.FlowFolder;
import dev.reprise.workspace.FlowFolders;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.LineDiff;
import dev.reprise.workspace.NotFoundException;
import dev.reprise.workspace.RevisionDiff;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.RunReference;
import dev.reprise.workspace.SnapshotRequest;
import dev.reprise.workspace.SnapshotRun;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link Workspace} does, whichever side of a network it is on. One subclass runs it on a local
 * workspace in a temporary folder, one on a remote workspace talking to a real server on loopback, so the
 * two cannot drift apart.
 */
public abstract class WorkspaceContractTest {

    static final String HELLO = """
            id: hello
            description: Says hello
            inputs:
              who: { type: string, default: world }
              times: { type: integer, default: 1, min: 1, max: 5 }
            steps:
              greet:
                type: shell
                inputs: { who: "{{ inputs.who }}", times: "{{ inputs.times }}" }
                run: |
                  i=0; while [ $i -lt $REPRISE_INPUT_times ]; do echo "hello $REPRISE_INPUT_who"; i=$((i+1)); done
                  echo "greeting=hello $REPRISE_INPUT_who" >> "$REPRISE_OUTPUTS"
                  printf 'file of %s' "$REPRISE_INPUT_who" > "$REPRISE_OUTPUT_DIR/note.txt"
              after:
                type: shell
                inputs: { g: "{{ steps.greet.outputs.greeting }}" }
                run: echo "seen=$REPRISE_INPUT_g" >> "$REPRISE_OUTPUTS"
            """;

    static final String SLEEPY = """
            id: sleepy
            steps:
              nap: { type: shell, run: "sleep 30" }
              other: { type: shell, run: "sleep 30" }
              last: { type: shell, needs: [nap], run: "true" }
            """;

    /** A flow whose first step has typed inputs (list.range takes count, start and prefix, and nothing else). */
    static final String SHARDS = """
            id: shards
            inputs:
              n: { type: integer, default: 2, min: 1, max: 10 }
            steps:
              ids:
                type: list.range
                inputs: { count: "{{ inputs.n }}", prefix: "shard-" }
              count:
                type: shell
                foreach: "{{ steps.ids.outputs.items }}"
                inputs: { shard: "{{ item }}" }
                run: echo "seen=$REPRISE_INPUT_shard" >> "$REPRISE_OUTPUTS"
            """;

    @TempDir
    protected Path folder;

    protected Workspace workspace;

    /** A fresh, empty workspace of the kind under test, in {@link #folder}. */
    protected abstract Workspace open() throws Exception;

    @BeforeEach
    void openWorkspace() throws Exception {
        workspace = open();
    }

    @AfterEach
    void closeWorkspace() throws Exception {
        if (workspace == null) {
            return; // the kind under test could not be had here (the test was skipped, saying why)
        }
        workspace.close();
        closeRest();
    }

    /** Whatever else {@link #open} started. */
    protected void closeRest() throws Exception {
    }

    // ---- flows

    @Test
    void applyingAFlowStoresRevisionsOnlyWhenItChanges() {
        ApplyResult first = workspace.applyFlow(HELLO, "hello.yaml");
        ApplyResult same = workspace.applyFlow(HELLO, "hello.yaml");
        ApplyResult changed = workspace.applyFlow(HELLO.replace("Says hello", "Says hello twice"), "hello.yaml");

        assertThat(first.created()).isTrue();
        assertThat(first.revision().revision()).isEqualTo(1);
        assertThat(same.created()).isFalse();
        assertThat(same.revision().revision()).isEqualTo(1);
        assertThat(changed.revision().revision()).isEqualTo(2);
        assertThat(workspace.revisions("hello")).extracting(FlowRevision::revision).containsExactly(1, 2);
        assertThat(workspace.revision("hello", null).source()).contains("Says hello twice");
        assertThat(workspace.revision("hello", 1).source()).isEqualTo(HELLO);
        assertThat(workspace.flows()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("hello");
            assertThat(f.latestRevision()).isEqualTo(2);
            assertThat(f.description()).isEqualTo("Says hello twice");
        });
    }

    @Test
    void validatingReportsEveryProblemAtItsPlaceAndStoresNothing() {
        String bad = """
                id: bad
                steps:
                  a: { type: nosuchtype }
                  b: { type: shell, needs: [ghost], run: "true" }
                """;
        List<Problem> problems = workspace.validateFlow(bad, "bad.yaml");

        assertThat(problems).hasSizeGreaterThanOrEqualTo(2);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.pos().file()).isEqualTo("bad.yaml");
            assertThat(p.pos().line()).isEqualTo(3);
            assertThat(p.message()).contains("nosuchtype");
        });
        assertThat(workspace.validateFlow(HELLO, "hello.yaml")).isEmpty();
        assertThatThrownBy(() -> workspace.applyFlow(bad, "bad.yaml")).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).isEqualTo(problems));
        assertThat(workspace.flows()).isEmpty();
    }

    @Test
    void aFlowFolderRunsWithItsRevisionsFilesAndAReplayOnTheOriginalRevisionRunsTheOldOnes() throws Exception {
        Path code = Files.createDirectories(folder.resolve("folder-flow"));
        Files.writeString(code.resolve("flow.yaml"), """
                id: foldered
                steps:
                  clean: { type: shell, run: sh clean.sh }
                """);
        Files.writeString(code.resolve("clean.sh"), "echo \"version=$(cat lib/v.txt)\" >> \"$REPRISE_OUTPUTS\"\n");
        Files.createDirectories(code.resolve("lib"));
        Files.writeString(code.resolve("lib/v.txt"), "1");
        ApplyResult first = FlowFolders.apply(workspace, FlowFolder.read(code));
        Run run = workspace.start(StartRequest.of("foldered"));
        assertThat(lastRun(awaitEnd(run.id(), 0)).state()).isEqualTo(RunState.SUCCEEDED);
        Files.writeString(code.resolve("lib/v.txt"), "2");
        ApplyResult second = FlowFolders.apply(workspace, FlowFolder.read(code));
        Files.delete(code.resolve("clean.sh"));

        Run original = workspace.replay(run.id(), ReplayRequest.of(ReplayScope.whole()));
        Run latest = workspace.replay(run.id(), ReplayRequest.of(ReplayScope.whole())
                .withRevision(ReplayRequest.LATEST));
        awaitEnd(original.id(), 0);
        awaitEnd(latest.id(), 0);

        assertThat(first.revision().files()).extracting(FlowFile::path).containsExactly("clean.sh", "lib/v.txt");
        assertThat(second.revision().revision()).isEqualTo(2);
        assertThat(workspace.revision("foldered", 2).files()).isEqualTo(second.revision().files());
        assertThat(workspace.run(run.id()).step("clean").outputs().get("version").asText()).isEqualTo("1");
        assertThat(workspace.run(original.id()).step("clean").outputs().get("version").asText()).isEqualTo("1");
        assertThat(workspace.run(latest.id()).step("clean").outputs().get("version").asText()).isEqualTo("2");
        assertThat(workspace.plan(run.id(), ReplayRequest.of(ReplayScope.failed()).withRevision(ReplayRequest.LATEST))
                .step("clean").reason()).isEqualTo("file lib/v.txt changed in revision 2");
    }

    @Test
    void aRevisionDiffGivesEachChangedFilesLinesAndNamesABinaryFileWithoutItsBytes() throws Exception {
        Path code = Files.createDirectories(folder.resolve("diffed-flow"));
        String flow = """
                id: diffed
                steps:
                  clean: { type: shell, run: sh clean.sh }
                """;
        Files.writeString(code.resolve("flow.yaml"), flow);
        Files.writeString(code.resolve("clean.sh"), "a\nb\nc\nd\ne\nf\ng\nh\n");
        Files.writeString(code.resolve("old.sh"), "echo old\n");
        Files.write(code.resolve("logo.bin"), new byte[]{1, 0, 2});
        FlowFolders.apply(workspace, FlowFolder.read(code));
        Files.writeString(code.resolve("clean.sh"), "a\nb\nc\nd\nE\nf\ng\nh\n");
        Files.delete(code.resolve("old.sh"));
        Files.writeString(code.resolve("new.py"), "print('new')\n");
        Files.write(code.resolve("logo.bin"), new byte[]{1, 0, 3});
        FlowFolders.apply(workspace, FlowFolder.read(code));

        RevisionDiff diff = workspace.diffRevisions("diffed", 1, 2);

        assertThat(diff.source().change()).isEqualTo(FileDiff.Change.UNCHANGED);
        assertThat(diff.files()).extracting(FileDiff::path, FileDiff::change, FileDiff::content).containsExactly(
                tuple("clean.sh", FileDiff.Change.CHANGED, FileDiff.Content.TEXT),
                tuple("logo.bin", FileDiff.Change.CHANGED, FileDiff.Content.BINARY),
                tuple("new.py", FileDiff.Change.ADDED, FileDiff.Content.TEXT),
                tuple("old.sh", FileDiff.Change.REMOVED, FileDiff.Content.TEXT));
        List<LineDiff.Hunk> hunks = diff.files().get(0).lines().hunks(3);
        assertThat(hunks).extracting(LineDiff.Hunk::header).containsExactly("@@ -2,7 +2,7 @@");
        assertThat(hunks.get(0).lines()).filteredOn(l -> l.side() != LineDiff.Side.BOTH)
                .extracting(LineDiff.UnifiedLine::side, LineDiff.UnifiedLine::text)
                .containsExactly(tuple(LineDiff.Side.LEFT, "e"), tuple(LineDiff.Side.RIGHT, "E"));
        assertThat(diff.files().get(1).lines()).isNull();
        assertThat(diff.files().get(1).summary()).isEqualTo("binary, 3 bytes, not compared line by line");
        assertThat(diff.files().get(2).lines().unified()).extracting(LineDiff.UnifiedLine::text)
                .containsExactly("print('new')");
        assertThat(diff.files().get(3).summary()).isEqualTo("removed, 1 line");
        assertThat(diff.summary()).isEqualTo("files: 1 added, 1 removed, 2 changed");
        assertThatThrownBy(() -> workspace.diffRevisions("diffed", 1, 3)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theCodeAStepNamesIsCheckedAgainstTheFilesOfItsFolderOrOfTheLatestRevision() throws Exception {
        String flow = """
                id: foldered
                steps:
                  clean: { type: python, file: clean.py }
                """;
        Path code = Files.createDirectories(folder.resolve("python-folder"));
        Files.writeString(code.resolve("flow.yaml"), flow);
        Files.writeString(code.resolve("clean.py"), "print(1)\n");
        List<FlowFile> files = FlowFolder.read(code).flowFiles();

        assertThat(workspace.validateFlow(flow, "flow.yaml", files)).isEmpty();
        assertThat(workspace.validateFlow(flow, "flow.yaml", List.of())).singleElement().satisfies(p -> {
            assertThat(p.pos().line()).isEqualTo(3);
            assertThat(p.pos().column()).isEqualTo(32);
            assertThat(p.message()).startsWith("file: 'clean.py' of python step 'clean' is not a file of the flow");
        });
        assertThat(workspace.validateFlow(flow, "flow.yaml")).as("before the folder was applied").hasSize(1);
        FlowFolders.apply(workspace, FlowFolder.read(code));
        assertThat(workspace.validateFlow(flow.replace("{ type", "{ timeout: 5s, type"), "flow.yaml"))
                .as("the YAML alone, against the latest revision's files").isEmpty();
    }

    @Test
    void aFlowFolderWhoseFilesWereNotStoredIsRefused() {
        String flow = """
                id: foldered
                steps:
                  clean: { type: shell, run: sh clean.sh }
                """;

        assertThatThrownBy(() -> workspace.applyFlow(flow, "flow.yaml",
                List.of(new FlowFile("clean.sh", 3, "0".repeat(64))))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("file clean.sh (" + "0".repeat(64) + ") is not stored");
        assertThatThrownBy(() -> workspace.applyFlow(flow, "flow.yaml",
                List.of(new FlowFile("../clean.sh", 3, "0".repeat(64))))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a relative path inside the flow folder");
        assertThat(workspace.flows()).isEmpty();
    }

    @Test
    void stepTypesIncludeTheBuiltIns() {
        assertThat(workspace.stepTypes()).extracting(t -> t.type()).contains("shell", "python", "noop", "csv.parse");
    }

    // ---- runs

    @Test
    void aStartedRunGoesOnAndItsEventsArriveInOrderToTheEnd() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Run started = workspace.start(StartRequest.of("hello").withParameters(Map.of("who", TextNode.valueOf("contract"),
                "times", TextNode.valueOf("2"))));
        List<RunEvent> events = awaitEnd(started.id(), 0);

        assertThat(started.state()).isEqualTo(RunState.QUEUED);
        assertOrderedWithoutDuplicates(events);
        Run ended = lastRun(events);
        assertThat(ended.state()).isEqualTo(RunState.SUCCEEDED);
        RunDetail detail = workspace.run(started.id());
        assertThat(detail.run().state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(detail.run().seq()).isEqualTo(ended.seq());
        assertThat(detail.run().parameters().get("times")).isEqualTo(IntNode.valueOf(2));
        assertThat(detail.step("greet").outputs().get("greeting").asText()).isEqualTo("hello contract");
        assertThat(detail.step("after").outputs().get("seen").asText()).isEqualTo("hello contract");
        assertThat(detail.steps()).allSatisfy(s -> assertThat(s.state()).isEqualTo(StepState.SUCCEEDED));
    }

    @Test
    void subscribingAfterASequenceNumberDeliversOnlyWhatChangedSince() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Run run = workspace.start(StartRequest.of("hello"));
        List<RunEvent> all = awaitEnd(run.id(), 0);
        long middle = all.get(all.size() / 2).seq();

        List<RunEvent> resumed = awaitEnd(run.id(), middle);

        assertThat(resumed).isNotEmpty().allSatisfy(e -> assertThat(e.seq()).isGreaterThan(middle));
        assertOrderedWithoutDuplicates(resumed);
        assertThat(lastRun(resumed).state()).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void subscribingToEveryRunDeliversTheEventsOfNewRuns() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        try (Subscription ignored = workspace.subscribeAll(seen::add)) {
            Run run = workspace.start(StartRequest.of("hello"));
            await().atMost(30, TimeUnit.SECONDS).until(() -> seen.stream().anyMatch(e -> e.runId().equals(run.id())
                    && e instanceof RunEvent.RunChanged(var changed, var at) && changed.state().isTerminal()));
            assertOrderedWithoutDuplicates(seen.stream().filter(e -> e.runId().equals(run.id())).toList());
        }
    }

    @Test
    void badParametersAreRefusedWithEveryProblemAndStartNothing() {
        workspace.applyFlow(HELLO, "hello.yaml");

        assertThatThrownBy(() -> workspace.start(StartRequest.of("hello").withParameters(Map.of(
                "times", IntNode.valueOf(9), "nope", TextNode.valueOf("x")))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("at most 5"))
                        .anySatisfy(m -> assertThat(m).contains("no input 'nope'")));
        assertThatThrownBy(() -> workspace.start(StartRequest.of(" "))).isInstanceOf(InvalidInputException.class);
        assertThat(workspace.runs(RunQuery.all()).runs()).isEmpty();
    }

    @Test
    void runQueriesFilterByEveryFieldAndPageWithACursor() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        workspace.applyFlow(HELLO.replace("id: hello", "id: other"), "other.yaml");
        Instant before = Instant.now().minusSeconds(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Run run = workspace.start(new StartRequest(i < 3 ? "hello" : "other", null, Map.of(), "batch " + i,
                    Map.of("team", i % 2 == 0 ? "even" : "odd"), Map.of()));
            awaitEnd(run.id(), 0);
            ids.add(run.id());
        }
        Instant after = Instant.now().plusSeconds(1);

        assertThat(ids(workspace.runs(RunQuery.all().withFlow("hello")))).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(ids(workspace.runs(RunQuery.all().withLabels(Map.of("team", "odd"))))).containsExactly(ids.get(3), ids.get(1));
        assertThat(ids(workspace.runs(RunQuery.all().withText("BATCH 4")))).containsExactly(ids.get(4));
        assertThat(ids(workspace.runs(RunQuery.all().withStates(Set.of(RunState.FAILED))))).isEmpty();
        assertThat(ids(workspace.runs(RunQuery.all().withStates(Set.of(RunState.SUCCEEDED, RunState.FAILED))))).hasSize(5);
        assertThat(ids(workspace.runs(RunQuery.all().withRange(before, after)))).hasSize(5);
        assertThat(ids(workspace.runs(RunQuery.all().withRange(after, null)))).isEmpty();

        RunPage first = workspace.runs(RunQuery.all().withLimit(2));
        RunPage second = workspace.runs(RunQuery.all().withLimit(2).withAfter(first.nextCursor()));
        RunPage third = workspace.runs(RunQuery.all().withLimit(2).withAfter(second.nextCursor()));
        assertThat(ids(first)).containsExactly(ids.get(4), ids.get(3));
        assertThat(ids(second)).containsExactly(ids.get(2), ids.get(1));
        assertThat(ids(third)).containsExactly(ids.get(0));
        assertThat(third.nextCursor()).isNull();
        assertThatThrownBy(() -> workspace.runs(RunQuery.all().withAfter("not a cursor")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aRunIsFoundByItsIdItsNameOrItsFlowAndAStepAfterASlash() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        workspace.applyFlow(HELLO.replace("id: hello", "id: other"), "other.yaml");
        List<String> ids = new ArrayList<>();
        for (String[] run : new String[][] {{"hello", "nightly"}, {"hello", "nightly"}, {"other", "weekly"},
                {"other", null}}) {
            Run started = workspace.start(new StartRequest(run[0], null, Map.of(), run[1], Map.of(), Map.of()));
            awaitEnd(started.id(), 0);
            ids.add(started.id());
        }

        assertThat(ids(workspace.runs(RunQuery.all().withName("nightly")))).containsExactly(ids.get(1), ids.get(0));
        assertThat(workspace.resolveRun(ids.get(0))).isEqualTo(new RunReference(workspace.run(ids.get(0)).run(), null));
        RunReference nightly = workspace.resolveRun("nightly");
        assertThat(nightly.run().id()).isEqualTo(ids.get(1));
        assertThat(nightly.note()).isEqualTo("the newest of 2 runs named nightly (" + ids.get(1) + ")");
        assertThat(workspace.resolveRun(" weekly ").note()).isEqualTo("the run named weekly");
        RunReference newestOfFlow = workspace.resolveRun("other");
        assertThat(newestOfFlow.run().id()).isEqualTo(ids.get(3));
        assertThat(newestOfFlow.note()).isEqualTo("the newest run of flow other (" + ids.get(3) + ")");
        RunReference.StepReference step = RunReference.resolveStep(workspace, "nightly/greet");
        assertThat(step.run().run().id()).isEqualTo(ids.get(1));
        assertThat(step.stepId()).isEqualTo("greet");
        assertThatThrownBy(() -> workspace.resolveRun("monthly")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no run 'monthly'");
        assertThatThrownBy(() -> RunReference.resolveStep(workspace, "nightly/")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> workspace.resolveRun(" ")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aRunThatAStepStartedIsLinkedToItAndListedUnderItsParent() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        workspace.applyFlow("""
                id: caller
                steps:
                  call:
                    type: flow.run
                    inputs: { flow: hello, inputs: { who: child } }
                """, "caller.yaml");
        workspace.start(StartRequest.of("hello"));
        Run parent = workspace.start(StartRequest.of("caller"));
        awaitEnd(parent.id(), 0);

        RunDetail detail = workspace.run(parent.id());
        List<Run> children = workspace.runs(RunQuery.all().withParent(parent.id())).runs();
        assertThat(detail.run().state()).as(detail.run().error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(children).singleElement().satisfies(child -> {
            assertThat(child.flowId()).isEqualTo("hello");
            assertThat(child.trigger()).isEqualTo(new RunTrigger(parent.id(), "call", 1));
            assertThat(child.parameters().get("who").asText()).isEqualTo("child");
        });
        StepRun call = detail.steps().getFirst();
        assertThat(call.lastAttempt().childRunId()).isEqualTo(children.getFirst().id());
        assertThat(call.outputs().get("run_id").asText()).isEqualTo(children.getFirst().id());
    }

    private static List<String> ids(RunPage page) {
        return page.runs().stream().map(Run::id).toList();
    }

    // ---- logs and artifacts

    @Test
    void logsReadPieceByPieceFromAnOffset() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Run run = workspace.start(StartRequest.of("hello").withParameters(Map.of("times", IntNode.valueOf(3))));
        awaitEnd(run.id(), 0);

        StringBuilder text = new StringBuilder();
        long offset = 0;
        LogChunk chunk;
        do {
            chunk = workspace.log(run.id(), "greet", 1, offset, 7);
            text.append(chunk.text());
            offset = chunk.nextOffset();
        } while (!chunk.complete());

        assertThat(text).hasToString("hello world\nhello world\nhello world\n");
        assertThat(chunk.size()).isEqualTo(offset);
        assertThatThrownBy(() -> workspace.log(run.id(), "greet", 2, 0, 10)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> workspace.log(run.id(), "ghost", 1, 0, 10)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> workspace.log(run.id(), "greet", 1, -1, 10)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void fileOutputsAreArtifactsReadByTheirDigest() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Run run = workspace.start(StartRequest.of("hello").withParameters(Map.of("who", TextNode.valueOf("bytes"))));
        awaitEnd(run.id(), 0);
        ArtifactRef note = ArtifactRef.from(workspace.run(run.id()).step("greet").outputs().get("note.txt")).orElseThrow();

        try (InputStream in = workspace.openArtifact(note.sha256())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("file of bytes");
        }
        assertThat(note.size()).isEqualTo("file of bytes".length());
    }

    @Test
    void bytesPutAsAnArtifactAreKeptByTheirDigestAndWrongOnesRefused() throws Exception {
        byte[] bytes = "station,trips\nCentral,12\n".getBytes(StandardCharsets.UTF_8);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));

        ArtifactRef stored = workspace.putArtifact(new java.io.ByteArrayInputStream(bytes), sha, "data/trips.csv");

        assertThat(stored).isEqualTo(new ArtifactRef(sha, "trips.csv", null, bytes.length));
        try (InputStream in = workspace.openArtifact(sha)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        String other = "0".repeat(64);
        assertThatThrownBy(() -> workspace.putArtifact(new java.io.ByteArrayInputStream(bytes), other, "x.csv"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nothing was stored");
        assertThatThrownBy(() -> workspace.openArtifact(other)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aFileOfThisMachineGivenToAReplayIsRecordedAsAnArtifact() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Run source = workspace.start(StartRequest.of("hello"));
        awaitEnd(source.id(), 0);
        Path mine = folder.resolve("mine.txt");
        java.nio.file.Files.writeString(mine, "a note from this machine");
        ReplayRequest withFile = ReplayRequest.of(ReplayScope.from("after"))
                .withStepInputs(Map.of("after", Map.of("g", new LocalFile(mine).toJson())));

        ReplayPlan plan = workspace.plan(source.id(), withFile);
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.step("after").action()).isEqualTo(ReplayPlan.Action.EXECUTE);
        Run replay = workspace.replay(source.id(), withFile);
        awaitEnd(replay.id(), 0);

        ArtifactRef given = ArtifactRef.from(workspace.run(replay.id()).step("after").inputs().get("g")).orElseThrow();
        assertThat(given.name()).isEqualTo("mine.txt");
        try (InputStream in = workspace.openArtifact(given.sha256())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a note from this machine");
        }
    }

    // ---- cancel

    @Test
    void cancellingARunStopsItsSteps() throws Exception {
        workspace.applyFlow(SLEEPY, "sleepy.yaml");
        Run run = workspace.start(StartRequest.of("sleepy"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> workspace.run(run.id()).steps().stream()
                .anyMatch(s -> s.state() == StepState.RUNNING));

        workspace.cancel(run.id());
        List<RunEvent> events = awaitEnd(run.id(), 0);

        assertThat(lastRun(events).state()).isEqualTo(RunState.CANCELLED);
        assertThat(workspace.run(run.id()).step("last").state()).isIn(StepState.CANCELLED, StepState.SKIPPED);
        workspace.cancel(run.id()); // an ended run: nothing happens
    }

    @Test
    void cancellingOneStepFailsOnlyWhatDependsOnIt() throws Exception {
        workspace.applyFlow(SLEEPY, "sleepy.yaml");
        Run run = workspace.start(StartRequest.of("sleepy"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> workspace.run(run.id()).step("nap").state() == StepState.RUNNING);

        workspace.cancelStep(run.id(), "nap");
        await().atMost(30, TimeUnit.SECONDS).until(() -> workspace.run(run.id()).step("nap").state().isTerminal());

        RunDetail detail = workspace.run(run.id());
        assertThat(detail.step("nap").state()).isEqualTo(StepState.CANCELLED);
        assertThat(detail.step("other").state()).isIn(StepState.RUNNING, StepState.PENDING);
        workspace.cancel(run.id());
        awaitEnd(run.id(), 0);
        assertThatThrownBy(() -> workspace.cancelStep(run.id(), "ghost")).isInstanceOf(NotFoundException.class);
    }

    // ---- not found

    // ---- suggested fixes

    @Test
    void aFailureTheStepCouldDiagnoseCarriesItsSuggestedFix() throws Exception {
        workspace.applyFlow("""
                id: dates
                steps:
                  extract: { type: dataset.generate, inputs: { month: "2024-03", rows: 20, seed: 1 } }
                  parse:
                    type: csv.parse
                    inputs: { file: "{{ steps.extract.outputs.file }}", datetime_format: "dd.MM.yyyy" }
                """, "dates.yaml");
        Run run = workspace.start(StartRequest.of("dates"));
        awaitEnd(run.id(), 0);

        RunDetail detail = workspace.run(run.id());
        assertThat(detail.step("parse").state()).isEqualTo(StepState.FAILED);
        assertThat(detail.step("parse").lastAttempt().fix()).isEqualTo(new SuggestedFix(
                "the values of started_at, ended_at are written as yyyy-MM-dd'T'HH:mm:ss", "parse",
                "datetime_format", TextNode.valueOf("dd.MM.yyyy"), TextNode.valueOf("yyyy-MM-dd'T'HH:mm:ss")));
        assertThat(detail.step("extract").lastAttempt().fix()).isNull();
    }

    // ---- replay

    @Test
    void aReplayIsPlannedThenRecordedAsANewRunInTheLineage() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Run source = workspace.start(StartRequest.of("hello"));
        awaitEnd(source.id(), 0);
        ReplayRequest fromAfter = ReplayRequest.of(ReplayScope.from("after"))
                .withStepInputs(Map.of("after", Map.of("g", TextNode.valueOf("edited"))));

        ReplayPlan plan = workspace.plan(source.id(), fromAfter);
        assertThat(plan.step("greet").action()).isEqualTo(ReplayPlan.Action.REUSE);
        assertThat(plan.step("greet").source()).isEqualTo(new StepRunRef(source.id(), "greet"));
        assertThat(plan.step("after").action()).isEqualTo(ReplayPlan.Action.EXECUTE);

        Run replay = workspace.replay(source.id(), fromAfter);
        awaitEnd(replay.id(), 0);
        RunDetail detail = workspace.run(replay.id());
        assertThat(detail.run().state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(detail.run().parentRunId()).isEqualTo(source.id());
        assertThat(detail.run().modified()).isTrue();
        assertThat(detail.run().replay().scope()).isEqualTo(ReplayScope.from("after"));
        assertThat(detail.step("greet").state()).isEqualTo(StepState.REUSED);
        assertThat(detail.step("after").outputs().get("seen").asText()).isEqualTo("edited");
        assertThat(detail.step("after").lastAttempt().number()).isEqualTo(2);
        Lineage lineage = workspace.lineage(replay.id());
        assertThat(lineage.root().run().id()).isEqualTo(source.id());
        assertThat(lineage.root().replays()).extracting(n -> n.run().id()).containsExactly(replay.id());
    }

    @Test
    void replaysAreNamedAfterTheFirstRunAndNumberedInItsLineage() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Run nightly = workspace.start(StartRequest.of("hello").withName("nightly"));
        awaitEnd(nightly.id(), 0);

        Run first = workspace.replay(nightly.id(), ReplayRequest.asIs());
        awaitEnd(first.id(), 0);
        Run ofTheReplay = workspace.replay(first.id(), ReplayRequest.asIs());
        awaitEnd(ofTheReplay.id(), 0);
        Run named = workspace.replay(nightly.id(), ReplayRequest.asIs().withName("by hand"));
        awaitEnd(named.id(), 0);
        Run again = workspace.replay(nightly.id(), ReplayRequest.asIs());
        awaitEnd(again.id(), 0);

        assertThat(List.of(first, ofTheReplay, named, again)).extracting(Run::name)
                .containsExactly("nightly (replay 1)", "nightly (replay 2)", "by hand", "nightly (replay 4)");
        Run unnamed = workspace.start(StartRequest.of("hello"));
        awaitEnd(unnamed.id(), 0);
        assertThat(workspace.replay(unnamed.id(), ReplayRequest.asIs()).name()).isEqualTo(unnamed.id() + " (replay 1)");
    }

    @Test
    void aRefusedReplayNamesEveryErrorAndWritesNothing() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Run source = workspace.start(StartRequest.of("hello"));
        awaitEnd(source.id(), 0);
        ReplayRequest bad = ReplayRequest.of(ReplayScope.from("nowhere"))
                .withParameters(Map.of("times", TextNode.valueOf("9"))).withRevision("4");

        assertThat(workspace.plan(source.id(), bad).errors()).extracting(ReplayPlan.PlanError::field)
                .containsExactlyInAnyOrder("revision", "parameters.times", "scope");
        assertThatThrownBy(() -> workspace.replay(source.id(), bad)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).hasSize(3));
        assertThat(workspace.runs(RunQuery.all()).runs()).hasSize(1);
        assertThatThrownBy(() -> workspace.plan("r-unknown", ReplayRequest.asIs())).isInstanceOf(NotFoundException.class);
    }

    static final String CHECKED = """
            id: checked
            inputs:
              fail: { type: boolean, default: false }
            steps:
              load: { type: shell, run: "echo rows=3 >> $REPRISE_OUTPUTS" }
              check:
                type: shell
                needs: [load]
                inputs: { fail: "{{ inputs.fail }}" }
                run: '[ "$REPRISE_INPUT_fail" != "true" ] || { echo "bad rows" >&2; exit 1; }'
            """;

    @Test
    void severalRunsAreReplayedEachWithItsOwnPlanAndARefusedOneDoesNotStopTheOthers() throws Exception {
        workspace.applyFlow(CHECKED, "checked.yaml");
        Run failed = workspace.start(StartRequest.of("checked")
                .withParameters(Map.of("fail", TextNode.valueOf("true"))));
        Run succeeded = workspace.start(StartRequest.of("checked"));
        assertThat(lastRun(awaitEnd(failed.id(), 0)).state()).isEqualTo(RunState.FAILED);
        assertThat(lastRun(awaitEnd(succeeded.id(), 0)).state()).isEqualTo(RunState.SUCCEEDED);
        // revision 2 no longer fails on the input
        workspace.applyFlow(CHECKED.replace("exit 1", "exit 0"), "checked.yaml");
        BulkReplayRequest request = BulkReplayRequest.of(List.of(failed.id(), succeeded.id(), "ghost", failed.id()))
                .withRevision("latest").withLabels(Map.of("batch", "b1"));

        BulkReplay planned = workspace.planReplays(request);

        assertThat(planned.dryRun()).isTrue();
        assertThat(planned.items()).extracting(BulkReplay.Item::reference)
                .containsExactly(failed.id(), succeeded.id(), "ghost");
        BulkReplay.Item ofFailed = planned.items().get(0);
        assertThat(ofFailed.scope()).isEqualTo(ReplayScope.failed());
        assertThat(ofFailed.plan().revision()).isEqualTo(2);
        assertThat(ofFailed.plan().step("load").action()).isEqualTo(ReplayPlan.Action.REUSE);
        assertThat(ofFailed.plan().step("check").action()).isEqualTo(ReplayPlan.Action.EXECUTE);
        assertThat(planned.items().get(1).scope()).isEqualTo(ReplayScope.whole());
        assertThat(planned.items().get(2).refusal()).contains("no run 'ghost'");
        assertThat(planned.items().get(2).runId()).isNull();
        assertThat(workspace.runs(RunQuery.all()).runs()).as("planning writes nothing").hasSize(2);

        BulkReplay done = workspace.replayAll(request);

        assertThat(done.dryRun()).isFalse();
        assertThat(done.refused()).extracting(BulkReplay.Item::reference).containsExactly("ghost");
        assertThat(done.accepted()).hasSize(2).allSatisfy(item -> assertThat(item.replay()).isNotNull());
        Run replayOfFailed = done.items().get(0).replay();
        assertThat(lastRun(awaitEnd(replayOfFailed.id(), 0)).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(lastRun(awaitEnd(done.items().get(1).replay().id(), 0)).state()).isEqualTo(RunState.SUCCEEDED);
        RunDetail detail = workspace.run(replayOfFailed.id());
        assertThat(detail.run().parentRunId()).isEqualTo(failed.id());
        assertThat(detail.run().revision()).isEqualTo(2);
        assertThat(detail.run().labels()).containsEntry("batch", "b1");
        assertThat(detail.step("load").state()).isEqualTo(StepState.REUSED);
        assertThat(workspace.lineage(failed.id()).root().replays()).extracting(n -> n.run().id())
                .containsExactly(replayOfFailed.id());
    }

    @Test
    void aQuerySelectsTheRunsToReplayAndOneScopeMayServeThemAll() throws Exception {
        workspace.applyFlow(CHECKED, "checked.yaml");
        Run failed = workspace.start(StartRequest.of("checked")
                .withParameters(Map.of("fail", TextNode.valueOf("true"))));
        awaitEnd(failed.id(), 0);
        Run succeeded = workspace.start(StartRequest.of("checked"));
        awaitEnd(succeeded.id(), 0);

        BulkReplay onlyFailed = workspace.planReplays(BulkReplayRequest.of(RunQuery.all().withFlow("checked")
                .withStates(Set.of(RunState.FAILED))));
        assertThat(onlyFailed.items()).extracting(BulkReplay.Item::runId).containsExactly(failed.id());

        BulkReplay fromCheck = workspace.planReplays(BulkReplayRequest.of(RunQuery.all().withFlow("checked"))
                .withScope(ReplayScope.from("check")));
        assertThat(fromCheck.items()).extracting(BulkReplay.Item::runId).containsExactly(succeeded.id(), failed.id());
        assertThat(fromCheck.items()).allSatisfy(item -> {
            assertThat(item.scope()).isEqualTo(ReplayScope.from("check"));
            assertThat(item.plan().step("load").action()).isEqualTo(ReplayPlan.Action.REUSE);
        });
        // the failed part of a run that succeeded selects nothing: refused with the planner's reason
        BulkReplay failedPart = workspace.planReplays(BulkReplayRequest.of(List.of(succeeded.id()))
                .withScope(ReplayScope.failed()));
        assertThat(failedPart.refused()).singleElement().satisfies(item -> {
            assertThat(item.refusal()).contains("selects nothing to execute");
            assertThat(item.plan()).isNotNull();
        });
    }

    @Test
    void aBulkReplayWithoutRunsOrWithABadRevisionIsRefusedAndARunGoingOnIsListed() throws Exception {
        assertThatThrownBy(() -> workspace.replayAll(BulkReplayRequest.of(List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("name the runs");
        workspace.applyFlow(SLEEPY, "sleepy.yaml");
        Run going = workspace.start(StartRequest.of("sleepy"));
        try {
            assertThatThrownBy(() -> workspace.replayAll(BulkReplayRequest.of(List.of(going.id())).withRevision("newest")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("revision");

            BulkReplay answer = workspace.replayAll(BulkReplayRequest.of(List.of(going.id())));

            assertThat(answer.items()).singleElement().satisfies(item -> {
                assertThat(item.refusal()).contains("only runs that have ended");
                assertThat(item.replay()).isNull();
            });
            assertThat(workspace.runs(RunQuery.all()).runs()).hasSize(1);
        } finally {
            workspace.cancel(going.id());
            awaitEnd(going.id(), 0);
        }
    }

    // ---- snapshots

    @Test
    void aSnapshotFixesInputsAndRunsWithOverridesOverThem() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Snapshot made = workspace.createSnapshot(SnapshotRequest.ofFlow("twice-for-ada", "hello")
                .withParameters(Map.of("who", TextNode.valueOf("ada"), "times", TextNode.valueOf("2")))
                .withStepInputs(Map.of("after", Map.of("g", TextNode.valueOf("fixed greeting"))))
                .withDescription("greets Ada twice"));

        assertThat(made.revision()).isEqualTo(1);
        assertThat(made.parameters()).containsEntry("times", IntNode.valueOf(2));
        assertThat(workspace.snapshots()).containsExactly(made);
        assertThat(workspace.snapshot("twice-for-ada")).isEqualTo(made);

        Run plain = workspace.runSnapshot("twice-for-ada", SnapshotRun.asIs());
        awaitEnd(plain.id(), 0);
        RunDetail detail = workspace.run(plain.id());
        assertThat(detail.run().state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(detail.run().labels()).containsEntry("snapshot", "twice-for-ada");
        assertThat(detail.run().parameters()).containsEntry("who", TextNode.valueOf("ada"));
        assertThat(detail.step("greet").outputs().get("greeting").asText()).isEqualTo("hello ada");
        assertThat(detail.step("after").outputs().get("seen").asText()).isEqualTo("fixed greeting");

        Run overridden = workspace.runSnapshot("twice-for-ada", SnapshotRun.asIs()
                .withParameters(Map.of("who", TextNode.valueOf("grace"))));
        awaitEnd(overridden.id(), 0);
        RunDetail second = workspace.run(overridden.id());
        assertThat(second.step("greet").outputs().get("greeting").asText()).isEqualTo("hello grace");
        assertThat(second.run().parameters()).containsEntry("times", IntNode.valueOf(2));
        assertThat(workspace.runs(RunQuery.all().withLabels(Map.of("snapshot", "twice-for-ada"))).runs()).hasSize(2);
    }

    @Test
    void aSnapshotOfARunKeepsItsRevisionAndInputs() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Run source = workspace.start(StartRequest.of("hello").withParameters(Map.of("who", TextNode.valueOf("lin"))));
        awaitEnd(source.id(), 0);
        workspace.applyFlow(HELLO.replace("Says hello", "Says hello, again"), "hello.yaml");

        Snapshot made = workspace.createSnapshot(SnapshotRequest.ofRun("as-lin-ran", source.id()));

        assertThat(made.revision()).isEqualTo(1);
        assertThat(made.sourceRunId()).isEqualTo(source.id());
        assertThat(made.parameters()).containsEntry("who", TextNode.valueOf("lin"));
        Run again = workspace.runSnapshot("as-lin-ran", null);
        awaitEnd(again.id(), 0);
        assertThat(workspace.run(again.id()).run().revision()).isEqualTo(1);
    }

    @Test
    void aBadSnapshotNamesEveryProblemAndStoresNothing() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        workspace.createSnapshot(SnapshotRequest.ofFlow("taken", "hello"));

        assertThatThrownBy(() -> workspace.createSnapshot(SnapshotRequest.ofFlow("taken", "hello")
                .withParameters(Map.of("nobody", TextNode.valueOf("x"), "times", TextNode.valueOf("9")))
                .withStepInputs(Map.of("nowhere", Map.of("x", TextNode.valueOf("1"))))))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).hasSize(4))
                .hasMessageContaining("taken").hasMessageContaining("nobody").hasMessageContaining("times")
                .hasMessageContaining("nowhere");
        assertThatThrownBy(() -> workspace.createSnapshot(SnapshotRequest.ofFlow("bad name!", "hello")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> workspace.createSnapshot(SnapshotRequest.ofFlow("ok", "no-such-flow")))
                .isInstanceOf(NotFoundException.class);
        assertThat(workspace.snapshots()).extracting(Snapshot::name).containsExactly("taken");
        assertThatThrownBy(() -> workspace.runSnapshot("missing", null)).isInstanceOf(NotFoundException.class);

        workspace.deleteSnapshot("taken");
        assertThat(workspace.snapshots()).isEmpty();
        assertThatThrownBy(() -> workspace.deleteSnapshot("taken")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aFlowsSnapshotsAreListedAndItsLatestIsTheOneMadeLastAndRunsByTheFlowsName() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        workspace.applyFlow(SLEEPY, "sleepy.yaml");
        workspace.createSnapshot(SnapshotRequest.ofFlow("a-first", "hello")
                .withParameters(Map.of("who", TextNode.valueOf("first"))));
        workspace.createSnapshot(SnapshotRequest.ofFlow("nap", "sleepy"));
        // made after a-first, and after it by name should both come in the same millisecond
        Snapshot latest = workspace.createSnapshot(SnapshotRequest.ofFlow("b-second", "hello")
                .withParameters(Map.of("who", TextNode.valueOf("second"))));

        assertThat(workspace.snapshots("hello")).extracting(Snapshot::name).containsExactly("a-first", "b-second");
        assertThat(workspace.snapshots("sleepy")).extracting(Snapshot::name).containsExactly("nap");
        assertThat(workspace.snapshots()).extracting(Snapshot::name).containsExactly("a-first", "b-second", "nap");
        assertThat(workspace.latestSnapshot("hello")).isEqualTo(latest);

        Run run = workspace.runLatestSnapshot("hello", SnapshotRun.asIs().withParameters(Map.of("times",
                TextNode.valueOf("2"))));
        awaitEnd(run.id(), 0);
        RunDetail detail = workspace.run(run.id());
        assertThat(detail.run().labels()).containsEntry("snapshot", "b-second");
        assertThat(detail.run().name()).isEqualTo("snapshot b-second");
        assertThat(detail.run().parameters()).containsEntry("who", TextNode.valueOf("second"))
                .containsEntry("times", IntNode.valueOf(2));
    }

    @Test
    void theLatestSnapshotOfAFlowWithoutOneIsNotFoundAndSaysHowToMakeOne() {
        workspace.applyFlow(HELLO, "hello.yaml");

        assertThat(workspace.snapshots("hello")).isEmpty();
        assertThatThrownBy(() -> workspace.latestSnapshot("hello")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("flow 'hello' has no snapshot").hasMessageContaining("snapshots create NAME "
                        + "--flow hello");
        assertThatThrownBy(() -> workspace.runLatestSnapshot("hello", null)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("flow 'hello' has no snapshot");
        assertThatThrownBy(() -> workspace.latestSnapshot("nowhere")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nowhere");
        assertThat(workspace.runs(RunQuery.all()).runs()).isEmpty();
    }

    @Test
    void aSnapshotOfARunKeepsItsLabelsAndEnvAndItsRunsCarryThemUnderTheirOwn() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Run source = workspace.start(new StartRequest("hello", null, Map.of("who", TextNode.valueOf("lin")), "nightly",
                Map.of("team", "data", "tier", "gold"), Map.of("REGION", "eu", "TZ", "UTC")));
        awaitEnd(source.id(), 0);

        Snapshot made = workspace.createSnapshot(SnapshotRequest.ofRun("as-lin-ran", source.id())
                .withDescription("what the nightly run did")
                .withLabelsAndEnv(Map.of("tier", "silver"), Map.of()));

        assertThat(made.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "data", "tier", "silver"));
        assertThat(made.env()).containsExactlyInAnyOrderEntriesOf(Map.of("REGION", "eu", "TZ", "UTC"));
        assertThat(made.description()).isEqualTo("what the nightly run did");
        assertThat(workspace.snapshot("as-lin-ran")).isEqualTo(made);

        Run run = workspace.runSnapshot("as-lin-ran", new SnapshotRun(Map.of(), Map.of(), null,
                Map.of("team", "ml"), Map.of("TZ", "CET")));
        awaitEnd(run.id(), 0);
        Run ran = workspace.run(run.id()).run();
        assertThat(ran.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "ml", "tier", "silver",
                "snapshot", "as-lin-ran"));
        assertThat(ran.env()).containsExactlyInAnyOrderEntriesOf(Map.of("REGION", "eu", "TZ", "CET"));
        // a snapshot of a snapshot's run keeps its labels but the one naming the snapshot, which its runs set anew
        assertThat(workspace.createSnapshot(SnapshotRequest.ofRun("again", ran.id())).labels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "ml", "tier", "silver"));
    }

    @Test
    void aSnapshotNamesItsRunsAndARunOfItMayNameItselfOtherwise() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        workspace.createSnapshot(SnapshotRequest.ofFlow("named", "hello").withRunName("greeting for all"));

        Run plain = workspace.runSnapshot("named", null);
        Run renamed = workspace.runSnapshot("named", new SnapshotRun(Map.of(), Map.of(), "just this one", Map.of(),
                Map.of()));

        assertThat(plain.name()).isEqualTo("greeting for all");
        assertThat(renamed.name()).isEqualTo("just this one");
        awaitEnd(plain.id(), 0);
        awaitEnd(renamed.id(), 0);
    }

    @Test
    void aStartGivesStepInputsToTheirStepsAndABadOneIsRefusedAtItsFieldWritingNothing() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");

        Run run = workspace.start(StartRequest.of("hello")
                .withStepInputs(Map.of("after", Map.of("g", TextNode.valueOf("given, not greeted")))));
        awaitEnd(run.id(), 0);
        assertThat(workspace.run(run.id()).step("after").outputs().get("seen").asText())
                .isEqualTo("given, not greeted");

        assertThatThrownBy(() -> workspace.start(StartRequest.of("hello")
                .withParameters(Map.of("times", TextNode.valueOf("9")))
                .withStepInputs(Map.of("nowhere", Map.of("x", TextNode.valueOf("1"))))))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).extracting(Problem::toString)
                        .containsExactlyInAnyOrder(
                                "parameters.times: input 'times': must be at most 5, was 9",
                                "steps.nowhere: flow 'hello' has no step 'nowhere' (steps: greet, after)"));
        workspace.applyFlow(SHARDS, "shards.yaml");
        assertThatThrownBy(() -> workspace.start(StartRequest.of("shards")
                .withStepInputs(Map.of("ids", Map.of("size", TextNode.valueOf("2"), "count", TextNode.valueOf("many"))))))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).extracting(Problem::toString)
                        .containsExactlyInAnyOrder(
                                "steps.ids.inputs.size: step 'ids' (list.range) has no input 'size'",
                                "steps.ids.inputs.count: input 'count' of step 'ids': expected an integer, got 'many'"));
        assertThat(workspace.runs(RunQuery.all()).runs()).extracting(Run::id).containsExactly(run.id());
    }

    // ---- delete

    @Test
    void anEndedRunIsDeletedWithItsStepsWhileItsArtifactsStay() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Run kept = workspace.start(StartRequest.of("hello"));
        Run gone = workspace.start(StartRequest.of("hello"));
        awaitEnd(kept.id(), 0);
        awaitEnd(gone.id(), 0);
        ArtifactRef note = ArtifactRef.from(workspace.run(gone.id()).step("greet").outputs().get("note.txt")).orElseThrow();

        assertThat(workspace.deleteRun(gone.id(), false)).containsExactly(gone.id());

        assertThatThrownBy(() -> workspace.run(gone.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> workspace.log(gone.id(), "greet", 1, 0, 100)).isInstanceOf(NotFoundException.class);
        assertThat(workspace.runs(RunQuery.all()).runs()).extracting(Run::id).containsExactly(kept.id());
        workspace.openArtifact(note.sha256()).close();
        assertThatThrownBy(() -> workspace.deleteRun(gone.id(), false)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aRunWithReplaysIsDeletedOnlyWithThem() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Run source = workspace.start(StartRequest.of("hello"));
        awaitEnd(source.id(), 0);
        Run replay = workspace.replay(source.id(), ReplayRequest.of(ReplayScope.from("after")));
        awaitEnd(replay.id(), 0);
        Run again = workspace.replay(replay.id(), ReplayRequest.of(ReplayScope.only("after")));
        awaitEnd(again.id(), 0);

        assertThatThrownBy(() -> workspace.deleteRun(source.id(), false)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2 replays").hasMessageContaining(replay.id()).hasMessageContaining(again.id());
        assertThat(workspace.runs(RunQuery.all()).runs()).hasSize(3);

        assertThat(workspace.deleteRun(source.id(), true)).containsExactly(again.id(), replay.id(), source.id());
        assertThat(workspace.runs(RunQuery.all()).runs()).isEmpty();
    }

    @Test
    void aRunThatHasNotEndedIsNotDeleted() throws Exception {
        workspace.applyFlow(SLEEPY, "sleepy.yaml");
        Run running = workspace.start(StartRequest.of("sleepy"));

        assertThatThrownBy(() -> workspace.deleteRun(running.id(), false)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cancel first");
        assertThat(workspace.run(running.id()).run().id()).isEqualTo(running.id());
        workspace.cancel(running.id());
        awaitEnd(running.id(), 0);
    }

    @Test
    void unknownIdsAreNotFound() {
        workspace.applyFlow(HELLO, "hello.yaml");

        assertThatThrownBy(() -> workspace.revisions("nope")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> workspace.revision("nope", null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> workspace.revision("hello", 9)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("revisions 1 to 1");
        assertThatThrownBy(() -> workspace.start(StartRequest.of("nope"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> workspace.run("r-nope")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("r-nope");
        assertThatThrownBy(() -> workspace.cancel("r-nope")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> workspace.subscribe("r-nope", 0, e -> { })).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> workspace.log("r-nope", "greet", 1, 0, 10)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> workspace.openArtifact("0".repeat(64))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> workspace.openArtifact("../../server-tokens.json")).isInstanceOf(NotFoundException.class);
    }

    /**
     * Events come in sequence order; a run event carries the highest number of its commit, so numbers may
     * repeat across a run and a step, but never for the same run or step.
     */
    protected static void assertOrderedWithoutDuplicates(List<RunEvent> events) {
        assertThat(events).extracting(RunEvent::seq).isSorted();
        assertThat(events).extracting(e -> (e instanceof RunEvent.StepChanged(var s, var at) ? s.stepId() : "run")
                        + "@" + e.seq())
                .doesNotHaveDuplicates();
    }

    /** The run as the last of {@code events} has it: the terminal run event that {@link #awaitEnd} stops at. */
    protected static Run lastRun(List<RunEvent> events) {
        return ((RunEvent.RunChanged) events.get(events.size() - 1)).run();
    }

    /** Subscribes after {@code afterSeq} and collects events until the run's terminal event. */
    protected List<RunEvent> awaitEnd(String runId, long afterSeq) throws InterruptedException {
        BlockingQueue<RunEvent> queue = new LinkedBlockingQueue<>();
        List<RunEvent> events = new ArrayList<>();
        try (Subscription ignored = workspace.subscribe(runId, afterSeq, queue::add)) {
            while (true) {
                RunEvent event = queue.poll(60, TimeUnit.SECONDS);
                assertThat(event).as("an event of run %s within 60 s (so far %s)", runId, events).isNotNull();
                events.add(event);
                if (event instanceof RunEvent.RunChanged(Run run, Instant at) && run.state().isTerminal()) {
                    return events;
                }
            }
        }
    }
}
