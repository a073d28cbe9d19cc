package dev.reprise.ui.dag;

import dev.reprise.run.StepState;
import javafx.css.PseudoClass;
import javafx.scene.text.Text;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * One step of the DAG: its title ({@code count ×8}), a line of state and attempts, and for a fan-out a
 * bar split by its instances' states. The state is a pseudo-class ({@code :failed}, {@code :reused} …),
 * so the stylesheet colours it. FX thread only.
 */
final class DagNodeView extends VBox {

    private static final Map<StepState, PseudoClass> STATES = new EnumMap<>(StepState.class);

    static {
        for (StepState state : StepState.values()) {
            STATES.put(state, PseudoClass.getPseudoClass(state.name().toLowerCase(Locale.ROOT)));
        }
    }

    private final String stepName;
    // Text rather than Label: a thousand nodes of Label skins cost more in CSS than the whole rest of the view
    private final Text title = new Text();
    private final Text subtitle = new Text();
    private Pane summary;
    private DagModel.NodeState shown;

    DagNodeView(String stepName) {
        this.stepName = stepName;
        getStyleClass().add("dag-node");
        title.getStyleClass().add("dag-node-title");
        subtitle.getStyleClass().add("dag-node-subtitle");
        title.setText(stepName);
        getChildren().addAll(title, subtitle);
        setState(new DagModel.NodeState(stepName, StepState.PENDING, false, 0, 0, Map.of()));
    }

    String stepName() {
        return stepName;
    }

    void setState(DagModel.NodeState state) {
        if (state.equals(shown)) {
            return;
        }
        StepState before = shown == null ? null : shown.state();
        shown = state;
        if (before != state.state()) {
            if (before != null) {
                pseudoClassStateChanged(STATES.get(before), false);
            }
            pseudoClassStateChanged(STATES.get(state.state()), true);
        }
        title.setText(state.title());
        subtitle.setText(state.subtitle());
        boolean fanOut = state.fanOut() && state.instances() > 0;
        if (fanOut && summary == null) {
            summary = new Pane();
            summary.getStyleClass().add("dag-node-summary");
            summary.setManaged(false);
            getChildren().add(summary);
        }
        if (summary != null) {
            summary.setVisible(fanOut);
        }
        if (fanOut) {
            summary.getChildren().clear();
            state.counts().forEach((s, n) -> {
                Region part = new Region();
                part.getStyleClass().add("dag-summary-part");
                part.pseudoClassStateChanged(STATES.get(s), true);
                // placed by hand in layoutChildren, in proportion to the count kept as user data
                part.setManaged(false);
                part.setUserData(n);
                summary.getChildren().add(part);
            });
            requestLayout();
        }
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (summary != null && summary.isVisible()) {
            // a thin bar along the bottom edge, split in proportion to the instance counts
            double inset = 6;
            double w = getWidth() - 2 * inset;
            double total = shown.instances();
            double x = inset;
            for (var child : summary.getChildren()) {
                double part = w * (Integer) child.getUserData() / total;
                child.resizeRelocate(x - inset, 0, part, 4);
                x += part;
            }
            summary.resizeRelocate(inset, getHeight() - 8, w, 4);
        }
    }
}
