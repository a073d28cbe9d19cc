package dev.reprise.server;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.Converter;

import org.jspecify.annotations.Nullable;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document of a {@link RouteTable}, written from the table itself and from the record types
 * of bodies and answers (a schema per record, from its components), so that the document describes exactly
 * the routes the server registers and the records it sends. Every component of a record is required, since
 * the server writes them all; one whose type is marked {@link Nullable} may be {@code null}, and no other may.
 * Stateless.
 */
final class OpenApiDocument {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private OpenApiDocument() {
    }

    static JsonNode render(RouteTable table, ObjectMapper mapper, String version) {
        ObjectNode root = mapper.createObjectNode();
        root.put("openapi", "3.1.0");
        ObjectNode info = root.putObject("info");
        info.put("title", "Reprise server API");
        info.put("version", version);
        // descriptions are CommonMark: outside a code span, <token> would be read as HTML and vanish from the page
        info.put("description", "A Reprise workspace over HTTP: flows, runs, logs, artifacts and live run events "
                + "(server-sent events). Every call but health and this document needs the header "
                + "`Authorization: Bearer <token>`. Errors are JSON: `{\"error\": \"…\", \"problems\": [...]}`. "
                + "A page of this document is at `/api/docs`.");
        root.putArray("servers").addObject().put("url", table.prefix());
        ArrayNode tags = root.putArray("tags");
        for (RouteTable.Tag tag : table.tags()) {
            tags.addObject().put("name", tag.name()).put("description", tag.description());
        }
        ObjectNode schemas = mapper.createObjectNode();
        Schemas writer = new Schemas(mapper, schemas);
        ObjectNode paths = root.putObject("paths");
        for (RouteTable.Operation op : table.operations()) {
            ObjectNode path = paths.has(op.path()) ? (ObjectNode) paths.get(op.path()) : paths.putObject(op.path());
            if (op.atRoot()) {
                // served from the server's root, not under the document's server URL (the prefix)
                path.putArray("servers").addObject().put("url", "/")
                        .put("description", "the server's root, outside " + table.prefix());
            }
            ObjectNode operation = path.putObject(op.method().toLowerCase(Locale.ROOT));
            operation.put("summary", op.summary());
            operation.put("operationId", op.id());
            operation.putArray("tags").add(op.tag());
            if (op.open()) {
                operation.putArray("security");
            }
            ArrayNode parameters = operation.putArray("parameters");
            Matcher matcher = PATH_PARAM.matcher(op.path());
            while (matcher.find()) {
                ObjectNode p = parameters.addObject();
                p.put("name", matcher.group(1));
                p.put("in", "path");
                p.put("required", true);
                p.putObject("schema").put("type", matcher.group(1).equals("attempt") ? "integer" : "string");
            }
            for (RouteTable.QueryParam q : op.query()) {
                ObjectNode p = parameters.addObject();
                p.put("name", q.name());
                p.put("in", "query");
                p.put("description", q.description());
                ObjectNode value = mapper.createObjectNode().put("type", q.type());
                if (!q.values().isEmpty()) {
                    q.values().forEach(value.putArray("enum")::add);
                }
                if (q.repeated()) {
                    // form style, exploded: the parameter once per value (state=A&state=B), as the server reads it
                    p.put("style", "form");
                    p.put("explode", true);
                    p.putObject("schema").put("type", "array").set("items", value);
                } else {
                    p.set("schema", value);
                }
            }
            if (op.kind() == RouteTable.Kind.EVENTS) {
                ObjectNode p = parameters.addObject();
                p.put("name", "Last-Event-ID");
                p.put("in", "header");
                p.put("description", "the id of the last event received, to resume after it (what an "
                        + "EventSource sends when it reconnects)");
                p.putObject("schema").put("type", "string");
            }
            if (op.body() != null) {
                ObjectNode body = operation.putObject("requestBody");
                body.put("required", true);
                ObjectNode content = body.putObject("content");
                content.putObject("application/json").set("schema", writer.schema(op.body()));
                if (op.config() != null) {
                    body.put("description", "the request as JSON, or a run configuration as YAML (Content-Type: "
                            + "application/yaml; a JSON text is YAML too), whose problems are reported at their line "
                            + "and column of the body");
                    content.putObject("application/yaml").set("schema", writer.optionalKeys(op.config()));
                }
            }
            ObjectNode responses = operation.putObject("responses");
            ObjectNode ok = responses.putObject(String.valueOf(op.status()));
            switch (op.kind()) {
                case JSON -> {
                    ok.put("description", op.response() == null ? "done" : "the answer");
                    if (op.response() != null) {
                        ok.putObject("content").putObject("application/json").set("schema", writer.schema(op.response()));
                    }
                }
                case EVENTS -> {
                    ok.put("description", streamDescription(op.events()));
                    ok.putObject("content").putObject("text/event-stream")
                            .set("schema", eventSchema(op.events(), writer, mapper));
                }
                case UPLOAD -> {
                    operation.putObject("requestBody").put("required", true).putObject("content")
                            .putObject("application/octet-stream").putObject("schema")
                            .put("type", "string").put("format", "binary");
                    ok.put("description", "the artifact as stored");
                    ok.putObject("content").putObject("application/json").set("schema", writer.schema(op.response()));
                }
                case TEXT -> {
                    ok.put("description", "the answer, as text of " + op.mediaType());
                    ok.putObject("content").putObject(op.mediaType().replaceAll(";.*", "")).putObject("schema")
                            .put("type", "string");
                }
                case BYTES -> {
                    ok.put("description", "the bytes (206 with Content-Range for a Range request)");
                    ok.putObject("content").putObject("application/octet-stream").putObject("schema")
                            .put("type", "string").put("format", "binary");
                    responses.putObject("206").put("description", "the requested range");
                    responses.putObject("416").put("description", "the range is outside the artifact");
                }
            }
            if (op.kind() == RouteTable.Kind.JSON && op.method().equals("POST") && op.path().equals("/flows")) {
                ok.put("description", "the flow was unchanged: its latest revision");
                responses.putObject("201").put("description", "a new revision was stored")
                        .putObject("content").putObject("application/json").set("schema", writer.schema(op.response()));
            }
            List<String> errors = op.open() ? List.of() : op.kind() == RouteTable.Kind.TEXT ? List.of("401")
                    : op.method().equals("GET")
                    ? List.of("400", "401", "404", "409", "413") : List.of("400", "401", "403", "404", "409", "413");
            for (String status : errors) {
                responses.putObject(status).put("description", describe(status)).putObject("content")
                        .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/ApiError");
            }
        }
        writer.schema(mapper.constructType(ApiError.class));
        ObjectNode components = root.putObject("components");
        components.set("schemas", schemas);
        ObjectNode bearer = components.putObject("securitySchemes").putObject("bearer");
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        root.putArray("security").addObject().putArray("bearer");
        return root;
    }

