package dev.reprise.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.LocalFile;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.RequestValues;
import dev.reprise.workspace.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Local files of a request become the server's artifacts, each version sent once. */
class UploadsTest {

    @TempDir
    Path folder;

    private final List<Path> sent = new ArrayList<>();
    private final Uploads uploads = new Uploads((file, described) -> {
        sent.add(file);
        return described;
    });

    @Test
    void aFileIsSentOncePerVersionAndOtherValuesAreLeftAlone() throws Exception {
        Path file = folder.resolve("trips.csv");
        Files.writeString(file, "a,b\n1,2\n");
        ReplayRequest request = ReplayRequest.of(ReplayScope.from("parse"))
                .withParameters(Map.of("month", TextNode.valueOf("2024-03")))
                .withStepInputs(Map.of("parse", Map.of("file", new LocalFile(file).toJson(),
                        "format", TextNode.valueOf("yyyy"))));

        RequestValues resolved = uploads.resolve(request.values());
        uploads.resolve(request.values());

        assertThat(sent).containsExactly(file.toAbsolutePath().normalize());
        JsonNode given = resolved.stepInputs().get("parse").get("file");
        assertThat(ArtifactRef.from(given)).contains(ArtifactRef.describe(file));
        assertThat(resolved.stepInputs().get("parse").get("format")).isEqualTo(TextNode.valueOf("yyyy"));
        assertThat(resolved.parameters()).isEqualTo(request.parameterOverrides());

        Files.writeString(file, "a,b\n1,2\n3,4\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        uploads.resolve(request.values());
        assertThat(sent).hasSize(2);
    }

    @Test
    void aMissingFileIsRefusedBeforeAnythingIsSent() {
        ReplayRequest request = ReplayRequest.asIs().withParameters(
                Map.of("file", new LocalFile(folder.resolve("gone.csv")).toJson()));

        assertThatThrownBy(() -> uploads.resolve(request.values())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("parameters.file: no such file");
        assertThat(sent).isEmpty();
    }
}
