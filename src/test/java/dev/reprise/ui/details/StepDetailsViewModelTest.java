package dev.reprise.ui.details;

import dev.reprise.flow.FlowRevision;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.gantt.TestRuns;
import dev.reprise.workspace.RunDetail;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.reprise.ui.gantt.TestRuns.at;
import static dev.reprise.ui.gantt.TestRuns.attempt;
import static dev.reprise.ui.gantt.TestRuns.ok;
import static dev.reprise.ui.gantt.TestRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

/** The details pane's view model, no toolkit. */
class StepDetailsViewModelTest {

    private final Instant[] now = {at(1_010)};
    private final ObjectProperty<RunDetail> detail = new SimpleObjectProperty<>();
    private final ObjectProperty<String> selection = new SimpleObjectProperty<>();

    private StepDetailsViewModel model() {
        return new StepDetailsViewModel(detail, new SimpleObjectProperty<FlowRevision>(), selection, () -> now[0]);
    }

    @Test
    void aBatchOfOtherStepsMovesOnlyTheRunningTimeOfTheSelectedStep() {
        StepRun extract = step("extract", StepState.RUNNING, attempt(1, AttemptState.RUNNING, 0, 10L, null, null));
        detail.set(TestRuns.detail(RunState.RUNNING, extract));
        selection.set("extract");
        StepDetailsViewModel model = model();
        int[] attemptChanges = {0};
        model.attempts().addListener((ListChangeListener<Attempt>) c -> attemptChanges[0]++);
        assertThat(model.timingProperty().get()).endsWith("running for 1.0 s");

        now[0] = at(2_010);
        detail.set(TestRuns.detail(RunState.RUNNING, extract, step("parse", StepState.RUNNING)));

        assertThat(model.stepProperty().get()).isSameAs(extract);
        assertThat(model.timingProperty().get()).endsWith("running for 2.0 s");
        assertThat(attemptChanges[0]).isZero();
    }

    @Test
    void aNewerVersionOfTheSelectedStepIsShownWhole() {
        StepRun running = step("extract", StepState.RUNNING, attempt(1, AttemptState.RUNNING, 0, 10L, null, null));
        detail.set(TestRuns.detail(RunState.RUNNING, running));
        selection.set("extract");
        StepDetailsViewModel model = model();

        StepRun ended = step("extract", StepState.SUCCEEDED, ok(1, 0, 10, 510));
        detail.set(TestRuns.detail(RunState.RUNNING, ended));

        assertThat(model.stepProperty().get()).isSameAs(ended);
        assertThat(model.attempts()).containsExactlyElementsOf(ended.attempts());
        assertThat(model.timingProperty().get()).endsWith("took 500 ms");
    }
}
