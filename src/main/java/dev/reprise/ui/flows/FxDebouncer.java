package dev.reprise.ui.flows;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/** A {@link Debouncer} on the JavaFX animation timer: the action runs {@code delay} after the last call. FX thread only. */
public final class FxDebouncer implements Debouncer {

    private final PauseTransition pause;
    private Runnable pending;

    public FxDebouncer(java.time.Duration delay) {
        pause = new PauseTransition(Duration.millis(delay.toMillis()));
        pause.setOnFinished(e -> {
            Runnable action = pending;
            pending = null;
            if (action != null) {
                action.run();
            }
        });
    }

    @Override
    public void schedule(Runnable action) {
        pending = action;
        pause.playFromStart();
    }
}
