package dev.reprise.engine;

import dev.reprise.run.RunEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed events once the store has made them durable. Coordinators commit without waiting for
 * the disk and hand their events here with the commit's position; one thread takes every batch queued so
 * far, waits once for the store to make the newest of them durable (a single flush covers the commits of
 * every run made meanwhile: group commit), then delivers them in the order they were queued. So no listener,
 * follower or client hears of a transition that a crash could still take back, and no coordinator waits
 * for the disk. Thread-safe; {@link #close()} publishes what is queued, then stops the thread.
 */
final class DurablePublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DurablePublisher.class);

    /** How long to wait before trying a failed flush again. */
    private static final long RETRY_MILLIS = 1_000;

    /**
     * The least time between two flushes this publisher asks for (a commit delay, as databases call it): events
     * wait up to this long so that one flush covers more commits. Each flush writes a new chunk of the pages
     * changed since the last one, so flushing at every commit would spend a core on rewriting the same pages.
     */
    static final long GROUP_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("reprise.publish.window", 10));

    /** Events committed at a position, and what to do once they are delivered. */
    private record Batch(long position, List<RunEvent> events, Runnable then) {
    }

    private static final Batch END = new Batch(-1, List.of(), null);

    private final RunStore store;
    private final EventBus bus;
    private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    DurablePublisher(RunStore store, EventBus bus) {
        this.store = store;
        this.bus = bus;
        this.thread = new Thread(this::loop, "reprise-publisher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues events committed at {@code position}, to be delivered once that position is durable. */
    void publish(long position, List<RunEvent> events) {
        if (!events.isEmpty()) {
            queue.add(new Batch(position, List.copyOf(events), null));
        }
    }

    /**
     * Runs {@code action} on the publishing thread once {@code position} is durable and every event queued
     * before it has been delivered: a run is reported done only after its last event.
     */
    void afterPublished(long position, Runnable action) {
        queue.add(new Batch(position, List.of(), action));
    }

    private void loop() {
        List<Batch> batches = new ArrayList<>();
        long lastFlush = System.nanoTime() - GROUP_WINDOW_NANOS;
        try {
            while (true) {
                batches.add(queue.take());
                long wait = lastFlush + GROUP_WINDOW_NANOS - System.nanoTime();
                if (wait > 0 && batches.get(0) != END) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                lastFlush = System.nanoTime();
                queue.drainTo(batches);
                int end = batches.indexOf(END);
                List<Batch> ready = end < 0 ? batches : batches.subList(0, end);
                awaitDurable(ready.stream().mapToLong(Batch::position).max().orElse(0));
                for (Batch batch : ready) {
                    bus.publish(batch.events());
                    if (batch.then() != null) {
                        runQuietly(batch.then());
                    }
                }
                if (end >= 0) {
                    return;
                }
                batches.clear();
            }
        } catch (InterruptedException e) {
            LOG.warn("event publisher interrupted with {} batch(es) queued: their events are stored but not delivered",
                    queue.size() + batches.size());
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("an action after publishing failed", e);
        }
    }

    /** Waits for the store; a failing flush (a full disk, say) is tried again: nothing is published unflushed. */
    private void awaitDurable(long position) throws InterruptedException {
        while (true) {
            try {
                store.awaitDurable(position);
                return;
            } catch (RuntimeException e) {
                LOG.error("cannot make committed run changes durable; their events wait until it works", e);
                TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
            }
        }
    }

    /** Delivers what is queued, then stops; waits up to {@code timeoutMillis} for it. */
    void close(long timeoutMillis) {
        queue.add(END);
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("event publisher did not finish within {} ms", timeoutMillis);
            thread.interrupt();
        }
    }

    @Override
    public void close() {
        close(10_000);
    }
}
