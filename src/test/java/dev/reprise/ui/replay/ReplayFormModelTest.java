package dev.reprise.ui.replay;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.ReplayPlan.Action;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.DiffItem;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.ui.common.Scheduler;
import dev.reprise.ui.form.FieldModel;
import dev.reprise.ui.form.InputFormModel;
import dev.reprise.workspace.FlowFolder;
import dev.reprise.workspace.FlowFolders;
import dev.reprise.workspace.LineDiff;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay form's model on the failed bike_trips run of a real workspace, no toolkit: plans are made at
 * once (inline executor, no delay).
 */
class ReplayFormModelTest {

    private static final Scheduler AT_ONCE = (delay, action) -> {
        action.run();
        return () -> { };
    };

    @TempDir
    static Path folder;

    private static LocalWorkspace workspace;
    private static Run failed;

    @BeforeAll
    static void seed() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        failed = TestWorkspaces.examples().seed(workspace, p -> { }).stream()
                .filter(s -> s.flowId().equals("bike_trips")).findFirst().orElseThrow().run();
        Path fixed = Path.of("assets", "examples", "bike_trips", "flow.v2.yaml");
        workspace.applyFlow(Files.readString(fixed), fixed.toString());
    }

    @AfterAll
    static void close() {
        workspace.close();
    }

    private static ReplayFormModel form(String step, ReplayScope.Kind kind) {
        ReplayFormModel model = new ReplayFormModel(workspace, new InlineUiExecutor(), AT_ONCE, failed.id(), step, kind);
        model.load();
        return model;
    }

    private static FieldModel field(InputFormModel form, String key) {
        return form.field(key).orElseThrow(() -> new AssertionError("no field " + key));
    }

    @Test
    void theFormStartsFromEveryValueTheSourceRunUsed() {
        ReplayFormModel model = form("parse", ReplayScope.Kind.FROM);

        assertThat(model.loadedProperty().get()).isTrue();
        assertThat(model.parameters().fields()).extracting(FieldModel::key)
                .containsExactly("parameters.month", "parameters.sample_size");
        assertThat(field(model.parameters(), "parameters.month").textProperty().get()).isEqualTo("2024-03");
        assertThat(field(model.parameters(), "parameters.sample_size").textProperty().get()).isEqualTo("5000");
        InputFormModel parse = model.stepFormProperty().get();
        assertThat(parse.values()).containsEntry("datetime_format", TextNode.valueOf("yy-MM-dd HH:mm:ss"));
        assertThat(ArtifactRef.isRef(parse.values().get("file"))).isTrue();
        assertThat(parse.fields()).noneMatch(FieldModel::isEdited);
        assertThat(model.request()).isEqualTo(ReplayRequest.of(ReplayScope.from("parse")));
        assertThat(model.preview().planProperty().get().step("extract").action()).isEqualTo(Action.REUSE);
        assertThat(model.canReplayProperty().get()).isTrue();
        assertThat(model.modifiesProperty().get()).isFalse();
    }

    @Test
    void theFixedRevisionShowsItsDiffAndIsPlanned() {
        ReplayFormModel model = form("parse", ReplayScope.Kind.FROM);

        model.chooseRevision("2");

        assertThat(model.request().revision()).isEqualTo("2");
        assertThat(model.diff()).noneMatch(item -> item instanceof DiffItem.Heading<?>);
        assertThat(model.diff()).map(item -> ((DiffItem.Line<LineDiff.UnifiedLine>) item).line())
                .filteredOn(l -> l.side() == LineDiff.Side.RIGHT).singleElement()
                .satisfies(l -> assertThat(l.text()).contains("yyyy-MM-dd'T'HH:mm:ss"));
        assertThat(model.diffSummaryProperty().get()).isEqualTo("revision 1 → 2: +1 −1 lines");
        assertThat(model.preview().planProperty().get().revision()).isEqualTo(2);
        assertThat(model.preview().planProperty().get().step("extract").action()).isEqualTo(Action.REUSE);
    }

    @Test
    void aRevisionThatChangedAScriptListsItsLinesUnderItsPath() throws Exception {
        Path code = Files.createDirectories(folder.resolve("scripted"));
        Files.writeString(code.resolve("flow.yaml"), "id: scripted\nsteps:\n  clean: { type: shell, run: sh clean.sh }\n");
        Files.writeString(code.resolve("clean.sh"), "echo one\n");
        FlowFolders.apply(workspace, FlowFolder.read(code));
        Run run = workspace.await(workspace.start(StartRequest.of("scripted")).id());
        Files.writeString(code.resolve("clean.sh"), "echo two\n");
        FlowFolders.apply(workspace, FlowFolder.read(code));
        ReplayFormModel model = new ReplayFormModel(workspace, new InlineUiExecutor(), AT_ONCE, run.id(), null,
                ReplayScope.Kind.WHOLE);
        model.load();

        model.chooseRevision("2");

        assertThat(model.diff()).containsExactly(
                new DiffItem.Heading<>("flow.yaml", "no change"),
                new DiffItem.Heading<>("clean.sh", "1 changed"),
                new DiffItem.Line<>(new LineDiff.UnifiedLine(LineDiff.Side.LEFT, "echo one", 1, 0), true),
                new DiffItem.Line<>(new LineDiff.UnifiedLine(LineDiff.Side.RIGHT, "echo two", 0, 1), true));
        assertThat(model.diffSummaryProperty().get()).isEqualTo("revision 1 → 2: files: 1 changed");
    }

    @Test
    void theStepFormShowsWhatTheChosenRevisionSendsAndSaysWhatTheRunWasSent() {
        ReplayFormModel model = form("parse", ReplayScope.Kind.FROM);
        FieldModel format = field(model.stepFormProperty().get(), "steps.parse.inputs.datetime_format");
        assertThat(format.textProperty().get()).isEqualTo("yy-MM-dd HH:mm:ss");
        assertThat(format.spec().note()).isNull();

        model.chooseRevision("latest");

        FieldModel fixed = field(model.stepFormProperty().get(), "steps.parse.inputs.datetime_format");
        assertThat(fixed.textProperty().get()).isEqualTo("yyyy-MM-dd'T'HH:mm:ss");
        assertThat(fixed.isEdited()).as("the revision's value is no edit").isFalse();
        assertThat(fixed.spec().note()).isEqualTo("revision 2 sends this; run " + failed.id()
                + " was sent yy-MM-dd HH:mm:ss");
        assertThat(model.request().stepInputOverrides()).as("nothing to override: the revision sends it").isEmpty();
        assertThat(model.modifiesProperty().get()).isFalse();
        assertThat(field(model.stepFormProperty().get(), "steps.parse.inputs.file").spec().note())
                .as("an input the revision did not change").isNull();

        model.chooseRevision("1");
        assertThat(field(model.stepFormProperty().get(), "steps.parse.inputs.datetime_format").textProperty().get())
                .isEqualTo("yy-MM-dd HH:mm:ss");
    }

    @Test
    void anEditedOutputIsInjectedInsteadOfRunningItsStep() {
        ReplayFormModel model = form(null, ReplayScope.Kind.WHOLE);
        InjectedOutputsModel outputs = model.outputs();
        assertThat(outputs.stepChoices()).containsExactly("extract");

        outputs.stepProperty().set("extract");
        FieldModel rows = field(outputs.formProperty().get(), "outputs.extract.rows");
        assertThat(rows.isEdited()).isFalse();
        rows.textProperty().set("12");

        assertThat(model.request().outputOverrides()).isEqualTo(Map.of("extract", Map.of("rows", IntNode.valueOf(12))));
        assertThat(model.modifiesProperty().get()).isTrue();
        assertThat(model.preview().planProperty().get().step("extract").action()).isEqualTo(Action.INJECT);
    }

    @Test
    void anErrorAboutAnInjectedOutputShowsBesideItsField() {
        ReplayFormModel model = form(null, ReplayScope.Kind.WHOLE);
        model.outputs().stepProperty().set("extract");
        FieldModel rows = field(model.outputs().formProperty().get(), "outputs.extract.rows");

        rows.textProperty().set("{\"" + ArtifactRef.KEY + "\": \"" + "0".repeat(64) + "\"}");

        assertThat(rows.error()).isEqualTo("no artifact " + "0".repeat(64) + " in this workspace");
        assertThat(model.generalErrors()).isEmpty();
        assertThat(model.canReplayProperty().get()).isFalse();
        rows.reset();
        assertThat(rows.error()).isNull();
        assertThat(model.canReplayProperty().get()).isTrue();
    }

    @Test
    void anErrorAboutAStepsGivenValuesAsAWholeShowsBesideThatStepsForm(@TempDir Path own) {
        try (LocalWorkspace renamed = TestWorkspaces.open(own)) {
            Run run = TestWorkspaces.runToEnd(renamed, """
                    id: renamed
                    steps:
                      total:
                        type: math.sum
                        inputs: { values: [1, 2] }
                    """);
            renamed.applyFlow("""
                    id: renamed
                    steps:
                      sum_all:
                        type: math.sum
                        inputs: { values: [1, 2] }
                    """, "renamed.yaml");
            ReplayFormModel model = new ReplayFormModel(renamed, new InlineUiExecutor(), AT_ONCE, run.id(), "total",
                    ReplayScope.Kind.WHOLE);
            model.load();
            field(model.stepFormProperty().get(), "steps.total.inputs.values").textProperty().set("[3]");
            model.outputs().stepProperty().set("total");
            field(model.outputs().formProperty().get(), "outputs.total.sum").textProperty().set("9");
            assertThat(model.stepErrorProperty().get()).isNull();

            model.chooseRevision("2");

            assertThat(model.stepErrorProperty().get()).isEqualTo("flow 'renamed' revision 2 has no step 'total' "
                    + "(steps: sum_all)");
            assertThat(model.outputs().errorProperty().get()).isEqualTo(model.stepErrorProperty().get());
            assertThat(model.generalErrors()).isEmpty();
            assertThat(model.canReplayProperty().get()).isFalse();
            model.chooseRevision("1");
            assertThat(model.stepErrorProperty().get()).isNull();
            assertThat(model.outputs().errorProperty().get()).isNull();
        }
    }

    @Test
    void aStepWhoseOutputsAreOnlyShownIsNotInjected() {
        ReplayFormModel model = form(null, ReplayScope.Kind.WHOLE);

        model.outputs().stepProperty().set("extract");

        assertThat(model.request().outputOverrides()).isEmpty();
        assertThat(model.modifiesProperty().get()).isFalse();
        assertThat(model.preview().planProperty().get().step("extract").action()).isNotEqualTo(Action.INJECT);
    }

    @Test
    void anEditedStepInputIsTheOnlyOverrideAndMarksTheReplayModified() {
        ReplayFormModel model = form("parse", ReplayScope.Kind.FROM);

        field(model.stepFormProperty().get(), "steps.parse.inputs.datetime_format").textProperty()
                .set("yyyy-MM-dd'T'HH:mm:ss");

        assertThat(model.request().stepInputOverrides()).isEqualTo(Map.of("parse",
                Map.of("datetime_format", TextNode.valueOf("yyyy-MM-dd'T'HH:mm:ss"))));
        assertThat(model.request().parameterOverrides()).isEmpty();
        assertThat(model.modifiesProperty().get()).isTrue();
        assertThat(model.canReplayProperty().get()).isTrue();
    }

    @Test
    void anInvalidValueDisablesReplayAndResetBringsItBack() {
        ReplayFormModel model = form(null, ReplayScope.Kind.FAILED);
        FieldModel size = field(model.parameters(), "parameters.sample_size");

        size.textProperty().set("0");
        assertThat(size.error()).isEqualTo("must be at least 1, was 0");
        assertThat(model.canReplayProperty().get()).isFalse();

        model.resetAll();
        assertThat(size.textProperty().get()).isEqualTo("5000");
        assertThat(model.canReplayProperty().get()).isTrue();
    }

    @Test
    void aScopeErrorOfThePlannerShowsAtTheScope() {
        ReplayFormModel model = form(null, ReplayScope.Kind.ONLY);

        model.scopeStepsProperty().set("nowhere");

        assertThat(model.scopeErrorProperty().get()).contains("has no step 'nowhere'");
        assertThat(model.canReplayProperty().get()).isFalse();
        model.scopeStepsProperty().set("extract");
        assertThat(model.scopeErrorProperty().get()).isNull();
        assertThat(model.canReplayProperty().get()).isTrue();
    }

    @Test
    void aRefusedReplayShowsWhyAndKeepsEverythingTyped() throws Exception {
        ReplayFormModel model = form("parse", ReplayScope.Kind.FROM);
        model.chooseRevision(ReplayRequest.LATEST);
        FieldModel size = field(model.parameters(), "parameters.sample_size");
        size.textProperty().set("200");
        model.nameProperty().set("smaller sample");
        assertThat(model.canReplayProperty().get()).isTrue();
        // meanwhile someone saves a revision that allows at most 100
        String v2 = Files.readString(Path.of("assets", "examples", "bike_trips", "flow.v2.yaml"));
        workspace.applyFlow(v2.replace("default: 5000, min: 1,", "default: 50, min: 1, max: 100,"), "flow.v3.yaml");
        AtomicReference<Run> started = new AtomicReference<>();

        model.replay(started::set);

        assertThat(started.get()).isNull();
        assertThat(model.replayErrorProperty().get()).startsWith("The replay was refused").contains("at most 100");
        assertThat(size.textProperty().get()).isEqualTo("200");
        assertThat(size.error()).contains("must be at most 100");
        assertThat(model.nameProperty().get()).isEqualTo("smaller sample");
        assertThat(model.request().parameterOverrides()).isEqualTo(Map.of("sample_size", IntNode.valueOf(200)));
    }

    @Test
    void replayingStartsANewRunWithTheEditedInput() {
        ReplayFormModel model = form("extract", ReplayScope.Kind.ONLY);
        field(model.stepFormProperty().get(), "steps.extract.inputs.rows").textProperty().set("300");
        AtomicReference<Run> started = new AtomicReference<>();

        model.replay(started::set);

        Run run = workspace.await(started.get().id());
        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.modified()).isTrue();
        assertThat(workspace.run(run.id()).step("extract").inputs().get("rows")).isEqualTo(IntNode.valueOf(300));
    }
}
