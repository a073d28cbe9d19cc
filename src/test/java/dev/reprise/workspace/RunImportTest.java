package dev.reprise.workspace;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.flow.FlowRevision;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Attempt;
import dev.reprise.run.LogChunk;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.StepState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Export a run as one file and import it into another workspace: ids, artifacts, revisions, refusals. */
class RunImportTest {

    private static final Path EXAMPLES = Path.of("assets", "examples");

    @TempDir
    Path folder;

    private LocalWorkspace source;
    private LocalWorkspace target;

    @BeforeEach
    void open() {
        source = LocalWorkspaces.open(folder.resolve("source"), LocalWorkspaces.Options.defaults().withParallelism(2));
        target = LocalWorkspaces.open(folder.resolve("target"), LocalWorkspaces.Options.defaults().withParallelism(2));
    }

    @AfterEach
    void close() {
        source.close();
        target.close();
    }

    private Run run(LocalWorkspace workspace, String file) throws IOException {
        Path path = EXAMPLES.resolve(file);
        String flowId = workspace.applyFlow(Files.readString(path), path.toString()).revision().flowId();
        return workspace.await(workspace.start(StartRequest.of(flowId)).id());
    }

    private ImportingWorkspace.ImportResult exportAndImport(Run run) {
        Path file = folder.resolve("exported.zip");
        RunArchive.export(source, run.id(), file);
        try (RunArchive.Opened archive = RunArchive.open(file)) {
            return target.importRun(archive.bundle(), archive);
        }
    }

