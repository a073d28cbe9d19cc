package dev.reprise.ui.flows;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.Problem;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.Snapshot;
import dev.reprise.run.ValuePath;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.Debouncer;
import dev.reprise.ui.common.FileChoices;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.ui.common.Scheduler;
import dev.reprise.ui.form.FieldModel;
import dev.reprise.ui.form.InputFormModel;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.RunConfig;
import dev.reprise.workspace.RunConfigFile;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.SnapshotRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Run… dialog's form and its run configuration editor, without a toolkit, on a real workspace: the form and the
 * YAML follow each other, a bad text shows its problems at their places and stops Run, files are loaded and saved
 * through the file choice, and the run started carries the step inputs, labels and env.
 */
class StartRunModelTest {

    private static final String GREET = """
            id: greet
            inputs:
              who: { type: string, default: world }
              times: { type: integer, default: 1, min: 1, max: 5 }
            steps:
              names:
                type: shell
                run: echo 'names=["a","b","c"]' >> "$REPRISE_OUTPUTS"
              hello:
                type: shell
                foreach: "{{ steps.names.outputs.names }}"
                inputs: { name: "{{ item }}", greeting: hi }
                run: echo "said=$REPRISE_INPUT_greeting $REPRISE_INPUT_name" >> "$REPRISE_OUTPUTS"
              after:
                type: shell
                inputs: { who: "{{ inputs.who }}" }
                run: echo "seen=$REPRISE_INPUT_who $MOOD" >> "$REPRISE_OUTPUTS"
            """;

    @TempDir
    Path folder;

    private LocalWorkspace workspace;
    private FlowRevision revision;
    private final FakeFiles files = new FakeFiles();

    /** Hands out the paths a test put in it, as a person would choose them. */
    private static final class FakeFiles implements FileChoices {
        Path toOpen;
        Path toSave;
        final List<String> asked = new ArrayList<>();

        @Override
        public Optional<Path> open(String title, Kind kind) {
            assertThat(kind).isEqualTo(Kind.RUN_CONFIGURATION);
            asked.add(title);
            return Optional.ofNullable(toOpen);
        }

        @Override
        public Optional<Path> save(String title, String suggestedName, Kind kind) {
            assertThat(kind).isEqualTo(Kind.RUN_CONFIGURATION);
            asked.add(title + " [" + suggestedName + "]");
            return Optional.ofNullable(toSave);
        }
    }

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        revision = workspace.applyFlow(GREET, "greet.yaml").revision();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private StartRunModel dialog() {
        return dialog(Debouncer.immediate());
    }

    private StartRunModel dialog(Debouncer debouncer) {
        StartFormModel form = new StartFormModel(revision, RunConfig.empty(), null, workspace.stepTypes());
        return new StartRunModel(form, StartRunModel.flow(workspace, form), new InlineUiExecutor(), debouncer, files);
    }

    private static FieldModel field(InputFormModel form, String key) {
        return form.field(key).orElseThrow(() -> new AssertionError("no field " + key + " in " + form.fields()));
    }

    private static FieldModel parameter(StartRunModel model, String name) {
        return field(model.form().form(), new ValuePath.Parameter(name).toString());
    }

    private static FieldModel stepInput(StartRunModel model, String address, String name) {
        return field(model.form().stepInputs(address), ValuePath.StepInput.of(address, name).toString());
    }

    private static RunConfig configOf(StartRunModel model) {
        return RunConfigFile.read(model.textProperty().get(), "dialog.yaml").config();
    }

    @Test
    void theTextStartsAsTheFlowsDefaultsForItsRevision() {
        StartRunModel model = dialog();

        RunConfig config = configOf(model);
        assertThat(config.flow()).isEqualTo("greet");
        assertThat(config.revision()).isEqualTo(1);
        assertThat(config.inputs()).containsEntry("who", TextNode.valueOf("world")).containsEntry("times",
                IntNode.valueOf(1));
        assertThat(config.steps()).isEmpty();
        assertThat(model.problems()).isEmpty();
        assertThat(model.canRunProperty().get()).isTrue();
    }

