package dev.reprise.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.LocalFile;
import dev.reprise.run.ReplayRequest;
import dev.reprise.workspace.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
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

    ReplayRequest resolve(ReplayRequest request) {
        return request.withParameters(resolve(request.parameterOverrides()))
                .withStepInputs(resolveByStep(request.stepInputOverrides()))
                .withOutputs(resolveByStep(request.outputOverrides()));
    }

    Map<String, JsonNode> resolve(Map<String, JsonNode> values) {
        if (values.values().stream().noneMatch(LocalFile::isLocalFile)) {
            return values;
        }
        Map<String, JsonNode> resolved = new LinkedHashMap<>();
        values.forEach((name, value) -> resolved.put(name, LocalFile.from(value)
                .map(file -> (JsonNode) upload(file.path()).toJson()).orElse(value)));
        return resolved;
    }

    Map<String, Map<String, JsonNode>> resolveByStep(Map<String, Map<String, JsonNode>> byStep) {
        Map<String, Map<String, JsonNode>> resolved = new LinkedHashMap<>();
        byStep.forEach((step, values) -> resolved.put(step, resolve(values)));
        return resolved;
    }

    private ArtifactRef upload(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new InvalidInputException("no such file: " + file);
        }
        if (!attributes.isRegularFile()) {
            throw new InvalidInputException("not a file: " + file);
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
