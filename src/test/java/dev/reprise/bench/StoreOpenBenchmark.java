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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Time to open a workspace in a fresh JVM, as the app does at start: a new one (Flyway creates the
 * schema) and an existing one (1,000 runs of 20 steps), against opening only its H2 database, and with
 * logging and Jackson already initialised (as they are in the app by then).
 * Run with {@code mvn -Pbench test -Dtest=StoreOpenBenchmark}.
 */
@Tag("bench")
class StoreOpenBenchmark {

    @Test
    void openExistingWorkspace(@TempDir Path dir) throws Exception {
        Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
        try (H2Store store = H2Store.open(dir)) {
            for (int r = 0; r < 1000; r++) {
                String id = "r-%08d".formatted(r);
                Run run = Run.builder(id, "flow-" + r % 10, 1).labels(Map.of("team", "t" + r % 3))
                        .state(RunState.SUCCEEDED).createdAt(t0.plusSeconds(r)).target("local").rootRunId(id).build();
                List<StepRun> steps = new ArrayList<>();
                for (int s = 0; s < 20; s++) {
                    steps.add(new StepRun(id, "step" + s, "step" + s, -1, StepState.SUCCEEDED, Map.of(), Map.of(),
                            null, List.of(Attempt.queued(1, t0, "0.1.0").ended(AttemptState.SUCCEEDED, t0, t0, 0,
                            null, false)), t0, t0, null, s));
                }
                store.runs().commit(new RunStore.Changes(List.of(run), steps));
            }
        }
        for (int i = 0; i < 2; i++) {
            System.out.println("open (new workspace, migrations run): " + probe("store", dir.resolve("new-" + i)));
        }
        for (int i = 0; i < 3; i++) {
            for (String mode : new String[] {"raw", "store", "parts"}) {
                System.out.println("open: " + probe(mode, dir));
            }
        }
    }

    private static String probe(String mode, Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OpenTimeProbe.class.getName(), mode, dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
