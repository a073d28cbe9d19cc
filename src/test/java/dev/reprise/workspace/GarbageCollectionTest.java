package dev.reprise.workspace;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.LocalFile;
import dev.reprise.run.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Collecting the artifacts of deleted runs: only what nothing refers to, and never a file just written. */
class GarbageCollectionTest {

    private static final String FLOW = """
            id: notes
            inputs:
              who: { type: string, default: world }
            steps:
              write:
                type: shell
                inputs: { who: "{{ inputs.who }}" }
                run: printf 'note for %s' "$REPRISE_INPUT_who" > "$REPRISE_OUTPUT_DIR/note.txt"
            """;

    @TempDir
    Path folder;

    private LocalWorkspace workspace;

    @BeforeEach
    void open() {
        workspace = LocalWorkspaces.open(folder.resolve("ws"), LocalWorkspaces.Options.defaults());
        workspace.applyFlow(FLOW, "notes.yaml");
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private Run run(String who) {
        return workspace.await(workspace.start(StartRequest.of("notes").withParameters(Map.of("who", TextNode.valueOf(who)))).id());
    }

    private String note(Run run) {
        return ArtifactRef.from(workspace.run(run.id()).step("write").outputs().get("note.txt")).orElseThrow().sha256();
    }

    private boolean held(String sha256) {
        try {
            workspace.openArtifact(sha256).close();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theFilesOfDeletedRunsGoWhileSharedAndSnapshottedOnesStay() throws Exception {
        Run ada = run("ada");
        Run bob = run("bob");
        Run adaAgain = run("ada");
        Path attachment = folder.resolve("attachment.txt");
        Files.writeString(attachment, "kept by a snapshot");
        workspace.createSnapshot(SnapshotRequest.ofFlow("with-attachment", "notes")
                .withStepInputs(Map.of("write", Map.of("attachment", new LocalFile(attachment).toJson()))));
        String attached = ArtifactRef.from(workspace.snapshot("with-attachment").stepInputs().get("write")
                .get("attachment")).orElseThrow().sha256();
        String adaNote = note(ada);
        String bobNote = note(bob);
        assertThat(note(adaAgain)).isEqualTo(adaNote);

        workspace.deleteRun(ada.id(), false);
        workspace.deleteRun(bob.id(), false);
        CollectingWorkspace.Collected collected = workspace.collectGarbage(Duration.ZERO);

        assertThat(collected.removed()).isEqualTo(1);
        assertThat(collected.freedBytes()).isEqualTo("note for bob".length());
        assertThat(held(bobNote)).isFalse();
        assertThat(held(adaNote)).as("the run made again refers to the same bytes").isTrue();
        assertThat(held(attached)).as("the snapshot refers to it").isTrue();
        assertThat(workspace.collectGarbage(Duration.ZERO).removed()).isZero();
    }

    @Test
    void aFileJustWrittenIsKeptUntilItIsOlderThanAskedFor() throws Exception {
        byte[] bytes = "an upload no run refers to yet".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        workspace.putArtifact(new ByteArrayInputStream(bytes), sha, "upload.txt");

        assertThat(workspace.collectGarbage(Duration.ofHours(1)).removed()).isZero();
        assertThat(held(sha)).isTrue();
        assertThat(workspace.collectGarbage(Duration.ZERO).removed()).isEqualTo(1);
        assertThat(held(sha)).isFalse();
        assertThatThrownBy(() -> workspace.collectGarbage(Duration.ofMinutes(-1)))
                .isInstanceOf(InvalidInputException.class);
    }
}
