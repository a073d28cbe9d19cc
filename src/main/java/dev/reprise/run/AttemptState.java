package dev.reprise.run;

/** Outcome of one attempt of a step; {@code RUNNING} until it ends. */
public enum AttemptState {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, INTERRUPTED;

    public boolean isTerminal() {
        return this != RUNNING;
    }
}
