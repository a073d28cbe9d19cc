package dev.reprise.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Coalesces items that arrive on other threads (engine events) into batches handled on the UI thread:
 * however many arrive before the UI thread gets to them, it runs the handler once with all of them, so a
 * 200-wide fan-out costs a few UI updates, not 200 {@code runLater}s. Thread-safe.
 */
public final class EventBatcher<T> implements Consumer<T> {

    private final UiExecutor ui;
    private final Consumer<List<T>> handler;
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;

    public EventBatcher(UiExecutor ui, Consumer<List<T>> handler) {
        this.ui = ui;
        this.handler = handler;
    }

    /** Queues {@code item}; schedules one drain on the UI thread unless one is already waiting. */
    @Override
    public void accept(T item) {
        if (closed) {
            return;
        }
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            ui.runOnUi(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        T item;
        while ((item = queue.poll()) != null) {
            batch.add(item);
        }
        if (!batch.isEmpty() && !closed) {
            handler.accept(batch);
        }
    }

    /** Drops what is queued and everything that arrives later. */
    public void close() {
        closed = true;
        queue.clear();
    }
}
