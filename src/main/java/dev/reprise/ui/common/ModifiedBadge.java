package dev.reprise.ui.common;

import dev.reprise.run.Run;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The "modified" mark of a replay whose request changed what steps received (parameters, step inputs,
 * injected outputs), the same wherever a run is listed. FX thread only.
 */
public final class ModifiedBadge {

    private ModifiedBadge() {
    }

    public static Label create(Run run) {
        Label badge = new Label("modified", new FontIcon(Material2AL.EDIT));
        badge.getStyleClass().add("modified-badge");
        badge.setMinWidth(Label.USE_PREF_SIZE);
        badge.setTooltip(new Tooltip(describe(run)));
        return badge;
    }

    /** What was changed, in words: "parameters month; step inputs of parse". */
    public static String describe(Run run) {
        if (run.replay() == null) {
            return "A replay with changed inputs";
        }
        StringBuilder text = new StringBuilder("Replay of " + run.parentRunId() + " with changes:");
        if (!run.replay().parameterOverrides().isEmpty()) {
            text.append("\n  parameters: ").append(String.join(", ", run.replay().parameterOverrides().keySet()));
        }
        run.replay().stepInputOverrides().forEach((step, inputs) ->
                text.append("\n  inputs of ").append(step).append(": ").append(String.join(", ", inputs.keySet())));
        run.replay().outputOverrides().forEach((step, outputs) ->
                text.append("\n  injected outputs of ").append(step).append(": ").append(String.join(", ", outputs.keySet())));
        return text.toString();
    }
}
