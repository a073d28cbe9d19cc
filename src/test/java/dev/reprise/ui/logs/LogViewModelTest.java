package dev.reprise.ui.logs;

import dev.reprise.run.Run;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.workspace.LocalWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Logs read a chunk at a time, searched, on a real workspace, no toolkit. */
class LogViewModelTest {

    @TempDir
    Path folder;

    private LocalWorkspace workspace;
    private InlineUiExecutor ui;
    private LogViewModel model;
    private Run run;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        ui = new InlineUiExecutor();
        model = new LogViewModel(workspace, ui, new Messages());
        run = TestWorkspaces.runToEnd(workspace, TestWorkspaces.CHATTY);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void aLongLogIsReadOneChunkAtATime() {
        model.show(run.id(), workspace.run(run.id()).step("talk"), null);

        int firstChunk = model.lines().size();
        assertThat(model.attemptProperty().get()).isEqualTo(1);
        assertThat(firstChunk).isGreaterThan(1000).isLessThan(20000);
        assertThat(model.completeProperty().get()).isFalse();
        assertThat(model.lines().get(0)).isEqualTo("line 0 of a long log");

        while (!model.completeProperty().get()) {
            model.loadMore();
        }
        assertThat(model.lines()).hasSize(20001).endsWith("the end of talk");
        assertThat(model.lines().get(12345)).isEqualTo("line 12345 of a long log");
    }

    @Test
    void findGoesToTheNextLineThatContainsTheTextAndWraps() {
        model.show(run.id(), workspace.run(run.id()).step("talk"), null);

        model.find("LINE 7 ", true);
        assertThat(model.matchProperty().get()).isEqualTo(7);
        model.find("line 7 ", true);
        assertThat(model.matchProperty().get()).isEqualTo(7);
        model.find("line 1 ", false);
        assertThat(model.matchProperty().get()).isEqualTo(1);
        model.find("nowhere", true);
        assertThat(model.matchProperty().get()).isEqualTo(-1);
        assertThat(model.statusProperty().get()).contains("\"nowhere\" is not in the").contains("so far");
    }
}
