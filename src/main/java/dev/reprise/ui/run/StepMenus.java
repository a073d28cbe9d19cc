package dev.reprise.ui.run;

import dev.reprise.run.StepRun;
import dev.reprise.ui.dag.DagView;
import dev.reprise.ui.gantt.GanttView;
import dev.reprise.ui.replay.ReplayActions;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The context menus of a run's steps on its Gantt bars and DAG nodes: "Cancel step…" for a step that has not
 * ended, which offers nothing to replay yet, else the replay actions (none without them). A right-click acts
 * on the step under the pointer: the charts select only on a primary release, so the step there is selected
 * before the menu shows. FX thread only.
 */
final class StepMenus {

    private final RunViewModel model;
    private final ReplayActions replay;
    private final Cancellation cancellation;

    /** @param replay the replay actions, or null for none */
    StepMenus(RunViewModel model, ReplayActions replay, Cancellation cancellation) {
        this.model = model;
        this.replay = replay;
        this.cancellation = cancellation;
    }

    /** Shows the menus on right-clicks of the two charts. */
    void install(GanttView gantt, DagView dag) {
        gantt.setOnContextMenuRequested(e -> {
            gantt.stepAt(e.getX(), e.getY()).ifPresent(model.selectedStepProperty()::set);
            show(gantt, e);
        });
        dag.setOnContextMenuRequested(e -> {
            dag.stepAt(e.getX(), e.getY()).ifPresent(model.selectedStepProperty()::set);
            show(dag, e);
        });
    }

    /** The selected step if it may be replayed: a step that has not ended offers no replay. */
    String replayableStep() {
        String selected = model.selectedStepProperty().get();
        return Cancellation.offered(model.step(selected)) ? null : selected;
    }

    private void show(Node owner, ContextMenuEvent event) {
        ContextMenu menu = menu(model.selectedStepProperty().get());
        if (menu == null) {
            return;
        }
        menu.setAutoHide(true);
        menu.show(owner, event.getScreenX(), event.getScreenY());
        event.consume();
    }

    /** The menu of step instance {@code stepId}, or null for none. */
    ContextMenu menu(String stepId) {
        StepRun step = model.step(stepId);
        if (Cancellation.offered(step)) {
            MenuItem cancel = new MenuItem("Cancel step " + step.stepId() + "…", new FontIcon(Material2AL.CANCEL));
            cancel.setId("menu-cancel-step");
            cancel.setMnemonicParsing(false); // a step's name may hold underscores
            cancel.setOnAction(e -> cancellation.cancelStep(model.runId(), step));
            ContextMenu menu = new ContextMenu(cancel);
            menu.setId("step-menu");
            return menu;
        }
        return replay == null ? null : replay.menuFor(model.runId(), stepId);
    }
}
