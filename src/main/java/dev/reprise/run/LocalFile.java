package dev.reprise.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A file of the machine a request is made on, given as a value of a start or replay request: the object
 * {@code {"$file": "/absolute/path"}}. The workspace the request is for stores it as an artifact before it
 * plans or runs — a local workspace from its own disk, a remote one by uploading it first — so the run records
 * an {@link ArtifactRef}. Unlike a bare path, it says it is a file of this machine: a server is never asked to
 * read one, and a string input that looks like a path stays a string.
 */
public record LocalFile(Path path) {

    public static final String KEY = "$file";

    public LocalFile {
        Objects.requireNonNull(path, "path");
        path = path.toAbsolutePath().normalize();
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(KEY, path.toString());
        return node;
    }

    public static boolean isLocalFile(JsonNode node) {
        return node != null && node.isObject() && node.size() == 1 && node.has(KEY) && node.get(KEY).isTextual();
    }

    /** The file a value names, if it is a {@code $file} object whose text is a path. */
    public static Optional<LocalFile> from(JsonNode node) {
        if (!isLocalFile(node)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LocalFile(Path.of(node.get(KEY).asText())));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
