package dev.reprise.ui.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The window's one clock tick for the durations of running things: views {@link #add} what to do on a tick and
 * say whether they show something running ({@link Handle#setActive}); while at least one does, a tick comes
 * every period (about a second), and none is scheduled otherwise. The time itself comes from each view's
 * injected clock. Tests fire a tick with {@link #tick()}. UI thread only.
 */
public final class Ticker {

    private final Scheduler scheduler;
    private final Duration period;
    private final Set<Handle> active = new LinkedHashSet<>();
    private Runnable cancelNext;

    /** @param scheduler what waits between ticks (the window's is on the JavaFX pulse) */
    public Ticker(Scheduler scheduler, Duration period) {
        this.scheduler = scheduler;
        this.period = period;
    }

    /** Registers {@code onTick}, inactive until its handle says otherwise; closing the handle removes it. */
    public Handle add(Runnable onTick) {
        return new Handle(onTick);
    }

    /** Runs the action of every active handle now. */
    public void tick() {
        for (Handle handle : new ArrayList<>(active)) {
            if (active.contains(handle)) {
                handle.onTick.run();
            }
        }
    }

    /** Whether ticks are scheduled (some handle is active). */
    public boolean isRunning() {
        return cancelNext != null;
    }

    private void scheduleNext() {
        cancelNext = scheduler.schedule(period, () -> {
            cancelNext = null;
            tick();
            if (!active.isEmpty() && cancelNext == null) {
                scheduleNext();
            }
        });
    }

    private void changed() {
        if (active.isEmpty() && cancelNext != null) {
            cancelNext.run();
            cancelNext = null;
        } else if (!active.isEmpty() && cancelNext == null) {
            scheduleNext();
        }
    }

    /** One view's registration. */
    public final class Handle implements AutoCloseable {

        private final Runnable onTick;
        private boolean closed;

        private Handle(Runnable onTick) {
            this.onTick = onTick;
        }

        /** Whether the view shows something running, and so wants ticks. */
        public void setActive(boolean wanted) {
            boolean changed = wanted && !closed ? active.add(this) : active.remove(this);
            if (changed) {
                changed();
            }
        }

        public boolean isActive() {
            return active.contains(this);
        }

        /** No more ticks for this view. */
        @Override
        public void close() {
            closed = true;
            setActive(false);
        }
    }
}
