package dev.reprise.engine;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What a {@link RunStore} shared by several processes (several servers on one database) lets them share. A
 * run is executed by the process that owns it: its owner holds a lease on it, renewed with every commit and
 * by {@link #renewLeases}; a commit for a run that another process now owns fails with
 * {@link RunOwnershipLostException}, so a process that lost a run can write nothing more of it. When an
 * owner dies its leases run out and {@link #claimExpired} hands its runs to another process, which records
 * them INTERRUPTED (as one process does at start for runs a crash left going). Every process hears of every
 * committed change of any run, and of cancel requests, through {@link #listen}. Implementations are
 * thread-safe.
 */
public interface RunSharing {

    /** This process's name as an owner, unique among the processes sharing the store. */
    String owner();

    /** How long a lease lasts from its last renewal. */
    Duration leaseTerm();

    /** Extends this process's leases on its runs going on; returns the ids of those runs. */
    Set<String> renewLeases();

    /** Claims runs going on whose owner's lease has run out; returns their ids, now owned by this process. */
    List<String> claimExpired();

    /**
     * Starts telling {@code listener} of the runs other processes change and of cancel requests, on a thread
     * of its own, until the returned handle is closed.
     */
    AutoCloseable listen(Listener listener);

    /** Asks the owner of run {@code runId}, wherever it is, to cancel it (or its step {@code stepId}). */
    void requestCancel(String runId, @Nullable String stepId);

    /** Hears of changes made by the other processes sharing the store, and of cancel requests made by any. */
    interface Listener {

        /** Changes of run {@code runId} were committed. */
        void runChanged(String runId);

        /** Some process asked that run {@code runId} (or its step {@code stepId}) be cancelled. */
        void cancelRequested(String runId, @Nullable String stepId);

        /** Notices may have been missed (the connection was lost): whatever is followed must be read again. */
        void resync();
    }
}
