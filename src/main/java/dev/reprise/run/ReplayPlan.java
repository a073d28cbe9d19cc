package dev.reprise.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a replay would do, decided before anything runs: for every step (or step instance) whether it is
 * executed, reused from the source run, given injected outputs, or left out, each with a reason a person
 * understands; the parameters the new run would get; warnings; and errors (each naming the field of the
 * request it concerns). A plan with errors cannot be executed.
 */
public record ReplayPlan(
        String sourceRunId,
        String flowId,
        int sourceRevision,
        int revision,
        Map<String, JsonNode> parameters,
        List<PlannedStep> steps,
        List<String> warnings,
        List<PlanError> errors) {

    public ReplayPlan {
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        steps = steps == null ? List.of() : List.copyOf(steps);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    @JsonIgnore // derived from errors: not part of the wire format
    public boolean isExecutable() {
        return errors.isEmpty();
    }

    public PlannedStep step(String stepId) {
        return steps.stream().filter(s -> s.stepId().equals(stepId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the plan has no step '" + stepId + "'"));
    }

    /**
     * One decision of the plan. {@code source} is the step run whose outputs a reused step carries.
     * {@code replaysChild} is, for an executed step that runs another pipeline, the child run of the source that
     * did not succeed and whose failed part the new child replays (null: the step starts a new child).
     */
    public record PlannedStep(String stepId, String stepName, Action action, @Nullable String reason, @Nullable StepRunRef source,
                              boolean stale, @Nullable String replaysChild) {

        /** A decision that starts no replay of a child run. */
        public PlannedStep(String stepId, String stepName, Action action, String reason, StepRunRef source,
                           boolean stale) {
            this(stepId, stepName, action, reason, source, stale, null);
        }
    }

    public enum Action {
        /** Runs again in the new run. */
        EXECUTE,
        /** Outputs taken from an earlier run, not run again. */
        REUSE,
        /** Counts as done with outputs given in the request. */
        INJECT,
        /** Not part of the replay (downstream of an {@code ONLY} replay). */
        OMIT
    }

    /**
     * An error, with the request field it concerns: {@code scope}, {@code revision}, or a given value's
     * {@link ValuePath} ({@code parameters.month}, {@code steps.train[1].inputs.learning_rate},
     * {@code outputs.count.trips}).
     */
    public record PlanError(String field, String message) {

        /** An error about the value (or the step's values) at {@code path}. */
        public static PlanError at(ValuePath path, String message) {
            return new PlanError(path.toString(), message);
        }

        /** The given value this error is about; empty for {@code scope}, {@code revision} and the like. */
        public Optional<ValuePath> path() {
            return ValuePath.parse(field);
        }

        @Override
        public String toString() {
            return field + ": " + message;
        }
    }
}
