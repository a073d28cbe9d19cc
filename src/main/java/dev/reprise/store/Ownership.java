package dev.reprise.store;

import java.time.Duration;

/**
 * This process's part in a store that several processes share: the name it owns runs under and how long
 * its leases on them last. {@link #CHANGES} and {@link #CANCELS} are the channels on which the processes tell
 * each other which runs changed and which to cancel.
 */
record Ownership(String owner, Duration term) {

    static final String CHANGES = "reprise_run_changes";
    static final String CANCELS = "reprise_run_cancels";

    /** What is told on {@link #CHANGES} when {@code owner} commits changes of run {@code runId}. */
    static String changed(String runId, String owner) {
        return runId + "\n" + owner;
    }

    Ownership {
        if (owner.isBlank() || owner.length() > 200) {
            throw new IllegalArgumentException("an owner's name has 1 to 200 characters: '" + owner + "'");
        }
        if (term.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a lease lasts at least a second, not " + term);
        }
    }
}
