package dev.reprise.ui.details;

import dev.reprise.flow.FlowRevision;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.common.LiveList;
import dev.reprise.workspace.RunDetail;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import static dev.reprise.ui.gantt.TestRuns.at;
import static dev.reprise.ui.gantt.TestRuns.attempt;
import static dev.reprise.ui.gantt.TestRuns.ok;
import static dev.reprise.ui.gantt.TestRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

/** The details pane's steps list following a run's live batches, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class StepListLiveTest {

    private final LiveList<StepRun> steps = new LiveList<>();
    private final SimpleObjectProperty<String> selection = new SimpleObjectProperty<>();
    private StepDetailsView view;

    @Start
    void start(Stage stage) {
        for (int i = 0; i < 40; i++) {
            steps.add(running(i));
        }
        StepDetailsViewModel model = new StepDetailsViewModel(
                new SimpleObjectProperty<RunDetail>(dev.reprise.ui.gantt.TestRuns.detail(RunState.RUNNING)),
                new SimpleObjectProperty<FlowRevision>(), selection, () -> at(10_000),
                id -> steps.stream().filter(s -> s.stepId().equals(id)).findFirst().orElse(null));
        view = new StepDetailsView(model, steps, (step, attempt) -> { });
        stage.setScene(new Scene(view, 400, 600));
        stage.show();
    }

    private static StepRun running(int n) {
        return step(StepRun.instanceId("count", n), StepState.RUNNING,
                attempt(1, dev.reprise.run.AttemptState.RUNNING, n, n + 1L, null, null));
    }

    private static StepRun succeeded(int n) {
        return step(StepRun.instanceId("count", n), StepState.SUCCEEDED, ok(1, n, n + 1, n + 2));
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(call).get();
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    private List<ListCell<?>> shownCells() throws Exception {
        return fx(() -> view.stepList().lookupAll(".list-cell").stream()
                .filter(Node::isVisible).<ListCell<?>>map(n -> (ListCell<?>) n)
                .filter(c -> !c.isEmpty()).toList());
    }

    /** The step run each shown cell shows, by its row. */
    private Map<Integer, Object> shown() throws Exception {
        List<ListCell<?>> cells = shownCells();
        return fx(() -> {
            Map<Integer, Object> items = new TreeMap<>();
            cells.forEach(c -> items.put(c.getIndex(), c.getItem()));
            return items;
        });
    }

    private void replace(Map<Integer, StepRun> rows) throws Exception {
        fx(() -> {
            steps.apply(new TreeMap<>(rows), List.of());
            return null;
        });
    }

    @Test
    void aBatchReplacingOneRowRefreshesThatRowsCellWithoutTellingTheListOfAChange() throws Exception {
        List<String> told = new ArrayList<>();
        fx(() -> {
            view.stepList().getItems().addListener((ListChangeListener<StepRun>) c -> told.add(c.toString()));
            return null;
        });
        Map<Integer, Object> before = shown();
        assertThat(before).containsKey(2).hasSizeGreaterThan(3);

        StepRun ended = succeeded(2);
        replace(Map.of(2, ended));

        assertThat(told).as("changes the list was told of").isEmpty();
        Map<Integer, Object> after = shown();
        assertThat(after.get(2)).isSameAs(ended);
        before.put(2, ended);
        assertThat(after).isEqualTo(before);
        assertThat(fx(() -> view.stepList().getItems().get(2))).isSameAs(ended);
    }

    @Test
    void aReplacedSelectedRowStaysSelectedAsItsNewStepRun() throws Exception {
        fx(() -> {
            selection.set("count[3]");
            return null;
        });
        assertThat(fx(() -> view.stepList().getSelectionModel().getSelectedIndex())).isEqualTo(3);

        StepRun ended = succeeded(3);
        replace(Map.of(3, ended, 20, succeeded(20)));

        assertThat(fx(() -> view.stepList().getSelectionModel().getSelectedIndex())).isEqualTo(3);
        assertThat(fx(() -> view.stepList().getSelectionModel().getSelectedItem())).isSameAs(ended);
        assertThat(selection.get()).isEqualTo("count[3]");
    }

    @Test
    void rowsAddedLiveAreShownAndTheSelectionStays() throws Exception {
        fx(() -> {
            selection.set("count[1]");
            return null;
        });
        fx(() -> steps.addAll(List.of(running(40), running(41))));

        assertThat(fx(() -> view.stepList().getItems().size())).isEqualTo(42);
        assertThat(fx(() -> view.stepList().getSelectionModel().getSelectedItem().stepId())).isEqualTo("count[1]");
        fx(() -> {
            view.stepList().scrollTo(41);
            return null;
        });
        assertThat(fx(() -> shownCells().stream().map(c -> ((StepRun) c.getItem()).stepId()).toList()))
                .contains("count[41]");
    }
}
