package dev.reprise.workspace;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowRevision;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.Sha256;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flow folders through a local workspace: revisions hold the files, steps run with their revision's files. */
class FlowFolderTest {

    private static final String FLOW = """
            id: folder_demo
            steps:
              read:
                type: shell
                run: echo "data=$(cat data.txt)" >> "$REPRISE_OUTPUTS"
              clean:
                type: shell
                needs: [read]
                run: sh clean.sh
            """;

    @TempDir
    Path workspaceDir;

    @TempDir
    Path code;

    private LocalWorkspace workspace;

    @BeforeEach
    void open() throws IOException {
        workspace = LocalWorkspaces.open(workspaceDir, LocalWorkspaces.Options.defaults().withParallelism(2));
        Files.writeString(code.resolve("flow.yaml"), FLOW);
        Files.writeString(code.resolve("data.txt"), "rows");
        script("echo \"version=1\" >> \"$REPRISE_OUTPUTS\"");
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private void script(String text) throws IOException {
        Files.writeString(code.resolve("clean.sh"), text + "\n");
    }

    private FlowRevision apply() {
        return FlowFolders.apply(workspace, FlowFolder.read(code)).revision();
    }

    private Run run() {
        return workspace.await(workspace.start(StartRequest.of("folder_demo")).id());
    }

    private String output(Run run, String step, String name) {
        return workspace.run(run.id()).step(step).outputs().get(name).asText();
    }

    @Test
    void applyingAFolderStoresItsFilesInTheRevision() throws IOException {
        FlowRevision revision = apply();

        assertThat(revision.source()).isEqualTo(FLOW);
        assertThat(revision.files()).extracting(FlowFile::path).containsExactly("clean.sh", "data.txt");
        assertThat(revision.files().get(1)).isEqualTo(new FlowFile("data.txt", 4, Sha256.of("rows")));
        try (InputStream in = workspace.openArtifact(revision.files().get(1).sha256())) {
            assertThat(new String(in.readAllBytes())).isEqualTo("rows");
        }
        assertThat(workspace.revision("folder_demo", 1).files()).isEqualTo(revision.files());
    }

    @Test
    void aChangedFileMakesANewRevisionWithTheSameYaml() throws IOException {
        FlowRevision first = apply();
        assertThat(apply().revision()).as("unchanged folder").isEqualTo(1);

        script("echo \"version=2\" >> \"$REPRISE_OUTPUTS\"");
        FlowRevision second = apply();

        assertThat(second.revision()).isEqualTo(2);
        assertThat(second.source()).isEqualTo(first.source());
        assertThat(second.sha256()).isNotEqualTo(first.sha256());
        assertThat(second.files().get(0).sha256()).isNotEqualTo(first.files().get(0).sha256());
        assertThat(second.files().get(1)).isEqualTo(first.files().get(1));
    }

    @Test
    void editingTheYamlAloneKeepsTheFilesOfTheLatestRevision() {
        FlowRevision folder = apply();

        FlowRevision edited = workspace.applyFlow(FLOW.replace("needs: [read]", "needs: [read]  # edited"),
                "flow.yaml").revision();
        Run run = run();

        assertThat(edited.revision()).isEqualTo(2);
        assertThat(edited.files()).isEqualTo(folder.files());
        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(output(run, "clean", "version")).isEqualTo("1");
    }

    @Test
    void theGarbageCollectionKeepsTheFilesOfEveryRevision() throws IOException {
        FlowRevision first = apply();
        script("echo \"version=2\" >> \"$REPRISE_OUTPUTS\"");
        apply();

        workspace.collectGarbage(Duration.ZERO);
        Run original = workspace.await(workspace.start(new StartRequest("folder_demo", 1, null, null, null, null))
                .id());

        for (FlowFile file : first.files()) {
            try (InputStream in = workspace.openArtifact(file.sha256())) {
                assertThat(Sha256.of(in).hex()).isEqualTo(file.sha256());
            }
        }
        assertThat(output(original, "clean", "version")).isEqualTo("1");
    }

    @Test
    void theOutputFolderOfStepsIsLeftOutByDefaultAndRefusedWhenNamed() throws IOException {
        Files.createDirectories(code.resolve("out"));
        Files.writeString(code.resolve("out/result.csv"), "old output");

        assertThat(FlowFolder.read(code).files()).extracting(FlowFolder.Entry::path)
                .containsExactly("clean.sh", "data.txt");
        Files.writeString(code.resolve("flow.yaml"), FLOW + "files: [\"*.*\", \"out/*\"]\n");
        assertThatThrownBy(() -> FlowFolder.read(code)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("file out/result.csv is where steps write their outputs");
    }

    @Test
    void aStepReadsTheFilesOfItsRevisionInItsWorkingFolder() {
        apply();

        Run run = run();

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(output(run, "read", "data")).isEqualTo("rows");
        assertThat(output(run, "clean", "version")).isEqualTo("1");
    }

    @Test
    void theOriginalRevisionRunsTheOldScriptAfterItChangedAndWasDeleted() throws IOException {
        apply();
        Run first = run();
        script("echo \"version=2\" >> \"$REPRISE_OUTPUTS\"");
        apply();
        Files.delete(code.resolve("clean.sh"));
        Files.delete(code.resolve("data.txt"));

        Run original = workspace.await(workspace.replay(first.id(), ReplayRequest.of(ReplayScope.whole())).id());
        Run latest = workspace.await(workspace.replay(first.id(), ReplayRequest.of(ReplayScope.whole())
                .withRevision(ReplayRequest.LATEST)).id());

        assertThat(original.state()).as(original.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(original.revision()).isEqualTo(1);
        assertThat(output(original, "clean", "version")).isEqualTo("1");
        assertThat(output(original, "read", "data")).isEqualTo("rows");
        assertThat(latest.state()).as(latest.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(output(latest, "clean", "version")).isEqualTo("2");
    }

    @Test
    void aFailedReplayOnTheLatestRevisionNamesTheChangedFile() throws IOException {
        script("exit 3");
        apply();
        Run failed = run();
        assertThat(failed.state()).isEqualTo(RunState.FAILED);
        script("echo \"version=2\" >> \"$REPRISE_OUTPUTS\"");
        apply();

        ReplayPlan plan = workspace.plan(failed.id(), ReplayRequest.of(ReplayScope.failed())
                .withRevision(ReplayRequest.LATEST));

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.step("clean").action()).isEqualTo(ReplayPlan.Action.EXECUTE);
        assertThat(plan.step("clean").reason()).isEqualTo("file clean.sh changed in revision 2");
        assertThat(plan.step("read").reason()).isEqualTo("file clean.sh changed in revision 2");
    }

    @Test
    void theSameRevisionPlansNoFileChange() throws IOException {
        script("exit 3");
        apply();
        Run failed = run();

        ReplayPlan plan = workspace.plan(failed.id(), ReplayRequest.of(ReplayScope.failed()));

        assertThat(plan.step("read").action()).isEqualTo(ReplayPlan.Action.REUSE);
    }

    /** A flow whose steps name the files they use: read and report the data, clean the script. */
    private static final String OWN_FILES = """
            id: folder_demo
            steps:
              read:
                type: shell
                files: [data.txt]
                run: |
                  echo "data=$(cat data.txt)" >> "$REPRISE_OUTPUTS"
                  if [ -e clean.sh ]; then echo "sees_clean=yes"; else echo "sees_clean=no"; fi >> "$REPRISE_OUTPUTS"
              clean:
                type: shell
                needs: [read]
                files: ["*.sh"]
                run: sh clean.sh
              report:
                type: shell
                needs: [clean]
                files: [data.txt]
                run: echo "report=$(cat data.txt)" >> "$REPRISE_OUTPUTS"
            """;

    @Test
    void aStepThatNamesItsFilesRunsWithJustThose() throws IOException {
        Files.writeString(code.resolve("flow.yaml"), OWN_FILES);
        apply();

        Run run = run();

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(output(run, "read", "data")).isEqualTo("rows");
        assertThat(output(run, "read", "sees_clean")).isEqualTo("no");
        assertThat(output(run, "clean", "version")).isEqualTo("1");
    }

    @Test
    void aChangedScriptMakesStaleOnlyTheStepsThatNameItAndThePlanSaysWhich() throws IOException {
        Files.writeString(code.resolve("flow.yaml"), OWN_FILES);
        apply();
        Run first = run();
        script("echo \"version=2\" >> \"$REPRISE_OUTPUTS\"");
        apply();

        ReplayPlan plan = workspace.plan(first.id(), ReplayRequest.of(ReplayScope.failed())
                .withRevision(ReplayRequest.LATEST));

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.step("read").action()).isEqualTo(ReplayPlan.Action.REUSE);
        assertThat(plan.step("clean").action()).isEqualTo(ReplayPlan.Action.EXECUTE);
        assertThat(plan.step("clean").reason()).isEqualTo("file clean.sh changed in revision 2");
        assertThat(plan.step("report").reason()).isEqualTo("upstream clean is executed");
    }

    @Test
    void aStepsFingerprintCoversTheFilesItNamesAndNoOthers() throws IOException {
        Files.writeString(code.resolve("flow.yaml"), OWN_FILES);
        apply();
        Run first = run();
        script("echo \"version=2\" >> \"$REPRISE_OUTPUTS\"");
        apply();

        Run second = run();

        assertThat(fingerprint(second, "read")).isEqualTo(fingerprint(first, "read"));
        assertThat(fingerprint(second, "clean")).isNotEqualTo(fingerprint(first, "clean"));
        assertThat(fingerprint(second, "clean")).startsWith("shell:").contains("+files:");
    }

    private String fingerprint(Run run, String step) {
        return workspace.run(run.id()).step(step).lastAttempt().fingerprint();
    }
}