    @Test
    void editingTheFormRewritesTheText() {
        StartRunModel model = dialog();

        parameter(model, "times").textProperty().set("3");
        stepInput(model, "after", "who").textProperty().set("ada");
        stepInput(model, "hello[1]", "greeting").textProperty().set("hey");
        model.form().labelsProperty().set("team=data, try=2");
        model.form().envProperty().set("MOOD=glad");
        model.form().nameProperty().set("a try");

        RunConfig config = configOf(model);
        assertThat(config.inputs()).containsEntry("times", IntNode.valueOf(3));
        assertThat(config.steps()).containsOnlyKeys("after", "hello[1]");
        assertThat(config.steps().get("after").inputs()).containsExactly(Map.entry("who", TextNode.valueOf("ada")));
        assertThat(config.steps().get("hello[1]").inputs())
                .containsExactly(Map.entry("greeting", TextNode.valueOf("hey")));
        assertThat(config.labels()).containsExactly(Map.entry("team", "data"), Map.entry("try", "2"));
        assertThat(config.env()).containsExactly(Map.entry("MOOD", "glad"));
        assertThat(config.name()).isEqualTo("a try");
        assertThat(model.textProperty().get()).contains("hello[1]:");
    }

    @Test
    void aValidEditOfTheTextIsShownInTheForm() {
        StartRunModel model = dialog();

        model.textProperty().set("""
                flow: greet
                inputs: { times: 4 }
                steps:
                  hello[2]: { inputs: { greeting: ahoy } }
                labels: { team: data }
                env: { MOOD: calm }
                name: from the text
                """);

        assertThat(model.problems()).isEmpty();
        assertThat(parameter(model, "times").textProperty().get()).isEqualTo("4");
        assertThat(parameter(model, "who").textProperty().get()).isEqualTo("world");
        assertThat(model.form().stepChoices()).contains("hello[2]");
        assertThat(model.form().editedStepProperty().get()).isEqualTo("hello[2]");
        assertThat(stepInput(model, "hello[2]", "greeting").textProperty().get()).isEqualTo("ahoy");
        assertThat(model.form().labelsProperty().get()).isEqualTo("team=data");
        assertThat(model.form().envProperty().get()).isEqualTo("MOOD=calm");
        assertThat(model.form().nameProperty().get()).isEqualTo("from the text");
        // the text stays as it was typed
        assertThat(model.textProperty().get()).startsWith("flow: greet\ninputs: { times: 4 }");
        assertThat(model.canRunProperty().get()).isTrue();
    }

    @Test
    void aBadTextShowsEachProblemAtItsLineAndColumnAndStopsRunWithoutTouchingTheForm() {
        StartRunModel model = dialog();

        model.textProperty().set("""
                flow: greet
                input: { times: 4 }
                """);

        assertThat(model.problems()).extracting(Problem::toString).containsExactly(
                "run configuration:2:1: unknown key 'input' in a run configuration; did you mean 'inputs'?");
        assertThat(model.problemsByLineProperty().get()).containsOnlyKeys(2);
        assertThat(model.canRunProperty().get()).isFalse();
        assertThat(model.canSaveProperty().get()).isFalse();
        assertThat(parameter(model, "times").textProperty().get()).isEqualTo("1");

        model.textProperty().set("""
                flow: greet
                revision: 7
                inputs: { times: 9, whom: x }
                steps:
                  greet: { inputs: { a: b } }
                """);

        assertThat(model.problems()).extracting(Problem::toString).containsExactly(
                "run configuration:2:11: this Run… dialog runs revision 1 of greet, not 7; drop revision "
                        + "(or run revision 7 from the flows view)",
                "run configuration:3:18: " + problemAt(model, 2).message(),
                "run configuration:3:27: " + problemAt(model, 3).message(),
                "run configuration:5:3: " + problemAt(model, 4).message());
        assertThat(problemAt(model, 2).message()).contains("at most 5");
        assertThat(problemAt(model, 3).message()).contains("whom");
        assertThat(problemAt(model, 4).message()).contains("no step 'greet'");
        assertThat(model.canRunProperty().get()).isFalse();

        model.textProperty().set("flow: greet\ninputs: { times: 2 }\n");
        assertThat(model.problems()).isEmpty();
        assertThat(model.canRunProperty().get()).isTrue();
        assertThat(parameter(model, "times").textProperty().get()).isEqualTo("2");
    }

