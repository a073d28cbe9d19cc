package dev.reprise.bench;

import dev.reprise.engine.RunStore;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.store.H2Store;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's hot path: a 10,000-step run whose every step is committed twice (running, then
 * succeeded), in batches of 1, 10 and 100, after a warm-up run. Prints the store's cost per step and the
 * bytes per step on disk before and after closing (SHUTDOWN COMPACT).
 * Run with {@code mvn -Pbench test -Dtest=StoreCommitBenchmark}.
 */
@Tag("bench")
class StoreCommitBenchmark {

    private static final int STEPS = 10_000;
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");

    @Test
    void commitCostPerStep(@TempDir Path dir) throws Exception {
        Path workspace = dir.resolve("ws");
        try (H2Store store = H2Store.open(workspace)) {
            RunStore runs = store.runs();
            runSteps(runs, "r-warmup-00000000000000000", 100);
            runSteps(runs, "r-warmup-00000000000000001", 10);
            for (int batch : new int[] {1, 10, 100}) {
                String runId = "r-01jd3k7n2q8v5x9c4m6t0b" + batch;
                long nanos = runSteps(runs, runId, batch);
                System.out.printf("commit: %d steps, batches of %d: %.1f µs per step (two commits per step)%n",
                        STEPS, batch, nanos / 1000.0 / STEPS);
            }
            System.out.printf("disk while open: %d bytes for %d steps%n",
                    Files.size(workspace.resolve("reprise.mv.db")), 5 * STEPS);
        }
        System.out.printf("disk after close: %.1f bytes per step%n",
                Files.size(workspace.resolve("reprise.mv.db")) / (5.0 * STEPS));
    }

    private static long runSteps(RunStore runs, String runId, int batch) {
        Run run = Run.builder(runId, "bench", 1).createdAt(T0).target("local").rootRunId(runId).build()
                .withState(RunState.RUNNING, 1);
        runs.commit(new RunStore.Changes(List.of(run), List.of()));
        long seq = 2;
        long start = System.nanoTime();
        for (int first = 0; first < STEPS; first += batch) {
            List<StepRun> running = new ArrayList<>(batch);
            List<StepRun> done = new ArrayList<>(batch);
            for (int i = first; i < first + batch; i++) {
                Instant at = T0.plusMillis(i);
                String stepId = "count[" + i + "]";
                Attempt attempt = Attempt.queued(1, at, "0.1.0");
                StepRun step = new StepRun(runId, stepId, "count", i, StepState.RUNNING, Map.of(), Map.of(), null,
                        List.of(attempt), at, null, null, seq++);
                running.add(step);
                done.add(new StepRun(runId, stepId, "count", i, StepState.SUCCEEDED, Map.of(), Map.of(), null,
                        List.of(attempt.ended(AttemptState.SUCCEEDED, at.plusMillis(1), at.plusMillis(3), 0, null,
                                false)), at, at.plusMillis(3), null, seq++));
            }
            runs.commit(new RunStore.Changes(List.of(), running));
            runs.commit(new RunStore.Changes(List.of(), done));
        }
        return System.nanoTime() - start;
    }
}
