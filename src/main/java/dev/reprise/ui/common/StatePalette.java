package dev.reprise.ui.common;

import dev.reprise.run.AttemptState;
import dev.reprise.run.RunState;
import dev.reprise.run.StepState;
import javafx.css.PseudoClass;
import javafx.scene.paint.Color;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The one colour per state that every view uses. Defined here once: {@link #stylesheet} turns it into
 * CSS looked-up colours ({@code -reprise-state-failed} …) that the feature stylesheets use, and views that
 * paint on a canvas (Gantt, DAG) ask {@link #color} for the same colours. States also appear as CSS
 * pseudo-classes ({@code :failed}) named by {@link #key}. Immutable and thread-safe.
 */
public final class StatePalette {

    /** The states the window distinguishes, across runs, steps and attempts. */
    public enum Tone {
        PENDING("#8c959f", "#6e7681"),
        QUEUED("#8c959f", "#6e7681"),
        RUNNING("#0969da", "#4493f8"),
        RETRYING("#bf8700", "#d29922"),
        SUCCEEDED("#1a7f37", "#3fb950"),
        FAILED("#cf222e", "#f85149"),
        REUSED("#8250df", "#a371f7"),
        CANCELLED("#57606a", "#8b949e"),
        INTERRUPTED("#bc4c00", "#db6d28"),
        SKIPPED("#afb8c1", "#484f58");

        private final String light;
        private final String dark;

        Tone(String light, String dark) {
            this.light = light;
            this.dark = dark;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The looked-up colour's name, for stylesheets: {@code -reprise-state-failed}. */
        public String token() {
            return "-reprise-state-" + key();
        }

        public PseudoClass pseudoClass() {
            return PseudoClass.getPseudoClass(key());
        }
    }

    private final boolean dark;

    private StatePalette(boolean dark) {
        this.dark = dark;
    }

    public static final StatePalette LIGHT = new StatePalette(false);
    public static final StatePalette DARK = new StatePalette(true);

    public static StatePalette of(boolean dark) {
        return dark ? DARK : LIGHT;
    }

    public boolean isDark() {
        return dark;
    }

    public Color color(Tone tone) {
        return Color.web(hex(tone));
    }

    public Color color(StepState state) {
        return color(tone(state));
    }

    public Color color(RunState state) {
        return color(tone(state));
    }

    public Color color(AttemptState state) {
        return color(tone(state));
    }

    private String hex(Tone tone) {
        return dark ? tone.dark : tone.light;
    }

    public static Tone tone(StepState state) {
        return Tone.valueOf(state.name());
    }

    public static Tone tone(RunState state) {
        return Tone.valueOf(state.name());
    }

    public static Tone tone(AttemptState state) {
        return switch (state) {
            case RUNNING -> Tone.RUNNING;
            case SUCCEEDED -> Tone.SUCCEEDED;
            case FAILED, TIMED_OUT -> Tone.FAILED;
            case CANCELLED -> Tone.CANCELLED;
            case INTERRUPTED -> Tone.INTERRUPTED;
        };
    }

    /** The CSS pseudo-class name of a run, step or attempt state. */
    public static String key(Enum<?> state) {
        return switch (state) {
            case StepState s -> tone(s).key();
            case RunState r -> tone(r).key();
            case AttemptState a -> tone(a).key();
            default -> throw new IllegalArgumentException("not a state: " + state);
        };
    }

    /** A stylesheet (a {@code data:} URL) that defines every state colour as a looked-up colour on the root. */
    public String stylesheet() {
        StringBuilder css = new StringBuilder(".root {\n");
        for (Tone tone : Tone.values()) {
            css.append("  ").append(tone.token()).append(": ").append(hex(tone)).append(";\n");
        }
        css.append("}\n");
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(css.toString().getBytes(StandardCharsets.UTF_8));
    }
}
