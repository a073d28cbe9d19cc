package dev.reprise.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.Json;
import dev.reprise.run.PrivateFiles;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Saved server connections ({@code ~/.reprise/connections.json}): a URL and its token each, and the CA
 * certificate file its HTTPS certificate is trusted by when that is not one of the JVM's authorities, so that
 * {@code --server URL} needs no {@code --token} nor {@code --ca-cert}. The file holds secrets, so it is written
 * owner-only and replaced atomically. Not thread-safe; one command (or the window's one background call) uses
 * it at a time.
 */
public final class Connections {

    /** One saved server; {@code caCertificate} is the absolute path of a PEM file, or null for the JVM's trust. */
    public record Connection(String url, String token, @Nullable String caCertificate) {

        /** The CA certificate file, if one was saved. */
        public Optional<Path> caCertificateFile() {
            return Optional.ofNullable(caCertificate).map(Path::of);
        }
    }

    record ConnectionFile(List<Connection> connections) {
        ConnectionFile {
            connections = connections == null ? List.of() : List.copyOf(connections);
        }
    }

    private final Path file;
    private final ObjectMapper mapper = Json.newMapper();

    public Connections(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public List<Connection> all() {
        try {
            return mapper.readValue(Files.readAllBytes(file), ConnectionFile.class).connections();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the saved connections in " + file + ": " + e.getMessage());
        }
    }

    public Optional<Connection> find(String url) {
        String wanted = normalize(url);
        return all().stream().filter(c -> normalize(c.url()).equals(wanted)).findFirst();
    }

    /** Saves (or replaces) the connection to {@code url}, trusted by {@code caCertificate} (null: the JVM's trust). */
    public void save(String url, String token, @Nullable Path caCertificate) {
        List<Connection> next = new ArrayList<>(all());
        next.removeIf(c -> normalize(c.url()).equals(normalize(url)));
        next.add(new Connection(normalize(url), token,
                caCertificate == null ? null : caCertificate.toAbsolutePath().normalize().toString()));
        try {
            PrivateFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(new ConnectionFile(next)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the connection in " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code http://host:port}: no trailing slash, no {@code /api/v1}. */
    public static String normalize(String url) {
        String u = url.trim().replaceAll("/+$", "");
        return u.endsWith("/api/v1") ? u.substring(0, u.length() - "/api/v1".length()) : u;
    }
}
