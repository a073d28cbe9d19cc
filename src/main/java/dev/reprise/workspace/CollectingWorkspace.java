package dev.reprise.workspace;

import java.time.Duration;

/**
 * A workspace whose artifact files can be collected on the machine that holds them: local maintenance that is
 * not part of the {@link Workspace} contract (a server's files are collected on the server's machine).
 */
public interface CollectingWorkspace extends Workspace {

    /**
     * Deletes the artifacts no run, step run or snapshot refers to (those of deleted runs), except files written
     * in the last {@code keepNewerThan}: a step going on or an import stores its files before the records that
     * refer to them.
     */
    default Collected collectGarbage(Duration keepNewerThan) {
        return collectGarbage(keepNewerThan, false);
    }

    /** As {@link #collectGarbage(Duration)}; with {@code dryRun} nothing is deleted, and what would go is told. */
    Collected collectGarbage(Duration keepNewerThan, boolean dryRun);

    /** What {@link #collectGarbage} did (or would do): artifacts removed and their bytes, and artifacts kept. */
    record Collected(int removed, long freedBytes, int kept) {
    }
}
