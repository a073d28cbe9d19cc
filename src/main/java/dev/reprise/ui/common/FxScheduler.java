package dev.reprise.ui.common;

import javafx.animation.PauseTransition;

import java.time.Duration;

import static javafx.util.Duration.millis;

/** A {@link Scheduler} on the JavaFX pulse: nothing to start or stop. FX thread only. */
public final class FxScheduler implements Scheduler {

    @Override
    public Runnable schedule(Duration delay, Runnable action) {
        PauseTransition pause = new PauseTransition(millis(delay.toMillis()));
        pause.setOnFinished(e -> action.run());
        pause.play();
        return pause::stop;
    }
}
