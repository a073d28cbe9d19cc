package dev.reprise.ui.run;

import dev.reprise.run.Run;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.workspace.LocalWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The idle warm-up reads the newest run as a run view would, and finds nothing to do on an empty workspace. */
class RunOpenWarmUpTest {

    @TempDir
    Path folder;

    @Test
    void readsTheNewestRunAndBuildsItsGanttRows() {
        try (LocalWorkspace workspace = TestWorkspaces.open(folder.resolve("ws"))) {
            TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
            Run newest = TestWorkspaces.runToEnd(workspace, TestWorkspaces.CHATTY);

            RunOpenWarmUp.Result result = RunOpenWarmUp.run(workspace).orElseThrow();

            assertThat(result.runId()).isEqualTo(newest.id());
            int steps = workspace.run(newest.id()).steps().size();
            assertThat(result.steps()).isEqualTo(steps).isPositive();
            assertThat(result.rows()).isEqualTo(steps);
        }
    }

    @Test
    void anEmptyWorkspaceHasNothingToWarm() {
        try (LocalWorkspace workspace = TestWorkspaces.open(folder.resolve("ws"))) {
            assertThat(RunOpenWarmUp.run(workspace)).isEmpty();
        }
    }
}
