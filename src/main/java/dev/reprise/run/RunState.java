package dev.reprise.run;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** State of a whole run, with the transitions the engine may make between them. */
public enum RunState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, INTERRUPTED;

    private static final Map<RunState, Set<RunState>> NEXT = Map.of(
            QUEUED, EnumSet.of(RUNNING, FAILED, CANCELLED, INTERRUPTED),
            RUNNING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED, INTERRUPTED),
            SUCCEEDED, EnumSet.noneOf(RunState.class),
            FAILED, EnumSet.noneOf(RunState.class),
            CANCELLED, EnumSet.noneOf(RunState.class),
            INTERRUPTED, EnumSet.noneOf(RunState.class));

    public boolean isTerminal() {
        return NEXT.get(this).isEmpty();
    }

    public boolean canMoveTo(RunState next) {
        return NEXT.get(this).contains(next);
    }

    /** Returns {@code next} or throws if the state machine does not allow the move. */
    public RunState moveTo(RunState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("run cannot move from " + this + " to " + next);
        }
        return next;
    }
}