    private static String describe(String status) {
        return switch (status) {
            case "400" -> "bad input: the error says why, problems lists each problem";
            case "401" -> "no token, or a token that is not valid";
            case "403" -> "the token may only read";
            case "404" -> "no such flow, run, step, attempt or artifact";
            case "409" -> "the workspace is busy";
            default -> "the request body is too large";
        };
    }

    /** The answer of an event stream in words: the events it sends, and what else comes on it. */
    private static String streamDescription(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder("Server-sent events (text/event-stream), until the client closes the "
                + "connection or the stream ends. Each event has an event line naming it, a data line of JSON "
                + "(its schema is the contentSchema of its name below) and, where it can be resumed from, an id line "
                + "to send back as Last-Event-ID. Lines beginning with ':' are comments (a keep-alive while idle). "
                + "The events:");
        for (StreamEvent event : events) {
            text.append("\n- `").append(event.wireName()).append("`: ").append(event.meaning());
        }
        return text.toString();
    }

    /**
     * The schema of one event of a stream, in the shape OpenAPI 3.2 gives a sequential media type's items: one
     * of the event kinds, each an object of its name, optional id, and data as JSON text with its schema.
     */
    private static ObjectNode eventSchema(List<StreamEvent> events, Schemas writer, ObjectMapper mapper) {
        ObjectNode schema = mapper.createObjectNode();
        schema.put("description", "one event of the stream; the stream is a sequence of these");
        ArrayNode oneOf = schema.putArray("oneOf");
        for (StreamEvent event : events) {
            ObjectNode kind = oneOf.addObject();
            kind.put("title", event.wireName());
            kind.put("description", event.meaning());
            kind.put("type", "object");
            ObjectNode properties = kind.putObject("properties");
            properties.putObject("event").put("const", event.wireName());
            properties.putObject("id").put("type", "string");
            ObjectNode data = properties.putObject("data");
            data.put("type", "string");
            data.put("contentMediaType", "application/json");
            data.set("contentSchema", writer.schema(mapper.constructType(event.dataType())));
            kind.putArray("required").add("event").add("data");
        }
        return schema;
    }

    /** JSON schemas of Java types: records become named component schemas, the rest inline. */
    private static final class Schemas {
        private final ObjectMapper mapper;
        private final ObjectNode components;
        private final Map<String, Boolean> done = new TreeMap<>();

        Schemas(ObjectMapper mapper, ObjectNode components) {
            this.mapper = mapper;
            this.components = components;
        }

