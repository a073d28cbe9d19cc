package dev.reprise.ui.details;

import dev.reprise.flow.FlowRevision;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.gantt.TestRuns;
import dev.reprise.workspace.RunDetail;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;

import static dev.reprise.ui.gantt.TestRuns.at;
import static dev.reprise.ui.gantt.TestRuns.ok;
import static dev.reprise.ui.gantt.TestRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class StepDetailsViewTest {

    private final ObservableList<StepRun> steps = FXCollections.observableArrayList();
    private StepDetailsView view;

    @Start
    void start(Stage stage) {
        StepDetailsViewModel model = new StepDetailsViewModel(
                new SimpleObjectProperty<RunDetail>(TestRuns.detail(RunState.RUNNING)),
                new SimpleObjectProperty<FlowRevision>(), new SimpleObjectProperty<>(), () -> at(10_000));
        view = new StepDetailsView(model, steps, (step, attempt) -> { });
        stage.setScene(new Scene(view, 400, 600));
        stage.show();
    }

    @Test
    void rowsAddedLiveLeaveTheShownCellsLaidOut() throws Exception {
        for (int batch = 0; batch < 5; batch++) {
            List<StepRun> added = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = batch * 20 + i;
                added.add(step(StepRun.instanceId("count", n), StepState.SUCCEEDED, ok(1, n, n + 1, n + 2)));
            }
            WaitForAsyncUtils.asyncFx(() -> steps.addAll(added)).get();
            WaitForAsyncUtils.waitForFxEvents();
        }

        List<ListCell<?>> shown = WaitForAsyncUtils.asyncFx(() -> view.stepList().lookupAll(".list-cell").stream()
                .filter(Node::isVisible).<ListCell<?>>map(n -> (ListCell<?>) n)
                .filter(c -> !c.isEmpty()).toList()).get();
        assertThat(shown).isNotEmpty();
        assertThat(WaitForAsyncUtils.asyncFx(() -> shown.stream().filter(ListCell::isNeedsLayout)
                .map(c -> c.getItem() instanceof StepRun s ? s.stepId() : "?").toList()).get())
                .as("cells still marked for layout").isEmpty();
    }
}