    private static Problem problemAt(StartRunModel model, int index) {
        return model.problems().get(index - 1);
    }

    @Test
    void theTextIsCheckedOnceTypingPauses() {
        List<Runnable> waiting = new ArrayList<>();
        Scheduler scheduler = (delay, action) -> {
            waiting.add(action);
            return () -> waiting.remove(action);
        };
        StartRunModel model = dialog(Debouncer.on(scheduler, RunDialogs.QUIET));

        model.textProperty().set("flow: greet\ninputs: { times: 9 }\n");
        model.textProperty().set("flow: greet\ninputs: { times: 0 }\n");

        assertThat(model.checkingProperty().get()).isTrue();
        assertThat(model.canRunProperty().get()).isFalse();
        assertThat(model.problems()).isEmpty();
        assertThat(waiting).hasSize(1);

        waiting.remove(0).run();

        assertThat(model.checkingProperty().get()).isFalse();
        assertThat(model.problems()).extracting(p -> p.pos().line() + ":" + p.pos().column()).containsExactly("2:18");
        assertThat(model.problems().get(0).message()).contains("at least 1");
    }

    @Test
    void aFileIsLoadedIntoTextAndFormAndTheTextIsSavedAsAFile() throws Exception {
        StartRunModel model = dialog();
        Path conf = folder.resolve("march.yaml");
        Files.writeString(conf, "inputs:\n  who: ada\nsteps:\n  after:\n    inputs: { who: bob }\n");
        files.toOpen = conf;

        model.loadFromFile();

        assertThat(model.textProperty().get()).isEqualTo(Files.readString(conf));
        assertThat(parameter(model, "who").textProperty().get()).isEqualTo("ada");
        assertThat(stepInput(model, "after", "who").textProperty().get()).isEqualTo("bob");
        assertThat(model.statusProperty().get()).isEqualTo("Loaded " + conf);

        model.form().labelsProperty().set("team=data");
        Path saved = folder.resolve("out").resolve("again.yaml");
        Files.createDirectories(saved.getParent());
        files.toSave = saved;
        model.saveToFile();

        assertThat(files.asked).containsExactly("Load a run configuration", "Save the run configuration [march.yaml]");
        assertThat(Files.readString(saved)).isEqualTo(model.textProperty().get());
        RunConfig written = RunConfigFile.read(Files.readString(saved), saved.toString()).config();
        assertThat(written.inputs()).containsEntry("who", TextNode.valueOf("ada"));
        assertThat(written.steps().get("after").inputs()).containsEntry("who", TextNode.valueOf("bob"));
        assertThat(written.labels()).containsEntry("team", "data");
        assertThat(model.statusProperty().get()).isEqualTo("Saved as " + saved);
    }

    @Test
    void aLoadedFileWithProblemsShowsThemUnderItsNameAndIsNotSavedAgain() throws Exception {
        StartRunModel model = dialog();
        Path conf = folder.resolve("bad.yaml");
        Files.writeString(conf, "inputs:\n  times: many\n");
        files.toOpen = conf;
        files.toSave = folder.resolve("never.yaml");

        model.loadFromFile();
        model.saveToFile();

        assertThat(model.problems()).hasSize(1);
        assertThat(model.problems().get(0).toString()).startsWith("bad.yaml:2:10: ");
        assertThat(files.toSave).doesNotExist();
        assertThat(model.canRunProperty().get()).isFalse();
    }

