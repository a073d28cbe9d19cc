package dev.reprise.ui.run;

import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.ui.details.StepDetailsViewModel;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.Subscription;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

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
    void aBatchOfEventsReplacesChangedStepsInPlaceAndAppendsNewOnesInTheOrderTheyArrived() {
        Run run = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        RunViewModel model = new RunViewModel(run.id(), workspace, ui, messages);
        model.open();
        StepRun only = model.step("only");
        List<String> changes = new ArrayList<>();
        model.steps().addListener((ListChangeListener<StepRun>) c -> {
            while (c.next()) {
                changes.add((c.wasReplaced() ? "replaced " : c.wasAdded() ? "added " : "other ") + c.getFrom()
                        + ".." + c.getTo());
            }
        });
        StepRun b = StepRun.pending(run.id(), "b", "b", -1).withSeq(only.seq() + 1);
        StepRun a = StepRun.pending(run.id(), "a", "a", -1).withSeq(only.seq() + 2);
        StepRun later = only.withSeq(only.seq() + 3).withError("replaced");

        model.apply(List.of(event(b), event(later), event(a), event(b.withSeq(only.seq() + 4).withError("newer")),
                event(only))); // the last one is older than what is shown: ignored

        assertThat(model.steps()).extracting(StepRun::stepId).containsExactly("only", "b", "a");
        assertThat(model.step("only").error()).isEqualTo("replaced");
        assertThat(model.step("b").error()).isEqualTo("newer");
        assertThat(model.detailProperty().get().steps()).containsExactlyElementsOf(model.steps());
        assertThat(changes).containsExactly("replaced 0..1", "added 1..3");
    }

    @Test
    void aBatchReplacesItsRowsInOneChangeAndAddsItsNewRowsInAnother() {
        Run run = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        RunViewModel model = new RunViewModel(run.id(), workspace, ui, messages);
        model.open();
        StepRun only = model.step("only");
        StepRun a = StepRun.pending(run.id(), "a", "a", -1).withSeq(only.seq() + 1);
        StepRun b = StepRun.pending(run.id(), "b", "b", -1).withSeq(only.seq() + 2);
        model.apply(List.of(event(a), event(b)));
        List<String> changes = new ArrayList<>();
        model.steps().addListener((ListChangeListener<StepRun>) c -> {
            List<String> parts = new ArrayList<>();
            while (c.next()) {
                parts.add((c.wasReplaced() ? "replaced " : c.wasAdded() ? "added " : "other ") + c.getFrom()
                        + ".." + c.getTo());
            }
            changes.add(String.join(", ", parts));
        });

        model.apply(List.of(event(only.withSeq(only.seq() + 3).withError("x")), event(b.withSeq(only.seq() + 4)
                .withError("y")), event(StepRun.pending(run.id(), "c", "c", -1).withSeq(only.seq() + 5))));

        assertThat(changes).containsExactly("replaced 0..1, replaced 2..3", "added 3..4");
        assertThat(model.steps()).extracting(StepRun::error).containsExactly("x", null, "y", null);
    }

    private static RunEvent event(StepRun step) {
        return new RunEvent.StepChanged(step, Instant.EPOCH);
    }

    @Test
    void aRunThatEndsBeforeItsSubscriptionArrivesIsNotFollowedOnceItDoes(@TempDir Path gates) throws Exception {
        Path gate = gates.resolve("gate");
        Run run = TestWorkspaces.startGated(workspace, gate);
        HeldSubscriptions held = new HeldSubscriptions();
        RunViewModel model = new RunViewModel(run.id(), workspace, held, messages);
        model.open();
        Files.createDirectory(gate);
        workspace.await(run.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            held.ui.runPending();
            return model.detailProperty().get().run().state() == RunState.SUCCEEDED;
        });

        held.release();

        assertThat(model.isFollowing()).isFalse();
    }

    /** Runs work at once, but keeps back the subscriptions it yields until {@link #release()}. */
    private static final class HeldSubscriptions implements UiExecutor {
        final InlineUiExecutor ui = new InlineUiExecutor();
        private final List<Runnable> heldBack = new ArrayList<>();

        @Override
        public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
            ui.submit(work, result -> {
                if (result instanceof Subscription) {
                    heldBack.add(() -> onSuccess.accept(result));
                } else {
                    onSuccess.accept(result);
                }
            }, onFailure);
        }

        @Override
        public void runOnUi(Runnable action) {
            ui.runOnUi(action);
        }

        void release() {
            heldBack.forEach(Runnable::run);
        }
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
