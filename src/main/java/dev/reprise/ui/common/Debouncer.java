package dev.reprise.ui.common;

import java.time.Duration;

/**
 * Runs the last action given to it once input has been quiet for a moment, on the UI thread; an action
 * given before the previous one ran replaces it. The window builds one on the {@link FxScheduler}; view-model
 * tests run each action at once ({@link #immediate()}). UI thread only.
 */
@FunctionalInterface
public interface Debouncer {

    void schedule(Runnable action);

    /** Runs every action at once: for tests. */
    static Debouncer immediate() {
        return Runnable::run;
    }

    /** Runs the last action {@code quiet} after the last call, through {@code scheduler}. */
    static Debouncer on(Scheduler scheduler, Duration quiet) {
        return new Debouncer() {
            private Runnable cancelPending = () -> { };

            @Override
            public void schedule(Runnable action) {
                cancelPending.run();
                cancelPending = scheduler.schedule(quiet, action);
            }
        };
    }
}
