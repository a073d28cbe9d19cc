package dev.reprise.bench;

import dev.reprise.workspace.KillHarness;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash soak (run with {@code mvn -Pbench test -Dtest=CrashSoakBenchmark}; {@code -Dreprise.soak.kills=N}
 * for another count): 100 SIGKILLs of a real Reprise process running a few hundred quick steps, on one
 * workspace, each followed by a reopen that checks every reported run and step. Prints the kills, how many
 * hit a running run, the steps reported before them, the losses (which must be 0) and the reopen times.
 */
@Tag("bench")
class CrashSoakBenchmark {

    @TempDir
    Path folder;

    @Test
    void soak() throws Exception {
        int kills = Integer.getInteger("reprise.soak.kills", 100);
        long seed = Long.getLong("reprise.crash.seed", System.nanoTime());
        KillHarness harness = new KillHarness(folder, seed);
        List<KillHarness.Round> rounds = new ArrayList<>();
        List<String> losses = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < kills; i++) {
            KillHarness.Round round = harness.round();
            rounds.add(round);
            round.lost().forEach(problem -> losses.add("kill " + (rounds.size()) + " (" + round.point() + "): " + problem));
        }
        long[] reopen = rounds.stream().mapToLong(KillHarness.Round::reopenMillis).sorted().toArray();
        System.out.printf("%nCrash soak (seed %d): %d kills in %.0f s, %d of them while a run was going on "
                        + "(start-up %d, after a burst %d, into the run %d)%n", seed, kills,
                (System.nanoTime() - start) / 1e9, rounds.stream().filter(KillHarness.Round::killedWhileRunning).count(),
                count(rounds, KillHarness.KillPoint.STARTUP), count(rounds, KillHarness.KillPoint.AFTER_BURST),
                count(rounds, KillHarness.KillPoint.DURING_RUN));
        System.out.printf("reported before the kills: %d runs, %d steps; lost after reopening: %d%n",
                rounds.stream().mapToInt(KillHarness.Round::reportedRuns).sum(),
                rounds.stream().mapToInt(KillHarness.Round::reportedSteps).sum(), losses.size());
        System.out.printf("reopen (recovery included): median %d ms, p90 %d ms, max %d ms%n",
                FxBench.percentile(reopen, 0.5), FxBench.percentile(reopen, 0.9), reopen[reopen.length - 1]);
        assertThat(losses).isEmpty();
    }

    private static long count(List<KillHarness.Round> rounds, KillHarness.KillPoint point) {
        return rounds.stream().filter(r -> r.point() == point).count();
    }
}
