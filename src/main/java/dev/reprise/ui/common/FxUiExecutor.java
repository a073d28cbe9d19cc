package dev.reprise.ui.common;

import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The app's {@link UiExecutor}: a small pool of daemon worker threads for workspace calls, results
 * delivered with {@link Platform#runLater}. The composition root creates it and closes it when the window
 * has closed. Thread-safe.
 */
public final class FxUiExecutor implements UiExecutor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FxUiExecutor.class);

    private final ExecutorService workers;

    public FxUiExecutor(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread thread = new Thread(r, "reprise-ui-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.workers = Executors.newFixedThreadPool(threads, factory);
    }

    @Override
    public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        if (workers.isShutdown()) {
            // the window has closed: a timer that fires now (a debounced check of an editor) has nobody to tell
            LOG.debug("work submitted after the window closed is dropped");
            return;
        }
        try {
            execute(work, onSuccess, onFailure);
        } catch (RejectedExecutionException closing) {
            LOG.debug("work submitted while the window closed is dropped");
        }
    }

    private <T> void execute(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        workers.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Throwable failure) {
                // the caller's failure callback says it in words; the log keeps what happened
                LOG.warn("background work failed: {}", failure.toString());
                Platform.runLater(() -> onFailure.accept(failure));
                return;
            }
            Platform.runLater(() -> onSuccess.accept(result));
        });
    }

    @Override
    public void runOnUi(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
