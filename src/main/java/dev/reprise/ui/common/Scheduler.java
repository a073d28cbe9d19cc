package dev.reprise.ui.common;

import java.time.Duration;

/**
 * Runs an action on the UI thread after a delay, so that view models can wait (debounce an edit) without a
 * timer of their own: the app injects {@link FxScheduler}, view-model tests a scheduler they fire by hand.
 */
@FunctionalInterface
public interface Scheduler {

    /** Runs {@code action} on the UI thread after {@code delay}; the returned handle cancels it if not yet run. */
    Runnable schedule(Duration delay, Runnable action);
}
