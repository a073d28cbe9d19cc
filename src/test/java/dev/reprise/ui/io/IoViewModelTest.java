package dev.reprise.ui.io;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.RunDetail;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.reprise.ui.gantt.TestRuns.detail;
import static dev.reprise.ui.gantt.TestRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

/** The inputs and outputs of a run growing live, applied batch by batch, no toolkit. */
class IoViewModelTest {

    @TempDir
    Path folder;

    private LocalWorkspace workspace;
    private IoViewModel model;
    private final List<String> changes = new ArrayList<>();

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        model = new IoViewModel(workspace, new InlineUiExecutor(), new Messages());
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private void recordChanges() {
        model.steps().addListener((ListChangeListener<IoViewModel.StepValues>) change -> {
            while (change.next()) {
                if (change.wasReplaced()) {
                    changes.add("replaced " + change.getFrom() + ".." + change.getTo());
                } else if (change.wasAdded()) {
                    changes.add("added " + change.getFrom() + ".." + change.getTo());
                } else {
                    changes.add("other");
                }
            }
        });
    }

    private static StepRun counted(int index, int output) {
        return step(StepRun.instanceId("count", index), StepState.SUCCEEDED)
                .withOutputs(Map.of("n", IntNode.valueOf(output)));
    }

    @Test
    void aBatchReplacesOnlyTheRowsOfTheStepsItChangedAndAddsTheNewOnes() {
        List<StepRun> steps = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            steps.add(counted(i, i));
        }
        model.show(detail(RunState.RUNNING, steps.toArray(StepRun[]::new)));
        recordChanges();

        List<StepRun> batch = List.of(counted(7, 700), counted(50, 50), counted(51, 51));
        steps.set(7, batch.get(0));
        steps.add(batch.get(1));
        steps.add(batch.get(2));
        RunDetail now = detail(RunState.RUNNING, steps.toArray(StepRun[]::new));
        model.apply(now.run(), batch);

        assertThat(changes).containsExactly("replaced 7..8", "added 50..52");
        IoViewModel read = new IoViewModel(workspace, new InlineUiExecutor(), new Messages());
        read.show(now);
        assertThat(model.steps()).isEqualTo(read.steps());
        assertThat(model.parameters()).isEqualTo(read.parameters());
    }

    @Test
    void aStepRunWhoseValuesAreAsShownChangesNoRow() {
        model.show(detail(RunState.RUNNING, counted(0, 0), counted(1, 1)));
        recordChanges();

        StepRun sameValues = counted(1, 1).withSeq(9);
        model.apply(detail(RunState.RUNNING, counted(0, 0), sameValues).run(), List.of(sameValues));

        assertThat(changes).isEmpty();
    }

    @Test
    void aStepAddedAndChangedAgainInOneBatchIsAddedOnceAsItIsLast() {
        model.show(detail(RunState.RUNNING, counted(0, 0)));
        recordChanges();

        model.apply(detail(RunState.RUNNING).run(), List.of(counted(1, 1), counted(1, 10)));

        assertThat(changes).containsExactly("added 1..2");
        assertThat(model.steps()).hasSize(2);
        assertThat(model.steps().get(1).outputs()).singleElement()
                .satisfies(entry -> assertThat(entry.value().intValue()).isEqualTo(10));
    }
}
