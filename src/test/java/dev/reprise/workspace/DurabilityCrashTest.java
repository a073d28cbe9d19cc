package dev.reprise.workspace;

import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.testing.PostgresServer;
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
 * replay of the failed part finishes an interrupted run. The same holds when the processes share a PostgreSQL
 * database.
 */
class DurabilityCrashTest {

    private static final int KILLS = 22;
    private static final int KILLS_ON_POSTGRESQL = 8;

    @TempDir
    Path folder;

    @Test
    void nothingReportedIsLostWhenTheProcessIsKilled() throws Exception {
        killAndCheck(new KillHarness(folder, seed()), KILLS);
    }

    /**
     * The same on a PostgreSQL database shared by the killed processes and this one (a real server: see
     * {@link PostgresServer}), with fewer kills: each round waits for the dead process's lease to run out.
     */
    @Test
    void nothingReportedIsLostWhenAProcessOnASharedDatabaseIsKilled() throws Exception {
        killAndCheck(new KillHarness(folder, seed(), PostgresServer.get().newDatabase()), KILLS_ON_POSTGRESQL);
    }

    private static long seed() {
        return Long.getLong("reprise.crash.seed", System.nanoTime());
    }

    private static void killAndCheck(KillHarness harness, int kills) throws Exception {
        long seed = harness.seed();
        List<KillHarness.Round> rounds = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            KillHarness.Round round = harness.round();
            rounds.add(round);
            assertThat(round.lost()).as("round %d (%s) with seed %d (-Dreprise.crash.seed=%d repeats it)",
                    i + 1, round.point(), seed, seed).isEmpty();
        }
        assertThat(rounds).as("kills that hit a running run (seed %d)", seed)
                .filteredOn(KillHarness.Round::killedWhileRunning).isNotEmpty();
        assertThat(rounds.stream().mapToInt(KillHarness.Round::reportedSteps).sum())
                .as("steps reported before the kills").isPositive();

        try (LocalWorkspace workspace = harness.reopen()) {
            Run interrupted = workspace.runs(RunQuery.all().withLimit(RunQuery.MAX_LIMIT)).runs().stream()
                    .filter(r -> r.state() == RunState.INTERRUPTED).findFirst().orElseThrow();
            Run finished = workspace.await(workspace.replay(interrupted.id(), ReplayRequest.of(ReplayScope.failed())).id());
            assertThat(finished.state()).isEqualTo(RunState.SUCCEEDED);
        }
    }
}
