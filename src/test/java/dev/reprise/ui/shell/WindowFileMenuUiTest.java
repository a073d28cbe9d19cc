package dev.reprise.ui.shell;

import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.FileChoices;
import dev.reprise.ui.common.Messages;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.RunArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipFile;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * File › Open flow file…, Import run… and Export run…, headless, with the file dialogs answered by the test as
 * a person would answer them: a path, or cancel. What each item asks for (title, kind of file, suggested name) and
 * what it does with the answer, on a real workspace.
 */
class WindowFileMenuUiTest {

    private static final String FLOW = """
            id: greet
            steps:
              hello: { type: noop }
            """;

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private final ScriptedFiles files = new ScriptedFiles();
    private LocalWorkspace workspace;
    private ShellStage stage;

    /** Answers each dialog with the next path the test queued, or cancels when none is left. */
    private static final class ScriptedFiles implements FileChoices {
        final Deque<Path> answers = new ArrayDeque<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public Optional<Path> open(String title, Kind kind) {
            asked.add("open " + title + " " + kind);
            return Optional.ofNullable(answers.poll());
        }

        @Override
        public Optional<Path> save(String title, String suggestedName, Kind kind) {
            asked.add("save " + title + " " + kind + " " + suggestedName);
            return Optional.ofNullable(answers.poll());
        }
    }

    @BeforeEach
    void open() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            stage.close();
        }
        workspace.close();
    }

    private void show() throws Exception {
        stage = ShellStage.show(workspace);
        FxToolkit.setupFixture(() -> stage.shell().useFileChoices(files));
    }

    private void choose(String itemId) throws Exception {
        stage.showMenu("menu-file");
        robot.clickOn("#" + itemId);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> messages() {
        return stage.shell().model().messages().all().stream().map(Messages.Message::text).toList();
    }

    @Test
    void exportWritesTheSelectedRunToTheChosenFileAndCancelWritesNothing() throws Exception {
        Run run = TestWorkspaces.runToEnd(workspace, FLOW);
        show();
        FxToolkit.setupFixture(() -> stage.shell().openRun(run.id()));
        waitUntil(() -> stage.shell().selectedRun() != null && stage.shell().selectedRun().id().equals(run.id()));

        choose("menu-export-run"); // no answer queued: the person cancels
        assertThat(files.asked).containsExactly(
                "save Export run " + run.id() + " RUN_ARCHIVE greet-" + run.id() + ".zip");
        try (var left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("ws");
        }

        Path zip = folder.resolve("chosen.zip");
        files.answers.add(zip);
        choose("menu-export-run");
        waitUntil(() -> messages().stream().anyMatch(m -> m.startsWith("Exported run " + run.id())));
        assertThat(messages()).contains("Exported run " + run.id() + " (1 step, 0 artifacts) to " + zip + ".");
        try (ZipFile written = new ZipFile(zip.toFile())) {
            assertThat(written.size()).isPositive();
        }
        try (RunArchive.Opened archive = RunArchive.open(zip)) {
            assertThat(archive.bundle().run().id()).isEqualTo(run.id());
        }
    }

    @Test
    void importBringsTheChosenArchivesRunIntoTheWorkspaceAndOpensIt() throws Exception {
        Path zip = folder.resolve("from-elsewhere.zip");
        Run elsewhere;
        try (LocalWorkspace other = TestWorkspaces.open(folder.resolve("other"))) {
            elsewhere = TestWorkspaces.runToEnd(other, FLOW);
            RunArchive.export(other, elsewhere.id(), zip);
        }
        show();
        files.answers.add(zip);
        choose("menu-import-run");

        assertThat(files.asked).containsExactly("open Import a run RUN_ARCHIVE");
        waitUntil(() -> messages().contains("Imported run " + elsewhere.id() + " from from-elsewhere.zip."));
        assertThat(workspace.run(elsewhere.id()).run().state()).isEqualTo(elsewhere.state());
        waitUntil(() -> stage.shell().selectedRun() != null && stage.shell().selectedRun().id().equals(elsewhere.id()));
    }

    @Test
    void importingAFileThatIsNotAnExportedRunSaysSoAndImportsNothing() throws Exception {
        Path notARun = Files.writeString(folder.resolve("notes.zip"), "not a zip at all");
        show();
        files.answers.add(notARun);
        choose("menu-import-run");

        waitUntil(() -> messages().stream().anyMatch(m -> m.startsWith("Importing notes.zip failed: ")));
        assertThat(messages()).anySatisfy(m -> assertThat(m).contains("not an exported run"));
        assertThat(workspace.runs(RunQuery.all()).runs()).isEmpty();
    }

    @Test
    void openFlowFilePutsTheChosenFilesTextInTheFlowEditorUnsaved() throws Exception {
        Path yaml = folder.resolve("greet.yaml");
        Files.writeString(yaml, FLOW);
        show();
        files.answers.add(yaml);
        choose("menu-open-flow");

        assertThat(files.asked).containsExactly("open Open a flow file FLOW");
        waitUntil(() -> FLOW.equals(stage.shell().openFlows(null).model().editor().sourceProperty().get()));
        assertThat(workspace.flows()).as("opening a file does not apply it").isEmpty();
    }
}
