package dev.reprise.ui.common;

import javafx.animation.PauseTransition;

import java.time.Duration;

/** A {@link Scheduler} on the JavaFX pulse: nothing to start or stop. FX thread only. */
public final class FxScheduler implements Scheduler {

    @Override
    public Runnable schedule(Duration delay, Runnable action) {
        PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
        pause.setOnFinished(e -> action.run());
        pause.play();
        return pause::stop;
    }
}
