package dev.reprise.ui.replay;

import dev.reprise.ui.common.UiExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** A UI executor that keeps background work until the test completes it, in any order it likes. */
final class DeferredUiExecutor implements UiExecutor {

    private final List<Runnable> tasks = new ArrayList<>();

    @Override
    public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        tasks.add(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(result);
        });
    }

    @Override
    public void runOnUi(Runnable action) {
        action.run();
    }

    int pending() {
        return tasks.size();
    }

    /** Runs the work submitted {@code index}-th among those still pending, and its callback. */
    void complete(int index) {
        tasks.remove(index).run();
    }
}
