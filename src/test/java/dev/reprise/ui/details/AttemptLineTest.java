package dev.reprise.ui.details;

import dev.reprise.flow.FlowRevision;
import dev.reprise.run.RunState;
import dev.reprise.run.StepState;
import dev.reprise.ui.gantt.TestRuns;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static dev.reprise.ui.gantt.TestRuns.at;
import static dev.reprise.ui.gantt.TestRuns.ok;
import static dev.reprise.ui.gantt.TestRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

/** An attempt's number reads whole in a narrow details pane, however long its durations are written. */
@ExtendWith(ApplicationExtension.class)
class AttemptLineTest {

    private StepDetailsView view;

    @Start
    void start(Stage stage) {
        // three attempts of hours each, queued for hours: long facts beside each number
        long hour = 3_600_000L;
        var detail = TestRuns.detail(RunState.SUCCEEDED, step("train", StepState.SUCCEEDED,
                ok(1, 0, 2 * hour, 9 * hour + 1234), ok(2, 9 * hour + 2000, 13 * hour, 21 * hour + 5678),
                ok(3, 21 * hour + 6000, 24 * hour, 33 * hour + 4321)));
        StepDetailsViewModel model = new StepDetailsViewModel(new SimpleObjectProperty<>(detail),
                new SimpleObjectProperty<FlowRevision>(), new SimpleObjectProperty<>("train"), () -> at(40 * hour));
        view = new StepDetailsView(model, FXCollections.observableArrayList(detail.steps()), (step, attempt) -> { });
        stage.setScene(new Scene(view, 300, 600));
        stage.show();
    }

    @Test
    void theAttemptNumbersAreNeverElided() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = WaitForAsyncUtils.asyncFx(() -> view.lookupAll(".attempt-number").stream()
                .map(n -> ((Text) n.lookup(".text")).getText()).toList()).get();
        List<String> texts = WaitForAsyncUtils.asyncFx(() -> view.lookupAll(".attempt-number").stream()
                .map(n -> ((Label) n).getText()).toList()).get();

        assertThat(texts).containsExactly("#1", "#2", "#3");
        assertThat(shown).as("what is drawn").containsExactly("#1", "#2", "#3");
    }
}
