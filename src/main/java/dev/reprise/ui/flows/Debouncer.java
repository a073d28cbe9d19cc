package dev.reprise.ui.flows;

/**
 * Runs the last action given to it once input has been quiet for a moment, on the UI thread; an action
 * given before the previous one ran replaces it. The window uses {@link FxDebouncer}; view-model tests run
 * each action at once ({@code Runnable::run}). UI thread only.
 */
@FunctionalInterface
public interface Debouncer {

    void schedule(Runnable action);

    /** Runs every action at once: for tests. */
    static Debouncer immediate() {
        return Runnable::run;
    }
}
