package dev.reprise.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs workspace calls away from the UI thread and brings their results back to it. Every view model
 * gets one by its constructor: the app injects {@link FxUiExecutor}, view-model tests
 * {@link InlineUiExecutor}. Implementations are thread-safe.
 */
public interface UiExecutor {

    /**
     * Runs {@code work} in the background; then {@code onSuccess} with its result, or {@code onFailure}
     * with what it threw, on the UI thread.
     */
    <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Runs {@code action} on the UI thread: now if called there, soon otherwise. */
    void runOnUi(Runnable action);
}
