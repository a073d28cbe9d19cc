package dev.reprise.ui.runs;

import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.workspace.LocalWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Deleting runs from the window, on a real workspace, no toolkit. */
class RunDeletionTest {

    @TempDir
    Path folder;

    private LocalWorkspace workspace;
    private final Messages messages = new Messages();
    private final List<String> questions = new ArrayList<>();
    private final List<String> reported = new ArrayList<>();
    private boolean answer = true;
    private RunDeletion deletion;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        deletion = new RunDeletion(workspace, new InlineUiExecutor(), messages, (question, detail) -> {
            questions.add(question);
            return answer;
        }, reported::addAll);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private List<String> remaining() {
        return workspace.runs(RunQuery.all()).runs().stream().map(Run::id).toList();
    }

    @Test
    void aRunIsDeletedWithTheReplaysBelowItAfterOneQuestionThatCountsThem() {
        Run source = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        Run replay = workspace.await(workspace.replay(source.id(), ReplayRequest.of(ReplayScope.whole())).id());
        Run other = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);

        deletion.delete(List.of(source.id()));

        assertThat(questions).containsExactly("Delete run " + source.id() + " and the 1 replay below it?");
        assertThat(reported).containsExactlyInAnyOrder(source.id(), replay.id());
        assertThat(remaining()).containsExactly(other.id());
        assertThat(messages.all()).extracting(Messages.Message::text).containsExactly("Deleted 2 runs.");
    }

    @Test
    void decliningDeletesNothing() {
        Run run = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        answer = false;

        deletion.delete(List.of(run.id()));

        assertThat(questions).containsExactly("Delete run " + run.id() + "?");
        assertThat(remaining()).containsExactly(run.id());
        assertThat(reported).isEmpty();
        assertThat(messages.all()).isEmpty();
    }

    @Test
    void aRunStillGoingOnIsRefusedWhileTheOthersAreDeleted() throws Exception {
        Run ended = TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        Path gate = folder.resolve("gate");
        Run going = TestWorkspaces.startGated(workspace, gate);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                workspace.run(going.id()).run().state() == dev.reprise.run.RunState.RUNNING);

        deletion.delete(List.of(ended.id(), going.id()));

        assertThat(questions).containsExactly("Delete 2 runs?");
        assertThat(reported).containsExactly(ended.id());
        assertThat(remaining()).containsExactly(going.id());
        assertThat(messages.all()).extracting(Messages.Message::text).containsExactly("Deleted run " + ended.id() + ".",
                "Not deleted: only runs that have ended can be deleted: " + going.id() + " is running; cancel first");
        java.nio.file.Files.createDirectory(gate);
        workspace.await(going.id());
    }
}
