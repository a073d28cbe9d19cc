package dev.reprise.engine;

import dev.reprise.run.Run;
import dev.reprise.run.RunPage;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where runs and step runs are kept. {@link #commit} writes a batch of new or changed records in one
 * transaction and returns once they are durable: they survive a crash of the process (and, where the store
 * says so, of the machine). The engine's hot path uses {@link #commitNoWait} instead and publishes a batch's
 * events only after {@link #awaitDurable} has returned for it, so the commits of many runs share one flush
 * (group commit). Reads return only what is durable. Implementations are thread-safe.
 */
public interface RunStore {

    /** Inserts or replaces every run and step run of {@code changes}, all or nothing, and returns once durable. */
    default void commit(Changes changes) {
        awaitDurable(commitNoWait(changes));
    }

    /**
     * Inserts or replaces every run and step run of {@code changes}, all or nothing, without waiting for the
     * write to the device; returns the commit's position. Nobody may be told of these changes before
     * {@link #awaitDurable} has returned for that position.
     */
    long commitNoWait(Changes changes);

    /** Returns once every commit up to {@code position} is durable; many waiters share one flush. */
    void awaitDurable(long position);

    Optional<Run> findRun(String runId);

    /** The run's step runs, in the order they were first written. */
    List<StepRun> stepRuns(String runId);

    Optional<StepRun> findStepRun(String runId, String stepId);

    /** The run's step runs whose last change has a sequence number greater than {@code afterSeq}. */
    List<StepRun> stepRunsAfter(String runId, long afterSeq);

    RunPage query(RunQuery query);

    List<Run> runsInStates(Set<RunState> states);

    /** Every run of the lineage rooted at {@code rootRunId} (the root included), oldest first. */
    List<Run> runsWithRoot(String rootRunId);

    /** Removes a run and its step runs; false if there was no such run. */
    boolean deleteRun(String runId);

    /** How this store lets several processes share its runs; empty when one process writes it. */
    default Optional<RunSharing> sharing() {
        return Optional.empty();
    }

    /** A batch of records to write together. */
    record Changes(List<Run> runs, List<StepRun> steps) {
        public Changes {
            runs = List.copyOf(runs);
            steps = List.copyOf(steps);
        }

        public boolean isEmpty() {
            return runs.isEmpty() && steps.isEmpty();
        }
    }
}
