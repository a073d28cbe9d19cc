package dev.reprise.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.flow.Problem;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.NotFoundException;
import dev.reprise.workspace.WorkspaceBusyException;
import dev.reprise.workspace.WorkspaceException;
import org.jspecify.annotations.Nullable;

import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON calls to a Reprise server with the JDK {@link HttpClient}: adds the token, turns the server's JSON
 * errors back into the workspace's exceptions (404 → {@link NotFoundException}, 400 →
 * {@link InvalidInputException} with its problems, 409 → {@link WorkspaceBusyException}) and network
 * failures into a {@link WorkspaceException} that names the server. Thread-safe.
 */
final class HttpApi {

    private final HttpClient client;
    private final String server;
    private final URI api;
    private final String token;
    private final ObjectMapper mapper;
    private final Duration requestTimeout;
    private final @Nullable Path caCertificate;

    HttpApi(HttpClient client, String server, String token, ObjectMapper mapper, Duration requestTimeout,
            @Nullable Path caCertificate) {
        this.client = client;
        this.server = server;
        this.api = URI.create(server + "/api/v1");
        this.token = token;
        this.mapper = mapper;
        this.requestTimeout = requestTimeout;
        this.caCertificate = caCertificate;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    String server() {
        return server;
    }

    <T> T get(String path, JavaType type) {
        return read(send(request(path).GET().build()), type);
    }

    <T> T post(String path, Object body, JavaType type) {
        return read(send(json(path, body)), type);
    }

    <T> T delete(String path, JavaType type) {
        return read(send(request(path).DELETE().build()), type);
    }

    void post(String path, Object body) {
        read(send(json(path, body)), null);
    }

    /** A PUT of a file's bytes, streamed from disk (no overall timeout: a large file takes its time). */
    <T> T putFile(String path, Path file, JavaType type) {
        try {
            return read(send(upload(path, HttpRequest.BodyPublishers.ofFile(file))), type);
        } catch (FileNotFoundException e) {
            throw new InvalidInputException("no such file: " + file);
        }
    }

    /** A PUT of a stream's bytes, read to its end while they are sent. */
    <T> T putStream(String path, InputStream bytes, JavaType type) {
        return read(send(upload(path, HttpRequest.BodyPublishers.ofInputStream(() -> new FilterInputStream(bytes) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        }))), type);
    }

    private HttpRequest upload(String path, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api + path))
                .header("Accept", "application/json").header("Content-Type", "application/octet-stream").PUT(body);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    /** A GET whose body is streamed to the caller: the body is open only if the call succeeded. */
    InputStream stream(String path) {
        HttpResponse<InputStream> response = sendStreaming(request(path).GET().build());
        if (response.statusCode() / 100 != 2) {
            throw error(response.statusCode(), drain(response.body()));
        }
        return response.body();
    }

    /** A streaming request as built by the caller (event streams), failures mapped as for every call. */
    HttpResponse<InputStream> sendStreaming(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkspaceException("interrupted while calling the Reprise server at " + server, e);
        }
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api + path)).timeout(requestTimeout)
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** The same request with no overall timeout, for streams that stay open. */
    HttpRequest.Builder streamRequest(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api + path)).header("Accept", "text/event-stream");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpRequest json(String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body));
            return request(path).header("Content-Type", "application/json").POST(publisher).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkspaceException("interrupted while calling the Reprise server at " + server, e);
        }
    }

    private <T> T read(HttpResponse<byte[]> response, JavaType type) {
        if (response.statusCode() / 100 != 2) {
            throw error(response.statusCode(), response.body());
        }
        if (type == null) {
            return null;
        }
        try {
            return mapper.readValue(response.body(), type);
        } catch (IOException e) {
            throw new WorkspaceException("the Reprise server at " + server + " sent an answer this client cannot read ("
                    + e.getMessage() + "); are client and server the same version?", e);
        }
    }

    WorkspaceException unreachable(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return new WorkspaceException("cannot reach the Reprise server at " + server + ": connecting timed out", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new WorkspaceException("the Reprise server at " + server + " did not answer within "
                    + requestTimeout.toSeconds() + " s", e);
        }
        WorkspaceException untrusted = ServerTrust.untrusted(e, server, caCertificate);
        if (untrusted != null) {
            return untrusted;
        }
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ConnectException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ConnectException) {
            return new WorkspaceException("cannot reach the Reprise server at " + server + ": connection refused", e);
        }
        return new WorkspaceException("cannot reach the Reprise server at " + server + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }

    /** The workspace exception for an error answer, from its JSON body {@code {"error", "problems"}}. */
    WorkspaceException error(int status, byte[] body) {
        String message = "the server answered " + status;
        List<Problem> problems = new ArrayList<>();
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                message = node.get("error").asText();
            }
            if (node != null && node.path("problems").isArray()) {
                for (JsonNode problem : node.get("problems")) {
                    problems.add(mapper.treeToValue(problem, Problem.class));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not our JSON (a proxy's page): keep the status line
        }
        return switch (status) {
            case 401 -> new WorkspaceException("the server refused the token (401): " + message);
            case 403 -> new WorkspaceException("the server refused this call (403): " + message);
            case 404 -> new NotFoundException(message);
            case 409 -> new WorkspaceBusyException(message);
            case 400, 413, 416, 422 -> problems.isEmpty() ? new InvalidInputException(message)
                    : new InvalidInputException(problems);
            default -> new WorkspaceException("the Reprise server at " + server + " failed (" + status + "): " + message);
        };
    }

    private static byte[] drain(InputStream in) {
        try (in) {
            return in.readNBytes(1024 * 1024);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code ?a=1&b=2} from pairs, skipping null values; an empty string when nothing is left. */
    static String query(List<Map.Entry<String, String>> pairs) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> pair : pairs) {
            if (pair.getValue() == null) {
                continue;
            }
            query.append(query.isEmpty() ? '?' : '&').append(segment(pair.getKey())).append('=')
                    .append(segment(pair.getValue()));
        }
        return query.toString();
    }
}
