package dev.reprise.store;

import dev.reprise.engine.RunStore;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Disk space and time of a large run; prints figures and asserts only loose sanity bounds. */
class StoreFootprintTest {

    private static final int STEPS = 10_000;

    @Test
    void finishedNoOpStepsTakeFewBytesEachAfterCompaction(@TempDir Path dir) throws Exception {
        long emptyBytes;
        try (H2Store store = H2Store.open(dir.resolve("empty"))) {
            store.runs().commit(new RunStore.Changes(List.of(Records.run("r-0", "f", Records.T0)), List.of()));
        }
        emptyBytes = Files.size(dir.resolve("empty/reprise.mv.db"));

        Path workspace = dir.resolve("big");
        String runId = "r-01jd3k7n2q8v5x9c4m6t0b1w3z";
        long commitNanos;
        try (H2Store store = H2Store.open(workspace)) {
            RunStore runs = store.runs();
            Instant at = Records.T0;
            runs.commit(new RunStore.Changes(List.of(Records.run(runId, "bike_trips", at)
                    .withState(RunState.RUNNING, 1)), List.of()));
            long start = System.nanoTime();
            long seq = 2;
            for (int first = 0; first < STEPS; first += 100) {
                List<StepRun> running = new ArrayList<>();
                List<StepRun> done = new ArrayList<>();
                for (int i = first; i < first + 100; i++) {
                    running.add(Records.runningStep(runId, "count[" + i + "]", at.plusMillis(i), seq++));
                    done.add(Records.finishedNoOpStep(runId, "count[" + i + "]", at.plusMillis(i), seq++));
                }
                runs.commit(new RunStore.Changes(List.of(), running));
                runs.commit(new RunStore.Changes(List.of(), done));
            }
            commitNanos = System.nanoTime() - start;
            assertThat(runs.stepRuns(runId)).hasSize(STEPS);
        }
        long bytes = Files.size(workspace.resolve("reprise.mv.db"));
        double perStep = (bytes - emptyBytes) / (double) STEPS;
        System.out.printf("store footprint: %d steps, %d bytes on disk (%d empty), %.1f bytes per finished no-op step;"
                        + " commit %.1f µs per step (two commits each, batches of 100)%n",
                STEPS, bytes, emptyBytes, perStep, commitNanos / 1000.0 / STEPS);
        assertThat(perStep).isLessThan(2_000);
    }
}
