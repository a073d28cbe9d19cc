package dev.reprise.ui.common;

import dev.reprise.run.RunEvent;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;

import java.util.List;
import java.util.function.Consumer;

/**
 * Every run's events of a workspace ({@link Workspace#subscribeAll}), handed to a handler on the UI thread in
 * batches by an {@link EventBatcher}, until closed: closing drops what is queued and ends the subscription.
 * Thread-safe.
 */
public final class BatchedRunEvents implements Subscription {

    private final EventBatcher<RunEvent> batcher;
    private final Subscription subscription;

    private BatchedRunEvents(EventBatcher<RunEvent> batcher, Subscription subscription) {
        this.batcher = batcher;
        this.subscription = subscription;
    }

    /** Starts listening to every run of {@code workspace}; {@code handler} runs on the UI thread. */
    public static BatchedRunEvents subscribeAll(Workspace workspace, UiExecutor ui, Consumer<List<RunEvent>> handler) {
        EventBatcher<RunEvent> batcher = new EventBatcher<>(ui, handler);
        return new BatchedRunEvents(batcher, workspace.subscribeAll(batcher));
    }

    @Override
    public void close() {
        batcher.close();
        subscription.close();
    }
}
