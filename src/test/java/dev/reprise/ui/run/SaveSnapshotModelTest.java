package dev.reprise.ui.run;

import dev.reprise.run.Run;
import dev.reprise.run.Snapshot;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** "Save as snapshot…" of a run, without a toolkit, on a real workspace. */
class SaveSnapshotModelTest {

    @TempDir
    Path folder;

    private LocalWorkspace workspace;
    private Run run;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        workspace.applyFlow(TestWorkspaces.QUICK, "quick.yaml");
        run = workspace.await(workspace.start(new StartRequest("quick", null, Map.of(), null,
                Map.of("team", "data", "snapshot", "older"), Map.of("TZ", "UTC"))).id());
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void theSnapshotKeepsTheRunsLabelsAndEnvAndTakesTheDescription() {
        SaveSnapshotModel model = new SaveSnapshotModel(workspace, new InlineUiExecutor(), run);
        assertThat(model.keptLabels()).isEqualTo("team=data");
        assertThat(model.keptEnv()).isEqualTo("TZ=UTC");
        model.nameProperty().set("kept");
        model.descriptionProperty().set("  the quick one, as it ran  ");
        AtomicReference<Snapshot> saved = new AtomicReference<>();

        model.save(saved::set);

        Snapshot stored = workspace.snapshot("kept");
        assertThat(saved.get()).isEqualTo(stored);
        assertThat(stored.description()).isEqualTo("the quick one, as it ran");
        assertThat(stored.sourceRunId()).isEqualTo(run.id());
        assertThat(stored.labels()).containsExactly(Map.entry("team", "data"));
        assertThat(stored.env()).containsExactly(Map.entry("TZ", "UTC"));
    }

    @Test
    void aNameTheWorkspaceWouldRefuseSaysWhyAndSavesNothing() {
        SaveSnapshotModel model = new SaveSnapshotModel(workspace, new InlineUiExecutor(), run);
        assertThat(model.canSaveProperty().get()).isTrue();

        model.nameProperty().set("two words");
        model.save(s -> { });

        assertThat(model.nameErrorProperty().get()).contains("letters, digits");
        assertThat(model.canSaveProperty().get()).isFalse();
        assertThat(workspace.snapshots()).isEmpty();
    }

    @Test
    void aNameTakenIsRefusedByTheWorkspaceAndTheValuesStay() {
        SaveSnapshotModel first = new SaveSnapshotModel(workspace, new InlineUiExecutor(), run);
        first.nameProperty().set("kept");
        first.save(s -> { });
        SaveSnapshotModel again = new SaveSnapshotModel(workspace, new InlineUiExecutor(), run);
        again.nameProperty().set("kept");
        again.descriptionProperty().set("another");
        AtomicReference<Snapshot> saved = new AtomicReference<>();

        again.save(saved::set);

        assertThat(saved.get()).isNull();
        assertThat(again.errorProperty().get()).contains("there is a snapshot 'kept' already");
        assertThat(again.descriptionProperty().get()).isEqualTo("another");
        assertThat(workspace.snapshot("kept").description()).isNull();
    }
}
