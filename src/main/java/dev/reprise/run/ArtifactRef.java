package dev.reprise.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file artifact, content-addressed by the SHA-256 of its bytes. Inside step inputs and outputs (which
 * are JSON values) a file appears as the object {@code {"$artifact": sha256, "name": …, "mediaType": …,
 * "size": …}}; {@link #toJson()} and {@link #from(JsonNode)} convert between the two.
 */
public record ArtifactRef(String sha256, @Nullable String name, @Nullable String mediaType, long size) {

    public static final String KEY = "$artifact";

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    public ArtifactRef {
        Objects.requireNonNull(sha256, "sha256");
        if (!isDigest(sha256)) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
        }
    }

    /** Whether {@code text} can name an artifact: a SHA-256 digest as 64 lower-case hexadecimal digits. */
    public static boolean isDigest(String text) {
        return text != null && DIGEST.matcher(text).matches();
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(KEY, sha256);
        if (name != null) {
            node.put("name", name);
        }
        if (mediaType != null) {
            node.put("mediaType", mediaType);
        }
        // As a parser would read it back (an int node when it fits), so that the value equals its round trip.
        if (size == (int) size) {
            node.put("size", (int) size);
        } else {
            node.put("size", size);
        }
        return node;
    }

    /** The reference {@code file} would have as an artifact named by its file name, without storing it. */
    public static ArtifactRef describe(Path file) throws IOException {
        Sha256.Summary summary = Sha256.of(file);
        return new ArtifactRef(summary.hex(), file.getFileName().toString(), null, summary.size());
    }

    public static boolean isRef(JsonNode node) {
        return node != null && node.isObject() && node.has(KEY) && node.get(KEY).isTextual();
    }

    public static Optional<ArtifactRef> from(JsonNode node) {
        if (!isRef(node)) {
            return Optional.empty();
        }
        return Optional.of(new ArtifactRef(node.get(KEY).asText(),
                node.hasNonNull("name") ? node.get("name").asText() : null,
                node.hasNonNull("mediaType") ? node.get("mediaType").asText() : null,
                node.path("size").asLong(0)));
    }
}
