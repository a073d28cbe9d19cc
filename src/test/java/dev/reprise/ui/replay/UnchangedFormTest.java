package dev.reprise.ui.replay;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.testing.Eventually;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.ui.common.Scheduler;
import dev.reprise.ui.form.FieldModel;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay form opened and left alone changes nothing: for every step of every bundled example, and of a flow
 * whose values are strings that look like lists, numbers, booleans and dates, its request has no override, and
 * the replay it starts is not modified.
 */
class UnchangedFormTest {

    private static final Scheduler AT_ONCE = (delay, action) -> {
        action.run();
        return () -> { };
    };

    private static final String LOOKALIKES = """
            id: lookalikes
            inputs:
              x_list: { type: json, default: [1, 2] }
              code: { type: string, default: "007" }
              flag: { type: string, default: "true" }
              when: { type: string, default: "2024-03-01T00:43:58" }
              empty: { type: string, default: "" }
            steps:
              shell:
                type: shell
                inputs:
                  x: "{{ inputs.x_list | json }}"
                  code: "{{ inputs.code }}"
                  flag: "{{ inputs.flag }}"
                  when: "{{ inputs.when }}"
                  empty: "{{ inputs.empty }}"
                  object: '{"a": 1}'
                  number: "42"
                  nothing: "null"
                run: echo "seen=$REPRISE_INPUT_x" >> "$REPRISE_OUTPUTS"
            """;

    @TempDir
    static Path folder;

    private static LocalWorkspace workspace;

    @BeforeAll
    static void seed() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        TestWorkspaces.examples().seed(workspace, p -> { });
        workspace.applyFlow(LOOKALIKES, "lookalikes.yaml");
        Run run = workspace.start(StartRequest.of("lookalikes"));
        Eventually.waitFor("the lookalikes run to end", () -> workspace.run(run.id()).run().state().isTerminal());
    }

    @AfterAll
    static void close() {
        workspace.close();
    }

    @Test
    void everyStepOfEveryRunOpensWithNoOverride() {
        List<String> opened = new ArrayList<>();
        for (Run run : workspace.runs(RunQuery.all()).runs()) {
            for (StepRun step : workspace.run(run.id()).steps()) {
                ReplayFormModel model = new ReplayFormModel(workspace, new InlineUiExecutor(), AT_ONCE, run.id(),
                        step.stepId(), ReplayScope.Kind.ONLY);
                model.load();
                assertThat(model.loadErrorProperty().get()).as("%s/%s", run.flowId(), step.stepId()).isNull();
                model.editedStepProperty().set(step.stepId());
                if (model.stepFormProperty().get() != null) {
                    assertThat(model.stepFormProperty().get().fields()).as("%s/%s", run.flowId(), step.stepId())
                            .noneMatch(FieldModel::isEdited);
                }
                ReplayRequest request = model.request();
                assertThat(request.parameterOverrides()).as("%s/%s", run.flowId(), step.stepId()).isEmpty();
                assertThat(request.stepInputOverrides()).as("%s/%s", run.flowId(), step.stepId()).isEmpty();
                assertThat(request.modifies()).isFalse();
                model.close();
                opened.add(run.flowId() + "/" + step.stepId());
            }
        }
        assertThat(opened).contains("bike_trips/parse", "lookalikes/shell").hasSizeGreaterThan(10);
    }

    @Test
    void theReplayOfAnUntouchedFormIsNotModifiedAndItsStepReceivesTheSameText() {
        Run source = workspace.runs(RunQuery.all().withFlow("lookalikes")).runs().get(0);
        ReplayFormModel model = new ReplayFormModel(workspace, new InlineUiExecutor(), AT_ONCE, source.id(), "shell",
                ReplayScope.Kind.ONLY);
        model.load();
        model.editedStepProperty().set("shell");
        List<Run> started = new ArrayList<>();

        model.replay(started::add);

        Run replay = started.get(0);
        Eventually.waitFor("the replay to end", () -> workspace.run(replay.id()).run().state().isTerminal());
        assertThat(workspace.run(replay.id()).run().state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(replay.modified()).isFalse();
        Map<String, com.fasterxml.jackson.databind.JsonNode> inputs = workspace.run(replay.id()).step("shell").inputs();
        assertThat(inputs).containsEntry("x", TextNode.valueOf("[1,2]")).containsEntry("code", TextNode.valueOf("007"))
                .containsEntry("number", TextNode.valueOf("42"));
        assertThat(workspace.run(replay.id()).step("shell").outputs().get("seen").toString()).isEqualTo("[1,2]");
    }
}
