package dev.reprise.ui.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.flow.InputType;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.LocalFile;
import dev.reprise.run.Json;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * How a field's value reads as text in a control and back: the text form of a JSON value for a type, and the
 * value (checked against the type and constraints) of a text, or the reason it is not one. Stateless.
 */
final class FieldValues {

    private static final ObjectMapper MAPPER = Json.newMapper();

    /** A parsed text: the value, or why there is none. {@code value} null and {@code error} null: left empty. */
    record Parsed(JsonNode value, String error) {
    }

    private FieldValues() {
    }

    /** The text a control shows for {@code value}. */
    static String text(FieldSpec spec, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (spec.type() == InputType.JSON) {
            return value.isContainerNode() ? value.toPrettyString() : value.toString();
        }
        if (ArtifactRef.isRef(value)) {
            return value.toString();
        }
        if (LocalFile.isLocalFile(value)) {
            return value.get(LocalFile.KEY).asText();
        }
        if (spec.type() == null) {
            if (value.isContainerNode()) {
                String compact = value.toString();
                return compact.length() <= 80 ? compact : value.toPrettyString();
            }
            return value.asText();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** The value of {@code text} for the field, or why it is not valid. */
    static Parsed parse(FieldSpec spec, String text) {
        String raw = text == null ? "" : text;
        if (raw.isBlank() && spec.type() != InputType.STRING && spec.type() != null) {
            return spec.required() || spec.original() != null
                    ? new Parsed(null, "a value is required") : new Parsed(null, null);
        }
        if (raw.isEmpty() && spec.required()) {
            return new Parsed(null, "a value is required");
        }
        if (spec.type() == null) {
            // an untyped input whose value was text stays text: "[1,2]" or "42" sent as a string is no list or number
            return new Parsed(spec.original() != null && spec.original().isTextual() ? TextNode.valueOf(raw)
                    : InputType.JSON.coerce(TextNode.valueOf(raw)), null);
        }
        try {
            return switch (spec.type()) {
                case JSON -> json(raw);
                case FILE -> file(raw);
                default -> new Parsed(spec.constraints() != null ? spec.constraints().check(TextNode.valueOf(raw))
                        : spec.type().coerce(TextNode.valueOf(raw)), null);
            };
        } catch (IllegalArgumentException e) {
            return new Parsed(null, withoutInputName(e.getMessage()));
        }
    }

    private static Parsed json(String raw) {
        try {
            JsonNode node = MAPPER.readTree(raw);
            return node == null ? new Parsed(null, "a JSON value is required") : new Parsed(node, null);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new Parsed(null, "not valid JSON" + where + ": " + e.getOriginalMessage()
                    + (raw.trim().startsWith("\"") || raw.trim().matches("[\\[{\\d\\-tfn].*") ? "" : " (text needs quotes)"));
        }
    }

    private static Parsed file(String raw) {
        String trimmed = raw.trim();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode node = MAPPER.readTree(trimmed);
                if (ArtifactRef.isRef(node)) {
                    return new Parsed(node, null);
                }
            } catch (JsonProcessingException e) {
                // not an artifact reference: read it as a path below
            }
        }
        Path path;
        try {
            path = Path.of(trimmed);
        } catch (InvalidPathException e) {
            return new Parsed(null, "not a file path: " + e.getReason());
        }
        if (!Files.isRegularFile(path)) {
            return new Parsed(null, "no file at " + trimmed);
        }
        // a file of this machine: the workspace stores it (a server's, after an upload) when it is used
        return new Parsed(new LocalFile(path).toJson(), null);
    }

    /** "input 'month': must be …" reads "must be …" beside the field named month. */
    private static String withoutInputName(String message) {
        return message == null ? "not valid" : message.replaceFirst("^input '[^']*': ", "");
    }
}
