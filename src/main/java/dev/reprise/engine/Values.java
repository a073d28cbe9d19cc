package dev.reprise.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.flow.Templates;
import dev.reprise.run.ArtifactRef;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts step values between their stored form (JSON, files as {@link ArtifactRef} objects) and the
 * forms steps see: Java values for templates, environment-variable text for shell steps, paths for
 * {@code java} handlers. Thread-safe.
 */
final class Values {

    private final ArtifactStore artifacts;
    private final ObjectMapper mapper;

    Values(ArtifactStore artifacts, ObjectMapper mapper) {
        this.artifacts = artifacts;
        this.mapper = mapper;
    }

    /** A JSON value as a plain Java value for a template context; files become {@link Templates.FileValue}s. */
    Object toContext(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (ArtifactRef.isRef(node)) {
            ArtifactRef ref = ArtifactRef.from(node).orElseThrow();
            return new Templates.FileValue(node, artifacts.path(ref.sha256()).toString());
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                map.put(field.getKey(), toContext(field.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(child -> list.add(toContext(child)));
            return list;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asText();
    }

    /** Every artifact reference inside {@code node} replaced by the text of its stored file's path. */
    JsonNode withPaths(JsonNode node) {
        if (ArtifactRef.isRef(node)) {
            return TextNode.valueOf(artifacts.path(ArtifactRef.from(node).orElseThrow().sha256()).toString());
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> out.set(f.getKey(), withPaths(f.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> out.add(withPaths(child)));
            return out;
        }
        return node;
    }

    /** The text of an input as a shell step's environment variable: a path, plain text, or JSON. */
    String toEnv(JsonNode node) {
        if (ArtifactRef.isRef(node)) {
            return artifacts.path(ArtifactRef.from(node).orElseThrow().sha256()).toString();
        }
        if (node.isValueNode()) {
            return node.isNull() ? "" : node.asText();
        }
        try {
            return mapper.writeValueAsString(withPaths(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An output line's value: JSON if it parses as JSON, text otherwise. */
    JsonNode parseOutput(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return TextNode.valueOf("");
        }
        char first = trimmed.charAt(0);
        boolean jsonLike = first == '{' || first == '[' || first == '"' || first == '-' || Character.isDigit(first)
                || trimmed.equals("true") || trimmed.equals("false") || trimmed.equals("null");
        if (jsonLike) {
            try {
                return mapper.readTree(trimmed);
            } catch (JsonProcessingException e) {
                // not JSON after all: keep the text
            }
        }
        return TextNode.valueOf(text);
    }

    /** A handler's output value as JSON: a {@link Path} is stored as a file artifact. */
    JsonNode fromJava(String name, Object value) {
        if (value instanceof Path path) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("output '" + name + "' names a file that does not exist: " + path);
            }
            return artifacts.putFile(path, path.getFileName().toString(), mediaType(path)).toJson();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return mapper.valueToTree(value);
    }

    /** Stores a file written by a step as an artifact reference. */
    JsonNode storeFile(Path path) {
        return artifacts.putFile(path, path.getFileName().toString(), mediaType(path)).toJson();
    }

    static String mediaType(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "csv" -> "text/csv";
            case "json" -> "application/json";
            case "jsonl", "ndjson" -> "application/x-ndjson";
            case "txt", "log", "md" -> "text/plain";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "svg" -> "image/svg+xml";
            case "html" -> "text/html";
            case "yaml", "yml" -> "application/yaml";
            default -> "application/octet-stream";
        };
    }
}
