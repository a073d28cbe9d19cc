package dev.reprise.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.LocalFile;
import dev.reprise.run.RequestValues;
import dev.reprise.run.ValuePath;
import dev.reprise.workspace.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the {@link LocalFile}s of a request into artifacts of the server: each file is hashed here and sent
 * with {@code PUT /artifacts/{sha256}}, and the request goes on with the {@link ArtifactRef} the server
 * answers. A file is sent once per version (path, size and modification time) for ten minutes, so a plan
 * preview that is asked again and again while a form is edited uploads it once. Thread-safe.
 */
final class Uploads {

    private record Version(Path path, long size, long modified) {
    }

    private record Sent(ArtifactRef ref, long at) {
    }

    /** How long an upload is taken as still held by the server (which may collect unreferenced files later). */
    private static final long REMEMBERED_MILLIS = 10 * 60 * 1000;

    /** Sends a file whose digest is known and answers the server's reference to it. */
    interface Sender {
        ArtifactRef put(Path file, ArtifactRef described);
    }

    private final Sender sender;
    private final Map<Version, Sent> sent = new ConcurrentHashMap<>();

    Uploads(Sender sender) {
        this.sender = sender;
    }

    /** {@code values} with each {@link LocalFile} replaced by the reference of its upload. */
    RequestValues resolve(RequestValues values) {
        return values.map((path, value) -> LocalFile.from(value)
                .map(file -> (JsonNode) upload(path, file.path()).toJson()).orElse(value));
    }

    private ArtifactRef upload(ValuePath field, Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new InvalidInputException(field + ": no such file: " + file);
        }
        if (!attributes.isRegularFile()) {
            throw new InvalidInputException(field + ": not a file: " + file);
        }
        Version version = new Version(file, attributes.size(), attributes.lastModifiedTime().toMillis());
        Sent known = sent.get(version);
        if (known != null && System.currentTimeMillis() - known.at() < REMEMBERED_MILLIS) {
            return known.ref();
        }
        ArtifactRef described;
        try {
            described = ArtifactRef.describe(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        ArtifactRef stored = sender.put(file, described);
        sent.put(version, new Sent(stored, System.currentTimeMillis()));
        return stored;
    }
}
