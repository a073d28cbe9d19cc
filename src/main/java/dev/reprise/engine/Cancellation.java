package dev.reprise.engine;

import dev.reprise.run.AttemptState;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cancel signal of one attempt: set once, with the reason ({@link AttemptState#CANCELLED} or
 * {@link AttemptState#TIMED_OUT}); executors register what to do when it fires. Thread-safe.
 */
public final class Cancellation {

    private final AtomicReference<AttemptState> reason = new AtomicReference<>();
    private final CopyOnWriteArrayList<Runnable> actions = new CopyOnWriteArrayList<>();

    public boolean isCancelled() {
        return reason.get() != null;
    }

    /** {@code CANCELLED} or {@code TIMED_OUT} once cancelled, null before. */
    public AttemptState reason() {
        return reason.get();
    }

    public void cancel(AttemptState why) {
        if (reason.compareAndSet(null, why)) {
            actions.forEach(Runnable::run);
        }
    }

    /** Runs {@code action} when cancelled (at once if already cancelled). */
    public void onCancel(Runnable action) {
        actions.add(action);
        if (isCancelled() && actions.remove(action)) {
            action.run();
        }
    }
}
