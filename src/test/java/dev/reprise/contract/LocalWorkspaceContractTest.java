package dev.reprise.contract;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.LocalFile;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.workspace.NotFoundException;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Workspace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workspace contract on a local workspace in a temporary folder, and what only a local one promises. */
class LocalWorkspaceContractTest extends WorkspaceContractTest {

    @Override
    protected Workspace open() {
        return LocalWorkspaces.open(folder.resolve("ws"), LocalWorkspaces.Options.defaults().withParallelism(4));
    }

    @Test
    void aPlanDescribesAGivenFileWithoutStoringItAndTheReplayStoresTheSame() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Run source = workspace.start(StartRequest.of("hello"));
        awaitEnd(source.id(), 0);
        Path mine = folder.resolve("big.csv");
        Files.writeString(mine, "a,b\n1,2\n");
        ReplayRequest request = ReplayRequest.of(ReplayScope.from("after"))
                .withStepInputs(Map.of("after", Map.of("g", new LocalFile(mine).toJson())));
        ArtifactRef expected = ArtifactRef.describe(mine);

        assertThat(workspace.plan(source.id(), request).errors()).isEmpty();
        assertThatThrownBy(() -> workspace.openArtifact(expected.sha256())).isInstanceOf(NotFoundException.class);

        Run replay = workspace.replay(source.id(), request);
        awaitEnd(replay.id(), 0);
        assertThat(ArtifactRef.from(workspace.run(replay.id()).step("after").inputs().get("g")))
                .contains(expected);
        workspace.openArtifact(expected.sha256()).close();
    }

    @Test
    void aMissingFileIsAPlanErrorAtItsField() throws Exception {
        workspace.applyFlow(HELLO, "hello.yaml");
        Run source = workspace.start(StartRequest.of("hello"));
        awaitEnd(source.id(), 0);
        ReplayRequest request = ReplayRequest.of(ReplayScope.from("after"))
                .withStepInputs(Map.of("after", Map.of("g", new LocalFile(folder.resolve("gone.csv")).toJson())));

        assertThat(workspace.plan(source.id(), request).errors()).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("steps.after.inputs.g"))
                .satisfies(e -> assertThat(e.message()).contains("no such file"));
    }
}
