package dev.reprise.ui.gantt;

import dev.reprise.flow.Flow;
import dev.reprise.workspace.RunDetail;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.layout.Region;

/**
 * The Gantt chart of one run: a row per step instance, a bar per attempt. {@link #show} is called with the
 * run's latest detail whenever it changes; {@link #selectedStepProperty()} is the step instance id the
 * user selected (shared with the DAG and the details pane). FX thread only.
 */
public final class GanttView extends Region {

    private final ObjectProperty<String> selectedStep = new SimpleObjectProperty<>(this, "selectedStep");

    public void show(RunDetail run, Flow flow) {
        // drawn by the Gantt feature
    }

    public ObjectProperty<String> selectedStepProperty() {
        return selectedStep;
    }
}
