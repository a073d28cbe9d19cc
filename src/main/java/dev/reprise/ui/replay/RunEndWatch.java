package dev.reprise.ui.replay;

import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Waits for runs to end and says so on the UI thread: one subscription per watched run, closed when the run
 * ends or when the watch is {@link #close closed}. UI thread only, except for the events, which may arrive on
 * any thread.
 */
final class RunEndWatch implements AutoCloseable {

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;
    private final Set<Subscription> open = new HashSet<>();
    private boolean closed;

    RunEndWatch(Workspace workspace, UiExecutor ui, Messages messages) {
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
    }

    /** Calls {@code onEnd} with the run as it ended, once. */
    void watch(Run run, Consumer<Run> onEnd) {
        AtomicBoolean ended = new AtomicBoolean();
        Subscription[] mine = new Subscription[1];
        Consumer<RunEvent> listener = event -> {
            if (event.type() == RunEvent.Type.RUN && event.run() != null && event.run().state().isTerminal()
                    && ended.compareAndSet(false, true)) {
                ui.runOnUi(() -> {
                    if (mine[0] != null) {
                        mine[0].close();
                        open.remove(mine[0]);
                    }
                    if (!closed) {
                        onEnd.accept(event.run());
                    }
                });
            }
        };
        ui.submit(() -> workspace.subscribe(run.id(), run.seq(), listener), subscription -> {
            if (closed || ended.get()) {
                subscription.close();
            } else {
                mine[0] = subscription;
                open.add(subscription);
            }
        }, failure -> messages.error("Following run " + run.id(), failure));
    }

    @Override
    public void close() {
        closed = true;
        open.forEach(Subscription::close);
        open.clear();
    }
}
