package dev.reprise.ui.common;

import dev.reprise.run.AttemptState;
import dev.reprise.run.RunState;
import dev.reprise.run.StepState;
import javafx.scene.control.Label;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.Locale;

/**
 * A run, step or attempt state as a small coloured chip: icon and word, coloured by the state's
 * pseudo-class (see {@link StatePalette} and common.css). FX thread only.
 */
public final class StateChip extends Label {

    private Enum<?> state;

    public StateChip() {
        getStyleClass().add("state-chip");
        setGraphic(new FontIcon());
        setMinWidth(USE_PREF_SIZE);
    }

    public StateChip(Enum<?> state) {
        this();
        setState(state);
    }

    public void setState(Enum<?> newState) {
        if (newState != null && newState == state) {
            return; // a list cell shown again with the same step: no pseudo-class flip, no new CSS pass
        }
        if (state != null) {
            pseudoClassStateChanged(StatePalette.Tone.valueOf(StatePalette.key(state).toUpperCase(Locale.ROOT))
                    .pseudoClass(), false);
        }
        state = newState;
        if (newState == null) {
            setText("");
            ((FontIcon) getGraphic()).setIconCode(null);
            setVisible(false);
            return;
        }
        setVisible(true);
        String key = StatePalette.key(newState);
        pseudoClassStateChanged(StatePalette.Tone.valueOf(key.toUpperCase(Locale.ROOT)).pseudoClass(), true);
        setText(newState.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        ((FontIcon) getGraphic()).setIconCode(icon(newState));
    }

    /** The icon of a state, shared by every view that shows states. */
    public static Ikon icon(Enum<?> state) {
        String key = StatePalette.key(state);
        return switch (key) {
            case "succeeded" -> Material2AL.CHECK_CIRCLE;
            case "failed" -> Material2AL.ERROR;
            case "running" -> Material2MZ.PLAY_CIRCLE_FILLED;
            case "retrying" -> Material2MZ.REPLAY;
            case "reused" -> Material2AL.FILE_COPY;
            case "cancelled" -> Material2AL.CANCEL;
            case "interrupted" -> Material2MZ.PAUSE_CIRCLE_FILLED;
            case "skipped" -> Material2MZ.REDO;
            default -> Material2MZ.SCHEDULE;
        };
    }

    static {
        // keep the compiler honest that every state maps to a tone
        for (StepState s : StepState.values()) {
            StatePalette.tone(s);
        }
        for (RunState r : RunState.values()) {
            StatePalette.tone(r);
        }
        for (AttemptState a : AttemptState.values()) {
            StatePalette.tone(a);
        }
    }
}
