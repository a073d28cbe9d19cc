package dev.reprise.ui.common;

import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A {@link UiExecutor} for view-model tests, no toolkit needed: work and its callbacks run at once on the
 * calling thread, which plays the UI thread. Actions sent from other threads (engine events) wait in a
 * queue until the test calls {@link #runPending()}, so a test decides when the "UI" sees them.
 * Thread-safe.
 */
public final class InlineUiExecutor implements UiExecutor {

    private final Thread uiThread = Thread.currentThread();
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();

    @Override
    public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        Runnable task = () -> {
            T result;
            try {
                result = work.call();
            } catch (Exception failure) {
                onFailure.accept(failure);
                return;
            }
            onSuccess.accept(result);
        };
        runOnUi(task);
    }

    @Override
    public void runOnUi(Runnable action) {
        if (Thread.currentThread() == uiThread) {
            action.run();
        } else {
            pending.add(action);
        }
    }

    /** Runs what other threads sent to the UI thread; call it from the thread that created this executor. */
    public void runPending() {
        Runnable action;
        while ((action = pending.poll()) != null) {
            action.run();
        }
    }
}
