package dev.reprise.workspace;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reported means kept: a real Reprise process running a few hundred quick steps is killed with SIGKILL 22
 * times, at random moments (during start-up, right after a burst of step ends, into the run), always on the
 * same workspace; after each kill the reopened workspace holds every run the process announced and every step
 * it printed as SUCCEEDED, with outputs whose bytes match their digests, and nothing left going. Then a
 * replay of the failed part finishes an interrupted run.
 */
class DurabilityCrashTest {

    private static final int KILLS = 22;

    @TempDir
    Path folder;

    @Test
    void nothingReportedIsLostWhenTheProcessIsKilled() throws Exception {
        long seed = Long.getLong("reprise.crash.seed", System.nanoTime());
        KillHarness harness = new KillHarness(folder, seed);
        List<KillHarness.Round> rounds = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            KillHarness.Round round = harness.round();
            rounds.add(round);
            assertThat(round.lost()).as("round %d (%s) with seed %d (-Dreprise.crash.seed=%d repeats it)",
                    i + 1, round.point(), seed, seed).isEmpty();
        }
        assertThat(rounds).as("kills that hit a running run (seed %d)", seed)
                .filteredOn(KillHarness.Round::killedWhileRunning).isNotEmpty();
        assertThat(rounds.stream().mapToInt(KillHarness.Round::reportedSteps).sum())
                .as("steps reported before the kills").isPositive();

        try (LocalWorkspace workspace = LocalWorkspaces.open(harness.workspace(), LocalWorkspaces.Options.defaults())) {
            Run interrupted = workspace.runs(RunQuery.all().withLimit(RunQuery.MAX_LIMIT)).runs().stream()
                    .filter(r -> r.state() == RunState.INTERRUPTED).findFirst().orElseThrow();
            Run finished = workspace.await(workspace.replay(interrupted.id(), ReplayRequest.of(ReplayScope.failed())).id());
            assertThat(finished.state()).isEqualTo(RunState.SUCCEEDED);
        }
    }
}
