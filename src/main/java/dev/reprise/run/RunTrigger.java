package dev.reprise.run;

import java.util.Objects;

/**
 * The step attempt of another run that started a run: a sub-pipeline's parent. The child records it, and the
 * parent's attempt records the child's id, so that either can be reached from the other. Immutable.
 */
public record RunTrigger(String runId, String stepId, int attempt) {

    public RunTrigger {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(stepId, "stepId");
        if (attempt < 1) {
            throw new IllegalArgumentException("an attempt is numbered from 1, was " + attempt);
        }
    }

    /** {@code RUN/STEP#ATTEMPT}, as the command line names a step attempt. */
    @Override
    public String toString() {
        return runId + "/" + stepId + "#" + attempt;
    }
}
