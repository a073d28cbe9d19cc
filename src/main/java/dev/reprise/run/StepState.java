package dev.reprise.run;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * State of one step instance in one run. {@code SKIPPED} means an upstream step did not succeed;
 * {@code REUSED} means the outputs were taken from an earlier run (replay).
 */
public enum StepState {
    PENDING, RUNNING, RETRYING, SUCCEEDED, FAILED, CANCELLED, SKIPPED, REUSED, INTERRUPTED;

    private static final Map<StepState, Set<StepState>> NEXT = Map.of(
            PENDING, EnumSet.of(RUNNING, FAILED, CANCELLED, SKIPPED, REUSED, INTERRUPTED),
            RUNNING, EnumSet.of(SUCCEEDED, FAILED, RETRYING, CANCELLED, INTERRUPTED),
            RETRYING, EnumSet.of(RUNNING, FAILED, CANCELLED, INTERRUPTED),
            SUCCEEDED, EnumSet.noneOf(StepState.class),
            FAILED, EnumSet.noneOf(StepState.class),
            CANCELLED, EnumSet.noneOf(StepState.class),
            SKIPPED, EnumSet.noneOf(StepState.class),
            REUSED, EnumSet.noneOf(StepState.class),
            INTERRUPTED, EnumSet.noneOf(StepState.class));

    public boolean isTerminal() {
        return NEXT.get(this).isEmpty();
    }

    /** Succeeded here or reused from an earlier run: downstream steps may consume its outputs. */
    public boolean hasOutputs() {
        return this == SUCCEEDED || this == REUSED;
    }

    public boolean canMoveTo(StepState next) {
        return NEXT.get(this).contains(next);
    }

    public StepState moveTo(StepState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("step cannot move from " + this + " to " + next);
        }
        return next;
    }
}
