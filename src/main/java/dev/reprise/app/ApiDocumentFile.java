package dev.reprise.app;

import dev.reprise.server.TokenStore;
import dev.reprise.server.WorkspaceServer;
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
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes the OpenAPI document that {@code reprise server} serves to a file, for a client generator that runs
 * where no server does (the build generates a client from it, and a test calls a real server with that client).
 * It serves an empty workspace in a temporary folder on a loopback port just long enough to read the document
 * back, so that the file is what a server answers at {@code /api/v1/openapi.json}, not a copy of the code that
 * writes it. Stateless.
 */
public final class ApiDocumentFile {

    private ApiDocumentFile() {
    }

    /** {@code ApiDocumentFile FILE VERSION}: writes the document, whose info.version is VERSION, to FILE. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: ApiDocumentFile FILE VERSION");
            System.exit(2);
        }
        write(Path.of(args[0]), args[1]);
    }

    /** Writes the document a server of {@code version} serves to {@code file}, creating its folder. */
    static void write(Path file, String version) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("reprise-api-document");
        try {
            byte[] document;
            try (LocalWorkspace workspace = LocalWorkspaces.open(folder,
                    LocalWorkspaces.Options.defaults().withParallelism(1));
                 WorkspaceServer server = WorkspaceServer.start(workspace, new TokenStore(folder, Clock.systemUTC()),
                         WorkspaceServer.Config.defaults().withAddress("127.0.0.1", 0).withVersion(version));
                 HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/openapi.json"))
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("the server answered " + response.statusCode() + " for its document");
                }
                document = response.body();
            }
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.write(file, document);
        } finally {
            deleteTree(folder);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
