package dev.reprise.ui.run;

import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepState;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.details.StepDetailsViewModel;
import dev.reprise.workspace.LocalWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An open run's view model and the details pane's, on a real workspace, no toolkit. */
class RunViewModelTest {

    @TempDir
    Path folder;

    private LocalWorkspace workspace;
    private InlineUiExecutor ui;
    private Messages messages;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        ui = new InlineUiExecutor();
        messages = new Messages();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void theFailedBikeTripsRunShowsItsStepsAndTheDefinitionOfParse() throws Exception {
        Run run = TestWorkspaces.examples().seed(workspace, p -> { }).stream()
                .filter(s -> s.flowId().equals("bike_trips")).findFirst().orElseThrow().run();
        RunViewModel model = new RunViewModel(run.id(), workspace, ui, messages);
        StepDetailsViewModel details = new StepDetailsViewModel(model.detailProperty(), model.revisionProperty(),
                model.selectedStepProperty(), Instant::now);

        model.open();
        details.select("parse");

        assertThat(model.detailProperty().get().run().state()).isEqualTo(RunState.FAILED);
        assertThat(model.steps()).extracting(s -> s.stepId()).contains("extract", "parse");
        assertThat(model.isFollowing()).isFalse();
        assertThat(details.stepProperty().get().state()).isEqualTo(StepState.FAILED);
        assertThat(details.attempts()).hasSize(1);
        assertThat(details.attempts().get(0).error()).contains("yy-MM-dd HH:mm:ss");
        assertThat(details.inputs()).extracting(StepDetailsViewModel.Value::name).contains("file", "datetime_format");
        assertThat(details.definitionProperty().get()).startsWith("parse:").contains("type: csv.parse")
                .doesNotContain("count:");
        assertThat(messages.all()).isEmpty();
    }

    @Test
    void aRunningRunGrowsLiveUntilItEndsAndThenStopsFollowing(@TempDir Path gates) throws Exception {
        Path gate = gates.resolve("gate");
        Run run = TestWorkspaces.startGated(workspace, gate);
        RunViewModel model = new RunViewModel(run.id(), workspace, ui, messages);
        model.open();
        assertThat(model.isFollowing()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ui.runPending();
            return model.steps().stream().anyMatch(s -> s.stepId().equals("wait") && s.state() == StepState.RUNNING);
        });
        assertThat(model.detailProperty().get().run().state()).isEqualTo(RunState.RUNNING);

        Files.createDirectory(gate);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ui.runPending();
            return model.detailProperty().get().run().state() == RunState.SUCCEEDED;
        });
        assertThat(model.steps()).extracting(s -> s.state()).containsOnly(StepState.SUCCEEDED);
        assertThat(model.steps()).extracting(s -> s.stepId()).containsExactly("wait", "after");
        assertThat(model.isFollowing()).isFalse();
    }

    @Test
    void closingAnOpenRunReleasesItsSubscription(@TempDir Path gates) throws Exception {
        Path gate = gates.resolve("gate");
        Run run = TestWorkspaces.startGated(workspace, gate);
        RunViewModel model = new RunViewModel(run.id(), workspace, ui, messages);
        model.open();
        assertThat(model.isFollowing()).isTrue();

        model.close();
        Files.createDirectory(gate);
        workspace.await(run.id());
        ui.runPending();

        assertThat(model.isFollowing()).isFalse();
        assertThat(model.detailProperty().get().run().state()).isNotEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void anUnknownRunIsReportedAsAMessage() {
        RunViewModel model = new RunViewModel("r-nope", workspace, ui, messages);

        model.open();

        assertThat(messages.all()).singleElement().satisfies(m -> {
            assertThat(m.level()).isEqualTo(Messages.Level.ERROR);
            assertThat(m.text()).isEqualTo("Opening run r-nope failed: no run 'r-nope' in this workspace");
        });
        assertThat(model.detailProperty().get()).isNull();
    }
}
