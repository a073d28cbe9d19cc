package dev.reprise.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step instance in one run. {@code stepId} is the instance id ({@code parse}, or {@code count[3]} for
 * the fourth instance of a fan-out), {@code stepName} the step of the flow and {@code index} the position
 * in the fan-out (-1 for a plain step). Inputs and outputs are JSON values; a file is a reference object
 * (see {@link ArtifactRef}). {@code seq} is the run's event sequence number of the last change.
 * Immutable: every change returns a new instance.
 */
public record StepRun(
        String runId,
        String stepId,
        String stepName,
        int index,
        StepState state,
        Map<String, JsonNode> inputs,
        Map<String, JsonNode> outputs,
        @Nullable StepRunRef reusedFrom,
        List<Attempt> attempts,
        @Nullable Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable String error,
        long seq) {

    public StepRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(state, "state");
        inputs = inputs == null || inputs.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = outputs == null || outputs.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    public static StepRun pending(String runId, String stepId, String stepName, int index) {
        return new StepRun(runId, stepId, stepName, index, StepState.PENDING, Map.of(), Map.of(), null,
                List.of(), null, null, null, 0);
    }

    /** The instance id for element {@code index} of fan-out step {@code stepName}. */
    public static String instanceId(String stepName, int index) {
        return StepAddress.of(stepName, index).toString();
    }

    @JsonIgnore // derived from index; not a field of the wire format
    public boolean isFanOutInstance() {
        return index >= 0;
    }

    public Attempt lastAttempt() {
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }

    /** This step run moved to {@code next} (a checked transition), keeping its sequence number until committed. */
    public StepRun withState(StepState next) {
        return withState(next, seq);
    }

    public StepRun withState(StepState next, long seq) {
        return new StepRun(runId, stepId, stepName, index, state.moveTo(next), inputs, outputs, reusedFrom,
                attempts, startedAt, endedAt, error, seq);
    }

    public StepRun withSeq(long newSeq) {
        return new StepRun(runId, stepId, stepName, index, state, inputs, outputs, reusedFrom, attempts,
                startedAt, endedAt, error, newSeq);
    }

    public StepRun withInputs(Map<String, JsonNode> newInputs) {
        return new StepRun(runId, stepId, stepName, index, state, newInputs, outputs, reusedFrom, attempts,
                startedAt, endedAt, error, seq);
    }

    public StepRun withOutputs(Map<String, JsonNode> newOutputs) {
        return new StepRun(runId, stepId, stepName, index, state, inputs, newOutputs, reusedFrom, attempts,
                startedAt, endedAt, error, seq);
    }

    public StepRun withReusedFrom(StepRunRef ref) {
        return new StepRun(runId, stepId, stepName, index, state, inputs, outputs, ref, attempts,
                startedAt, endedAt, error, seq);
    }

    public StepRun withError(String newError) {
        return new StepRun(runId, stepId, stepName, index, state, inputs, outputs, reusedFrom, attempts,
                startedAt, endedAt, newError, seq);
    }

    public StepRun withTimes(Instant newStartedAt, Instant newEndedAt) {
        return new StepRun(runId, stepId, stepName, index, state, inputs, outputs, reusedFrom, attempts,
                newStartedAt, newEndedAt, error, seq);
    }

    public StepRun withAttempts(List<Attempt> newAttempts) {
        return new StepRun(runId, stepId, stepName, index, state, inputs, outputs, reusedFrom, newAttempts,
                startedAt, endedAt, error, seq);
    }

    /** Adds an attempt, or replaces the last one if it has the same number. */
    public StepRun withAttempt(Attempt attempt) {
        List<Attempt> next = new ArrayList<>(attempts);
        if (!next.isEmpty() && next.get(next.size() - 1).number() == attempt.number()) {
            next.set(next.size() - 1, attempt);
        } else {
            next.add(attempt);
        }
        return new StepRun(runId, stepId, stepName, index, state, inputs, outputs, reusedFrom, next,
                startedAt, endedAt, error, seq);
    }
}