    @Test
    void theRunStartedCarriesTheStepInputsLabelsAndEnvOfTheDialog() {
        StartRunModel model = dialog();
        stepInput(model, "after", "who").textProperty().set("ada");
        stepInput(model, "hello[1]", "greeting").textProperty().set("hey");
        model.form().labelsProperty().set("team=data");
        model.form().envProperty().set("MOOD=glad");
        AtomicReference<Run> started = new AtomicReference<>();

        model.run(started::set);

        assertThat(started.get()).isNotNull();
        Run ended = workspace.await(started.get().id());
        assertThat(ended.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(ended.revision()).isEqualTo(1);
        assertThat(ended.labels()).containsEntry("team", "data");
        assertThat(ended.env()).containsEntry("MOOD", "glad");
        RunDetail detail = workspace.run(ended.id());
        assertThat(detail.step("after").outputs().get("seen").asText()).isEqualTo("ada glad");
        assertThat(detail.step("hello[1]").outputs().get("said").asText()).isEqualTo("hey b");
        assertThat(detail.step("hello[0]").outputs().get("said").asText()).isEqualTo("hi a");
    }

    @Test
    void aSnapshotsRunShowsItsValuesAndRunsTheEditsOverThem() {
        Snapshot snapshot = workspace.createSnapshot(SnapshotRequest.ofFlow("nightly", "greet")
                .withParameters(Map.of("times", IntNode.valueOf(2)))
                .withStepInputs(Map.of("after", Map.of("who", TextNode.valueOf("the night"))))
                .withLabelsAndEnv(Map.of("team", "ops"), Map.of("MOOD", "sleepy")));
        StartFormModel form = new StartFormModel(revision, RunConfig.of(snapshot), "snapshot nightly",
                workspace.stepTypes());
        StartRunModel model = new StartRunModel(form, StartRunModel.snapshot(workspace, snapshot),
                new InlineUiExecutor(), Debouncer.immediate(), files);

        RunConfig shown = configOf(model);
        assertThat(shown.inputs()).containsEntry("times", IntNode.valueOf(2));
        assertThat(shown.steps().get("after").inputs()).containsEntry("who", TextNode.valueOf("the night"));
        assertThat(shown.labels()).containsExactly(Map.entry("team", "ops"));
        assertThat(stepInput(model, "after", "who").spec().note()).isEqualTo("snapshot nightly gives this");

        model.form().envProperty().set("MOOD=awake");
        model.form().labelsProperty().set("team=ops, try=3");
        AtomicReference<Run> started = new AtomicReference<>();
        model.run(started::set);

        Run ended = workspace.await(started.get().id());
        assertThat(ended.labels()).containsEntry("snapshot", "nightly").containsEntry("team", "ops")
                .containsEntry("try", "3");
        assertThat(ended.parameters()).containsEntry("times", IntNode.valueOf(2));
        assertThat(workspace.run(ended.id()).step("after").outputs().get("seen").asText())
                .isEqualTo("the night awake");
    }

    @Test
    void aSnapshotsTextNamingAnotherRevisionIsRefusedAsTheCommandLineRefusesIt() {
        Snapshot snapshot = workspace.createSnapshot(SnapshotRequest.ofFlow("nightly", "greet"));
        StartFormModel form = new StartFormModel(revision, RunConfig.of(snapshot), "snapshot nightly",
                workspace.stepTypes());
        StartRunModel model = new StartRunModel(form, StartRunModel.snapshot(workspace, snapshot),
                new InlineUiExecutor(), Debouncer.immediate(), files);

        model.textProperty().set("revision: 3\n");

        assertThat(model.problems()).extracting(Problem::toString).containsExactly("run configuration:1:11: snapshot "
                + "nightly runs revision 1 of greet, not 3; drop revision (or make a snapshot of revision 3)");
    }
}