    private static String read(Workspace workspace, String sha256) throws IOException {
        try (InputStream in = workspace.openArtifact(sha256)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anImportedRunKeepsItsIdStepsAndReadableArtifacts() throws IOException {
        Run run = run(source, "bike_trips/flow.yaml");

        ImportingWorkspace.ImportResult result = exportAndImport(run);

        assertThat(result.created()).isTrue();
        RunDetail imported = target.run(run.id());
        RunDetail original = source.run(run.id());
        assertThat(imported.run().state()).isEqualTo(RunState.FAILED);
        assertThat(imported.run().target()).isEqualTo("workspace:" + Path.of(source.location()).getFileName());
        assertThat(imported.steps()).isEqualTo(original.steps());
        List<ArtifactRef> artifacts = RunBundle.referenced(original.run(), original.steps());
        assertThat(artifacts).isNotEmpty();
        assertThat(result.storedArtifacts()).containsExactlyInAnyOrderElementsOf(
                artifacts.stream().map(ArtifactRef::sha256).toList());
        for (ArtifactRef ref : artifacts) {
            assertThat(read(target, ref.sha256())).isEqualTo(read(source, ref.sha256()));
        }
        assertThat(target.revision("bike_trips", imported.run().revision()).source())
                .isEqualTo(source.revision("bike_trips", 1).source());
    }

    @Test
    void importingTheSameRunAgainChangesNothing() throws IOException {
        Run run = run(source, "bike_trips/flow.yaml");
        exportAndImport(run);

        ImportingWorkspace.ImportResult again = exportAndImport(run);

        assertThat(again.created()).isFalse();
        assertThat(again.storedArtifacts()).isEmpty();
        assertThat(target.runs(RunQuery.all()).runs()).hasSize(1);
        assertThat(target.revisions("bike_trips")).hasSize(1);
    }

    @Test
    void theLogsOfEveryAttemptTravelWithTheExportedRun() throws IOException {
        Run run = run(source, "model_training/flow.yaml");
        RunDetail original = source.run(run.id());
        List<String> logged = new java.util.ArrayList<>();
        original.steps().forEach(step -> step.attempts().stream().filter(Attempt::hasLog)
                .forEach(a -> logged.add(step.stepId() + "#" + a.number())));
        assertThat(logged).as("model_training logs in its steps, and publish in both its attempts")
                .contains("train[0]#1", "publish#1", "publish#2");

        exportAndImport(run);

        for (String key : logged) {
            String stepId = key.substring(0, key.indexOf('#'));
            int attempt = Integer.parseInt(key.substring(key.indexOf('#') + 1));
            LogChunk theirs = target.log(run.id(), stepId, attempt, 0, 1 << 20);
            assertThat(theirs.text()).as(key).isNotEmpty()
                    .isEqualTo(source.log(run.id(), stepId, attempt, 0, 1 << 20).text());
            assertThat(theirs.complete()).isTrue();
        }
    }

    @Test
    void anArchiveWithoutLogsStillImportsItsRun() throws IOException {
        Run run = run(source, "model_training/flow.yaml");
        RunDetail detail = source.run(run.id());
        RunBundle bundle = RunBundle.of(RunBundle.originOf(source), source.revision("model_training", 1), detail,
                RunBundle.referenced(detail.run(), detail.steps()));

        target.importRun(bundle, ArtifactSource.of(source));

        assertThat(target.run(run.id()).steps()).isEqualTo(detail.steps());
        assertThat(target.log(run.id(), "publish", 1, 0, 1 << 20).text()).isEmpty();
    }

    @Test
    void aRunWithTheSameIdButOtherContentIsRefusedAndNothingIsWritten() throws IOException {
        Run run = run(source, "bike_trips/flow.yaml");
        Path file = folder.resolve("exported.zip");
        RunArchive.export(source, run.id(), file);
        RunBundle bundle;
        try (RunArchive.Opened archive = RunArchive.open(file)) {
            bundle = archive.bundle();
            target.importRun(bundle, archive);
        }
        Run changed = bundle.run().withError("another error");
        RunBundle conflicting = new RunBundle(bundle.format(), bundle.origin(), bundle.flow(), changed, bundle.steps(),
                bundle.artifacts());

        assertThatThrownBy(() -> target.importRun(conflicting, sha -> {
            throw new AssertionError("nothing is read for a refused import");
        })).isInstanceOf(InvalidInputException.class)
                .hasMessage("run " + run.id() + " exists in this workspace with other content (error); "
                        + "nothing was imported");
        assertThat(target.run(run.id()).run().error()).isEqualTo(run.error());
    }

    @Test
    void anArtifactWhoseBytesDoNotMatchItsDigestIsRefusedAndTheRunIsNotImported() throws IOException {
        Run run = run(source, "bike_trips/flow.yaml");
        RunDetail detail = source.run(run.id());
        RunBundle bundle = RunBundle.of("server:http://127.0.0.1:1", source.revision("bike_trips", 1), detail,
                RunBundle.referenced(detail.run(), detail.steps()));

        assertThatThrownBy(() -> target.importRun(bundle,
                sha -> new ByteArrayInputStream("not the bytes".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not have the bytes it names");
        assertThatThrownBy(() -> target.run(run.id())).isInstanceOf(NotFoundException.class);
        assertThat(target.flows()).isEmpty();
    }

    @Test
    void anImportedRevisionWithNewSourceBecomesTheNextLocalRevision() throws IOException {
        Path v2 = EXAMPLES.resolve("bike_trips/flow.v2.yaml");
        target.applyFlow(Files.readString(v2), v2.toString()); // here, revision 1 is the fixed one
        Run run = run(source, "bike_trips/flow.yaml");

        Run imported = exportAndImport(run).run();

        assertThat(imported.revision()).isEqualTo(2);
        assertThat(target.revision("bike_trips", 2).sha256()).isEqualTo(source.revision("bike_trips", 1).sha256());
        FlowRevision again = target.importRevision(source.revision("bike_trips", 1));
        assertThat(again.revision()).isEqualTo(2);
        assertThat(target.revisions("bike_trips")).hasSize(2);
    }

    @Test
    void anImportedRunReplaysInItsNewWorkspace() throws IOException {
        Run run = run(source, "bike_trips/flow.yaml");
        exportAndImport(run);
        Path v2 = EXAMPLES.resolve("bike_trips/flow.v2.yaml");
        target.applyFlow(Files.readString(v2), v2.toString());

        Run replay = target.await(target.replay(run.id(),
                ReplayRequest.of(ReplayScope.failed()).withRevision(ReplayRequest.LATEST)).id());

        assertThat(replay.state()).as(replay.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(replay.parentRunId()).isEqualTo(run.id());
        assertThat(target.run(replay.id()).step("extract").state()).isEqualTo(StepState.REUSED);
        assertThat(target.lineage(replay.id()).root().run().id()).isEqualTo(run.id());
    }

    @Test
    void aFileThatIsNotAnExportedRunIsRefused() {
        assertThatThrownBy(() -> RunArchive.open(Files.writeString(folder.resolve("not.zip"), "text")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not an exported run");
    }
}
