package dev.reprise.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.engine.RunStore;
import dev.reprise.engine.RunStore.Changes;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepRunRef;
import dev.reprise.run.StepState;
import dev.reprise.run.SuggestedFix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.reprise.store.Records.T0;
import static dev.reprise.store.Records.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlRunStoreTest {

    @TempDir
    Path dir;
    private H2Store store;
    private RunStore runs;

    @BeforeEach
    void open() {
        store = H2Store.open(dir);
        runs = store.runs();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void commit(List<Run> newRuns, List<StepRun> steps) {
        runs.commit(new Changes(newRuns, steps));
    }

    static Run fullRun() {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        parameters.put("month", json("\"2024-03\""));
        parameters.put("sample_size", json("5000"));
        parameters.put("ratio", json("0.25"));
        parameters.put("flags", json("[true, null, {\"deep\": [1, 2.5, \"x\"]}]"));
        parameters.put("big", json("12345678901234567890"));
        return Run.builder("r-01jd3kfull", "bike_trips", 3).name("March trips ✓")
                .labels(Map.of("team", "data", "env", "prod")).env(Map.of("TZ", "UTC")).parameters(parameters)
                .state(RunState.FAILED).createdAt(T0).startedAt(T0.plusMillis(5)).endedAt(T0.plusSeconds(90))
                .target("local").parentRunId("r-01jd3kparent").rootRunId("r-01jd3kroot")
                .error("step parse failed: bad date").seq(42).build();
    }

    static StepRun fullStep(String runId) {
        ArtifactRef file = new ArtifactRef("a".repeat(64), "trips.csv", "text/csv", 1234);
        Attempt failed = new Attempt(1, AttemptState.TIMED_OUT, T0, T0.plusMillis(10), T0.plusSeconds(300), 137,
                "timed out after 5m", "f".repeat(64), true, new SuggestedFix("the values are written as dd.MM.yyyy",
                "count", "datetime_format", json("\"yy-MM-dd\""), json("\"dd.MM.yyyy\"")));
        Attempt second = new Attempt(2, AttemptState.SUCCEEDED, T0.plusSeconds(302), T0.plusSeconds(303),
                T0.plusSeconds(304), 0, null, "f".repeat(64), false, null);
        return new StepRun(runId, "count[3]", "count", 3, StepState.SUCCEEDED,
                Map.of("file", file.toJson(), "station", json("\"Central Park\"")),
                Map.of("trips", json("117")), new StepRunRef("r-01jd3kparent", "count[3]"),
                List.of(failed, second), T0, T0.plusSeconds(304), null, 17);
    }

    @Test
    void runReadsBackEqualToWhatWasWritten() {
        Run run = fullRun();
        commit(List.of(run), List.of());

        assertThat(runs.findRun(run.id())).contains(run);
    }

    @Test
    void runWithOnlyRequiredFieldsReadsBackEqual() {
        Run run = Run.builder("r-min", "f", 1).createdAt(T0).build();
        commit(List.of(run), List.of());

        assertThat(runs.findRun("r-min")).contains(run);
    }

    @Test
    void stepRunReadsBackEqualToWhatWasWritten() {
        Run run = fullRun();
        StepRun step = fullStep(run.id());
        commit(List.of(run), List.of(step));

        assertThat(runs.findStepRun(run.id(), "count[3]")).contains(step);
        assertThat(runs.stepRuns(run.id())).containsExactly(step);
    }

    @Test
    void pendingStepRunWithNothingSetReadsBackEqual() {
        Run run = Records.run("r-1", "f", T0);
        StepRun pending = StepRun.pending("r-1", "extract", "extract", -1);
        commit(List.of(run), List.of(pending));

        assertThat(runs.findStepRun("r-1", "extract")).contains(pending);
    }

    @Test
    void attemptsWithoutQueueTimeKeepTheirOtherTimes() {
        Attempt attempt = new Attempt(1, AttemptState.INTERRUPTED, null, T0, null, null, "engine stopped", null,
                false, null);
        StepRun step = Records.runningStep("r-1", "s", T0, 1).withAttempt(attempt);
        commit(List.of(Records.run("r-1", "f", T0)), List.of(step));

        assertThat(runs.findStepRun("r-1", "s")).contains(step);
    }

    @Test
    void committingAChangedRecordReplacesIt() {
        Run run = Records.run("r-1", "f", T0);
        StepRun step = Records.runningStep("r-1", "parse", T0, 1);
        commit(List.of(run), List.of(step));

        Run running = run.withState(RunState.RUNNING, 2).withTimes(T0, null);
        StepRun done = Records.finishedNoOpStep("r-1", "parse", T0, 3).withOutputs(Map.of("rows", json("[1,2]")));
        commit(List.of(running), List.of(done));

        assertThat(runs.findRun("r-1")).contains(running);
        assertThat(runs.stepRuns("r-1")).containsExactly(done);
    }

    @Test
    void stepRunsComeInTheOrderTheyWereFirstWritten() {
        commit(List.of(Records.run("r-1", "f", T0)), List.of(
                Records.runningStep("r-1", "zeta", T0, 1), Records.runningStep("r-1", "alpha", T0, 2)));
        commit(List.of(), List.of(Records.runningStep("r-1", "mid", T0, 3)));
        commit(List.of(), List.of(Records.finishedNoOpStep("r-1", "zeta", T0, 4)));

        assertThat(runs.stepRuns("r-1")).extracting(StepRun::stepId).containsExactly("zeta", "alpha", "mid");
    }

    @Test
    void stepRunsOfOneRunAreNotMixedWithAnother() {
        commit(List.of(Records.run("r-1", "f", T0), Records.run("r-2", "f", T0)), List.of(
                Records.runningStep("r-1", "a", T0, 1), Records.runningStep("r-2", "a", T0, 1),
                Records.runningStep("r-2", "b", T0, 2)));

        assertThat(runs.stepRuns("r-1")).extracting(StepRun::stepId).containsExactly("a");
        assertThat(runs.stepRuns("r-2")).extracting(StepRun::runId).containsOnly("r-2");
        assertThat(runs.findStepRun("r-1", "b")).isEmpty();
        assertThat(runs.stepRuns("r-unknown")).isEmpty();
    }

    @Test
    void stepRunsAfterReturnsOnlyStepsChangedLater() {
        commit(List.of(Records.run("r-1", "f", T0)), List.of(
                Records.runningStep("r-1", "a", T0, 1), Records.runningStep("r-1", "b", T0, 2),
                Records.runningStep("r-1", "c", T0, 3)));
        commit(List.of(), List.of(Records.finishedNoOpStep("r-1", "a", T0, 4)));

        assertThat(runs.stepRunsAfter("r-1", 2)).extracting(StepRun::stepId, StepRun::seq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 4L),
                        org.assertj.core.groups.Tuple.tuple("c", 3L));
        assertThat(runs.stepRunsAfter("r-1", 4)).isEmpty();
    }

    @Test
    void aFailingBatchWritesNothing() {
        commit(List.of(Records.run("r-1", "f", T0)), List.of(Records.runningStep("r-1", "a", T0, 1)));
        Run changed = Records.run("r-1", "f", T0).withState(RunState.RUNNING, 2);
        Run newRun = Records.run("r-2", "f", T0);

        assertThatThrownBy(() -> commit(List.of(changed, newRun), List.of(
                Records.finishedNoOpStep("r-1", "a", T0, 3),
                Records.runningStep("r-2", "x", T0, 1),
                Records.runningStep("r-missing", "x", T0, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("r-missing");

        assertThat(runs.findRun("r-1")).contains(Records.run("r-1", "f", T0));
        assertThat(runs.findRun("r-2")).isEmpty();
        assertThat(runs.stepRuns("r-1")).containsExactly(Records.runningStep("r-1", "a", T0, 1));
        assertThat(runs.query(RunQuery.all()).runs()).extracting(Run::id).containsExactly("r-1");
    }

    @Test
    void aBatchRejectedByTheDatabaseWritesNothing() {
        Run run = Records.run("r-1", "f", T0);
        StepRun tooLong = Records.runningStep("r-1", "x".repeat(301), T0, 1);

        assertThatThrownBy(() -> commit(List.of(run), List.of(Records.runningStep("r-1", "a", T0, 1), tooLong)))
                .isInstanceOf(StoreException.class);

        assertThat(runs.findRun("r-1")).isEmpty();
        assertThat(runs.stepRuns("r-1")).isEmpty();
        commit(List.of(run), List.of(Records.runningStep("r-1", "a", T0, 1)));
        assertThat(runs.stepRuns("r-1")).hasSize(1);
    }

    @Test
    void aRunWithoutCreationTimeIsRejected() {
        Run run = Run.builder("r-1", "f", 1).build();

        assertThatThrownBy(() -> commit(List.of(run), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("createdAt");
    }

    @Test
    void runsInStatesFindsExactlyTheRunsInThoseStates() {
        commit(List.of(
                Records.run("r-1", "f", T0, RunState.RUNNING, null, Map.of()),
                Records.run("r-2", "f", T0.plusSeconds(1), RunState.SUCCEEDED, null, Map.of()),
                Records.run("r-3", "f", T0.plusSeconds(2), RunState.QUEUED, null, Map.of())), List.of());

        assertThat(runs.runsInStates(EnumSet.of(RunState.RUNNING, RunState.QUEUED)))
                .extracting(Run::id).containsExactlyInAnyOrder("r-1", "r-3");
        assertThat(runs.runsInStates(EnumSet.noneOf(RunState.class))).isEmpty();
    }

    @Test
    void deletingARunRemovesItsStepsAndLabels() {
        commit(List.of(Records.run("r-1", "f", T0, RunState.SUCCEEDED, null, Map.of("team", "a")),
                Records.run("r-2", "f", T0, RunState.SUCCEEDED, null, Map.of("team", "a"))),
                List.of(Records.runningStep("r-1", "a", T0, 1), Records.runningStep("r-2", "a", T0, 1)));

        assertThat(runs.deleteRun("r-1")).isTrue();

        assertThat(runs.findRun("r-1")).isEmpty();
        assertThat(runs.stepRuns("r-1")).isEmpty();
        assertThat(runs.query(RunQuery.all().withLabels(Map.of("team", "a"))).runs())
                .extracting(Run::id).containsExactly("r-2");
        assertThat(runs.stepRuns("r-2")).hasSize(1);
    }

    @Test
    void aDeletedRunIdCanBeWrittenAgain() {
        commit(List.of(Records.run("r-1", "f", T0)), List.of(Records.runningStep("r-1", "a", T0, 1)));
        runs.deleteRun("r-1");

        commit(List.of(Records.run("r-1", "g", T0)), List.of(Records.runningStep("r-1", "b", T0, 1)));

        assertThat(runs.findRun("r-1")).map(Run::flowId).contains("g");
        assertThat(runs.stepRuns("r-1")).extracting(StepRun::stepId).containsExactly("b");
    }

    @Test
    void deletingAnUnknownRunReturnsFalse() {
        assertThat(runs.deleteRun("r-nope")).isFalse();
    }

    @Test
    void changedLabelsReplaceTheOldOnesInQueries() {
        Run run = Records.run("r-1", "f", T0, RunState.QUEUED, null, Map.of("team", "a", "tier", "gold"));
        commit(List.of(run), List.of());

        Run relabelled = Run.builder("r-1", "f", 1).labels(Map.of("team", "b")).createdAt(T0).target("local")
                .rootRunId("r-1").seq(1).build();
        commit(List.of(relabelled), List.of());

        assertThat(runs.query(RunQuery.all().withLabels(Map.of("team", "a"))).runs()).isEmpty();
        assertThat(runs.query(RunQuery.all().withLabels(Map.of("tier", "gold"))).runs()).isEmpty();
        assertThat(runs.query(RunQuery.all().withLabels(Map.of("team", "b"))).runs()).containsExactly(relabelled);
    }

    @Test
    void concurrentCommitsAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String runId = "r-" + t;
                done.add(pool.submit(() -> {
                    commit(List.of(Records.run(runId, "f", T0)), List.of());
                    for (int i = 0; i < 200; i++) {
                        commit(List.of(), List.of(Records.runningStep(runId, "s[" + i + "]", T0, i)));
                        runs.stepRuns(runId);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int t = 0; t < 4; t++) {
            assertThat(runs.stepRuns("r-" + t)).hasSize(200);
        }
    }
}
