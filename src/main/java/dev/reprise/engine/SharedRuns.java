package dev.reprise.engine;

import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.StepRun;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An engine's part in a store that other processes share ({@link RunSharing}): it renews this process's
 * leases, claims the runs of processes whose leases ran out (the engine records them INTERRUPTED), stops
 * executing a run another process took over, hands cancel requests to the runs they are for, and relays the
 * changes of runs executed elsewhere to this engine's subscribers, read from the store in sequence order
 * when the store says they changed. Thread-safe.
 */
final class SharedRuns implements RunSharing.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedRuns.class);

    /** What the engine does for this part. */
    interface Host {
        /** Whether run {@code runId} is executed by this engine. */
        boolean isActive(String runId);

        /** The ids of the runs this engine executes. */
        Set<String> active();

        /** Cancels, in this engine, run {@code runId} (or its step {@code stepId}); false if not executed here. */
        boolean cancelHere(String runId, @Nullable String stepId);

        /** Stops executing run {@code runId}: another process took it over. */
        void lost(String runId);

        /** Records a run claimed from a process that stopped as INTERRUPTED. */
        void interrupt(Run run, String why);

        Instant now();
    }

    private final RunSharing sharing;
    private final RunStore store;
    private final EventBus bus;
    private final DurablePublisher publisher;
    private final Host host;
    private final ScheduledExecutorService timers;
    /** Per run executed elsewhere and heard here: the highest sequence number relayed. */
    private final Map<String, Long> relayed = new ConcurrentHashMap<>();
    private volatile @Nullable AutoCloseable listening;

    SharedRuns(RunSharing sharing, RunStore store, EventBus bus, DurablePublisher publisher, Host host) {
        this.sharing = sharing;
        this.store = store;
        this.bus = bus;
        this.publisher = publisher;
        this.host = host;
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reprise-leases");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts listening, renewing and claiming; claims once first, before the engine starts runs, and returns how
     * many runs that first claim recorded INTERRUPTED.
     */
    int start() {
        listening = sharing.listen(this);
        int claimed = claimExpired();
        long term = sharing.leaseTerm().toMillis();
        timers.scheduleWithFixedDelay(guarded(this::renew), term / 3, term / 3, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(guarded(this::claimExpired), term / 2, term / 2, TimeUnit.MILLISECONDS);
        return claimed;
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // the next round tries again; a lease outlives two missed renewals
                LOG.warn("could not share runs with the other processes this time", e);
            }
        };
    }

    /** Renews this process's leases; stops the runs it executes but no longer owns. */
    private void renew() {
        Set<String> before = host.active();
        Set<String> owned = sharing.renewLeases();
        for (String runId : before) {
            if (!owned.contains(runId) && host.isActive(runId)) {
                LOG.warn("run {} was taken over by another process; stopping it here", runId);
                host.lost(runId);
            }
        }
    }

    /** Claims the runs of processes whose leases ran out and records them INTERRUPTED. */
    int claimExpired() {
        int claimed = 0;
        List<String> ids;
        do {
            ids = sharing.claimExpired();
            for (String runId : ids) {
                Optional<Run> run = store.findRun(runId);
                if (run.isPresent() && !run.get().state().isTerminal()) {
                    host.interrupt(run.get(), "the process running it stopped renewing its lease");
                    claimed++;
                }
            }
        } while (!ids.isEmpty());
        return claimed;
    }

    /** Asks the process that executes run {@code runId} to cancel it, if it is not this one. */
    boolean cancel(String runId, @Nullable String stepId) {
        if (host.cancelHere(runId, stepId)) {
            return true;
        }
        sharing.requestCancel(runId, stepId);
        return true;
    }

    @Override
    public void runChanged(String runId) {
        if (host.isActive(runId)) {
            return; // this engine publishes its own runs' events
        }
        if (!bus.isHeard(runId)) {
            relayed.remove(runId);
            return;
        }
        relay(runId);
    }

    @Override
    public void cancelRequested(String runId, @Nullable String stepId) {
        host.cancelHere(runId, stepId);
    }

    @Override
    public void resync() {
        relayed.keySet().forEach(this::runChanged);
    }

    /** Publishes what changed in run {@code runId} since the last relay, in sequence order. */
    private void relay(String runId) {
        long after = relayed.getOrDefault(runId, 0L);
        Optional<Run> found = store.findRun(runId);
        if (found.isEmpty()) {
            relayed.remove(runId);
            return;
        }
        Run run = found.get();
        Instant now = host.now();
        List<StepRun> steps = store.stepRunsAfter(runId, after);
        List<RunEvent> events = new ArrayList<>(steps.size() + 1);
        long newest = after;
        for (StepRun step : steps) {
            events.add(new RunEvent.StepChanged(step, now));
            newest = Math.max(newest, step.seq());
        }
        if (run.seq() > after) {
            events.add(new RunEvent.RunChanged(run, now));
            newest = Math.max(newest, run.seq());
        }
        events.sort(Comparator.comparingLong(RunEvent::seq));
        publisher.publish(0, events);
        if (run.state().isTerminal()) {
            relayed.remove(runId);
        } else {
            relayed.put(runId, newest);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        AutoCloseable handle = listening;
        if (handle != null) {
            try {
                handle.close();
            } catch (Exception e) {
                LOG.debug("the store's listener did not stop cleanly", e);
            }
        }
    }
}
