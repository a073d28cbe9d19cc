package dev.reprise.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.ArtifactRef;
import dev.reprise.workspace.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code PUT /artifacts/{sha256}}: how a client's file reaches the server, within a limit, and only by upload. */
class UploadTest {

    @TempDir
    Path folder;

    private TestServer server;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void start() {
        server = new TestServer(folder.resolve("server"), WorkspaceServer.Config.defaults().withMaxUploadBytes(1024));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void anUploadIsStoredUnderItsDigestWithItsFileName() throws Exception {
        byte[] bytes = "station,trips\nCentral,12\n".getBytes(StandardCharsets.UTF_8);
        String sha = sha256(bytes);

        HttpResponse<String> response = server.send(server.put("/artifacts/" + sha + "?name=data%2Ftrips.csv", bytes));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        ArtifactRef ref = ArtifactRef.from(mapper.readTree(response.body())).orElseThrow();
        assertThat(ref).isEqualTo(new ArtifactRef(sha, "trips.csv", null, bytes.length));
        try (InputStream in = server.workspace.openArtifact(sha)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        // the same bytes again: stored once, answered alike
        assertThat(server.send(server.put("/artifacts/" + sha + "?name=trips.csv", bytes)).statusCode()).isEqualTo(201);
    }

    @Test
    void anUploadOverTheLimitIsRefusedAndNothingIsStored() throws Exception {
        byte[] bytes = new byte[4096];
        String sha = sha256(bytes);

        HttpResponse<String> response = server.send(server.put("/artifacts/" + sha, bytes));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(mapper.readTree(response.body()).path("error").asText()).contains("1024 bytes");
        assertThatThrownBy(() -> server.workspace.openArtifact(sha)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void bytesThatDoNotHashToTheDigestAreRefused() throws Exception {
        String sha = sha256("what was meant".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = server.send(server.put("/artifacts/" + sha, "what came".getBytes()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(response.body()).path("error").asText()).contains("nothing was stored");
        assertThatThrownBy(() -> server.workspace.openArtifact(sha)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aClientsFileSentByPathIsRefusedWithTheWayToUploadIt() throws Exception {
        server.workspace.applyFlow("id: hello\ninputs:\n  who: { type: string, default: world }\nsteps:\n"
                + "  greet: { type: noop }\n", "hello.yaml");

        HttpResponse<String> response = server.send(server.post("/runs",
                "{\"flowId\": \"hello\", \"parameters\": {\"who\": {\"$file\": \"/etc/hostname\"}}}"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = mapper.readTree(response.body());
        assertThat(error.path("error").asText()).contains("parameters.who").contains("PUT /api/v1/artifacts/{sha256}");
        assertThat(server.workspace.runs(dev.reprise.run.RunQuery.all()).runs()).isEmpty();
    }
}
