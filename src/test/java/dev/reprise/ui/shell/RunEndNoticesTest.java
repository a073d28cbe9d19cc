package dev.reprise.ui.shell;

import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.workspace.LocalWorkspace;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Notices of runs ending, on a real workspace, no toolkit. */
class RunEndNoticesTest {

    private static final String BROKEN = """
            id: broken
            steps:
              fail: { type: shell, run: "exit 3" }
            """;

    @TempDir
    Path folder;

    private LocalWorkspace workspace;
    private InlineUiExecutor ui;
    private RunEndNotices notices;
    private final List<RunEndNotices.Notice> shown = new ArrayList<>();

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        ui = new InlineUiExecutor();
        notices = new RunEndNotices(workspace, ui, new Messages());
        notices.latestProperty().addListener((o, a, notice) -> shown.add(notice));
        notices.start();
    }

    @AfterEach
    void close() {
        notices.close();
        workspace.close();
    }

    /** Plays the UI thread: hands it the engine's events until {@code condition} holds. */
    private void eventually(java.util.concurrent.Callable<Boolean> condition) {
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
            ui.runPending();
            return condition.call();
        });
    }

    @Test
    void aWatchedRunThatEndsIsToldOnceWithALinkToIt() throws Exception {
        Path gate = folder.resolve("gate");
        Run started = TestWorkspaces.startGated(workspace, gate);
        notices.watch(started.id());
        assertThat(shown).isEmpty();

        Files.createFile(gate);
        workspace.await(started.id());
        eventually(() -> !shown.isEmpty());
        notices.watch(started.id());
        TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        ui.runPending();

        assertThat(shown).singleElement().satisfies(notice -> {
            assertThat(notice.runId()).isEqualTo(started.id());
            assertThat(notice.title()).isEqualTo("Run succeeded");
            assertThat(notice.failed()).isFalse();
        });
    }

    @Test
    void aRunThatEndedBeforeItWasWatchedIsToldAtOnce() {
        Run failed = TestWorkspaces.runToEnd(workspace, BROKEN);

        notices.watch(failed.id());

        assertThat(shown).singleElement().satisfies(notice -> {
            assertThat(notice.failed()).isTrue();
            assertThat(notice.text()).startsWith("Run " + failed.id() + " of broken failed");
        });
    }

    @Test
    void runsNotStartedHereAreToldOnlyWhenAllRunsAreAsked() {
        TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        long until = System.nanoTime() + 500_000_000L; // the run's last events may follow its end by a moment
        while (System.nanoTime() < until) {
            ui.runPending();
            Thread.onSpinWait();
        }
        assertThat(shown).isEmpty();

        notices.allRunsProperty().set(true);
        Run next = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        eventually(() -> !shown.isEmpty());

        assertThat(shown).extracting(RunEndNotices.Notice::runId).containsExactly(next.id());
    }

    @Test
    void runsEndingInOneBatchShareOneNoticeThatOpensTheFailedOne() {
        Run ok = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        Run failed = TestWorkspaces.runToEnd(workspace, BROKEN);
        Run again = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        notices.allRunsProperty().set(true);

        notices.apply(List.of(new RunEvent.RunChanged(ok, Instant.EPOCH),
                new RunEvent.RunChanged(failed, Instant.EPOCH), new RunEvent.RunChanged(again, Instant.EPOCH),
                new RunEvent.RunChanged(failed, Instant.EPOCH)));

        assertThat(shown).singleElement().satisfies(notice -> {
            assertThat(notice.title()).isEqualTo("3 runs ended");
            assertThat(notice.text()).startsWith("2 succeeded, 1 failed");
            assertThat(notice.runId()).isEqualTo(failed.id());
            assertThat(notice.failed()).isTrue();
        });
    }
}
