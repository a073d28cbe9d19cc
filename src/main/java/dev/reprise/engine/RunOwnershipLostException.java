package dev.reprise.engine;

/**
 * A commit for a run that this process no longer owns: its lease ran out and another process claimed the
 * run (see {@link RunSharing}). Nothing of the commit was written; the process must stop executing the run.
 */
public final class RunOwnershipLostException extends RuntimeException {

    private final String runId;

    public RunOwnershipLostException(String runId) {
        super("run " + runId + " was taken over by another process (this one's lease on it ran out);"
                + " this process stops executing it");
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