        ObjectNode schema(JavaType type) {
            ObjectNode node = mapper.createObjectNode();
            Class<?> raw = type.getRawClass();
            if (type.isCollectionLikeType() || type.isArrayType()) {
                node.put("type", "array");
                node.set("items", schema(type.getContentType()));
                if (Set.class.isAssignableFrom(raw)) {
                    node.put("uniqueItems", true);
                }
            } else if (type.isMapLikeType()) {
                node.put("type", "object");
                node.set("additionalProperties", schema(type.getContentType()));
            } else if (raw == String.class) {
                node.put("type", "string");
            } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
                node.put("type", "integer");
                node.put("format", raw == long.class || raw == Long.class ? "int64" : "int32");
            } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
                node.put("type", "number");
            } else if (raw == boolean.class || raw == Boolean.class) {
                node.put("type", "boolean");
            } else if (raw == Instant.class) {
                node.put("type", "string");
                node.put("format", "date-time");
            } else if (raw == Duration.class) {
                node.put("type", "string");
                node.put("description", "an ISO-8601 duration");
            } else if (raw.isEnum()) {
                node.put("$ref", enumeration(raw));
            } else if (raw.isRecord()) {
                node.put("$ref", record(raw.getSimpleName(), type));
            } else if (writtenAs(type) instanceof JavaType written && written.getRawClass().isRecord()) {
                // a type Jackson writes through a converter (a sealed type as its wire record) is described as
                // what is written, under its own name
                node.put("$ref", record(raw.getSimpleName(), written));
            } else {
                // JsonNode and other free-form values: any JSON
                node.put("description", "any JSON value");
            }
            return node;
        }

        /**
         * The schema of record {@code type} as a document a person writes gives it: each key may be left out (a
         * run configuration), and so in the records it holds.
         */
        ObjectNode optionalKeys(JavaType type) {
            ObjectNode schema = schema(type);
            withoutRequired(type);
            return schema;
        }

        private void withoutRequired(JavaType type) {
            if (type.isContainerType()) {
                withoutRequired(type.getContentType());
                return;
            }
            if (!type.getRawClass().isRecord()) {
                return;
            }
            ((ObjectNode) components.get(type.getRawClass().getSimpleName())).remove("required");
            for (RecordComponent component : type.getRawClass().getRecordComponents()) {
                withoutRequired(mapper.getTypeFactory().resolveMemberType(component.getGenericType(),
                        type.getBindings()));
            }
        }

        /**
         * Adds the schema of enum {@code raw} unless there is one (named after it, a nested one after its
         * enclosing type too: {@code ReplayScopeKind}) and answers its reference: one named type a generated
         * client shares wherever the values appear, rather than an inline list each generator names its own way.
         */
        private String enumeration(Class<?> raw) {
            String name = raw.getEnclosingClass() == null ? raw.getSimpleName()
                    : raw.getEnclosingClass().getSimpleName() + raw.getSimpleName();
            if (!done.containsKey(name)) {
                done.put(name, true);
                ObjectNode enumeration = mapper.createObjectNode();
                enumeration.put("type", "string");
                ArrayNode values = enumeration.putArray("enum");
                for (Object constant : raw.getEnumConstants()) {
                    values.add(constant.toString());
                }
                components.set(name, enumeration);
            }
            return "#/components/schemas/" + name;
        }

        /** Adds the schema of record {@code type} as {@code name} unless there is one; answers its reference. */
        private String record(String name, JavaType type) {
            if (!done.containsKey(name)) {
                done.put(name, true);
                ObjectNode record = mapper.createObjectNode();
                record.put("type", "object");
                ObjectNode properties = record.putObject("properties");
                ArrayNode required = record.putArray("required");
                for (RecordComponent component : type.getRawClass().getRecordComponents()) {
                    JavaType componentType = mapper.getTypeFactory().resolveMemberType(component.getGenericType(),
                            type.getBindings());
                    ObjectNode schema = schema(componentType);
                    properties.set(component.getName(), component.getAnnotatedType().isAnnotationPresent(Nullable.class)
                            ? orNull(schema) : schema);
                    required.add(component.getName());
                }
                record.put("additionalProperties", false);
                components.set(name, record);
            }
            return "#/components/schemas/" + name;
        }

        /** {@code schema}, or null: a type list gains "null", a reference becomes one of it or null. */
        private ObjectNode orNull(ObjectNode schema) {
            if (schema.has("$ref")) {
                ObjectNode either = mapper.createObjectNode();
                ArrayNode anyOf = either.putArray("anyOf");
                anyOf.add(schema);
                anyOf.addObject().put("type", "null");
                return either;
            }
            if (schema.has("enum")) {
                ((ArrayNode) schema.get("enum")).addNull();
            }
            if (schema.has("type")) {
                ArrayNode types = mapper.createArrayNode().add(schema.get("type").asText()).add("null");
                schema.set("type", types);
            }
            return schema; // no type: any JSON value, null included
        }

        /** The type Jackson writes in place of {@code type} through a converter; null if it has none. */
        private JavaType writtenAs(JavaType type) {
            Converter<Object, Object> converter = mapper.getSerializationConfig().introspect(type)
                    .findSerializationConverter();
            return converter == null ? null : converter.getOutputType(mapper.getTypeFactory());
        }
    }
}
