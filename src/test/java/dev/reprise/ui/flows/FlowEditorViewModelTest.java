package dev.reprise.ui.flows;

import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.Problem;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.Debouncer;
import dev.reprise.ui.common.DiffItem;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.workspace.FileDiff;
import dev.reprise.workspace.FlowFolder;
import dev.reprise.workspace.FlowFolders;
import dev.reprise.workspace.LineDiff;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.RevisionDiff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The flows view's models on a real workspace, no toolkit: validation as you type, saving, revisions, diffs. */
class FlowEditorViewModelTest {

    @TempDir
    Path folder;

    private LocalWorkspace workspace;
    private Messages messages;
    private FlowsViewModel flows;
    private FlowEditorViewModel editor;

    @BeforeEach
    void open() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        workspace.applyFlow(Files.readString(Path.of("assets/examples/bike_trips/flow.yaml")), "bike_trips.yaml");
        messages = new Messages();
        flows = new FlowsViewModel(workspace, new InlineUiExecutor(), messages, Debouncer.immediate());
        editor = flows.editor();
        flows.refresh();
        flows.open("bike_trips");
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void openingAFlowListsItsRevisionsAndPutsTheLatestInTheEditor() {
        assertThat(flows.flows()).extracting(f -> f.id()).containsExactly("bike_trips");
        assertThat(flows.revisions()).extracting(FlowRevision::revision).containsExactly(1);
        assertThat(editor.sourceProperty().get()).contains("yy-MM-dd HH:mm:ss");
        assertThat(editor.problems()).isEmpty();
        assertThat(editor.dirtyProperty().get()).isFalse();
    }

    @Test
    void aDraftStaysInTheEditorWhileTheFlowsAreListedAgainAndSavesAsANewFlow() {
        String draft = "id: fresh\nsteps:\n  only:\n    type: noop\n";
        flows.draft(draft, "New flow");
        flows.refresh();

        assertThat(editor.sourceProperty().get()).isEqualTo(draft);
        assertThat(editor.baseProperty().get()).isNull();
        assertThat(editor.dirtyProperty().get()).isTrue();
        assertThat(editor.statusProperty().get()).isEqualTo("New flow: not saved yet");

        editor.save();
        assertThat(flows.flows()).extracting(f -> f.id()).contains("fresh");
        assertThat(flows.selectedFlowProperty().get()).isEqualTo("fresh");
        assertThat(editor.dirtyProperty().get()).isFalse();
    }

    @Test
    void typingValidatesTheTextAndPlacesEachProblemAtItsLine() {
        String source = editor.sourceProperty().get();
        int line = lineOf(source, "file: \"{{ steps.extract.outputs.file }}\"");

        editor.sourceProperty().set(source.replace("steps.extract.outputs.file", "steps.extrakt.outputs.file"));

        assertThat(editor.dirtyProperty().get()).isTrue();
        assertThat(editor.problems()).isNotEmpty();
        assertThat(editor.problems()).anySatisfy(p -> assertThat(p.message()).contains("extrakt"));
        assertThat(editor.problemsByLineProperty().get()).containsKey(line);
        assertThat(editor.problemsAt(line)).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("extrakt"));

        editor.sourceProperty().set(source);

