package dev.reprise.ui.dag;

import dev.reprise.flow.Flow;
import dev.reprise.workspace.RunDetail;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.layout.Region;

/**
 * The DAG of one run: a node per step (a fan-out collapsed to one node with a count), coloured by state.
 * {@link #show} is called with the run's latest detail whenever it changes; {@link #selectedStepProperty()}
 * is the selected step instance id, shared with the Gantt. FX thread only.
 */
public final class DagView extends Region {

    private final ObjectProperty<String> selectedStep = new SimpleObjectProperty<>(this, "selectedStep");

    public void show(RunDetail run, Flow flow) {
        // drawn by the DAG feature
    }

    public ObjectProperty<String> selectedStepProperty() {
        return selectedStep;
    }
}
