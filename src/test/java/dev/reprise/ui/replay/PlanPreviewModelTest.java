package dev.reprise.ui.replay;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.workspace.LocalWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The live plan of the replay form, on a real workspace, without the toolkit. */
class PlanPreviewModelTest {

    private static final String COUNTED = """
            id: counted
            inputs:
              n: { type: integer, default: 3, min: 1 }
            steps:
              first:
                type: shell
                inputs: { n: "{{ inputs.n }}" }
                run: echo "n=$REPRISE_INPUT_n" >> "$REPRISE_OUTPUTS"
              second:
                type: shell
                inputs: { n: "{{ steps.first.outputs.n }}" }
                run: echo "$REPRISE_INPUT_n"
            """;

    @TempDir
    Path folder;

    private LocalWorkspace workspace;
    private Run source;
    private final ManualScheduler scheduler = new ManualScheduler();

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        source = TestWorkspaces.runToEnd(workspace, COUNTED);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private static ReplayRequest from(String step) {
        return ReplayRequest.of(ReplayScope.from(step));
    }

    @Test
    void requestsInQuickSuccessionArePlannedOnceForTheLastOne() {
        DeferredUiExecutor ui = new DeferredUiExecutor();
        PlanPreviewModel model = new PlanPreviewModel(workspace, ui, scheduler, Duration.ofMillis(250));

        model.request(source.id(), from("first"));
        model.request(source.id(), ReplayRequest.asIs());
        model.request(source.id(), from("second"));
        assertThat(model.busyProperty().get()).isTrue();
        assertThat(scheduler.waiting()).isEqualTo(1);

        scheduler.fire();
        assertThat(ui.pending()).isEqualTo(1);
        ui.complete(0);

        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.plannedRequestProperty().get()).isEqualTo(from("second"));
        assertThat(model.planProperty().get().step("first").action()).isEqualTo(ReplayPlan.Action.REUSE);
        assertThat(model.planProperty().get().step("second").action()).isEqualTo(ReplayPlan.Action.EXECUTE);
    }

    @Test
    void aPlanThatComesBackAfterANewerRequestIsDropped() {
        DeferredUiExecutor ui = new DeferredUiExecutor();
        PlanPreviewModel model = new PlanPreviewModel(workspace, ui, scheduler, Duration.ofMillis(250));
        model.request(source.id(), from("first"));
        scheduler.fire();
        model.request(source.id(), from("second"));
        scheduler.fire();
        assertThat(ui.pending()).isEqualTo(2);

        ui.complete(1); // the newer plan arrives first
        ui.complete(0); // the older one arrives late

        assertThat(model.plannedRequestProperty().get()).isEqualTo(from("second"));
        assertThat(model.planProperty().get().step("first").action()).isEqualTo(ReplayPlan.Action.REUSE);
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void thePlannersErrorsAreMappedToTheFieldsTheyName() {
        PlanPreviewModel model = new PlanPreviewModel(workspace, new InlineUiExecutor(), scheduler, Duration.ZERO);

        model.request(source.id(), from("nowhere").withParameters(Map.of("n", TextNode.valueOf("0"))));
        scheduler.fire();

        Map<String, String> errors = PlanPreviewModel.errorsByField(model.planProperty().get());
        assertThat(errors).containsOnlyKeys("parameters.n", "scope");
        assertThat(errors.get("parameters.n")).contains("must be at least 1");
        assertThat(errors.get("scope")).contains("has no step 'nowhere'");
    }

    @Test
    void afterCloseNothingIsPlanned() {
        DeferredUiExecutor ui = new DeferredUiExecutor();
        PlanPreviewModel model = new PlanPreviewModel(workspace, ui, scheduler, Duration.ofMillis(250));
        model.request(source.id(), from("first"));

        model.close();
        scheduler.fire();

        assertThat(ui.pending()).isZero();
        assertThat(model.planProperty().get()).isNull();
    }
}