        assertThat(editor.problems()).isEmpty();
        assertThat(editor.problemsByLineProperty().get()).isEmpty();
        assertThat(editor.dirtyProperty().get()).isFalse();
    }

    @Test
    void unreadableYamlIsAProblemWithAPlace() {
        editor.sourceProperty().set(editor.sourceProperty().get() + "\n  broken: [unclosed\n");

        assertThat(editor.problems()).isNotEmpty();
        assertThat(editor.problemsByLineProperty().get()).isNotEmpty();
    }

    @Test
    void savingAnEditCreatesRevisionTwoAndSavingAgainSaysUnchanged() {
        String fixed = editor.sourceProperty().get().replace("yy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss");
        editor.sourceProperty().set(fixed);

        editor.save();

        assertThat(editor.statusProperty().get()).isEqualTo("Saved as revision 2 of bike_trips");
        assertThat(flows.revisions()).extracting(FlowRevision::revision).containsExactly(1, 2);
        assertThat(flows.selectedRevisionProperty().get().revision()).isEqualTo(2);
        assertThat(editor.baseProperty().get().revision()).isEqualTo(2);
        assertThat(editor.dirtyProperty().get()).isFalse();
        assertThat(workspace.revision("bike_trips", null).source()).isEqualTo(fixed);

        editor.save();

        assertThat(editor.statusProperty().get()).isEqualTo("Unchanged: the same as revision 2 of bike_trips");
        assertThat(workspace.revisions("bike_trips")).hasSize(2);
        assertThat(messages.all()).isEmpty();
    }

    @Test
    void savingAnInvalidFlowIsRefusedWithItsProblemsAndWritesNothing() {
        editor.sourceProperty().set(editor.sourceProperty().get().replace("type: csv.parse", "type: csv.nope"));

        editor.save();

        assertThat(editor.statusProperty().get()).startsWith("Not saved");
        assertThat(editor.problems()).anySatisfy(p -> assertThat(p.message()).contains("csv.nope"));
        assertThat(workspace.revisions("bike_trips")).hasSize(1);
        assertThat(editor.sourceProperty().get()).contains("csv.nope");
    }

    @Test
    void theDiffBetweenTwoRevisionsMarksTheChangedLine() {
        String source = editor.sourceProperty().get();
        editor.sourceProperty().set(source.replace("yy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"));
        editor.save();

        LineDiff diff = flows.diffProperty().get().source().lines();

        assertThat(flows.diffLeftProperty().get()).isEqualTo(1);
        assertThat(flows.diffRightProperty().get()).isEqualTo(2);
        assertThat(diff.changed()).isEqualTo(1);
        assertThat(diff.rows()).filteredOn(r -> r.kind() == LineDiff.Kind.CHANGED).singleElement()
                .satisfies(r -> {
                    assertThat(r.left()).contains("yy-MM-dd HH:mm:ss");
                    assertThat(r.right()).contains("yyyy-MM-dd'T'HH:mm:ss");
                    assertThat(r.leftLine()).isEqualTo(lineOf(source, "datetime_format"));
                });
    }

    @Test
    void theDiffOfAFolderFlowGivesTheChangedScriptsLinesUnderItsPath() throws Exception {
        Path code = Files.createDirectories(folder.resolve("scripted"));
        Files.writeString(code.resolve("flow.yaml"), "id: scripted\nsteps:\n  clean: { type: shell, run: sh clean.sh }\n");
        Files.writeString(code.resolve("clean.sh"), "sort data.csv\nuniq -c\n");
        FlowFolders.apply(workspace, FlowFolder.read(code));
        Files.writeString(code.resolve("clean.sh"), "sort -u data.csv\nuniq -c\n");
        Files.write(code.resolve("logo.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0});
        FlowFolders.apply(workspace, FlowFolder.read(code));

        flows.open("scripted");
        RevisionDiff diff = flows.diffProperty().get();

        assertThat(diff.files()).extracting(FileDiff::path).containsExactly("clean.sh", "logo.png");
        assertThat(diff.files().get(0).lines().rows()).filteredOn(r -> r.kind() == LineDiff.Kind.CHANGED)
                .singleElement().satisfies(r -> {
                    assertThat(r.left()).isEqualTo("sort data.csv");
                    assertThat(r.right()).isEqualTo("sort -u data.csv");
                });
        assertThat(DiffItem.sideBySide(diff)).filteredOn(item -> item instanceof DiffItem.Heading<?>).containsExactly(
                new DiffItem.Heading<>("flow.yaml", "no change"), new DiffItem.Heading<>("clean.sh", "1 changed"),
                new DiffItem.Heading<>("logo.png", "added, binary, 5 bytes, not compared line by line"));
    }

    @Test
    void revertPutsTheRevisionBack() {
        String source = editor.sourceProperty().get();
        editor.sourceProperty().set("id: nonsense\n");

        editor.revert();

        assertThat(editor.sourceProperty().get()).isEqualTo(source);
        assertThat(editor.dirtyProperty().get()).isFalse();
    }

    private static int lineOf(String source, String text) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + text);
    }
}
