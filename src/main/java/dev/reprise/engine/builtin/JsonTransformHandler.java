package dev.reprise.engine.builtin;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code json.transform}: builds a new JSON object from parts of a JSON value (given inline or as a
 * file), each part picked with a JSON pointer (RFC 6901) and placed under a new name:
 * {@code mappings: { busiest: /groups/0/start_station, trips: /rows }}. Stateless and thread-safe.
 */
public final class JsonTransformHandler implements StepHandler<JsonTransformHandler.Inputs> {

    /** The inputs of {@code json.transform}. */
    public record Inputs(
            @StepInput(description = "The JSON value to pick from (give this or file)")
            JsonNode value,
            @StepInput(description = "A JSON file to pick from (give this or value)")
            Path file,
            @StepInput(required = true, description = "New field name -> JSON pointer into the value, e.g. total: /summary/rows")
            Map<String, String> mappings,
            @StepInput(description = "Fail when a pointer matches nothing (default true); when false the field is null")
            Boolean strict) {

        public Inputs {
            mappings = mappings == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(mappings));
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String type() {
        return "json.transform";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public String description() {
        return "Picks fields of a JSON value with JSON pointers and names them anew";
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) throws Exception {
        JsonNode source = source(inputs);
        if (inputs.mappings() == null || inputs.mappings().isEmpty()) {
            throw new IllegalArgumentException("mappings is required: new field name -> JSON pointer, e.g. total: /rows");
        }
        boolean strict = inputs.strict() == null || inputs.strict();
        ObjectNode result = MAPPER.createObjectNode();
        for (Map.Entry<String, String> mapping : inputs.mappings().entrySet()) {
            String field = mapping.getKey();
            JsonNode picked = source.at(pointer(field, mapping.getValue()));
            if (picked.isMissingNode()) {
                if (strict) {
                    throw new IllegalArgumentException("mapping '" + field + "': pointer '" + mapping.getValue()
                            + "' matches nothing in the value" + fieldsHint(source));
                }
                result.putNull(field);
                context.log().printf("%s <- %s: nothing there, null%n", field, mapping.getValue());
            } else {
                result.set(field, picked);
                context.log().printf("%s <- %s%n", field, mapping.getValue());
            }
        }
        return Map.of("result", result);
    }

    private static JsonNode source(Inputs inputs) throws IOException {
        boolean hasValue = inputs.value() != null && !inputs.value().isNull() && !inputs.value().isMissingNode();
        if (hasValue == (inputs.file() != null)) {
            throw new IllegalArgumentException("give exactly one of value (a JSON value) or file (a JSON file)");
        }
        if (hasValue) {
            return inputs.value();
        }
        try {
            return MAPPER.readTree(inputs.file().toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(inputs.file().getFileName() + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonPointer pointer(String field, String text) {
        try {
            return JsonPointer.compile(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mapping '" + field + "': '" + text
                    + "' is not a JSON pointer (it starts with /, e.g. /summary/rows or /groups/0/name)", e);
        }
    }

    private static String fieldsHint(JsonNode source) {
        if (!source.isObject()) {
            return "";
        }
        StringBuilder names = new StringBuilder();
        source.fieldNames().forEachRemaining(n -> names.append(names.isEmpty() ? "" : ", ").append('/').append(n));
        return " (its top-level fields: " + names + ")";
    }
}
