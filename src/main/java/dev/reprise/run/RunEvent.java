package dev.reprise.run;

import java.time.Instant;

/**
 * A committed change of a run, published after it was written to the store. Events of one run carry
 * increasing {@code seq} numbers; a subscriber that lost its connection resumes after the last number it
 * saw. A {@link Type#RUN} event carries the new run, a {@link Type#STEP} event the new step run.
 */
public record RunEvent(String runId, long seq, Instant time, Type type, Run run, StepRun step) {

    public enum Type { RUN, STEP }

    public static RunEvent of(Run run, Instant time) {
        return new RunEvent(run.id(), run.seq(), time, Type.RUN, run, null);
    }

    public static RunEvent of(StepRun step, Instant time) {
        return new RunEvent(step.runId(), step.seq(), time, Type.STEP, null, step);
    }
}
