package dev.reprise.ui.flows;

import dev.reprise.flow.FlowRevision;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.shell.ShellView;
import dev.reprise.workspace.FlowFolder;
import dev.reprise.workspace.FlowFolders;
import dev.reprise.workspace.LocalWorkspace;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The flows view in the window, headless: fix the bike_trips date-time format in the editor and save it. */
class FlowsUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspace workspace;
    private ShellStage stage;
    private ShellView shell;

    @BeforeEach
    void show() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        workspace.applyFlow(Files.readString(Path.of("assets/examples/bike_trips/flow.yaml")), "bike_trips.yaml");
        stage = ShellStage.show(workspace);
        shell = stage.shell();
    }

    @AfterEach
    void close() throws Exception {
        stage.close();
        workspace.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private ListView<FlowRevision> revisions() {
        return robot.lookup("#revision-list").queryAs(ListView.class);
    }

    @Test
    void correctingTheDateTimeFormatAndSavingListsRevisionTwo() throws Exception {
        robot.clickOn("#open-flows");
        waitUntil(() -> robot.lookup("#flow-list .list-cell").match((Node n) -> n instanceof ListCell<?> c
                && c.getItem() != null).tryQuery().isPresent());
        robot.clickOn(robot.lookup("#flow-list .list-cell").match((Node n) -> n instanceof ListCell<?> c
                && c.getItem() instanceof dev.reprise.workspace.FlowSummary f && f.id().equals("bike_trips")).queryAs(Node.class));
        CodeArea area = robot.lookup("#flow-source").queryAs(CodeArea.class);
        waitUntil(() -> area.getText().contains("yy-MM-dd HH:mm:ss") && revisions().getItems().size() == 1);

        int start = area.getText().indexOf("yy-MM-dd HH:mm:ss");
        robot.clickOn(area);
        robot.interact(() -> area.selectRange(start, start + "yy-MM-dd HH:mm:ss".length()));
        robot.write("yyyy-MM-dd'T'HH:mm:ss");

        waitUntil(() -> area.getText().contains("\"yyyy-MM-dd'T'HH:mm:ss\""));
        ListView<?> problems = robot.lookup("#problem-list").queryAs(ListView.class);
        FlowEditorViewModel editor = robot.lookup(".flows-view").queryAs(FlowsView.class).model().editor();
        waitUntil(() -> editor.sourceProperty().get().contains("yyyy-MM-dd'T'") && !editor.validatingProperty().get());
        assertThat(problems.getItems()).isEmpty();

        robot.clickOn("#flow-save");

        waitUntil(() -> revisions().getItems().size() == 2);
        assertThat(revisions().getItems()).extracting(FlowRevision::revision).containsExactly(1, 2);
        assertThat(revisions().getSelectionModel().getSelectedItem().revision()).isEqualTo(2);
        assertThat(robot.lookup("#flow-status").queryLabeled().getText()).isEqualTo("Saved as revision 2 of bike_trips");
        assertThat(workspace.revision("bike_trips", null).source()).contains("datetime_format: \"yyyy-MM-dd'T'HH:mm:ss\"");
    }

    @Test
    void comparingRevisionsOfAFolderShowsTheChangedScriptUnderItsPath() throws Exception {
        Path code = Files.createDirectories(folder.resolve("scripted"));
        Files.writeString(code.resolve("flow.yaml"), "id: scripted\nsteps:\n  clean: { type: shell, run: sh clean.sh }\n");
        Files.writeString(code.resolve("clean.sh"), "sort data.csv\n");
        FlowFolders.apply(workspace, FlowFolder.read(code));
        Files.writeString(code.resolve("clean.sh"), "sort -u data.csv\n");
        FlowFolders.apply(workspace, FlowFolder.read(code));

        robot.interact(() -> shell.openFlows("scripted"));
        TabPane tabs = robot.lookup("#flow-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> "tab-diff".equals(t.getId())).findFirst().orElseThrow()));

        waitUntil(() -> robot.lookup("#diff-rows .diff-path").match(LabeledMatchers.hasText("clean.sh")).tryQuery()
                .isPresent());
        assertThat(robot.lookup("#diff-rows .diff-text").match(LabeledMatchers.hasText("sort -u data.csv"))
                .tryQuery()).isPresent();
        assertThat(robot.lookup("#diff-summary").queryLabeled().getText()).isEqualTo("files: 1 changed");
    }

    @Test
    void aTypoShowsAProblemAtItsLineAndClickingItMovesTheCaretThere() throws Exception {
        robot.interact(() -> shell.openFlows("bike_trips"));
        CodeArea area = robot.lookup("#flow-source").queryAs(CodeArea.class);
        waitUntil(() -> area.getText().contains("csv.parse"));

        int start = area.getText().indexOf("csv.parse");
        robot.clickOn(area);
        robot.interact(() -> area.selectRange(start, start + "csv.parse".length()));
        robot.write("csv.pars");

        ListView<?> problems = robot.lookup("#problem-list").queryAs(ListView.class);
        waitUntil(() -> !problems.getItems().isEmpty());
        int line = area.offsetToPosition(start, org.fxmisc.richtext.model.TwoDimensional.Bias.Forward).getMajor() + 1;
        // the gutter marks the line once the editor has laid out its paragraphs again
        waitUntil(() -> !robot.lookup(".gutter-marker.has-problem").queryAll().isEmpty());

        robot.interact(() -> area.moveTo(0));
        robot.clickOn(robot.lookup("#problem-list .list-cell").match((Node n) -> n instanceof ListCell<?> c
                && c.getItem() != null).queryAs(Node.class));

        assertThat(area.getCurrentParagraph() + 1).isEqualTo(line);
    }

    @Test
    void aSnapshotIsRunFromTheFlowsViewWithItsInputsPrefilledAndOneEdited() throws Exception {
        workspace.createSnapshot(dev.reprise.workspace.SnapshotRequest.ofFlow("april", "bike_trips")
                .withParameters(java.util.Map.of("month", com.fasterxml.jackson.databind.node.TextNode.valueOf("2024-04"),
                        "sample_size", com.fasterxml.jackson.databind.node.TextNode.valueOf("300"))));
        robot.interact(() -> shell.openFlows("bike_trips"));
        waitUntil(() -> robot.lookup("#snapshot-list .list-cell").match((Node n) -> n instanceof ListCell<?> c
                && c.getItem() != null).tryQuery().isPresent());

        robot.clickOn(robot.lookup("#snapshot-list .list-cell").match((Node n) -> n instanceof ListCell<?> c
                && c.getItem() != null).queryAs(Node.class));
        robot.clickOn("#snapshot-run");
        waitUntil(() -> robot.lookup("#start-run").tryQuery().isPresent());
        String sampleId = "#" + dev.reprise.ui.form.InputForm.controlId("parameters.sample_size");
        waitUntil(() -> robot.lookup(sampleId).tryQuery().isPresent());
        javafx.scene.control.TextField sample = robot.lookup(sampleId).queryAs(javafx.scene.control.TextField.class);
        assertThat(sample.getText()).isEqualTo("300");
        robot.interact(() -> sample.setText("250"));
        robot.clickOn("#start-run");

        waitUntil(() -> workspace.runs(dev.reprise.run.RunQuery.all().withLabels(java.util.Map.of("snapshot", "april")))
                .runs().size() == 1);
        dev.reprise.run.Run run = workspace.runs(dev.reprise.run.RunQuery.all()).runs().get(0);
        assertThat(run.parameters().get("month").asText()).isEqualTo("2024-04");
        assertThat(run.parameters().get("sample_size").asInt()).isEqualTo(250);
        assertThat(run.name()).isEqualTo("snapshot april");
    }

    @Test
    void theRunDialogStartsARunWithAStepInputAndALabelGivenInItsForm() throws Exception {
        robot.interact(() -> shell.openFlows("bike_trips"));
        waitUntil(() -> robot.lookup("#flow-run").tryQuery().map(n -> !n.isDisabled()).orElse(false));
        robot.clickOn("#flow-run");
        waitUntil(() -> robot.lookup("#start-step").tryQuery().isPresent());

        String sampleId = "#" + dev.reprise.ui.form.InputForm.controlId("parameters.sample_size");
        javafx.scene.control.TextField sample = robot.lookup(sampleId).queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> sample.setText("40"));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> step = robot.lookup("#start-step").queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> step.setValue("parse"));
        String formatId = "#" + dev.reprise.ui.form.InputForm.controlId("steps.parse.inputs.datetime_format");
        waitUntil(() -> robot.lookup(formatId).tryQuery().isPresent());
        javafx.scene.control.TextField format = robot.lookup(formatId).queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> format.setText("yyyy-MM-dd'T'HH:mm:ss"));
        // below the step's form, as a person would scroll to it
        javafx.scene.control.ScrollPane form = robot.lookup("#start-form-scroll").queryAs(javafx.scene.control.ScrollPane.class);
        robot.interact(() -> form.setVvalue(form.getVmax()));
        robot.clickOn("#run-labels").write("team=data");

        CodeArea config = robot.lookup("#config-source").queryAs(CodeArea.class);
        waitUntil(() -> config.getText().contains("team: data") && config.getText().contains("datetime_format"));
        assertThat(config.getText()).contains("sample_size: 40");
        robot.clickOn("#start-run");

        waitUntil(() -> workspace.runs(dev.reprise.run.RunQuery.all()).runs().size() == 1);
        dev.reprise.run.Run started = workspace.runs(dev.reprise.run.RunQuery.all()).runs().get(0);
        assertThat(started.labels()).containsEntry("team", "data");
        assertThat(started.parameters().get("sample_size").asInt()).isEqualTo(40);
        workspace.await(started.id());
        assertThat(workspace.run(started.id()).step("parse").inputs().get("datetime_format").asText())
                .isEqualTo("yyyy-MM-dd'T'HH:mm:ss");
        waitUntil(() -> robot.lookup("#start-run").tryQuery().isEmpty());
    }
}
