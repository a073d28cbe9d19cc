package dev.reprise.ui.runs;

import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The runs browser's view model on a real workspace, no toolkit. */
class RunsViewModelTest {

    @TempDir
    Path folder;

    private LocalWorkspace workspace;
    private InlineUiExecutor ui;
    private Messages messages;
    private RunsViewModel model;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        ui = new InlineUiExecutor();
        messages = new Messages();
        model = new RunsViewModel(workspace, ui, messages, ZoneOffset.UTC);
    }

    @AfterEach
    void close() {
        model.close();
        workspace.close();
    }

    @Test
    void listsRunsNewestFirstAndFiltersByStateInTheStore() {
        Run quick = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        Run failed = TestWorkspaces.runToEnd(workspace, """
                id: broken
                steps:
                  fail: { type: shell, run: "exit 3" }
                """);
        model.start();

        assertThat(model.runs()).extracting(Run::id).containsExactly(failed.id(), quick.id());
        assertThat(model.flowIds()).containsExactly("broken", "quick");

        model.stateFilterProperty().set(RunState.FAILED);
        assertThat(model.runs()).extracting(Run::id).containsExactly(failed.id());

        model.stateFilterProperty().set(null);
        model.flowFilterProperty().set("quick");
        assertThat(model.runs()).extracting(Run::id).containsExactly(quick.id());
        assertThat(messages.all()).isEmpty();
    }

    @Test
    void readsOnePageAndTheNextOnlyWhenAsked() {
        workspace.applyFlow(TestWorkspaces.QUICK, "quick.yaml");
        String last = null;
        for (int i = 0; i < RunsViewModel.PAGE_SIZE + 20; i++) {
            last = workspace.start(StartRequest.of("quick")).id();
        }
        workspace.await(last);
        model.start();

        assertThat(model.runs()).hasSize(RunsViewModel.PAGE_SIZE);
        assertThat(model.hasMoreProperty().get()).isTrue();
        assertThat(model.summaryProperty().get()).isEqualTo(RunsViewModel.PAGE_SIZE + "+ runs");

        model.loadMore();
        assertThat(model.runs()).hasSize(RunsViewModel.PAGE_SIZE + 20).doesNotHaveDuplicates();
        assertThat(model.hasMoreProperty().get()).isFalse();
    }

    @Test
    void aNewRunAppearsLiveOnTopAndItsStateFollows() {
        TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        model.start();
        assertThat(model.runs()).hasSize(1);

        Run started = workspace.start(StartRequest.of("quick"));
        workspace.await(started.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ui.runPending();
            return !model.runs().isEmpty() && model.runs().get(0).id().equals(started.id())
                    && model.runs().get(0).state() == RunState.SUCCEEDED;
        });
        assertThat(model.runs()).hasSize(2);
    }

    @Test
    void aRunThatNoLongerMatchesTheStateFilterLeavesTheList(@TempDir Path gateFolder) {
        Path gate = gateFolder.resolve("gate");
        Run running = TestWorkspaces.startGated(workspace, gate);
        model.stateFilterProperty().set(RunState.RUNNING);
        model.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ui.runPending();
            return model.runs().stream().anyMatch(r -> r.id().equals(running.id()));
        });

        gate.toFile().getParentFile().mkdirs();
        assertThat(gate.toFile().mkdir()).isTrue();
        workspace.await(running.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ui.runPending();
            return model.runs().isEmpty();
        });
    }

    @Test
    void aLabelFilterThatIsNotKeyValueSaysWhyAndKeepsTheRows() {
        TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        model.start();

        model.labelFilterProperty().set("team");

        assertThat(model.labelErrorProperty().get()).isEqualTo("'team' is not key=value");
        assertThat(model.runs()).hasSize(1);

        model.labelFilterProperty().set("team=data");
        assertThat(model.labelErrorProperty().get()).isNull();
        assertThat(model.runs()).isEmpty();
    }
}
