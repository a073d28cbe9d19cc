package dev.reprise.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.reprise.run.Json;

import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schemas a served API document gives for answers and for the data of stream events, made standalone for a
 * JSON-schema validator (draft 2020-12): the document's components become definitions. For tests; thread-safe.
 */
public final class DocumentSchemas {

    private static final ObjectMapper JSON = Json.newMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonNode document;
    private final Map<String, JsonSchema> made = new ConcurrentHashMap<>();

    public DocumentSchemas(JsonNode document) {
        this.document = document;
    }

    /** The schema of a JSON answer of operation {@code method route} with {@code status}; missing if none. */
    public JsonNode answer(String method, String route, int status) {
        return document.path("paths").path(route).path(method.toLowerCase(Locale.ROOT)).path("responses")
                .path(String.valueOf(status)).path("content").path("application/json").path("schema");
    }

    /** The schema of every error answer. */
    public JsonNode error() {
        return JSON.createObjectNode().put("$ref", "#/components/schemas/ApiError");
    }

    /** The event kinds of stream {@code route}: the oneOf of its text/event-stream schema; missing if none. */
    public JsonNode eventKinds(String route) {
        return document.path("paths").path(route).path("get").path("responses").path("200").path("content")
                .path("text/event-stream").path("schema").path("oneOf");
    }

    /** The schema of the data of event {@code event} of stream {@code route}; missing if it declares none. */
    public JsonNode eventData(String route, String event) {
        for (JsonNode kind : eventKinds(route)) {
            if (kind.path("properties").path("event").path("const").asText().equals(event)) {
                return kind.path("properties").path("data").path("contentSchema");
            }
        }
        return MissingNode.getInstance();
    }

    /** A validator of {@code schema}, a schema of the document that may refer to its components. */
    public JsonSchema validator(JsonNode schema) {
        return made.computeIfAbsent(schema.toString(), key -> {
            ObjectNode standalone = JSON.createObjectNode();
            standalone.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            standalone.set("$defs", document.path("components").path("schemas"));
            standalone.setAll((ObjectNode) schema.deepCopy());
            try {
                return FACTORY.getSchema(JSON.readTree(standalone.toString()
                        .replace("#/components/schemas/", "#/$defs/")));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
