package dev.reprise.bench;

import dev.reprise.engine.RunStore;
import dev.reprise.run.Run;
import dev.reprise.run.RunPage;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.store.H2Store;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Run listings at 100,000 runs: 20 flows, states mostly SUCCEEDED, labels {@code team} (5 values) and
 * {@code env} (3 values) plus a rare {@code ticket} label on 1 run in 1,000, several runs per second.
 * Prints the median time of typical first pages and of deep pages reached by cursor.
 * Run with {@code mvn -Pbench test -Dtest=StoreQueryBenchmark}.
 */
@Tag("bench")
class StoreQueryBenchmark {

    static final int RUNS = 100_000;
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final RunState[] STATES = RunState.values();

    @Test
    void queryTimesAt100kRuns(@TempDir Path dir) {
        try (H2Store store = H2Store.open(dir)) {
            RunStore runs = store.runs();
            long start = System.nanoTime();
            fill(runs);
            System.out.printf("query: inserted %d runs in %d ms%n", RUNS, (System.nanoTime() - start) / 1_000_000);

            Instant mid = T0.plusMillis(RUNS * 250L / 2);
            time("first page, no filter", () -> runs.query(RunQuery.all()));
            time("first page, flow", () -> runs.query(RunQuery.all().withFlow("flow-07")));
            time("first page, state FAILED (~5%)", () -> runs.query(RunQuery.all().withStates(EnumSet.of(RunState.FAILED))));
            time("first page, state RUNNING (rare)", () -> runs.query(RunQuery.all().withStates(EnumSet.of(RunState.RUNNING))));
            time("first page, label team=t3", () -> runs.query(RunQuery.all().withLabels(Map.of("team", "t3"))));
            time("first page, labels team=t3 + env=prod", () -> runs.query(RunQuery.all().withLabels(Map.of("team", "t3", "env", "prod"))));
            time("first page, rare label (1 in 1000)", () -> runs.query(RunQuery.all().withLabels(Map.of("ticket", "T-42"))));
            time("first page, text (common)", () -> runs.query(RunQuery.all().withText("nightly")));
            time("first page, text (no match: full scan)", () -> runs.query(RunQuery.all().withText("zzz")));
            time("first page, date range (middle)", () -> runs.query(RunQuery.all().withRange(mid, mid.plusSeconds(3600))));
            time("first page, flow + state + label + range", () -> runs.query(RunQuery.all().withFlow("flow-07")
                    .withStates(EnumSet.of(RunState.SUCCEEDED)).withLabels(Map.of("env", "prod"))
                    .withRange(T0, mid)));
            time("runsInStates RUNNING+QUEUED (recovery)", () -> runs.runsInStates(EnumSet.of(RunState.RUNNING, RunState.QUEUED)));

            deep(runs, "page 1000 (of 50 runs), no filter", RunQuery.all(), 1000);
            deep(runs, "page 100, flow", RunQuery.all().withFlow("flow-07"), 90);
            deep(runs, "page 100, label team=t3", RunQuery.all().withLabels(Map.of("team", "t3")), 100);
            deep(runs, "page 50, state FAILED", RunQuery.all().withStates(EnumSet.of(RunState.FAILED)), 50);
            long walk = System.nanoTime();
            int pages = 0;
            String cursor = null;
            do {
                RunPage page = runs.query(RunQuery.all().withLimit(RunQuery.MAX_LIMIT).withAfter(cursor));
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null);
            System.out.printf("query: walking all %d runs in %d pages of 1000: %d ms%n", RUNS, pages,
                    (System.nanoTime() - walk) / 1_000_000);
        }
    }

    static void fill(RunStore runs) {
        Random random = new Random(42);
        List<Run> batch = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            String id = "r-%010d".formatted(i);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("team", "t" + random.nextInt(5));
            labels.put("env", List.of("prod", "dev", "staging").get(random.nextInt(3)));
            if (i % 1000 == 500) {
                labels.put("ticket", "T-42");
            }
            int roll = random.nextInt(100);
            RunState state = roll < 90 ? RunState.SUCCEEDED : roll < 95 ? RunState.FAILED
                    : roll < 99 ? RunState.CANCELLED : STATES[random.nextInt(STATES.length)];
            if (i < RUNS - 200 && (state == RunState.RUNNING || state == RunState.QUEUED)) {
                state = RunState.INTERRUPTED;
            }
            String name = (i % 3 == 0 ? "nightly " : "manual ") + "load " + i;
            batch.add(Run.builder(id, "flow-%02d".formatted(random.nextInt(20)), 1).name(name).labels(labels)
                    .state(state).createdAt(T0.plusMillis(i * 250L)).target("local").rootRunId(id).build());
            if (batch.size() == 500) {
                runs.commit(new RunStore.Changes(batch, List.of()));
                batch.clear();
            }
        }
        runs.commit(new RunStore.Changes(batch, List.of()));
    }

    private static void time(String what, Supplier<?> query) {
        for (int i = 0; i < 5; i++) {
            query.get();
        }
        long[] nanos = new long[21];
        Object result = null;
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            result = query.get();
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        int count = result instanceof RunPage page ? page.runs().size() : ((List<?>) result).size();
        System.out.printf("query: %-45s median %7.2f ms (%d runs)%n", what, nanos[nanos.length / 2] / 1e6, count);
    }

    private static void deep(RunStore runs, String what, RunQuery query, int page) {
        String cursor = null;
        for (int i = 1; i < page; i++) {
            cursor = runs.query(query.withAfter(cursor)).nextCursor();
        }
        String at = cursor;
        time(what, () -> runs.query(query.withAfter(at)));
    }
}
