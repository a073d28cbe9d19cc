package dev.reprise.server;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.workspace.LocalWorkspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A real server on a free loopback port over a local workspace in a folder, with one token; for tests. */
final class TestServer implements AutoCloseable {

    final LocalWorkspace workspace;
    final TokenStore tokens;
    final String token;
    final WorkspaceServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestServer(Path folder) {
        this(folder, WorkspaceServer.Config.defaults());
    }

    TestServer(Path folder, WorkspaceServer.Config config) {
        workspace = LocalWorkspaces.open(folder, LocalWorkspaces.Options.defaults().withParallelism(2));
        tokens = new TokenStore(folder, Clock.systemUTC());
        token = tokens.create("test").token();
        server = WorkspaceServer.start(workspace, tokens, config.withAddress("127.0.0.1", 0));
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + "/api/v1" + pathAndQuery);
    }

    /** {@code path} from the server's root (an operation {@link RouteTable.Operation#atRoot}, such as /metrics). */
    URI root(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET();
    }

    HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    HttpRequest.Builder put(String path, byte[] bytes) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    @Override
    public void close() {
        server.close();
        workspace.close();
        http.close();
    }

    /** Each regular file under {@code root} (a workspace folder) with its size, to see that nothing was written. */
    static TreeMap<String, Long> fileSizes(Path root) throws IOException {
        TreeMap<String, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                try {
                    files.put(root.relativize(f).toString(), Files.size(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return files;
    }
}
