package dev.reprise.ui.lineage;

import dev.reprise.run.ReplayRequest;
import dev.reprise.run.Run;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lineage tab's tree holds, under each run, the runs its steps started, read with the tree. */
class LineageViewModelTest {

    @TempDir
    Path folder;

    private LocalWorkspace workspace;

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void eachRunOfTheTreeCarriesTheRunsItsStepsStarted() {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        workspace.applyFlow("id: child\nsteps:\n  work: { type: shell, run: \"true\" }\n", "child.yaml");
        workspace.applyFlow("id: parent\nsteps:\n  call:\n    type: flow.run\n    inputs: { flow: child }\n",
                "parent.yaml");
        Run parent = workspace.await(workspace.start(StartRequest.of("parent")).id());
        Run replay = workspace.await(workspace.replay(parent.id(), ReplayRequest.asIs()).id());
        LineageViewModel model = new LineageViewModel(workspace, new InlineUiExecutor(), new Messages());

        model.show(replay);

        assertThat(model.lineageProperty().get().root().run().id()).isEqualTo(parent.id());
        assertThat(model.children(parent.id())).singleElement()
                .satisfies(child -> assertThat(child.trigger().runId()).isEqualTo(parent.id()));
        assertThat(model.children(replay.id())).singleElement()
                .satisfies(child -> assertThat(child.trigger().runId()).isEqualTo(replay.id()));
        assertThat(model.children(parent.id()).getFirst().id()).isNotEqualTo(model.children(replay.id()).getFirst().id());
    }
}
