package dev.reprise.run;

/** Points at one step instance of one run, e.g. the step run whose outputs a reused step carries. */
public record StepRunRef(String runId, String stepId) {
}
